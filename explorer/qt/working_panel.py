"""The working panel: every step of a score for the chosen pair, and a claims checker.

``WorkingPanel(context)`` (object name ``workingPanel``) shows the working of
``context.pair`` (a heatmap cell or two selected rows) for ``context.metric``,
written out by :mod:`explorer.model.working`, and the relation of the pair.
Below it the claims checker judges claims like ``D = 2.5 A`` against the
table. Both follow every change to the document live, a drag included; the
panel computes nothing itself.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shiboken6 import isValid

from explorer.model.claims import ClaimError, check_claim, lesson_claims
from explorer.model.working import ELIDE_ABOVE, Working, working
from explorer.model.working_render import to_html, to_markdown, to_text

#: Role holding the canonical mark of a verdict (✅, ≈, ❌, or ⚠ for a claim that cannot be read).
MARK_ROLE = Qt.ItemDataRole.UserRole + 1

_COLORS = {"✅": "#1a7f37", "≈": "#9a6700", "❌": "#cf222e", "⚠": "#cf222e"}
_WORDS = {"✅": "true", "≈": "approximately true", "❌": "false", "⚠": "cannot check"}


def _while_alive(handler):
    """Skip a model-signal handler once Qt has deleted the widget (the model outlives panels)."""

    @functools.wraps(handler)
    def wrapper(self, *args):
        if isValid(self):
            handler(self, *args)

    return wrapper


def _table_signals(table):
    """The model signals after which the working and the claims are out of date."""
    return (
        table.values_changed, table.labels_changed, table.dimensions_changed,
        table.rows_inserted, table.rows_removed, table.rows_moved,
        table.columns_inserted, table.columns_removed, table.reset,
    )


class WorkingPanel(QWidget):
    """Step-by-step working of the chosen pair, its relation, and the claims checker."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workingPanel")
        self._context = context
        self._work: Working | None = None
        self._pair: tuple[int, int] | None = None

        self._title = QLabel(objectName="workingTitle")
        self._title.setWordWrap(True)
        self._browser = QTextBrowser(objectName="workingText")
        self._browser.setOpenLinks(False)
        # Break lines between words only: a number split as "1" and "5.05" reads as two numbers.
        self._browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self._all_terms = QCheckBox("Show all terms", objectName="showAllTerms")
        self._all_terms.setToolTip(f"Sums of more than {ELIDE_ABOVE} terms show the first and last ones; tick to see every term.")
        self._copy_text = QPushButton("Copy as text", objectName="copyWorkingText")
        self._copy_markdown = QPushButton("Copy as Markdown", objectName="copyWorkingMarkdown")
        self._relation = QLabel(objectName="relationLabel")
        self._relation.setWordWrap(True)
        self._relation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.claims = ClaimsChecker(context)

        buttons = QHBoxLayout()
        buttons.addWidget(self._all_terms)
        buttons.addStretch(1)
        buttons.addWidget(self._copy_text)
        buttons.addWidget(self._copy_markdown)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self._title)
        top_layout.addWidget(self._browser, 1)
        top_layout.addWidget(self._relation)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.claims)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._all_terms.toggled.connect(self._on_all_terms_change)
        self._copy_text.clicked.connect(lambda: self._copy(to_text))
        self._copy_markdown.clicked.connect(lambda: self._copy(to_markdown))
        context.pair_changed.connect(self._on_pair_change)
        context.selection_changed.connect(self._on_selection_change)
        context.metric_changed.connect(self._on_document_change)
        context.document_replaced.connect(self._on_document_change)
        for signal in _table_signals(context.table)[1:]:
            signal.connect(self._on_table_change)
        context.table.values_changed.connect(self._on_values_change)
        self.refresh()

    # ---------------------------------------------------------------- state
    @property
    def working(self) -> Working | None:
        """The working shown, or None when there is no pair to compare."""
        return self._work

    def pair(self) -> tuple[int, int] | None:
        """The rows compared: the context's pair, two selected rows, or the first two rows."""
        table = self._context.table
        candidates = [self._context.pair]
        if len(self._context.selection) == 2:
            candidates.append(tuple(self._context.selection))
        candidates.append((0, 1))
        for pair in candidates:
            if pair is not None and all(0 <= r < len(table) for r in pair) and (len(table) > 1 or pair[0] == pair[1]):
                return pair
        return None

    def plain_text(self) -> str:
        """The working as plain text (what "Copy as text" copies)."""
        return to_text(self._work) if self._work else self._browser.toPlainText()

    def markdown(self) -> str:
        """The working as Markdown (what "Copy as Markdown" copies)."""
        return to_markdown(self._work) if self._work else ""

    # -------------------------------------------------------------- updates
    def refresh(self) -> None:
        """Write the working of the current pair again."""
        table = self._context.table
        pair = self.pair()
        self._pair = pair
        if pair is None:
            self._work = None
            self._title.setText("")
            self._title.hide()  # the text below says what to do
            self._browser.setHtml(
                "<p>Choose two vectors — two rows of the table, or a cell of the heatmap — "
                "to see every step of their score.</p>"
            )
            self._relation.setText("")
            self._set_buttons(False)
            return
        a, b = pair
        self._work = working(
            table.vector(a), table.vector(b), table.label(a), table.label(b),
            table.dimensions, self._context.metric, self._all_terms.isChecked(),
        )
        chosen = (self._context.pair == pair or sorted(self._context.selection) == sorted(pair)
                  or len(table) == 2)  # two vectors make the only pair there is
        # The dock is already titled "Working": a title line only when it has something to add.
        self._title.setText("" if chosen else "<span style='color: #666;'>Showing the first two vectors: "
                                              "choose a pair in the heatmap or the table.</span>")
        self._title.setVisible(not chosen)
        self._set_html(to_html(self._work))
        self._relation.setText(f"<b>Relation:</b> {_escape(self._work.relation_text)}.")
        self._set_buttons(True)

    def _set_html(self, html: str) -> None:
        """Replace the working's text, keeping the scroll position.

        setHtml first empties the document: a shown scroll bar would hide, widen the
        text and show again, laying the text out twice (6 ms instead of 2.5 ms on each
        edit or drag step). Keeping the bar on while the text is replaced avoids that.
        """
        bar = self._browser.verticalScrollBar()
        scroll, shown = bar.value(), bar.isVisible()
        if shown:
            self._browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._browser.setHtml(html)
        if shown:
            self._browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        bar.setValue(scroll)

    def _set_buttons(self, enabled: bool) -> None:
        self._copy_text.setEnabled(enabled)
        self._copy_markdown.setEnabled(enabled)
        many = enabled and self._context.table.dimension_count > ELIDE_ABOVE
        self._all_terms.setEnabled(many)

    def _copy(self, render) -> None:
        if self._work is not None:
            QGuiApplication.clipboard().setText(render(self._work))

    def _on_pair_change(self, a: int, b: int) -> None:
        self.refresh()

    def _on_selection_change(self, rows: list) -> None:
        if len(rows) == 2:
            self.refresh()

    def _on_all_terms_change(self, checked: bool) -> None:
        self.refresh()

    def _on_document_change(self, *args) -> None:
        self.refresh()

    @_while_alive
    def _on_values_change(self, rows, columns) -> None:
        if self._pair is None or set(self._pair) & set(rows):
            self.refresh()

    @_while_alive
    def _on_table_change(self, *args) -> None:
        self.refresh()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
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
        for signal in _table_signals(context.table)[1:]:
            signal.connect(self._on_structure_change)
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
        if mark == "⚠":
            reason_item.setForeground(QColor(_COLORS[mark]))
        else:
            reason_item.setData(Qt.ItemDataRole.ForegroundRole, None)

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

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._list.resizeRowsToContents()  # column widths are only final once shown

    def _on_section_resize(self, *args) -> None:
        self._list.resizeRowsToContents()  # wrapped reasons reflow with the column width

    def _on_item_change(self, item: QTableWidgetItem) -> None:
        if not self._checking and item.column() == 0:
            self.check_all()

    @_while_alive
    def _on_table_change(self, *args) -> None:
        self.check_all()

    @_while_alive
    def _on_structure_change(self, *args) -> None:
        self._rows = None
        self.check_all()

    def _on_document_replaced(self) -> None:
        table = self._context.table
        self.set_claims(lesson_claims(table.labels, table.dimensions))
