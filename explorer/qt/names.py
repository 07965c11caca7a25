"""Naming Qt objects, and finding the items of table widgets, in forms the type checker can follow."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

_Object = TypeVar("_Object", bound=QObject)


def named(qobject: _Object, name: str) -> _Object:
    """``qobject`` with its ``objectName`` set: ``named(QLabel("text"), "status")``.

    PySide6 takes ``objectName=`` in any constructor, but its stubs list only each
    class's own properties, so the keyword reads as an error to mypy.
    """
    qobject.setObjectName(name)
    return qobject


def item_at(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell the code filled itself (``table.item`` says None for an empty cell)."""
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"{table.objectName() or 'the table'} has no item at row {row}, column {column}")
    return item
