"""The claims checker: an editable list of claims such as ``D = 2.5 A``, checked on every change.

Claims follow a renamed vector (and its undo). Claims about vectors the table
no longer holds (another file opened, the table replaced by token vectors) are
greyed with a note instead of an alarm, and check again when the vectors return.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from explorer.model.claims import ClaimError, check_claim, lesson_claims, named_labels, rename_labels

#: Role holding the canonical mark of a verdict (✅, ≈, ❌, ⚠ for a claim that cannot be read,
#: or ○ for a claim about vectors that are not in this table).
MARK_ROLE = Qt.ItemDataRole.UserRole + 1

_COLORS = {"✅": "#1a7f37", "≈": "#9a6700", "❌": "#cf222e", "⚠": "#cf222e", "○": "#8c959f"}
_WORDS = {"✅": "true", "≈": "approximately true", "❌": "false", "⚠": "cannot check", "○": "not here"}


def while_alive(handler):
    """Skip a model-signal handler once Qt has deleted the widget (the model outlives panels)."""

    @functools.wraps(handler)
    def wrapper(self, *args):
        if isValid(self):
            handler(self, *args)

    return wrapper


def table_signals(table):
    """The model signals after which the working and the claims are out of date."""
    return (
        table.values_changed,
        table.labels_changed,
        table.dimensions_changed,
        table.rows_inserted,
        table.rows_removed,
        table.rows_moved,
        table.columns_inserted,
        table.columns_removed,
        table.reset,
    )


class ClaimsChecker(QGroupBox):
    """An editable list of claims such as ``D = 2.5 A``, each re-checked on every change.

    Each row shows the claim (editable), its mark (✅ true, ≈ approximately
    true, ❌ false, ⚠ a claim that cannot be read) and the reason.
    """

    claims_checked = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__("Claims", parent)
        self.setObjectName("claimsChecker")
        self._context = context
        self._checking = False
        self._rows: dict[str, int] | None = None  # label -> row, rebuilt after label or row changes
        self._labels = list(context.table.labels)  # as last seen: a renamed vector's old label
        self._list = QTableWidget(0, 3, objectName="claimsTable")
        self._list.setHorizontalHeaderLabels(["Claim", "Verdict", "Why"])
        self._list.verticalHeader().setVisible(False)
        header = self._list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._list.setColumnWidth(0, QFontMetrics(self.font()).horizontalAdvance("M") * 8)
        self._list.setWordWrap(True)
        self._list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._input = QLineEdit(objectName="claimInput")
        self._input.setPlaceholderText("Add a claim, e.g. D = 2.5 A, and press Enter")
        self._add = QPushButton("Add", objectName="addClaim")
        self._remove = QPushButton("Remove", objectName="removeClaim")
        row = QHBoxLayout()
        row.addWidget(self._input, 1)
        row.addWidget(self._add)
        row.addWidget(self._remove)
        layout = QVBoxLayout(self)
        layout.addWidget(self._list, 1)
        layout.addLayout(row)

        self._input.returnPressed.connect(self._on_add)
        self._add.clicked.connect(self._on_add)
        self._remove.clicked.connect(self._on_remove)
        self._list.itemChanged.connect(self._on_item_change)
        header.sectionResized.connect(self._on_section_resize)
        context.document_replaced.connect(self._on_document_replaced)
        for signal in table_signals(context.table)[1:]:
            if signal is not context.table.labels_changed:
                signal.connect(self._on_structure_change)
        context.table.labels_changed.connect(self._on_labels_change)
        context.table.values_changed.connect(self._on_table_change)
        self.set_claims(lesson_claims(context.table.labels, context.table.dimensions))

    # ---------------------------------------------------------------- claims
    def claims(self) -> list[str]:
        """The claims as written, in order."""
        return [self._list.item(r, 0).text() for r in range(self._list.rowCount())]

    def set_claims(self, claims) -> None:
        """Show these claims (replacing the list) and check them."""
        self._checking = True
        self._list.setRowCount(0)
        for text in claims:
            self._append_row(text)
        self._checking = False
        self.check_all()

    def add_claim(self, text: str) -> None:
        """Add one claim at the end and check it."""
        self._checking = True
        self._append_row(text)
        self._checking = False
        self.check_all()

    def verdict(self, row: int) -> tuple[str, str]:
        """(mark, reason) shown for ``row``: mark is ✅, ≈, ❌ or ⚠."""
        item = self._list.item(row, 1)
        return item.data(MARK_ROLE), self._list.item(row, 2).text()

    def _append_row(self, text: str) -> None:
        row = self._list.rowCount()
        self._list.insertRow(row)
        self._list.setItem(row, 0, QTableWidgetItem(text))
        for column in (1, 2):
            item = QTableWidgetItem()
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self._list.setItem(row, column, item)

    def check_all(self) -> None:
        """Check every claim against the table as it is now."""
        table = self._context.table
        if self._rows is None:
            self._rows = {label: row for row, label in enumerate(table.labels)}
        labels, values, dimensions = self._rows, table.values, table.dimensions
        self._checking = True
        try:
            for row in range(self._list.rowCount()):
                text = self._list.item(row, 0).text()
                try:
                    result = check_claim(text, labels, values, dimensions)
                    mark, reason = result.verdict.mark, result.reason
                except ClaimError as error:
                    mark, reason = "⚠", str(error)
                    named = list(dict.fromkeys(named_labels(text, labels)))
                    if named and not any(name in labels for name in named):
                        # About another table's vectors (a file opened, the table replaced): no alarm.
                        mark, reason = "○", f"{_and(named)} {'is' if len(named) == 1 else 'are'} not in this table"
                self._show_verdict(row, mark, reason)
        finally:
            self._checking = False
        self._fit_claim_column()
        self._list.resizeRowsToContents()
        self.claims_checked.emit()

    def _fit_claim_column(self) -> None:
        """Claims on one line where they fit, within a third of the list's width."""
        metrics = QFontMetrics(self._list.font())
        widest = max([metrics.horizontalAdvance(t) for t in self.claims()] + [metrics.horizontalAdvance("M") * 6])
        limit = max(self._list.viewport().width() // 3, metrics.horizontalAdvance("M") * 8)
        self._list.setColumnWidth(0, min(widest + 16, limit))

    def _show_verdict(self, row: int, mark: str, reason: str) -> None:
        verdict_item, reason_item = self._list.item(row, 1), self._list.item(row, 2)
        shown = mark if QFontMetrics(self.font()).inFontUcs4(ord(mark)) else {"✅": "✔", "❌": "✘"}.get(mark, mark)
        verdict_item.setText(f"{shown} {_WORDS[mark]}")
        verdict_item.setData(MARK_ROLE, mark)
        verdict_item.setForeground(QColor(_COLORS[mark]))
        verdict_item.setToolTip(_WORDS[mark])
        reason_item.setText(reason)
        reason_item.setToolTip(reason)
        if mark in ("⚠", "○"):
            reason_item.setForeground(QColor(_COLORS[mark]))
        else:
            reason_item.setData(Qt.ItemDataRole.ForegroundRole, None)
        claim_item = self._list.item(row, 0)
        if mark == "○":
            claim_item.setForeground(QColor(_COLORS[mark]))
        else:
            claim_item.setData(Qt.ItemDataRole.ForegroundRole, None)

    # ---------------------------------------------------------------- events
    def _on_add(self) -> None:
        text = self._input.text().strip()
        if text:
            self.add_claim(text)
            self._input.clear()

    def _on_remove(self) -> None:
        rows = sorted({i.row() for i in self._list.selectedIndexes()}, reverse=True)
        if not rows and self._list.currentRow() >= 0:
            rows = [self._list.currentRow()]
        for row in rows:
            self._list.removeRow(row)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._list.resizeRowsToContents()  # column widths are only final once shown

    def _on_section_resize(self, *args) -> None:
        self._list.resizeRowsToContents()  # wrapped reasons reflow with the column width

    def _on_item_change(self, item: QTableWidgetItem) -> None:
        if not self._checking and item.column() == 0:
            self.check_all()

    @while_alive
    def _on_table_change(self, *args) -> None:
        self.check_all()

    @while_alive
    def _on_structure_change(self, *args) -> None:
        self._rows = None
        self._labels = list(self._context.table.labels)
        self.check_all()

    @while_alive
    def _on_labels_change(self, rows) -> None:
        """A vector renamed (or a rename undone): claims that named it follow it."""
        labels = self._context.table.labels
        before = self._labels
        renamed = {before[r]: labels[r] for r in rows if r < len(before) and r < len(labels) and before[r] != labels[r]}
        if renamed and len(before) == len(labels):
            self._checking = True
            for row in range(self._list.rowCount()):
                item = self._list.item(row, 0)
                text = rename_labels(item.text(), renamed, before)
                if text != item.text():
                    item.setText(text)
            self._checking = False
        self._on_structure_change()

    def _on_document_replaced(self) -> None:
        """Another file opened: the claims stay (greyed where they name none of its vectors),
        and the lesson's claims come back when the file holds the lesson's materials."""
        table = self._context.table
        claims = self.claims()
        self.set_claims(claims + [c for c in lesson_claims(table.labels, table.dimensions) if c not in claims])


def _and(names: list[str]) -> str:
    """A, B and C."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
