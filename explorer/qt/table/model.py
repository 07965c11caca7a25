"""The vector table as a Qt item model: label, one column per dimension, the metadata columns, |v|.

Column 0 is the label; it also carries the vector's colour (a swatch) and its
visibility (a check box). Columns 1..D are the dimensions, headed
``name (unit)``; columns D+1..D+M are the metadata columns, text shown
left-aligned on a tinted ground under a header marked ``Aa``; the last column
is the read-only norm |v|. The model never
changes the table itself: every edit becomes a model command pushed through
the document context, and the table's own signals (before and after each
structural change) are mapped onto Qt's begin/end calls.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from explorer.model.display import shown_text
from explorer.model.edits import edit_value_command, rename_vector_command, visibility_command
from explorer.model.formats.delimited import format_value
from explorer.model.metadata_commands import set_metadata_cell
from explorer.model.similarity import norm
from explorer.model.values import InvalidValue, format_number, parse_number

_ROOT = QModelIndex()
_NORM_COLOR = QColor("#555555")
#: The ground of metadata cells (text beside the numbers), and the mark before their headers.
_TEXT_GROUND = QBrush(QColor(250, 246, 232))
TEXT_MARK = "Aa "
#: Metadata values longer than this are shortened in their cells (a line edit holds 32,767 characters).
_LONGEST_SHOWN = 1000
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_SWATCHES: dict[str, QIcon] = {}


def _swatch(color: str) -> QIcon:
    """A square of ``color`` that looks the same whether its row is selected or not."""
    icon = _SWATCHES.get(color)
    if icon is None:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(color))
        painter = QPainter(pixmap)
        painter.setPen(QColor(0, 0, 0, 90))
        painter.drawRect(0, 0, 13, 13)
        painter.end()
        icon = QIcon()
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
            icon.addPixmap(pixmap, mode)
        _SWATCHES[color] = icon
    return icon


#: A QLineEdit holds at most this many characters and cuts what it is given to it.
LINE_EDIT_LIMIT = 32767


def unchanged_by_line_edit(text: str, old: str) -> bool:
    """True when ``text`` is ``old`` as a QLineEdit cut it, untouched (a longer label, a name)."""
    return len(old) > LINE_EDIT_LIMIT and text == old[:LINE_EDIT_LIMIT]


_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_NORM_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
_VALUE_FLAGS = _NORM_FLAGS | Qt.ItemFlag.ItemIsEditable
_LABEL_FLAGS = _VALUE_FLAGS | Qt.ItemFlag.ItemIsUserCheckable


class VectorTableModel(QAbstractTableModel):
    """Adapts a :class:`~explorer.model.table.VectorTable` for ``vectorTable``."""

    LABEL_COLUMN = 0
    #: How many typed values were refused so far (the view stays on a refused cell after Enter).
    refused_edits = 0

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self._context = context
        #: |v| of each row as last shown (NaN: not yet computed), forgotten for the rows a command changes:
        #: Qt asks for the |v| cell many times per edit (painting, fitting rows), the length is computed once.
        self._norms: np.ndarray | None = None
        table = context.table
        table.values_changed.connect(self._forget_norms, first=True)
        for signal in (*table.structure_signals(), table.rows_inserting, table.rows_removing, table.rows_moving):
            signal.connect(self._forget_all_norms, first=True)
        # Qt must hear that a structural change is over (end*Rows) before any other listener
        # (the context's selection, the panels) reads or selects rows: hence first=True.
        table.rows_inserting.connect(self._on_rows_inserting)
        table.rows_inserted.connect(self._on_rows_inserted, first=True)
        table.rows_removing.connect(self._on_rows_removing)
        table.rows_removed.connect(self._on_rows_removed, first=True)
        table.rows_moving.connect(self._on_rows_moving)
        table.rows_moved.connect(self._on_rows_moved, first=True)
        table.columns_inserting.connect(self._on_columns_inserting)
        table.columns_inserted.connect(self._on_columns_inserted, first=True)
        table.columns_removing.connect(self._on_columns_removing)
        table.columns_removed.connect(self._on_columns_removed, first=True)
        context.document.formulas.changed.connect(self._on_formulas_change)
        table.values_changed.connect(self._on_values_change)
        table.labels_changed.connect(self._on_labels_change)
        table.dimensions_changed.connect(self._on_dimensions_change)
        table.styles_changed.connect(self._on_styles_change)
        table.resetting.connect(self._on_resetting)
        table.reset.connect(self._on_reset, first=True)
        metadata = table.metadata
        metadata.columns_inserting.connect(self._on_texts_inserting)
        metadata.columns_inserted.connect(self._on_columns_inserted, first=True)
        metadata.columns_removing.connect(self._on_texts_removing)
        metadata.columns_removed.connect(self._on_columns_removed, first=True)
        metadata.values_changed.connect(self._on_texts_change)
        metadata.names_changed.connect(self._on_text_names_change)

    @property
    def table(self):
        return self._context.table

    # -------------------------------------------------------------- layout
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else self.table.row_count

    def columnCount(self, parent=_ROOT) -> int:
        table = self.table
        return 0 if parent.isValid() else table.dimension_count + len(table.metadata) + 2

    @property
    def norm_column(self) -> int:
        """The column of |v| (always the last)."""
        return self.table.dimension_count + len(self.table.metadata) + 1

    def metadata_of(self, column: int) -> int | None:
        """The metadata column shown in ``column``, or None for label, dimensions and |v|."""
        m = column - self.table.dimension_count - 1
        return m if 0 <= m < len(self.table.metadata) else None

    def dimension_of(self, column: int) -> int | None:
        """The table dimension shown in ``column``, or None for label and |v|."""
        d = column - 1
        return d if 0 <= d < self.table.dimension_count else None

    def _on_formulas_change(self) -> None:
        """A vector made from an expression (or frozen, or no longer derived): its label's font and tooltip."""
        if self.table.row_count:
            roles = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole]
            self.dataChanged.emit(self.index(0, 0), self.index(self.table.row_count - 1, 0), roles)

    # ---------------------------------------------------------------- data
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        table = self.table
        if row >= table.row_count or column >= self.columnCount():
            return None
        if column == self.LABEL_COLUMN:
            if role == Qt.ItemDataRole.EditRole:
                return table.label(row)  # the editor gets every character
            if role == Qt.ItemDataRole.DisplayRole:
                return shown_text(table.label(row))
            if role == Qt.ItemDataRole.DecorationRole:
                return _swatch(table.color(row))
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if table.is_visible(row) else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                shown = "shown" if table.is_visible(row) else "hidden"
                label = shown_text(table.label(row))
                tip = f"{label}: {shown} in the plot (tick to toggle), colour {table.color(row)}"
                formula = self._context.document.formulas.get(table.label(row))
                return tip if formula is None else f"{shown_text(formula.describe(table.label(row)), 300)}\n{tip}"
            if role == Qt.ItemDataRole.FontRole and self._context.document.formulas.get(table.label(row)):
                font = QFont()
                font.setItalic(True)  # made from an expression
                return font
            return None
        dimension = self.dimension_of(column)
        text = self.metadata_of(column) if dimension is None else None
        if text is not None:
            return self._text_data(row, text, role)
        if dimension is not None:
            value = float(table.values[row, dimension])
            if role == Qt.ItemDataRole.DisplayRole:
                return format_number(value)
            if role == Qt.ItemDataRole.EditRole:
                # Text, so the editor is a line edit that reads back exactly.
                return format_value(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                title = shown_text(table.dimensions[dimension].title)
                return f"{shown_text(table.label(row))}, {title} = {format_value(value)}"
        else:  # the norm column
            if role == Qt.ItemDataRole.DisplayRole:
                return format_number(self.row_norm(row), 4)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_NORM_COLOR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"|{shown_text(table.label(row))}| = {format_value(self.row_norm(row))} (read-only)"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def row_norm(self, row: int) -> float:
        """|v| of ``row`` (what the |v| column shows), computed once until a command changes the row."""
        table = self.table
        norms = self._norms
        if norms is None or len(norms) != table.row_count:
            norms = self._norms = np.full(table.row_count, np.nan)
        value = float(norms[row])
        if value != value:  # NaN: not computed since the row last changed (a length is never NaN)
            value = norms[row] = norm(table.values[row])
        return value

    def _forget_norms(self, rows, columns=()) -> None:
        if self._norms is not None and rows:
            self._norms[[r for r in rows if r < len(self._norms)]] = np.nan

    def _forget_all_norms(self, *args) -> None:
        self._norms = None

    def _text_data(self, row: int, column: int, role):
        metadata = self.table.metadata
        if role == Qt.ItemDataRole.EditRole:
            return metadata.value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:  # a 1 MB value shortened, on one line (its editor holds it whole)
            return shown_text(metadata.value(row, column), _LONGEST_SHOWN)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return _TEXT_GROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            value = metadata.value(row, column)
            label, name = shown_text(self.table.label(row)), shown_text(metadata.names[column])
            return f"{label}, {name}: {shown_text(value, 400)}" if value else f"{label}, {name}: (empty)"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if section == self.LABEL_COLUMN:
            text, tip = "label", "The vector's name; tick to show it in the plot"
        elif section == self.norm_column:
            text, tip = "|v|", "The length of the vector, sqrt(sum of squares) (read-only)"
        elif 0 < section <= self.table.dimension_count:
            title = shown_text(self.table.dimensions[section - 1].title)
            text, tip = title, f"{title}: double-click to rename"
        elif self.metadata_of(section) is not None:
            name = shown_text(self.table.metadata.names[self.metadata_of(section)])
            text, tip = TEXT_MARK + name, f"{name}: a metadata column of text; double-click to rename"
        else:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip
        return None

    def flags(self, index):
        # Qt asks this for every cell of a selection (500,000 times for Select All on 100,000 rows):
        # the flags are built once, not combined from enums on each call.
        if not index.isValid():
            return _NO_FLAGS
        column = index.column()
        if column == self.LABEL_COLUMN:
            return _LABEL_FLAGS
        table = self._context.table
        return _NORM_FLAGS if column == table.dimension_count + len(table.metadata) + 1 else _VALUE_FLAGS

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """Turn an edit into a command; refuse bad input with a message and no undo step."""
        if not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEnabled:
            return False
        row, column = index.row(), index.column()
        table = self.table
        if column == self.LABEL_COLUMN and role == Qt.ItemDataRole.CheckStateRole:
            shown = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            return self._context.push(visibility_command(table, row, shown))
        if role != Qt.ItemDataRole.EditRole:
            return False
        if column == self.LABEL_COLUMN:
            label, old = str(value).strip(), table.label(row)
            if label == old or unchanged_by_line_edit(str(value), old):
                return False
            return self._context.push(rename_vector_command(table, row, label))
        meta = self.metadata_of(column)
        if meta is not None:
            value, old = "" if value is None else str(value), table.metadata.value(row, meta)
            if value == old or unchanged_by_line_edit(value, old):
                return False  # unchanged, or only cut by the editor (a line edit holds 32,767 characters)
            return self._context.push(set_metadata_cell(row, meta, value, table))
        dimension = self.dimension_of(column)
        if dimension is None:
            return False
        try:
            number = parse_number(str(value))
        except InvalidValue as error:
            self.refused_edits += 1
            old = format_value(table.values[row, dimension])
            self._context.message.emit(
                f"{table.label(row)}, {table.dimensions[dimension].title}: {error}; the value stays {old}."
            )
            return False
        if number == table.values[row, dimension] and np.signbit(number) == np.signbit(table.values[row, dimension]):
            return False
        return self._context.push(edit_value_command(table, row, dimension, number))

    # ------------------------------------------------- table -> Qt signals
    def _on_rows_inserting(self, start: int, count: int) -> None:
        self.beginInsertRows(_ROOT, start, start + count - 1)

    def _on_rows_inserted(self, start: int, count: int) -> None:
        self.endInsertRows()

    def _on_rows_removing(self, start: int, count: int) -> None:
        self.beginRemoveRows(_ROOT, start, start + count - 1)

    def _on_rows_removed(self, start: int, count: int) -> None:
        self.endRemoveRows()

    def _on_rows_moving(self, start: int, count: int, to: int) -> None:
        # Qt names the row *before which* the block goes, counted before the move.
        destination = to if to < start else to + count
        self.beginMoveRows(_ROOT, start, start + count - 1, _ROOT, destination)

    def _on_rows_moved(self, start: int, count: int, to: int) -> None:
        self.endMoveRows()

    def _on_columns_inserting(self, start: int, count: int) -> None:
        self.beginInsertColumns(_ROOT, start + 1, start + count)

    def _on_columns_inserted(self, start: int, count: int) -> None:
        self.endInsertColumns()

    def _on_columns_removing(self, start: int, count: int) -> None:
        self.beginRemoveColumns(_ROOT, start + 1, start + count)

    def _on_columns_removed(self, start: int, count: int) -> None:
        self.endRemoveColumns()

    def _on_texts_inserting(self, start: int, count: int) -> None:
        first = self.table.dimension_count + 1 + start
        self.beginInsertColumns(_ROOT, first, first + count - 1)

    def _on_texts_removing(self, start: int, count: int) -> None:
        first = self.table.dimension_count + 1 + start
        self.beginRemoveColumns(_ROOT, first, first + count - 1)

    def _on_texts_change(self, rows, columns) -> None:
        if rows and columns:
            first = self.table.dimension_count + 1
            roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole]
            top_left = self.index(min(rows), first + min(columns))
            self.dataChanged.emit(top_left, self.index(max(rows), first + max(columns)), roles)

    def _on_text_names_change(self, columns) -> None:
        for column in columns:
            section = self.table.dimension_count + 1 + column
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, section, section)

    def _on_resetting(self) -> None:
        self.beginResetModel()

    def _on_reset(self) -> None:
        self.endResetModel()

    def _on_values_change(self, rows, columns) -> None:
        if not rows or not columns:
            return
        top, bottom = min(rows), max(rows)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole]
        self.dataChanged.emit(self.index(top, min(columns) + 1), self.index(bottom, max(columns) + 1), roles)
        self.dataChanged.emit(self.index(top, self.norm_column), self.index(bottom, self.norm_column), roles)

    def _on_labels_change(self, rows) -> None:
        for row in rows:
            index = self.index(row, self.LABEL_COLUMN)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def _on_dimensions_change(self, columns) -> None:
        for column in columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column + 1, column + 1)

    def _on_styles_change(self, rows) -> None:
        roles = [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ToolTipRole]
        for row in rows:
            index = self.index(row, self.LABEL_COLUMN)
            self.dataChanged.emit(index, index, roles)
