"""The token table as a Qt item model: token, index, count; one row per vocabulary entry."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from explorer.model.vocabulary import Vocabulary, display_token
from explorer.qt.names import named

COLUMNS = ("token", "index", "count")
TOKEN, INDEX, COUNT = range(3)


#: The invisible root index: a flat table has rows only under it.
_ROOT = QModelIndex()


class TokenTableModel(QAbstractTableModel):
    """Read-only rows of (token, index, count) in vocabulary order; special tokens in italics.

    ``DisplayRole`` gives numbers as ints so that a sort proxy sorts them as numbers.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._vocabulary = Vocabulary()
        self._counts: dict[int, int] = {}

    # ---------------------------------------------------------------- content
    def set_vocabulary(self, vocabulary: Vocabulary, counts: dict[int, int]) -> None:
        """Show ``vocabulary`` with how often each index occurs in the text."""
        self.beginResetModel()
        self._vocabulary = vocabulary
        self._counts = dict(counts)
        self.endResetModel()

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    def count(self, index: int) -> int:
        return self._counts.get(index, 0)

    # --------------------------------------------------------------- Qt model
    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._vocabulary)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._vocabulary):
            return None
        row, column = index.row(), index.column()
        special = self._vocabulary.is_special(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TOKEN:
                return display_token(self._vocabulary.token(row))
            return row if column == INDEX else self._counts.get(row, 0)
        if role == Qt.ItemDataRole.ToolTipRole and column == TOKEN:
            token = self._vocabulary.token(row)
            what = "special token, kept apart from the text's tokens" if special else "token"
            return f"{what} {token!r}: index {row}, {self._counts.get(row, 0)} time(s) in the text"
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TOKEN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and special:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and self._counts.get(row, 0) == 0:
            return QBrush(QColor("#808080"))
        return None


def token_table_view(proxy) -> QTableView:
    """``vocabTokens``: the token table, sortable, whole rows selected, token column stretched."""
    view = named(QTableView(), "vocabTokens")
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(INDEX, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(TOKEN, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(INDEX, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
    view.setMinimumWidth(170)
    view.verticalHeader().setDefaultSectionSize(22)
    return view
