"""Word vectors from files: GloVe / word2vec text, TensorBoard projector TSV, NumPy.

- GloVe text: ``word v1 v2 ... vD`` on every line. word2vec text is the same
  with a first line ``V D``, which is checked against the rest.
- TensorBoard projector: ``vectors.tsv`` (tab-separated numbers, no header)
  with ``metadata.tsv`` beside it (one label a line; a header row when it has
  several columns: the 'label' or 'word' column is used, else the first; the
  table reader keeps the others as metadata columns).
- ``.npy``: a V x D array, labels from ``metadata.tsv`` beside it when there
  is one, else ``0``, ``1``, ...; ``.npz``: ``vectors`` and optional ``words``.

Each reader returns an :class:`EmbeddingMatrix` or raises FormatError naming
the file, the line and, for a bad number, the column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from explorer.model.embeddings import EmbeddingMatrix
from explorer.model.formats.errors import FilePath, FormatError, count_text, size_text
from explorer.model.formats.fast import Progress, numeric_block
from explorer.model.formats.numpy_files import MAX_ARRAY_BYTES, SizeCheck, read_npy, read_npz
from explorer.model.formats.projector_metadata import parse_projector_metadata, read_projector_metadata
from explorer.model.formats.source import read_text
from explorer.model.text_safety import shown

_FLOAT32_MAX = float(np.finfo(np.float32).max)

#: Suffixes :func:`read_word_vectors` understands.
WORD_VECTOR_SUFFIXES = (".txt", ".vec", ".tsv", ".npy", ".npz")


def read_word_vectors(path: FilePath, metadata: FilePath | None = None) -> EmbeddingMatrix:
    """Word vectors from ``path``, the reader chosen by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".vec"):
        return read_glove_text(path)
    if suffix == ".tsv":
        return read_projector(path, metadata)
    if suffix in (".npy", ".npz"):
        return read_numpy(path, metadata)
    raise FormatError(
        path,
        None,
        None,
        f"has the unknown extension '{suffix}'; word vectors come as .txt, .vec, .tsv, .npy or .npz",
    )


def _check_numbers(
    path: Path, rows: list[list[str]], line_numbers: list[int], first_column: int, largest: float = _FLOAT32_MAX
) -> np.ndarray:
    """The rows of number strings as float64; a bad one (or one above ``largest``) raises with its line and column.

    Python and numpy read ``1_0`` as 10; here an underscore is not part of a number.
    """
    try:
        array = None if any("_" in "".join(row) for row in rows) else np.array(rows, dtype=np.float64)
    except ValueError:
        array = None
    if array is not None and np.isfinite(array).all() and (np.abs(array) <= largest).all():
        return array.reshape(len(rows), -1)
    for row, number in zip(rows, line_numbers):
        for k, text in enumerate(row):
            try:
                value = float(text) if "_" not in text else None
            except ValueError:
                value = None
            if value is None:
                raise FormatError(path, number, first_column + k, f"'{shown(text)}' is not a number")
            if not np.isfinite(value) or abs(value) > largest:
                raise FormatError(path, number, first_column + k, f"'{shown(text)}' is not a finite number")
    raise FormatError(path, None, None, "holds a value that is not a number")  # pragma: no cover


def _as_float32(path: Path, values: np.ndarray, line_numbers: list[int], first_column: int) -> np.ndarray:
    """``values`` as float32, refusing (with line and column) a number too large for it."""
    too_large = np.abs(values) > _FLOAT32_MAX
    if too_large.any():
        row, column = (int(i) for i in np.argwhere(too_large)[0])
        raise FormatError(
            path,
            line_numbers[row],
            first_column + column,
            f"{values[row, column]:g} is too large for 32-bit word vectors",
        )
    return values.astype(np.float32)


def read_glove_text(path: FilePath) -> EmbeddingMatrix:
    """GloVe (``word v1 ... vD``) or word2vec text (the same after a ``V D`` line)."""
    path = Path(path)
    words, values, numbers = parse_glove_text(read_text(path), path)
    return EmbeddingMatrix(words, _as_float32(path, values, numbers, 2), path.name)


def parse_glove_text(
    text: str, path: FilePath, progress: Progress | None = None, largest: float = _FLOAT32_MAX
) -> tuple[list[str], np.ndarray, list[int]]:
    """Words, their float64 vectors and the line of each, from GloVe or word2vec text."""
    path = Path(path)
    lines = text.splitlines()
    header = None
    header = word2vec_header(lines[0] if lines else "")
    fast = _fast_glove(lines, header, progress)
    if fast is not None:
        return fast
    words: list[str] = []
    rows: list[list[str]] = []
    numbers: list[int] = []
    width = header[1] if header else None
    width_line = 1
    for number, line in enumerate(lines, start=1):
        if header is not None and number == 1:
            continue
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 1:
            raise FormatError(path, number, None, f"holds the word '{shown(parts[0])}' and no numbers")
        if width is None:
            width, width_line = len(parts) - 1, number
        elif len(parts) - 1 != width:
            source = "the header" if header is not None else f"line {width_line}"
            raise FormatError(
                path,
                number,
                None,
                f"has {len(parts) - 1} numbers after '{shown(parts[0])}', but {source} has {width}; "
                "every word needs the same count",
            )
        words.append(parts[0])
        rows.append(parts[1:])
        numbers.append(number)
    if not words:
        raise FormatError(path, None, None, "holds no word vectors")
    if header is not None and header[0] != len(words):
        count = f"{header[0]:,}" if header[0] >= 0 else f"a {len(lines[0].split()[0]):,}-digit number of"
        raise FormatError(path, 1, None, f"announces {count} words but the file holds {len(words):,}")
    return words, _check_numbers(path, rows, numbers, 2, largest), numbers


def word2vec_header(line: str) -> tuple[int, int] | None:
    """(V, D) of a word2vec first line ``V D``, else None; V is -1 when it has too many digits to be a count."""
    parts = line.split()
    if len(parts) != 2 or not all(part.isascii() and part.isdecimal() for part in parts):
        return None
    count, width = (int(part) if len(part) <= 18 else -1 for part in parts)
    return (count, width) if width >= 0 else None


def _fast_glove(
    lines: list[str], header: tuple[int, int] | None, progress: Progress | None
) -> tuple[list[str], np.ndarray, list[int]] | None:
    """The whole file parsed in C when every line is well formed; None sends it to the careful reader."""
    numbers = [n for n, line in enumerate(lines, start=1) if (header is None or n > 1) and line.strip()]
    if not numbers or (header is not None and (header[0] != len(numbers) or header[1] < 1)):
        return None
    body = [lines[n - 1] for n in numbers]
    width = header[1] if header is not None else len(body[0].split()) - 1
    values = numeric_block(body, None, width + 1, progress)
    if values is None or width < 1:
        return None
    return [line.split(None, 1)[0] for line in body], values, numbers


def read_metadata(path: FilePath) -> list[str]:
    """Labels from a projector ``metadata.tsv`` (the 'label' or 'word' column, else the first; a header when
    several columns)."""
    path = Path(path)
    return parse_projector_metadata(read_text(path), path)[0]


def _metadata_beside(path: Path, metadata: FilePath | None) -> Path | None:
    if metadata is not None:
        return Path(metadata)
    for name in ("metadata.tsv", f"{path.stem}_metadata.tsv", f"{path.stem}.metadata.tsv"):
        candidate = path.with_name(name)
        if candidate.exists() and candidate != path:
            return candidate
    return None


def _labels_for(
    path: Path, count: int, metadata: FilePath | None, columns: list[tuple[str, list[str]]] | None = None
) -> list[str]:
    """The labels of ``count`` vectors from the metadata.tsv beside ``path`` (else 0, 1, ...); its other
    columns are added to ``columns`` when it is given."""
    meta = _metadata_beside(path, metadata)
    if meta is None:
        return [str(i) for i in range(count)]
    labels, extra = read_projector_metadata(meta, count, path.name)
    if columns is not None:
        columns.extend(extra)
    return labels


def read_projector(path: FilePath, metadata: FilePath | None = None) -> EmbeddingMatrix:
    """TensorBoard projector ``vectors.tsv`` with its ``metadata.tsv``."""
    path = Path(path)
    values, numbers = parse_projector(read_text(path), path)
    return EmbeddingMatrix(_labels_for(path, len(values), metadata), _as_float32(path, values, numbers, 1), path.name)


def parse_projector(
    text: str, path: FilePath, progress: Progress | None = None, largest: float = _FLOAT32_MAX
) -> tuple[np.ndarray, list[int]]:
    """The float64 vectors of a projector file and the line of each.

    Numbers only, no header: separated by tabs (TensorBoard's ``vectors.tsv``)
    or, when the first line has no tab, by spaces (what ``np.savetxt`` writes).
    """
    path = Path(path)
    lines = text.splitlines()
    numbers = [n for n, line in enumerate(lines, start=1) if line.strip()]
    delimiter = "\t" if numbers and "\t" in lines[numbers[0] - 1] else None
    if numbers:
        body = [lines[n - 1] for n in numbers]
        values = numeric_block(body, delimiter, len(_split(body[0], delimiter)), progress, labelled=False)
        if values is not None:
            return values, numbers
    rows: list[list[str]] = []
    numbers = []
    width = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = _split(line, delimiter)
        if width is None:
            width = len(parts)
        elif len(parts) != width:
            raise FormatError(path, number, None, f"has {len(parts)} numbers, but line {numbers[0]} has {width}")
        rows.append(parts)
        numbers.append(number)
    return _check_numbers(path, rows, numbers, 1, largest), numbers


def _split(line: str, delimiter: str | None) -> list[str]:
    return line.rstrip("\r").split("\t") if delimiter else line.split()


def _word_vector_size(path: Path) -> SizeCheck:
    """The check that refuses word vectors larger than 2 GB as stored (float32), before reading."""

    def check(rows: int, columns: int) -> None:
        size = 4 * rows * columns
        if size > MAX_ARRAY_BYTES:
            raise FormatError(
                path,
                None,
                None,
                f"holds {count_text(rows)} x {count_text(columns)} numbers ({size_text(size)} as 32-bit word vectors), "
                "more than the "
                f"{size_text(MAX_ARRAY_BYTES)} this program reads",
            )

    return check


def read_numpy(path: FilePath, metadata: FilePath | None = None) -> EmbeddingMatrix:
    """A V x D ``.npy`` array, or an ``.npz`` with ``vectors`` (and optionally ``words``), copied as float32."""
    path = Path(path)
    words, vectors = numpy_rows(path, metadata, _word_vector_size(path), np.float32)
    if not np.isfinite(vectors).all():
        row = int(np.argwhere(~np.isfinite(vectors))[0][0])
        raise FormatError(
            path, None, None, f"vector {row + 1} ('{shown(words[row])}') holds a value that is not finite"
        )
    return EmbeddingMatrix(words, vectors, path.name)


def numpy_rows(
    path: FilePath,
    metadata: FilePath | None = None,
    check: SizeCheck | None = None,
    dtype: npt.DTypeLike = np.float64,
    columns: list[tuple[str, list[str]]] | None = None,
) -> tuple[list[str], np.ndarray]:
    """The labels and the V x D numbers (a ``dtype`` copy) of an .npy or .npz file.

    ``check(rows, columns)`` refuses, from the header, an array too large to read; the
    metadata columns of a metadata.tsv beside an .npy are added to ``columns`` when it is given.
    """
    path = Path(path)
    check = check if check is not None else _word_vector_size(path)
    if path.suffix.lower() == ".npz":
        vectors, words = read_npz(path, check, dtype)
    else:
        vectors, words = read_npy(path, check, dtype), None
    if words is None:
        words = _labels_for(path, vectors.shape[0], metadata, columns)
    elif len(words) != vectors.shape[0]:
        raise FormatError(path, None, None, f"has {len(words):,} words for {vectors.shape[0]:,} vectors")
    return words, vectors
