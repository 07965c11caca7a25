"""Any file the program opens, as a :class:`VectorTable`: tables, documents and word vectors.

``.txt``, ``.tsv`` and files without a suffix are told apart by their first
line: a header of names (a CSV/TSV table), ``word v1 v2 ...`` or a word2vec
``V D`` line (GloVe / word2vec text), or numbers only (a TensorBoard
projector ``vectors.tsv``, labelled by the ``metadata.tsv`` beside it).
Word vectors become rows labelled by their words, with dimensions d1..dD.
A word that comes again is left out (the first vector of each word is kept)
and a note says how many went and where the first repeat was.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from explorer.model.formats.delimited import parse_delimited
from explorer.model.formats.errors import FormatError, read_text
from explorer.model.formats.fast import Progress
from explorer.model.table import Dimension, VectorTable

#: Suffixes :func:`read_table` understands.
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".vec", ".json", ".npy", ".npz")
_LARGEST = float(np.finfo(np.float64).max)
#: The most memory a table's values may take (float64): 2 GB, e.g. 1,000,000 x 250.
MAX_TABLE_BYTES = 2 * 10**9


def _size_text(size: float) -> str:
    """Bytes for people: '1.6 MB', '4.8 GB'."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{int(size)} bytes"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _numbered_dimensions(names: list[str]) -> bool:
    """True for header names 0, 1, 2, ... or 1, 2, 3, ... (at least three of them)."""
    if len(names) < 3 or not all(name.strip().isdigit() for name in names):
        return False
    numbers = [int(name) for name in names]
    return numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def text_kind(first_line: str) -> str:
    """``"table"`` (a header row), ``"glove"`` (word and numbers) or ``"projector"`` (numbers only)."""
    line = first_line.lstrip("\ufeff")
    if line.startswith("\t") and line.strip():
        return "table"  # an empty corner cell (pandas' index column): a word or a number is never empty
    line = line.strip()
    tabbed = "\t" in line
    parts = line.split("\t") if tabbed else line.split()
    if tabbed and _numbered_dimensions(parts[1:]) and not _is_number(parts[0]):
        return "table"  # "label<TAB>0<TAB>1<TAB>2": dimensions named by number
    if len(parts) == 2 and not tabbed and all(p.isdigit() for p in parts):
        return "glove"  # a word2vec "V D" line
    numeric = [_is_number(p) for p in parts]
    if tabbed and all(numeric):
        return "projector"
    if len(parts) >= 2 and all(numeric[1:]):
        return "glove"
    return "table"


def read_table(path, notes: list[str] | None = None, progress: Progress | None = None) -> VectorTable:
    """Read a vector table from ``path``: the reader is chosen by the suffix and, for text, the content.

    ``notes`` collects what the user should know (repeated words left out);
    ``progress(done, total)`` is called while numbers are parsed and may raise
    to cancel. Raises FormatError naming the file, line and column.
    """
    from explorer.model.formats import wordvectors
    from explorer.model.formats.document_json import read_document

    path = Path(path)
    notes = notes if notes is not None else []
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_document(path).table
    if suffix in (".npy", ".npz"):
        words, vectors = wordvectors.numpy_rows(path)
        return word_table(path, words, vectors, lambda i: (None, f"vector {i + 1}"), notes)
    if suffix not in (".csv", ".tsv", ".txt", ".vec", ""):
        raise FormatError(
            path,
            None,
            None,
            f"has the unknown extension '{suffix}'; open a .csv, .tsv, .txt, .vec, .json, .npy or .npz file",
        )
    text = read_text(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    kind = "table" if suffix == ".csv" else "glove" if suffix == ".vec" else text_kind(first)
    if kind == "glove":
        words, values, lines = wordvectors.parse_glove_text(text, path, progress, _LARGEST)
        return word_table(path, words, values, lambda i: (lines[i], None), notes)
    if kind == "projector":
        values, lines = wordvectors.parse_projector(text, path, progress, _LARGEST)
        labels = wordvectors._labels_for(path, len(values), None)
        return word_table(path, labels, values, lambda i: (lines[i], None), notes)
    return parse_delimited(text, path, "\t" if suffix == ".tsv" else None, progress)


def word_table(path: Path, words, vectors, where, notes: list[str]) -> VectorTable:
    """Rows labelled by ``words`` with dimensions d1..dD; repeats left out (with a note).

    ``where(i)`` gives (line, text) for vector ``i``, to name it in messages.
    """
    size = 8 * vectors.shape[0] * vectors.shape[1]
    if size > MAX_TABLE_BYTES:
        raise FormatError(
            path,
            None,
            None,
            f"holds {vectors.shape[0]:,} x {vectors.shape[1]} numbers ({_size_text(size)} as a table), more than "
            f"the {_size_text(MAX_TABLE_BYTES)} a document holds; save the words you need in a smaller file, "
            "or look them up in the vocabulary panel",
        )
    words = [str(w) for w in words]
    first_of: dict[str, int] = {}
    keep: list[int] = []
    repeats: list[int] = []
    for i, word in enumerate(words):
        if not word.strip():
            raise FormatError(path, where(i)[0], None, f"vector {i + 1} has an empty label; every vector needs one")
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
        who = f"{text} ('{words[keep[row]]}')" if text else f"'{words[keep[row]]}'"
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
            f"keeping the first vector of each (the first repeat: '{words[first]}' on {at}, first on {before})"
        )
    dimensions = [Dimension(f"d{k + 1}") for k in range(values.shape[1])]
    return VectorTable([words[i] for i in keep], dimensions, values)
