"""Type-to-find on the table's label column: typing jumps to a label instead of renaming it.

As ``QAbstractItemView.keyboardSearch`` does: keys typed within the platform's
keyboard input interval add up ("ki" finds "king", not the next "i"); a new
search starts below the current row; pressing one key again ("k", "k") steps to
the next label starting with it, wrapping round at the end. Qt's own search
asks the model for every row's text in Python (seconds for 400,000 labels);
this one asks the table's label index.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtWidgets import QAbstractItemView, QApplication


class TypeToFind:
    """The typed text and the jump it makes, for one table view."""

    def __init__(self, view: QAbstractItemView, context) -> None:
        self._view = view
        self._context = context
        self._typed = ""
        self._last = float("-inf")

    def search(self, text: str) -> int | None:
        """Add ``text`` to what was typed and make the next matching row current (and selected);
        returns that row, or None when no label starts with the typed text."""
        if not text:
            self._typed = ""
            return None
        now = time.monotonic()
        if now - self._last > QApplication.keyboardInputInterval() / 1000:
            self._typed = ""
        self._last = now
        new_search = not self._typed
        self._typed += text
        typed = self._typed
        same_key = len(typed) > 1 and typed == typed[0] * len(typed)
        if same_key:
            typed = typed[0]
        rows = self._context.label_index.index.starting_with(typed)
        if not len(rows):
            return None
        current = self._view.currentIndex().row()
        start = current + 1 if new_search or same_key else max(current, 0)
        position = int(np.searchsorted(rows, start))
        row = int(rows[position] if position < len(rows) else rows[0])
        self._view.setCurrentIndex(self._view.model().index(row, 0))
        return row
