"""One QUndoCommand adapter for every model command.

A model command applied returns its inverse; the adapter keeps whichever of
the two is due next. A drag pushes many small moves of one vector; the
adapter merges them into one undo step (``mergeWith``), keeping the first
inverse and the last command.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from explorer.model.commands import Command

#: ``id()`` of commands that merge with the previous one of the same key.
MERGE_ID = 0x5645


def undo_text(text: str) -> str:
    """``text`` for QUndoCommand.setText: the history shows it as it is, and Edit › Undo's menu entry
    with each '&' doubled, so a label such as ``R&D`` does not become a keyboard mnemonic."""
    return f"{text}\n{text.replace('&', '&&')}" if "&" in text else text


class CommandAdapter(QUndoCommand):
    """Wraps a model command so QUndoStack can redo and undo it.

    ``inverse`` given means the command has already been applied to the
    document (by :meth:`DocumentContext.push`, or live during a drag) and this
    is its inverse; the first ``redo()`` the stack makes on push then does
    nothing. Without it, that first ``redo()`` applies the command.
    ``merge_key`` (any hashable) lets consecutive commands with the same key
    collapse into one step. ``batch`` (the context's :class:`~explorer.qt.batch.RefreshBatch`) makes
    each redo and undo one burst: a step of many commands refreshes each panel once.
    """

    def __init__(
        self,
        document,
        command: Command,
        inverse: Command | None = None,
        merge_key=None,
        batch: Callable[[], AbstractContextManager[None]] | None = None,
    ):
        super().__init__()
        self.setText(undo_text(command.text))
        self._document = document
        self._command = command
        self._inverse = inverse
        self._skip_first_redo = inverse is not None
        self.merge_key = merge_key
        self._batch = batch if batch is not None else contextlib.nullcontext

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        try:
            with self._batch():
                self._inverse = self._document.apply(self._command)
        except Exception:  # noqa: BLE001 - reported below; one escaping into Qt can crash PySide6
            sys.excepthook(*sys.exc_info())

    def undo(self) -> None:
        try:
            with self._batch():
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


def history_action(stack: QUndoStack, parent, redo: bool = False) -> QAction:
    """Edit › Undo (``actionUndo``) or Redo (``actionRedo``) on ``stack``, named after the change it undoes
    or redoes ("Undo: A's mass 3 → 4"). Redo answers Ctrl+Y too, as on Windows and in spreadsheets."""
    action = _HistoryAction(stack, parent, redo)
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo if redo else QKeySequence.StandardKey.Undo)
    if redo and QKeySequence("Ctrl+Y") not in keys:
        keys.append(QKeySequence("Ctrl+Y"))
    action.setShortcuts(keys)
    return action


class _HistoryAction(QAction):
    """Undo or Redo that follows the stack (its slots go with it when the window closes)."""

    def __init__(self, stack: QUndoStack, parent, redo: bool):
        self._verb = "&Redo" if redo else "&Undo"
        super().__init__(self._verb, parent)
        self.setObjectName("actionRedo" if redo else "actionUndo")
        self._stack, self._redo = stack, redo
        self.setIconText(self._verb[1:])  # its name in lists of keys, whatever it undoes
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        self.triggered.connect(self._on_trigger)
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self._on_text_change)

    def _on_trigger(self, checked: bool = False) -> None:
        if self._redo:
            self._stack.redo()
        else:
            self._stack.undo()

    def _on_text_change(self, text: str) -> None:
        # ``text`` is the command's action text: its '&' are doubled (see undo_text).
        verb = self._verb
        self.setText(f"{verb}: {text}" if text else verb)
        tip = f"{verb[1:]}: {text.replace('&&', '&')}" if text else verb[1:]
        self.setToolTip(tip)
        self.setStatusTip(tip if text else "")
