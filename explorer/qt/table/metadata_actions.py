"""Edit > Add / Remove / Rename Metadata Column, for the table view that owns them.

A metadata column is a column of text beside the dimensions (``category``:
metal, wood, ...). Each action is one command through the document context, so
one undo step; the current column of the table says which metadata column to
remove or rename (the last one when the current column is not a metadata column).
Double-clicking a metadata column's header renames it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit

from explorer.model.metadata_commands import (
    add_column_command,
    new_column_name,
    remove_column_command,
    rename_column_command,
)
from explorer.qt.names import named


class MetadataColumnActions(QObject):
    """``actionAddMetadataColumn``, ``actionRemoveMetadataColumn``, ``actionRenameMetadataColumn`` of a table view."""

    def __init__(self, view, context):
        super().__init__(view)
        self._view = view
        self._context = context
        #: Asks the user for a name (title, label, initial text); returns None when cancelled. Replaced in tests.
        self.ask_name = self._ask_name
        self.add = self._action(
            "actionAddMetadataColumn",
            "Add &Metadata Column…",
            self.add_column,
            "Add a column of text (a category, a note) after the last metadata column",
        )
        self.remove = self._action(
            "actionRemoveMetadataColumn",
            "Remove Metadata Co&lumn",
            self.remove_column,
            "Remove the metadata column of the current column (the last one otherwise)",
        )
        self.rename = self._action(
            "actionRenameMetadataColumn",
            "Rename Metadata Column…",
            self.rename_column,
            "Rename the metadata column of the current column (the last one otherwise)",
        )
        model = view.model()
        for signal in (model.modelReset, model.columnsInserted, model.columnsRemoved):
            signal.connect(lambda *_: self._update())
        self._update()

    @property
    def actions(self) -> list[QAction]:
        return [self.add, self.remove, self.rename]

    def _action(self, name: str, text: str, slot, tip: str) -> QAction:
        action = named(QAction(text, self), name)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _update(self) -> None:
        has = len(self._context.table.metadata) > 0
        self.remove.setEnabled(has)
        self.rename.setEnabled(has)

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        name, ok = QInputDialog.getText(self._view, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def current_column(self) -> int | None:
        """The metadata column of the table's current cell, else the last one (None when there is none)."""
        metadata = self._context.table.metadata
        if not len(metadata):
            return None
        index = self._view.currentIndex()
        column = self._view.table_model().metadata_of(index.column()) if index.isValid() else None
        return column if column is not None else len(metadata) - 1

    def add_column(self, name: str | None = None) -> bool:
        """Add an empty metadata column after the last one, named ``name`` (asked for when None)."""
        table = self._context.table
        if name is None:
            name = self.ask_name("Add metadata column", "Name of the new column of text:", new_column_name(table))
            if name is None:
                return False
        return self._context.push(add_column_command(table, name))

    def remove_column(self, column: int | None = None) -> bool:
        """Remove metadata column ``column`` (the current one by default); undo gives it back with its values."""
        column = self.current_column() if column is None else column
        if column is None:
            self._context.message.emit("There is no metadata column to remove.")
            return False
        return self._context.push(remove_column_command(self._context.table, column))

    def rename_column(self, column: int | None = None, name: str | None = None) -> bool:
        """Rename metadata column ``column`` (the current one by default) to ``name`` (asked for when None)."""
        column = self.current_column() if column is None else column
        if column is None:
            return False
        old = self._context.table.metadata.names[column]
        if name is None:
            name = self.ask_name("Rename metadata column", "Name:", old)
            if name is None:
                return False
        if name.strip() == old:
            return False
        return self._context.push(rename_column_command(self._context.table, column, name))
