"""``historyView``: every step of the undo history, in the History tab beside the Working.

Clicking a step (or moving to it with the arrow keys) undoes or redoes every step between
the current one and it at once, as :meth:`DocumentContext.undo_to` does: the panels catch up
once, at the end, not after each step. The first row is the document as it was opened.
"""

from __future__ import annotations

from PySide6.QtWidgets import QUndoView, QWidget

#: The first row of the history: the document before any change.
START_TEXT = "The document as opened"


class HistoryView(QUndoView):
    """The undo history of ``context`` (``historyView``); a click goes to that step in one burst."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context.undo_stack, parent)
        self.setObjectName("historyView")
        self.setEmptyLabel(START_TEXT)
        self.setToolTip("Every change since the document was opened: click one to go back (or forward) to it")
        self._batch = context.batch

    # QUndoView sets the stack's index from its selection, which follows these events: each is one burst,
    # so that going back a hundred steps refreshes each panel once.
    def mousePressEvent(self, event) -> None:
        with self._batch():
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        with self._batch():
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        with self._batch():
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        with self._batch():
            super().keyPressEvent(event)
