"""Opening a user's file safely, and reading its text.

Only regular files are read. The file is opened without waiting
(``O_NONBLOCK``), so a named pipe cannot block, and its kind is checked on
the open descriptor before a byte is read: a pipe, a device (``/dev/zero``)
or a socket is refused in one sentence. Reads stop at a limit, so a file
that grows while it is read cannot take the memory.

Text is UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM. A file
with no UTF-8 in it at all is read as Windows-1252 and a note says so; a
UTF-8 file with one stray byte is refused with the line and column of the
byte, never turned silently into mojibake. Binary data is "not a text
table", naming what it looks like (a PNG image, a zip archive, a pickle...).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from explorer.model.formats.errors import FilePath, FormatError, size_text

#: Text files larger than this are refused with a message, not read.
MAX_TEXT_BYTES = 1 << 30

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _open_failure(error: OSError) -> str:
    """Why a file could not be opened, for people."""
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is longer than this system allows (255 bytes)"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of its path is not a folder)"
    if error.errno == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    if error.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot be read ({(error.strerror or str(error)).lower()})"


def _kind_of(path: Path) -> str | None:
    """'a named pipe', 'a device' or 'a socket' for such a path, else None."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), None)


def open_file(path: Path) -> tuple[BinaryIO, int]:
    """A binary stream of the regular file at ``path`` and its size; refuses anything else.

    The kind is checked on the opened descriptor (no race between a check and
    the open), and opening never waits for a named pipe's writer.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        kind = _kind_of(path)  # a socket cannot even be opened
        reason = f"is {kind}, not a file; save the data to a file and open that" if kind else _open_failure(error)
        raise FormatError(path, None, None, reason) from None
    except ValueError:  # a NUL in the name
        raise FormatError(path, None, None, "no such file (the name holds a NUL character)") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FormatError(path, None, None, "is a folder, not a file")
        for test, kind in _KINDS:
            if test(info.st_mode):
                raise FormatError(path, None, None, f"is {kind}, not a file; save the data to a file and open that")
        if not stat.S_ISREG(info.st_mode):
            raise FormatError(path, None, None, "is not a regular file; save the data to a file and open that")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """All bytes of the regular file at ``path``, refusing one larger than ``max_bytes``."""
    path = Path(path)
    stream, size = open_file(path)
    with stream:
        if size > max_bytes:
            raise FormatError(path, None, None, _too_large(size, max_bytes))
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            raise FormatError(path, None, None, f"cannot be read ({(error.strerror or str(error)).lower()})") from None
    if len(data) > max_bytes:  # it grew while it was read
        raise FormatError(path, None, None, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"is {size_text(size)}, larger than the {size_text(limit)} this reader accepts; "
        "save the vectors as .npy instead"
    )


def read_text(
    path: Path, max_bytes: int | None = None, notes: list[str] | None = None, what: str = "a text table"
) -> str:
    """The text of ``path`` (see the module's notes on encodings), or a FormatError.

    Refuses missing, unreadable, empty, binary and oversized files and
    anything but a regular file; ``notes`` gets a sentence when the encoding
    was guessed. ``what`` names the expected content in the binary refusal.
    """
    path = Path(path)
    data = read_bytes(path, MAX_TEXT_BYTES if max_bytes is None else max_bytes)
    return decode_text(data, path, notes, what)


def decode_text(
    data: bytes, path: FilePath | None = None, notes: list[str] | None = None, what: str = "a text table"
) -> str:
    """Text from ``data``: UTF-32/16 by BOM, UTF-8, or (noted) Windows-1252; refuses binary data."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            text = _decode_strictly(data, len(bom), codec, path)
            break
    else:
        text = None
    if text is None:
        if b"\x00" in data:
            raise FormatError(path, None, None, f"is not {what}: {_binary_kind(data)}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            text = _not_utf8(data, error, path, notes, what)
        else:
            if _mostly_controls(text[:65536], 0.3):
                raise FormatError(path, None, None, f"is not {what}: {_binary_kind(data)}")
    elif "\x00" in text:
        raise FormatError(path, None, None, f"is not {what}: it holds binary data")
    if not text.strip():
        raise FormatError(path, None, None, "is empty")
    return text


def _decode_strictly(data: bytes, start: int, codec: str, path: FilePath | None) -> str:
    try:
        return data[start:].decode(codec)
    except UnicodeDecodeError as error:
        name = codec[:6].upper()
        cut = error.end >= len(data) - start and error.reason in ("truncated data", "unexpected end of data")
        reason = "the last character is cut short" if cut else "a lone surrogate"
        line, column = _place(data[start : start + error.start].decode(codec))
        raise FormatError(path, line, column, f"is not valid {name} ({reason})") from None


def _place(prefix: str) -> tuple[int, int]:
    """Line and column (from 1) of the character after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


#: A well-formed UTF-8 sequence of two to four bytes.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _not_utf8(data: bytes, error: UnicodeDecodeError, path: FilePath | None, notes: list[str] | None, what: str) -> str:
    """Text that is not UTF-8: binary data, one stray byte in UTF-8, or Windows-1252."""
    sample = data[:65536]
    ascii_share = sum(sample.count(bytes([b])) for b in range(9, 127)) / len(sample)
    # Text in Windows-1252 is mostly ASCII; control characters or mostly high bytes are binary data.
    if _mostly_controls(sample.decode("latin-1"), 0.05) or ascii_share < 0.5 or _magic(data) is not None:
        raise FormatError(path, None, None, f"is not {what}: {_binary_kind(data)}")
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if _UTF8_SEQUENCE.search(data):
        line, column = _place(data[skip : error.start].decode("utf-8", "replace"))
        raise FormatError(
            path,
            line,
            column,
            f"byte 0x{data[error.start]:02X} is not UTF-8, though the rest of the file is; save the file as UTF-8",
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as latin:
        line, column = _place(data[: latin.start].decode("cp1252", "replace"))
        raise FormatError(
            path, line, column, f"byte 0x{data[latin.start]:02X} is neither UTF-8 nor Windows-1252 text"
        ) from None
    if notes is not None:
        name = Path(path).name if path is not None else "the text"
        notes.append(f"{name} is not UTF-8; it was read as Windows-1252 (Western European)")
    return text


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _mostly_controls(text: str, share: float) -> bool:
    """True when more than ``share`` of ``text`` are control characters that text files do not hold."""
    return bool(text) and len(_CONTROLS.findall(text)) > share * len(text)


_MAGIC = (
    (b"\x89PNG", "it is a PNG image"),
    (b"\xff\xd8\xff", "it is a JPEG image"),
    (b"GIF8", "it is a GIF image"),
    (b"%PDF", "it is a PDF document"),
    (b"PK\x03\x04", "it is a zip archive (a spreadsheet .xlsx or a NumPy .npz?)"),
    (b"PK\x05\x06", "it is a zip archive (a spreadsheet .xlsx or a NumPy .npz?)"),
    (b"\xd0\xcf\x11\xe0", "it is an old Office file (an .xls?); save it as CSV"),
    (b"\x93NUMPY", "it is a NumPy array; name it .npy to open it"),
    (b"\x1f\x8b", "it is compressed with gzip; uncompress it first"),
    (b"BZh", "it is compressed with bzip2; uncompress it first"),
    (b"\xfd7zXZ", "it is compressed with xz; uncompress it first"),
    (b"\x7fELF", "it is a program"),
    (b"\x89HDF", "it is an HDF5 file"),
)


def _magic(data: bytes) -> str | None:
    for prefix, kind in _MAGIC:
        if data.startswith(prefix):
            return kind
    if len(data) > 2 and data[0] == 0x80 and 2 <= data[1] <= 5:
        return "it is a Python pickle, which is never loaded"
    return None


def _binary_kind(data: bytes) -> str:
    """What binary ``data`` looks like, for the refusal."""
    return _magic(data) or "it holds binary data"
