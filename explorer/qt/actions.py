"""Making the window's actions: one way to give an action its object name, shortcut, tip and slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from explorer.qt.names import named


def make_action(
    parent: QObject, name: str, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = ""
) -> QAction:
    """A QAction named ``name`` (its object name), calling ``slot()`` when triggered; ``tip`` is shown
    as status and tool tip; ``shortcut`` is a key text or a QKeySequence.StandardKey."""
    action = named(QAction(text, parent), name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda checked=False: slot())
    return action
