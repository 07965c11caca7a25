"""The program's settings: one QSettings wrapper with a dict of defaults.

Everything remembered between runs (window geometry, dock layout, the
splitter, recent files) is read and written here, so the defaults live in one
place and tests can point the whole program at a temporary file.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "VectorExplorer"
APPLICATION = "Vector Explorer"

#: Every key the program stores, with the value it has before anything is saved.
DEFAULTS: dict[str, object] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "window/left_splitter": QByteArray(),
    "files/recent": [],
    "files/last_folder": "",
    # The heatmap export dialog: format, size, unit, DPI and folder of the last export.
    "export/format": "png",
    "export/width": 1200.0,
    "export/height": 1000.0,
    "export/unit": "px",
    "export/dpi": 96.0,
    "export/folder": "",
}

#: How many recent files File > Open Recent lists.
MAX_RECENT = 8


class Settings:
    """Typed access to QSettings; ``path`` gives an INI file instead of the user's settings."""

    def __init__(self, path: str | None = None):
        if path is None:
            self._qsettings = QSettings(ORGANIZATION, APPLICATION)
        else:
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def value(self, key: str):
        """The stored value of ``key``, or its default (with the default's type)."""
        default = DEFAULTS[key]
        stored = self._qsettings.value(key, default)
        if stored is None:
            return default
        if isinstance(default, list):
            if isinstance(stored, str):
                return [stored] if stored else []
            return [str(item) for item in stored] if isinstance(stored, list | tuple) else default
        if isinstance(default, QByteArray) and not isinstance(stored, QByteArray):
            return default
        if isinstance(default, float):  # an INI file gives numbers back as text
            try:
                number = float(stored) if isinstance(stored, int | float | str) else math.nan
            except (TypeError, ValueError):
                return default
            return number if number == number and abs(number) != float("inf") else default
        if isinstance(default, str) and not isinstance(stored, str):
            return default
        return stored

    def set_value(self, key: str, value) -> None:
        """Store ``value`` under ``key`` (a key of :data:`DEFAULTS`)."""
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting '{key}'")
        self._qsettings.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qsettings.sync()

    # ------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        """Recently opened or saved files, newest first."""
        return list(self.value("files/recent"))

    def add_recent_file(self, path: str) -> None:
        """Put ``path`` first in the recent files, keeping at most MAX_RECENT."""
        files = [p for p in self.recent_files() if p != path]
        self.set_value("files/recent", [path, *files][:MAX_RECENT])

    def remove_recent_file(self, path: str) -> None:
        """Forget ``path`` (it could not be opened any more)."""
        self.set_value("files/recent", [p for p in self.recent_files() if p != path])
