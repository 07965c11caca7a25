"""The claims checker: the document's claims such as ``D = 2.5 A``, checked on every change.

The claims belong to the document (:mod:`explorer.model.claim_list`): adding,
editing and removing one is a command, an undo step that marks the document
modified, and they are saved with it. A renamed vector is renamed in its
claims by the rename itself. Claims about vectors the table does not hold are
greyed "not here" instead of an alarm, and check again when the vectors return.
A new claim is scrolled to and flashes briefly; Copy (Ctrl+C in the list, or its
context menu) puts the claims with their verdicts on the clipboard as tab-separated lines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFontMetrics, QGuiApplication, QKeySequence
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

from explorer.model.claim_list import (
    VERDICT_WORDS,
    ClaimReader,
    ClaimReaders,
    Judgements,
    add_claim_command,
    edit_claim_command,
    remove_claims_command,
)
from explorer.model.display import shown_text
from explorer.qt.batch import Pending
from explorer.qt.names import item_at, named
from explorer.qt.working.following import table_signals, while_alive

#: Role holding the canonical mark of a verdict (✅, ≈, ❌, ⚠ for a claim that cannot be read,
#: or ○ for a claim about vectors that are not in this table).
MARK_ROLE = Qt.ItemDataRole.UserRole + 1

_COLORS = {"✅": "#1a7f37", "≈": "#9a6700", "❌": "#cf222e", "⚠": "#cf222e", "○": "#8c959f"}
_FLASH = QColor("#fff3b0")
#: Claims and reasons longer than this (characters) are shown shortened; the document keeps them whole.
SHOWN_CLAIM_CHARS = 400
#: How long a new claim's row stays highlighted (ms).
FLASH_MS = 900


class ClaimsChecker(QGroupBox):
    """The document's claims such as ``D = 2.5 A``, each re-checked on every change.

    Each row shows the claim (editable), its mark (✅ true, ≈ approximately
    true, ❌ false, ⚠ a claim that cannot be read, ○ not here) and the reason.
    """

    claims_checked = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__("Claims", parent)
        self.setObjectName("claimsChecker")
        self._context = context
        self._claims = context.document.claims
        self._checking = False
        self._rows: dict[str, int] | None = None  # label -> row, rebuilt after label or row changes
        self._reader: ClaimReader | None = None  # the claims as read against ``_rows``, found again with it
        self._reader_rows: dict[str, int] | None = None  # the ``_rows`` that ``_reader`` was found for
        self._readers = ClaimReaders()  # readers of the last few sets of labels (an undo returns to one)
        self._judgements = Judgements()  # kept across changes: what each verdict depends on is in its key
        # The table rows each claim names, rebuilt with ``_rows`` or when the claims change: an edit of
        # other rows cannot change its verdict (a claim reads only the vectors it names, and the labels).
        self._named: list[frozenset[int]] | None = None
        self._layout_stale = True  # the claims' column and rows are fitted again after the next check
        #: During a burst of changes (an undo of many steps) the claims are checked once, at its end.
        self._pending = Pending(context.batch, self.check_all, self._check_values, owner=self)
        self._flashing: list[QTableWidgetItem] = []
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._list = named(QTableWidget(0, 3), "claimsTable")
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
        self._list.installEventFilter(self)
        self._input = named(QLineEdit(), "claimInput")
        self._input.setPlaceholderText("Add a claim, e.g. D = 2.5 A, and press Enter")
        self._add = named(QPushButton("Add"), "addClaim")
        self._remove = named(QPushButton("Remove"), "removeClaim")
        #: Copy (Ctrl+C in the list, or its context menu): the claims with their verdicts, tab-separated.
        self.copy_action = named(QAction("&Copy Claims", self), "copyClaims")
        self.copy_action.setToolTip("Copy the selected claims (all when none is selected) with their verdicts")
        self.copy_action.triggered.connect(lambda checked=False: self.copy_claims())
        self._list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._list.addAction(self.copy_action)
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
        for signal in table_signals(context.table)[1:]:
            signal.connect(self._on_structure_change)
        context.table.values_changed.connect(self._on_values_change)
        self._claims.inserted.connect(self._on_claims_inserted)
        self._claims.removed.connect(self._on_claims_removed)
        self._claims.edited.connect(self._on_claim_edited)
        self._claims.reset.connect(self._on_claims_reset)
        self._on_claims_reset()

    # ---------------------------------------------------------------- claims
    def claims(self) -> list[str]:
        """The document's claims, in order, as written (a very long one is shown shortened)."""
        return list(self._claims.texts)

    def add_claim(self, text: str) -> bool:
        """Add one claim at the end (an undo step); False when refused."""
        return self._context.push(add_claim_command(self._claims, text))

    def verdict(self, row: int) -> tuple[str, str]:
        """(mark, reason) shown for ``row``: mark is ✅, ≈, ❌, ⚠ or ○."""
        item = item_at(self._list, row, 1)
        return item.data(MARK_ROLE), item_at(self._list, row, 2).text()

    def flashing_rows(self) -> list[int]:
        """Rows highlighted because they were just added."""
        return sorted({item.row() for item in self._flashing if isValid(item) and item.row() >= 0})

    def copy_claims(self) -> str:
        """Copy the selected claims (every claim when none is) as ``claim<TAB>verdict<TAB>reason`` lines."""
        rows = sorted({index.row() for index in self._list.selectedIndexes()}) or list(range(self._list.rowCount()))
        lines = []
        for row in rows:
            mark, reason = self.verdict(row)
            lines.append("\t".join((self._claims[row], VERDICT_WORDS[mark], reason)))
        text = "".join(line + "\n" for line in lines)
        QGuiApplication.clipboard().setText(text)
        n = len(rows)
        said = "Copied 1 claim with its verdict." if n == 1 else f"Copied {n} claims with their verdicts."
        self._context.message.emit(said if n else "There are no claims to copy.")
        return text

    def _new_row(self, row: int, text: str) -> None:
        self._list.insertRow(row)
        self._list.setItem(row, 0, QTableWidgetItem())
        self._show_claim(row, text)
        for column in (1, 2):
            item = QTableWidgetItem()
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self._list.setItem(row, column, item)

    def _show_claim(self, row: int, text: str) -> None:
        """Show the claim's text; one too long to edit here (a 1 MB label in it) is shown shortened, read-only."""
        item = item_at(self._list, row, 0)
        shown = shown_text(text, SHOWN_CLAIM_CHARS)
        item.setText(shown)
        editable = shown == text
        flags = item.flags()
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags & ~Qt.ItemFlag.ItemIsEditable)
        item.setToolTip("" if editable else f"{len(text):,} characters; shown shortened")

    def check_all(self) -> None:
        """Check every claim against the table as it is now."""
        self._check(range(self._list.rowCount()))

    def _check_all_now_or_later(self) -> None:
        if not self._pending.everything():
            self.check_all()

    def _check_values(self, rows, columns) -> None:
        """Check again the claims that name any of ``rows`` (their values changed)."""
        self._check(self._claims_naming(rows))

    def _check(self, rows) -> None:
        """Check the claims in ``rows`` again; lay the list out again only when a verdict changed."""
        table = self._context.table
        labels, values, dimensions = self._label_rows(), table.values, table.dimensions
        reader, judgements = self._claim_reader(), self._judgements
        judgements.use(dimensions)
        self._checking = True
        changed, widths = [], self._column_widths()
        try:
            for row in rows:
                judged = judgements.judge(self._claims[row], labels, values, reader)
                shown = item_at(self._list, row, 1).data(MARK_ROLE), item_at(self._list, row, 2).toolTip()
                if shown != (judged.mark, shown_text(judged.reason, SHOWN_CLAIM_CHARS)):
                    self._show_verdict(row, judged.mark, judged.reason)
                    changed.append(row)
        finally:
            self._checking = False
        if self._layout_stale:  # claims added, removed or rewritten: every row is fitted again
            self._layout_stale = False
            self._fit_claim_column()
            self._list.resizeRowsToContents()
        elif changed:  # new verdicts: their rows are fitted again, and every row when a column's width changed
            self._fit_claim_column()
            for row in changed:
                self._list.resizeRowToContents(row)
            if self._column_widths() != widths:
                self._list.resizeRowsToContents()
        self.claims_checked.emit()  # (an edit that changes no verdict, most edits, lays nothing out again)

    def _column_widths(self) -> list[int]:
        return [self._list.columnWidth(column) for column in range(3)]

    def _label_rows(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = {label: row for row, label in enumerate(self._context.table.labels)}
        return self._rows

    def _claim_reader(self) -> ClaimReader:
        labels = self._label_rows()
        if self._reader is None or self._reader_rows is not labels:
            self._reader, self._reader_rows = self._readers.for_labels(labels), labels
        return self._reader

    def _claims_naming(self, rows) -> list[int]:
        """The claims that name any of the table ``rows`` (the only ones an edit of those rows can change)."""
        labels, reader = self._label_rows(), self._claim_reader()
        if self._named is None:
            self._named = [
                frozenset(labels[name] for name in reader.named(text) if name in labels) for text in self._claims.texts
            ]
        edited = frozenset(rows)
        return [claim for claim, named in enumerate(self._named) if named & edited]

    def _fit_claim_column(self) -> None:
        """Claims on one line where they fit, within a third of the list's width."""
        metrics = QFontMetrics(self._list.font())
        shown = (item_at(self._list, r, 0).text() for r in range(self._list.rowCount()))
        widest = max([metrics.horizontalAdvance(t) for t in shown] + [metrics.horizontalAdvance("M") * 6])
        limit = max(self._list.viewport().width() // 3, metrics.horizontalAdvance("M") * 8)
        self._list.setColumnWidth(0, min(widest + 16, limit))

    def _show_verdict(self, row: int, mark: str, reason: str) -> None:
        verdict_item, reason_item = item_at(self._list, row, 1), item_at(self._list, row, 2)
        shown = mark if QFontMetrics(self.font()).inFontUcs4(ord(mark)) else {"✅": "✔", "❌": "✘"}.get(mark, mark)
        verdict_item.setText(f"{shown} {VERDICT_WORDS[mark]}")
        verdict_item.setData(MARK_ROLE, mark)
        verdict_item.setForeground(QColor(_COLORS[mark]))
        verdict_item.setToolTip(VERDICT_WORDS[mark])
        reason = shown_text(reason, SHOWN_CLAIM_CHARS)
        reason_item.setText(reason)
        reason_item.setToolTip(reason)
        if mark in ("⚠", "○"):
            reason_item.setForeground(QColor(_COLORS[mark]))
        else:
            reason_item.setData(Qt.ItemDataRole.ForegroundRole, None)
        claim_item = item_at(self._list, row, 0)
        if mark == "○":
            claim_item.setForeground(QColor(_COLORS[mark]))
        else:
            claim_item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _flash(self, row: int) -> None:
        """Scroll to the claim just added and highlight it for a moment."""
        self._end_flash()
        item = item_at(self._list, row, 0)
        self._list.setCurrentItem(item)
        self._list.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)
        self._flashing = [item_at(self._list, row, c) for c in range(3)]
        self._checking = True  # a colour is not an edit of the claim
        for cell in self._flashing:
            cell.setBackground(_FLASH)
        self._checking = False
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._checking, checking = True, self._checking
        for cell in self._flashing:
            if isValid(cell):
                cell.setData(Qt.ItemDataRole.BackgroundRole, None)
        self._checking = checking
        self._flashing = []

    # ---------------------------------------------------------------- events
    def _on_add(self) -> None:
        text = self._input.text().strip()
        if text and self.add_claim(text):
            self._input.clear()

    def _on_remove(self) -> None:
        rows = sorted({i.row() for i in self._list.selectedIndexes()})
        if not rows and self._list.currentRow() >= 0:
            rows = [self._list.currentRow()]
        if rows:
            self._context.push(remove_claims_command(rows, self._claims))

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self._list
            and event.type() == event.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
            and self._list.state() != QAbstractItemView.State.EditingState
        ):
            self.copy_claims()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._list.resizeRowsToContents()  # column widths are only final once shown

    def _on_section_resize(self, *args) -> None:
        self._list.resizeRowsToContents()  # wrapped claims and reasons reflow with any column's width

    def _on_item_change(self, item: QTableWidgetItem) -> None:
        if self._checking or item.column() != 0:
            return
        row, text = item.row(), item.text().strip()
        if (
            row < len(self._claims)
            and text != self._claims[row]
            and not self._context.push(edit_claim_command(self._claims, row, text))
        ):
            self._checking = True
            self._show_claim(row, self._claims[row])  # refused: the claim keeps its text
            self._checking = False

    @while_alive
    def _on_claims_inserted(self, start: int, count: int) -> None:
        self._layout_stale = True
        self._named = None
        self._checking = True
        for offset in range(count):
            self._new_row(start + offset, self._claims[start + offset])
        self._checking = False
        self._check_all_now_or_later()
        self._flash(start + count - 1)

    @while_alive
    def _on_claims_removed(self, start: int, count: int) -> None:
        self._layout_stale = True
        self._named = None
        for _ in range(count):
            self._list.removeRow(start)
        self._check_all_now_or_later()

    @while_alive
    def _on_claim_edited(self, row: int) -> None:
        self._layout_stale = True
        self._named = None
        self._checking = True
        self._show_claim(row, self._claims[row])
        self._checking = False
        self._check_all_now_or_later()

    @while_alive
    def _on_claims_reset(self) -> None:
        self._layout_stale = True
        self._named = None
        self._end_flash()
        self._checking = True
        self._list.setRowCount(0)
        for row, text in enumerate(self._claims.texts):
            self._new_row(row, text)
        self._checking = False
        self._check_all_now_or_later()

    @while_alive
    def _on_values_change(self, rows, columns) -> None:
        if not self._pending.values_of(rows, columns):
            self._check_values(rows, columns)

    @while_alive
    def _on_structure_change(self, *args) -> None:
        self._rows = self._named = None
        self._check_all_now_or_later()
