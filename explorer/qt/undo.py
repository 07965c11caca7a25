"""One QUndoCommand adapter for every model command.

A model command applied returns its inverse; the adapter keeps whichever of
the two is due next. A drag pushes many small moves of one vector; the
adapter merges them into one undo step (``mergeWith``), keeping the first
inverse and the last command.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QUndoCommand

from explorer.model.commands import Command

#: ``id()`` of commands that merge with the previous one of the same key.
MERGE_ID = 0x5645


class CommandAdapter(QUndoCommand):
    """Wraps a model command so QUndoStack can redo and undo it.

    ``inverse`` given means the command has already been applied to the
    document (by :meth:`DocumentContext.push`, or live during a drag) and this
    is its inverse; the first ``redo()`` the stack makes on push then does
    nothing. Without it, that first ``redo()`` applies the command.
    ``merge_key`` (any hashable) lets consecutive commands with the same key
    collapse into one step.
    """

    def __init__(self, document, command: Command, inverse: Command | None = None, merge_key=None):
        super().__init__(command.text)
        self._document = document
        self._command = command
        self._inverse = inverse
        self._skip_first_redo = inverse is not None
        self.merge_key = merge_key

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            self._inverse = self._document.apply(self._command)
        except Exception:  # noqa: BLE001 - reported below; one escaping into Qt can crash PySide6
            sys.excepthook(*sys.exc_info())

    def undo(self) -> None:
        try:
            self._command = self._document.apply(self._inverse)
        except Exception:  # noqa: BLE001 - a refused command changes nothing; say so, do not crash
            sys.excepthook(*sys.exc_info())

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CommandAdapter) or other.merge_key != self.merge_key:
            return False
        # Keep our inverse (the state before the first step) and their command (the last state).
        self._command = other._command
        return True
