"""The vocabulary panel's progress bar with Cancel, shown only while work runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from explorer.qt.names import named


class ProgressRow(QWidget):
    """``vocabProgress`` and ``vocabCancel``: what runs, how far it is, and a way to stop it."""

    def __init__(self, say: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._say = say
        self.progress_bar = named(QProgressBar(), "vocabProgress")
        self.cancel_button = named(QPushButton("Cancel"), "vocabCancel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_bar, 1)
        layout.addWidget(self.cancel_button)
        self.set_busy(None)

    def set_busy(self, text: str | None, maximum: int = 0) -> None:
        """Show ``text`` on the bar (a busy bar when ``maximum`` is 0), or hide the row when None."""
        busy = text is not None
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if text is not None:
            self.progress_bar.setRange(0, maximum)
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat(text + (" %p%" if maximum else ""))
            self._say(text)

    def report(self, text: str | None, done: int, total: int) -> None:
        """A report from running work: ``text`` None means it ended."""
        if text is None:
            self.set_busy(None)
            return
        bar = self.progress_bar
        if bar.isHidden() or bar.maximum() != total or total == 0 or bar.format() != text + (" %p%" if total else ""):
            self.set_busy(text, total)
        bar.setValue(done)
