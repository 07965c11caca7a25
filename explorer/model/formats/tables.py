"""Any file the program opens: :func:`read_by_suffix` for the window and the command line.

The suffix picks the reader: ``.json`` (the program's document), ``.npy`` /
``.npz`` (NumPy), ``.csv`` (a table). ``.txt``, ``.tsv`` and files without a
suffix are told apart by their first lines: a header of names (a CSV/TSV
table), ``word v1 v2 ...`` or a word2vec ``V D`` line (GloVe / word2vec
text), or numbers only (a projector file: TensorBoard's ``vectors.tsv`` or
what ``np.savetxt`` writes, labelled by the ``metadata.tsv`` beside it, else
``0, 1, ...``). Word vectors become rows labelled by their words, with
dimensions d1..dD. A word that comes again is left out (the first vector of
each word is kept) and a note says how many went and where the first repeat was.

Whatever opens can be saved again: a label or dimension that no file could
hold (a NUL, a lone surrogate) is refused here, with where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from explorer.model.formats.delimited import parse_delimited
from explorer.model.formats.errors import FilePath, FormatError, count_text, size_text
from explorer.model.formats.fast import Progress
from explorer.model.formats.source import read_text
from explorer.model.table import Dimension, VectorTable
from explorer.model.text_safety import shown, unsaveable_character

if TYPE_CHECKING:  # imported where used: it imports this module
    from explorer.model.document import Document

#: Suffixes :func:`read_table` understands.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".vec", ".json", ".npy", ".npz")
_LARGEST = float(np.finfo(np.float64).max)
#: The most memory a table's values may take (float64): 2 GB, e.g. 1,000,000 x 250.
MAX_TABLE_BYTES = 2 * 10**9


def _is_number(text: str) -> bool:
    """True for text that looks like a number (``1_0`` too: the reader then says why it is not one)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numbered_dimensions(names: list[str]) -> bool:
    """True for header names 0, 1, 2, ... or 1, 2, 3, ... (at least three of them)."""
    if len(names) < 3 or not all(name.strip().isascii() and name.strip().isdecimal() for name in names):
        return False
    if any(len(name.strip()) > 18 for name in names):
        return False
    numbers = [int(name) for name in names]
    return numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


#: How many of the first lines decide whether numbers-only text is a projector file.
_SAMPLE_LINES = 20


def text_kind(first_line: str, following: list[str] | None = None) -> str:
    """``"table"`` (a header row), ``"glove"`` (word and numbers) or ``"projector"`` (numbers only).

    ``following`` are the next non-empty lines: numbers-only lines are a
    projector file only when they all are (a GloVe file may start with the word "1990").
    """
    from explorer.model.formats.wordvectors import word2vec_header

    line = first_line.lstrip("\ufeff")
    if line.startswith("\t") and line.strip():
        return "table"  # an empty corner cell (pandas' index column): a word or a number is never empty
    line = line.strip()
    tabbed = "\t" in line
    parts = line.split("\t") if tabbed else line.split()
    if tabbed and _numbered_dimensions(parts[1:]) and not _is_number(parts[0]):
        return "table"  # "label<TAB>0<TAB>1<TAB>2": dimensions named by number
    following = following or []
    numeric = [_is_number(p) for p in parts]
    if all(numeric):
        header = None if tabbed else word2vec_header(line)
        if header is not None and (not following or all(len(other.split()) == header[1] + 1 for other in following)):
            return "glove"  # a word2vec "V D" line, then words of D numbers
        if any(_glove_like(other) for other in following):
            return "glove"  # a GloVe file whose first word is a number ("1990")
        return "projector"
    if len(parts) >= 2 and all(numeric[1:]):
        return "glove"
    return "table"


def _glove_like(line: str) -> bool:
    """A word followed by numbers (``king 0.5 1``)."""
    parts = line.split()
    return len(parts) >= 2 and not _is_number(parts[0]) and all(_is_number(p) for p in parts[1:])


def check_table_size(path: Path, rows: int, columns: int) -> None:
    """Refuse, before reading, a table of more numbers than a document holds (2 GB as float64)."""
    size = 8 * rows * columns
    if size > MAX_TABLE_BYTES:
        raise FormatError(
            path,
            None,
            None,
            f"holds {count_text(rows)} x {count_text(columns)} numbers ({size_text(size)} as a table), more than "
            f"the {size_text(MAX_TABLE_BYTES)} a document holds; save the words you need in a smaller file, "
            "or look them up in the vocabulary panel",
        )


def check_storable(table: VectorTable, path: Path) -> None:
    """Refuse a table that could not be saved and read again: no dimensions, or a NUL or a lone surrogate
    in a label, a dimension's name or its unit, or a metadata column's name or value."""
    if table.dimension_count == 0:
        raise FormatError(path, None, None, "holds no numbers; a vector needs at least one dimension")
    if unsaveable_character("\n".join(table.labels)) is not None:  # all at once; then which one
        for number, label in enumerate(table.labels, start=1):
            bad = unsaveable_character(label)
            if bad is not None:
                raise FormatError(
                    path, None, None, f"vector {number:,}'s label holds {bad}, a character that cannot be saved"
                )
    for number, dimension in enumerate(table.dimensions, start=1):
        for part, text in (("name", dimension.name), ("unit", dimension.unit)):
            bad = unsaveable_character(text)
            if bad is not None:
                raise FormatError(
                    path, None, None, f"dimension {number:,}'s {part} holds {bad}, a character that cannot be saved"
                )
    for name, values in table.metadata.items():
        bad = unsaveable_character(name)
        if bad is not None:
            raise FormatError(
                path, None, None, f"a metadata column's name holds {bad}, a character that cannot be saved"
            )
        if unsaveable_character("\n".join(values)) is not None:
            row = next(i for i, value in enumerate(values) if unsaveable_character(value) is not None)
            raise FormatError(
                path,
                None,
                None,
                f"vector {row + 1:,}'s '{shown(name)}' holds {unsaveable_character(values[row])}, "
                "a character that cannot be saved",
            )


def read_by_suffix(path: FilePath, notes: list[str] | None = None, progress: Progress | None = None) -> Document:
    """The :class:`~explorer.model.document.Document` in ``path``, the reader chosen by its suffix.

    What File > Open and every command line subcommand read. A JSON document
    keeps its view state; any other file becomes a document of its table.
    ``notes`` collects what the user should know (repeated words left out, an
    encoding guessed); ``progress(done, total)`` is called while numbers are
    parsed and may raise to cancel. Raises FormatError naming the file, line and column.
    """
    from explorer.model.document import Document
    from explorer.model.formats.document_json import read_document

    path = Path(path)
    if path.suffix.lower() == ".json":
        document = read_document(path, notes)
    else:
        document = Document(_read_table(path, notes, progress), path=path)
    check_storable(document.table, path)
    return document


def read_table(path: FilePath, notes: list[str] | None = None, progress: Progress | None = None) -> VectorTable:
    """The vector table in ``path`` (see :func:`read_by_suffix`, which this reads through)."""
    return read_by_suffix(path, notes, progress).table


def _read_table(path: Path, notes: list[str] | None, progress: Progress | None) -> VectorTable:
    from explorer.model.formats import wordvectors

    notes = notes if notes is not None else []
    suffix = path.suffix.lower()
    if suffix in (".npy", ".npz"):
        metadata: list[tuple[str, list[str]]] = []
        words, vectors = wordvectors.numpy_rows(
            path, None, lambda rows, columns: check_table_size(path, rows, columns), columns=metadata
        )
        return word_table(path, words, vectors, lambda i: (None, f"vector {i + 1}"), notes, metadata)
    if suffix not in (".csv", ".tsv", ".txt", ".vec", ""):
        raise FormatError(
            path,
            None,
            None,
            f"has the unknown extension '{shown(suffix)}'; open a .csv, .tsv, .txt, .vec, .json, .npy or .npz file",
        )
    text = read_text(path, notes=notes)
    sample = _first_lines(text, _SAMPLE_LINES + 1)
    first = sample[0] if sample else ""
    kind = "table" if suffix == ".csv" else text_kind(first, sample[1:])
    if suffix == ".vec" and kind != "projector":
        kind = "glove"
    if kind == "glove":
        words, values, lines = wordvectors.parse_glove_text(text, path, progress, _LARGEST)
        return word_table(path, words, values, lambda i: (lines[i], None), notes)
    if kind == "projector":
        values, lines = wordvectors.parse_projector(text, path, progress, _LARGEST)
        metadata = []
        labels = wordvectors._labels_for(path, len(values), None, metadata)
        return word_table(path, labels, values, lambda i: (lines[i], None), notes, metadata)
    return parse_delimited(text, path, "\t" if suffix == ".tsv" else None, progress)


def word_table(
    path: Path,
    words: Sequence[str],
    vectors: np.ndarray,
    where: Callable[[int], tuple[int | None, str | None]],
    notes: list[str],
    metadata: Sequence[tuple[str, list[str]]] = (),
) -> VectorTable:
    """Rows labelled by ``words`` with dimensions d1..dD and the ``metadata`` columns (name, values);
    repeats left out (with a note).

    ``where(i)`` gives (line, text) for vector ``i``, to name it in messages.
    """
    check_table_size(path, *vectors.shape)
    words = [str(w) for w in words]
    first_of: dict[str, int] = {}
    keep: list[int] = []
    repeats: list[int] = []
    for i, word in enumerate(words):
        if not word.strip():
            raise FormatError(path, where(i)[0], None, f"vector {i + 1:,} has an empty label; every vector needs one")
        if word in first_of:
            repeats.append(i)
        else:
            first_of[word] = i
            keep.append(i)
    values = np.asarray(vectors if not repeats else vectors[keep], dtype=np.float64)
    bad = ~np.isfinite(values)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        line, text = where(keep[row])
        who = f"{text} ('{shown(words[keep[row]])}')" if text else f"'{shown(words[keep[row]])}'"
        raise FormatError(
            path,
            line,
            None if line is None else column + 2,
            f"{who} holds {values[row, column]}, which is not a finite number",
        )
    if repeats:
        first = repeats[0]
        line, text = where(first)
        at = f"line {line}" if line is not None else text
        earlier = where(first_of[words[first]])
        before = f"line {earlier[0]}" if earlier[0] is not None else earlier[1]
        notes.append(
            f"{path.name}: {len(repeats):,} repeated {'word was' if len(repeats) == 1 else 'words were'} left out, "
            f"keeping the first vector of each (the first repeat: '{shown(words[first])}' on {at}, first on {before})"
        )
    dimensions = [Dimension(f"d{k + 1}") for k in range(values.shape[1])]
    if repeats:
        metadata = [(name, [values_[i] for i in keep]) for name, values_ in metadata]
    return VectorTable([words[i] for i in keep], dimensions, values, metadata=metadata)


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-empty lines of ``text``, without splitting all of it."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip():
            lines.extend(part for part in line.splitlines() if part.strip())
        start = end + 1
    return lines[:count]
