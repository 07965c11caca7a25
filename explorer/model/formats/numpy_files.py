"""NumPy ``.npy`` and ``.npz`` files, read without trusting them.

- The header is read and checked first: a 2-D array of numbers (an object
  array, i.e. a pickle, is refused and never loaded), its shape within the
  caller's limit, and the data that follows as long as the header says. A
  header claiming a billion rows is refused before any memory is taken.
- An ``.npz`` is a zip archive: each member's size in the archive's directory
  must agree with its own header, so a few compressed kilobytes that would
  unpack to gigabytes are refused from the numbers alone.
- The numbers are copied, in chunks, straight into the array the caller
  keeps. Nothing is memory-mapped, so a file rewritten or truncated while the
  program runs cannot take it down (no SIGBUS).
- Words stored as bytes are decoded as UTF-8; numbers and text come out as ``str``.
"""

from __future__ import annotations

import struct
import tokenize
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from math import prod
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

import numpy as np
import numpy.typing as npt
from numpy.lib import format as npy_format

from explorer.model.formats.errors import FormatError, count_text, size_text
from explorer.model.formats.source import open_file
from explorer.model.text_safety import shown

#: Bytes read (and converted) at a time.
CHUNK_BYTES = 16 << 20
#: The most bytes any one array of an .npy or .npz may hold (the vectors, or the words).
MAX_ARRAY_BYTES = 2 * 10**9
_PICKLE = "holds Python objects (a pickle), which are never loaded; save plain numbers and text"

#: ``check(rows, columns)`` raises a FormatError when a V x D array of numbers is too large to read.
SizeCheck = Callable[[int, int], None]


@dataclass(frozen=True)
class ArrayHeader:
    """What an .npy header announces, and how many bytes it took."""

    shape: tuple[int, ...]
    fortran: bool
    dtype: np.dtype
    header_bytes: int

    @property
    def data_bytes(self) -> int:
        return prod(self.shape) * self.dtype.itemsize


def read_header(stream: IO[bytes], path: Path, member: str | None = None) -> ArrayHeader:
    """The checked header of the .npy array at the stream's position (no pickles, no negative sizes).

    ``member`` names the array inside an .npz archive, for messages.
    """
    where = "" if member is None else f"'{shown(member)}' "
    broken = f"{where}is not a NumPy file: its header is broken".strip()
    start = stream.tell()
    magic = stream.read(6)
    if magic != b"\x93NUMPY":
        if not magic and member is None:
            raise FormatError(path, None, None, "is empty")
        raise FormatError(path, None, None, f"{where}is not a NumPy file (it has no NumPy header)".strip())
    version = tuple(stream.read(2))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a header written by Python 2 is read all the same
            if version == (1, 0):
                shape, fortran, dtype = npy_format.read_array_header_1_0(stream)
            elif version in ((2, 0), (3, 0)):  # 3.0 only allows UTF-8 in field names, which are refused anyway
                shape, fortran, dtype = npy_format.read_array_header_2_0(stream)
            else:
                raise FormatError(path, None, None, broken)
    except (
        ValueError,
        TypeError,
        SyntaxError,
        RecursionError,
        MemoryError,
        OverflowError,
        EOFError,
        KeyError,
        IndexError,
        struct.error,
        tokenize.TokenError,  # numpy re-reads a header that Python 2 may have written with the tokenizer
    ):
        raise FormatError(path, None, None, broken) from None
    if any(size < 0 for size in shape):
        raise FormatError(path, None, None, broken)
    if dtype.hasobject:
        raise FormatError(path, None, None, f"{'its ' + where if where else ''}{_PICKLE}")
    return ArrayHeader(tuple(shape), bool(fortran), dtype, stream.tell() - start)


def _describe(shape: tuple[int, ...]) -> str:
    return " x ".join(count_text(n) for n in shape)


def _check_matrix(header: ArrayHeader, path: Path, where: str) -> None:
    if len(header.shape) != 2 or header.dtype.kind not in "fiu":
        raise FormatError(
            path,
            None,
            None,
            f"{where}holds a {len(header.shape)}-D {header.dtype} array, not V x D numbers".strip(),
        )


def _read_into(stream: IO[bytes], header: ArrayHeader, out: np.ndarray, path: Path, where: str) -> None:
    """Copy the array's data from ``stream`` into ``out`` (same shape), a chunk at a time."""
    dtype = header.dtype
    flat_shape = header.shape[::-1] if header.fortran else header.shape
    target = out.T if header.fortran else out
    if target.ndim == 1:
        target = target[:, None]
        flat_shape = (*flat_shape, 1)
    rows = flat_shape[0]
    row_bytes = prod(flat_shape[1:]) * dtype.itemsize
    step = max(1, CHUNK_BYTES // max(row_bytes, 1))
    for start in range(0, rows, step):
        count = min(step, rows - start)
        raw = stream.read(count * row_bytes)
        if len(raw) != count * row_bytes:
            raise FormatError(path, None, None, f"{where}changed or was cut short while it was read".strip())
        target[start : start + count] = np.frombuffer(raw, dtype).reshape(count, *flat_shape[1:])


def read_npy(path: Path, check: SizeCheck, dtype: npt.DTypeLike = np.float64) -> np.ndarray:
    """The V x D numbers of an .npy file as a new ``dtype`` array (a copy, never a memory map)."""
    path = Path(path)
    stream, size = open_file(path)
    with stream:
        header = read_header(stream, path)
        _check_matrix(header, path, "")
        check(*header.shape)
        available = size - header.header_bytes
        if available < header.data_bytes:
            raise FormatError(
                path,
                None,
                None,
                f"is cut short: its header announces {_describe(header.shape)} numbers "
                f"({size_text(header.data_bytes)}), the file holds {size_text(available)}",
            )
        out = np.empty(header.shape, dtype=dtype)
        _read_into(stream, header, out, path, "")
    return out


#: Names an .npz may give its words.
WORD_KEYS = ("words", "tokens", "labels")


def read_npz(path: Path, check: SizeCheck, dtype: npt.DTypeLike = np.float64) -> tuple[np.ndarray, list[str] | None]:
    """``vectors`` (or the only 2-D array of numbers) and the words, when stored, of an .npz archive."""
    path = Path(path)
    stream, _size = open_file(path)
    with stream:
        try:
            with zipfile.ZipFile(stream) as archive:
                return _read_archive(archive, path, check, dtype)
        except FormatError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error, KeyError):
            raise FormatError(path, None, None, "is not a readable .npz archive (the zip file is damaged)") from None
        except (NotImplementedError, RuntimeError):
            raise FormatError(
                path,
                None,
                None,
                "is not a readable .npz archive (it is encrypted or packed in a way NumPy does not use)",
            ) from None


def _read_archive(
    archive: zipfile.ZipFile, path: Path, check: SizeCheck, dtype: npt.DTypeLike
) -> tuple[np.ndarray, list[str] | None]:
    members = {info.filename[:-4]: info for info in archive.infolist() if info.filename.endswith(".npy")}
    headers: dict[str, ArrayHeader] = {}

    def header_of(name: str) -> ArrayHeader:
        if name not in headers:
            with _Member(archive, members[name], path) as member:
                headers[name] = read_header(member, path, name)
        return headers[name]

    key: str | None
    if "vectors" in members:
        key = "vectors"
    else:
        key = next(
            (n for n in members if len(header_of(n).shape) == 2 and header_of(n).dtype.kind in "fiu"),
            None,
        )
    if key is None:
        held = ", ".join(shown(info.filename, 30) for info in archive.infolist()[:6]) or "nothing"
        raise FormatError(path, None, None, f"holds no 2-D array of numbers (it holds {held})")
    header = header_of(key)
    _check_matrix(header, path, f"'{shown(key)}' ")
    check(*header.shape)
    _check_member_size(members[key], header, path, key)
    words_key = next((n for n in WORD_KEYS if n in members), None)
    words_header = header_of(words_key) if words_key is not None else None
    if words_key is not None and words_header is not None:
        _check_words(words_header, path, words_key)
        _check_member_size(members[words_key], words_header, path, words_key)
    vectors = np.empty(header.shape, dtype=dtype)
    with _Member(archive, members[key], path) as member:
        read_header(member, path, key)
        _read_into(member, header, vectors, path, f"'{shown(key)}' ")
    words = None
    if words_key is not None and words_header is not None:
        raw = np.empty(words_header.shape, dtype=words_header.dtype)
        with _Member(archive, members[words_key], path) as member:
            read_header(member, path, words_key)
            _read_into(member, words_header, raw, path, f"'{words_key}' ")
        words = _decode_words(raw.reshape(-1), path, words_key)
    return vectors, words


class _Member:
    """A zip member opened for reading; damage found while reading becomes one sentence."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path):
        self.archive, self.info, self.path = archive, info, path
        self.name = shown(info.filename[:-4])

    def __enter__(self) -> IO[bytes]:
        self.stream = self.archive.open(self.info)
        return self.stream

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> Literal[False]:
        self.stream.close()
        if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
            raise FormatError(self.path, None, None, f"is damaged: '{self.name}' fails its checksum") from None
        if isinstance(error, (zipfile.BadZipFile, zlib.error, EOFError)):
            raise FormatError(self.path, None, None, f"is damaged: '{self.name}' cannot be unpacked") from None
        return False


def _check_member_size(info: zipfile.ZipInfo, header: ArrayHeader, path: Path, name: str) -> None:
    """The archive's directory and the member's own header must agree on its size (np.save writes exactly it)."""
    expected = header.header_bytes + header.data_bytes
    if not expected <= info.file_size <= expected + 4096:
        raise FormatError(
            path,
            None,
            None,
            f"is damaged: the archive gives '{shown(name)}' {size_text(info.file_size)}, "
            f"its own header {size_text(expected)}",
        )


def _check_words(header: ArrayHeader, path: Path, name: str) -> None:
    if header.dtype.kind not in "USiu":
        raise FormatError(path, None, None, f"'{name}' holds {header.dtype} values, not words")
    if header.data_bytes > MAX_ARRAY_BYTES:
        count = count_text(prod(header.shape))
        unit = "characters" if header.dtype.kind == "U" else "bytes"
        longest = header.dtype.itemsize // (4 if header.dtype.kind == "U" else 1)
        raise FormatError(
            path,
            None,
            None,
            f"'{name}' announces {count} words of up to {count_text(longest)} {unit} ({size_text(header.data_bytes)}), "
            f"more than the {size_text(MAX_ARRAY_BYTES)} a document holds",
        )


def _decode_words(raw: np.ndarray, path: Path, name: str) -> list[str]:
    if raw.dtype.kind != "S":
        return [str(word) for word in raw.tolist()]
    words = []
    for number, word in enumerate(raw.tolist(), start=1):
        try:
            words.append(word.decode("utf-8"))
        except UnicodeDecodeError:
            raise FormatError(path, None, None, f"word {number:,} in '{name}' is not UTF-8 text") from None
    return words
