"""Adding, removing and renaming dimensions in the window, and the dialog that names one (``dimensionDialog``).

It asks for a name and a unit. A name typed as ``density (kg/l)`` is read the
way a CSV header or a pasted header is (one model function,
:func:`explorer.model.table.dimension_from_title`): name ``density``, unit
``kg/l``, unless a unit of its own was typed in the unit field. The line below
the fields shows the column's header as it will read.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from explorer.model.display import shown_text
from explorer.model.edits import (
    new_dimension_command,
    remove_dimension_command,
    rename_dimension_command,
    suggested_dimension,
)
from explorer.model.table import Dimension, TableError, dimension_from_title
from explorer.qt.names import named
from explorer.qt.table.model import unchanged_by_line_edit


class DimensionDialog(QDialog):
    """Asks for a dimension's name and unit (``dimensionName``, ``dimensionUnit``); ``adding`` titles it
    "Add dimension" rather than "Rename dimension"."""

    def __init__(self, dimension: Dimension, parent=None, adding: bool = False):
        super().__init__(parent)
        self.setObjectName("dimensionDialog")
        self.setWindowTitle("Add dimension" if adding else "Rename dimension")
        self._original = dimension
        self.name = named(QLineEdit(dimension.name), "dimensionName")
        self.name.setToolTip("The dimension's name; 'density (kg/l)' gives the name density and the unit kg/l")
        self.name.selectAll()
        self.unit = named(QLineEdit(dimension.unit), "dimensionUnit")
        self.unit.setPlaceholderText("optional, e.g. kg")
        self.preview = named(QLabel(textFormat=Qt.TextFormat.PlainText), "dimensionPreview")
        self.preview.setToolTip("The column's header as it will read")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name:", self.name)
        form.addRow("Unit:", self.unit)
        form.addRow("Header:", self.preview)
        form.addRow(self.buttons)
        self.setMinimumWidth(360)  # room for 'density (kg/l)' and more
        self.name.textChanged.connect(self._show_preview)
        self.unit.textChanged.connect(self._show_preview)
        self._show_preview()

    def dimension(self) -> Dimension:
        """The name and unit typed (a name or unit longer than a line edit holds, left alone, stays whole).

        A name ending in ``(unit)`` gives the unit, unless another unit was typed in the unit field.
        """
        name, unit = self.name.text(), self.unit.text()
        name = self._original.name if unchanged_by_line_edit(name, self._original.name) else name.strip()
        unit = self._original.unit if unchanged_by_line_edit(unit, self._original.unit) else unit.strip()
        if unit == self._original.unit or not unit:  # the unit field was left as it was, or empty
            parsed = dimension_from_title(name)
            if parsed.unit:
                return parsed
        return Dimension(name, unit)

    def _show_preview(self) -> None:
        dimension = self.dimension()
        ok = bool(dimension.name)
        self.preview.setText(shown_text(dimension.title) if ok else "a dimension needs a name")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class DimensionEdits(QObject):
    """Edit › Add, Remove and Rename Dimension for one window (owned by it): asks, builds the command
    (:mod:`explorer.model.edits`, which names it for Undo), pushes it, or says why not."""

    def __init__(self, context, table_view, parent: QWidget):
        super().__init__(parent)
        self._context = context
        self._view = table_view
        self._widget = parent

    def current(self) -> int | None:
        """The dimension of the table's current column (None on the label or |v| column)."""
        column = self._view.currentIndex().column()
        return self._view.table_model().dimension_of(column) if column >= 0 else None

    # ------------------------------------------------- questions (replaced in tests)
    def ask(self, dimension: Dimension, adding: bool) -> Dimension | None:
        """The name and unit the user gives (``dimensionDialog``), or None when cancelled."""
        dialog = DimensionDialog(dimension, self._widget, adding=adding)
        try:
            return dialog.dimension() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # --------------------------------------------------------------- edits
    def add(self, dimension: Dimension | None = None) -> bool:
        """Append a dimension of zeros; asks for its name and unit (offering dimN) unless ``dimension`` is given."""
        table = self._context.table
        if dimension is None:
            dimension = self.ask(suggested_dimension(table), adding=True)
            if dimension is None:
                return False
        return self._push(lambda: new_dimension_command(table, dimension), "Add dimension")

    def remove(self) -> bool:
        """Remove the current column's dimension (the last one when no dimension column is current)."""
        try:
            command = remove_dimension_command(self._context.table, self.current())
        except TableError as error:
            self._context.message.emit(str(error))
            return False
        return self._context.push(command)

    def rename(self, column: int | None = None, dimension: Dimension | None = None) -> bool:
        """Rename ``column`` (the current one by default); asks for name and unit unless ``dimension`` is given."""
        table = self._context.table
        if column is None:
            column = self.current()
            if column is None:
                column = 0
        if not 0 <= column < table.dimension_count:
            return False
        if dimension is None:
            dimension = self.ask(table.dimensions[column], adding=False)
            if dimension is None:
                return False
        if dimension == table.dimensions[column]:
            return False
        return self._push(lambda: rename_dimension_command(table, column, dimension), "Rename dimension")

    def _push(self, build, what: str) -> bool:
        try:
            command = build()
        except TableError as error:
            self._context.message.emit(f"{what} refused: {error}; nothing was changed.")
            return False
        return self._context.push(command)
