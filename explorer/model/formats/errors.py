"""The one error every reader raises, and reading a file's text safely."""

from __future__ import annotations

from pathlib import Path

#: Text files larger than this are refused with a message, not read.
MAX_TEXT_BYTES = 1 << 30


class FormatError(ValueError):
    """A file that cannot be read, with where and why.

    ``str(error)`` is one sentence: ``data.csv, line 3, column 2: 'abc' is not a number``.
    """

    def __init__(self, path, line: int | None, column: int | None, message: str):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        where = [self.path.name if self.path is not None else "the text"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


def read_text(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """The text of ``path``: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Refuses missing, unreadable, empty, binary and oversized files with a FormatError.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FormatError(path, None, None, "no such file") from None
    except OSError as error:
        raise FormatError(path, None, None, f"cannot be read ({error.strerror})") from None
    if path.is_dir():
        raise FormatError(path, None, None, "is a folder, not a file")
    if size > max_bytes:
        raise FormatError(
            path,
            None,
            None,
            f"is {size / 2**30:.1f} GB, larger than the {max_bytes / 2**30:.0f} GB this reader "
            "accepts; save the vectors as .npy instead",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FormatError(path, None, None, f"cannot be read ({error.strerror})") from None
    if not data.strip():
        raise FormatError(path, None, None, "is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise FormatError(path, None, None, "is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
