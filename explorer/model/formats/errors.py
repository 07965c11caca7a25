"""The one error every reader raises: a sentence that says where and why."""

from __future__ import annotations

import os
from pathlib import Path

from explorer.model.text_safety import shown

#: A file's name as callers give it: a str or a Path.
FilePath = str | os.PathLike[str]


class FormatError(ValueError):
    """A file that cannot be read, with where and why.

    ``str(error)`` is one sentence: ``data.csv, line 3, column 2: 'abc' is not a number``.
    A file name too long for one line is shortened in the middle.
    """

    def __init__(self, path: FilePath | None, line: int | None, column: int | None, message: str):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.message = message
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        where = [shown(self.path.name, 60) if self.path is not None else "the text"]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


def size_text(size: float) -> str:
    """Bytes for people: '800 bytes', '4 kB', '1.6 MB', '400 GB'."""
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{int(size)} bytes"


def count_text(count: int) -> str:
    """A count for people: '1,000,000,000', or '1e+30' when it has more digits than anyone reads."""
    return f"{count:,}" if count < 10**15 else f"{count:.0e}"
