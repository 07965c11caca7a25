"""The working panel: every step of a score for the chosen pair, and a claims checker.

``WorkingPanel(context)`` (object name ``workingPanel``) shows the working of
``context.pair`` (a heatmap cell or two selected rows) for ``context.metric``,
written out by :mod:`explorer.model.working`, and the relation of the pair.
Below it the claims checker judges claims like ``D = 2.5 A`` against the
table. Both follow every change to the document live, a drag included; the
panel computes nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from explorer.model.display import shown_text
from explorer.model.table import Dimension
from explorer.model.vector_kind import pair_note
from explorer.model.working import ELIDE_ABOVE, working
from explorer.model.working_render import to_html, to_markdown, to_text
from explorer.model.working_terms import Working
from explorer.qt.batch import Pending
from explorer.qt.names import named
from explorer.qt.text import escape_html
from explorer.qt.working.claims import MARK_ROLE, ClaimsChecker
from explorer.qt.working.expression_working import ExpressionWorking
from explorer.qt.working.following import table_signals, while_alive

__all__ = ["MARK_ROLE", "ClaimsChecker", "WorkingPanel"]

#: Labels and dimension names longer than this are shortened in the working: a word wider than the
#: panel would set its smallest width (the relation wraps between words only).
LABEL_CHARS = 40


class WorkingPanel(QWidget):
    """Step-by-step working of the chosen pair, its relation, and the claims checker."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workingPanel")
        self._context = context
        self._work: Working | None = None
        self._work_key: tuple | None = None  # what the working shown was written from
        self._pair: tuple[int, int] | None = None
        self._shown_html = ""
        self._work_html = ""  # the working's rich text, written with it

        self._title = named(QLabel(), "workingTitle")
        self._title.setWordWrap(True)
        # What the two vectors are, when a model made them (sentence vectors): explorer.model.vector_kind.
        self._kind = named(QLabel(wordWrap=True), "workingKind")
        self._kind.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._browser = named(QTextBrowser(), "workingText")
        self._browser.setOpenLinks(False)
        # Break lines between words only: a number split as "1" and "5.05" reads as two numbers.
        self._browser.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self._all_terms = named(QCheckBox("Show all terms"), "showAllTerms")
        self._all_terms.setToolTip(
            f"Sums of more than {ELIDE_ABOVE} terms show the first and last ones; tick to see every term."
        )
        self._copy_text = named(QPushButton("Copy as text"), "copyWorkingText")
        self._copy_markdown = named(QPushButton("Copy as Markdown"), "copyWorkingMarkdown")
        self._relation = named(QLabel(), "relationLabel")
        self._relation.setWordWrap(True)
        self._relation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: During a burst of changes (an undo of many steps) the working is written once, at its end.
        self._pending = Pending(context.batch, self.refresh, owner=self)
        self.claims = ClaimsChecker(context)
        self.expression_working = ExpressionWorking(context, self.claims)

        buttons = QHBoxLayout()
        buttons.addWidget(self._all_terms)
        buttons.addStretch(1)
        buttons.addWidget(self._copy_text)
        buttons.addWidget(self._copy_markdown)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self._title)
        top_layout.addWidget(self._kind)
        top_layout.addWidget(self._browser, 1)
        top_layout.addWidget(self._relation)
        top_layout.addWidget(self.expression_working)
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
        self._copy_text.clicked.connect(lambda: self._copy(to_text, "text"))
        self._copy_markdown.clicked.connect(lambda: self._copy(to_markdown, "Markdown"))
        context.pair_changed.connect(self._on_pair_change)
        context.selection_changed.connect(self._on_selection_change)
        context.metric_changed.connect(self._on_document_change)
        context.document_replaced.connect(self._on_document_change)
        for signal in table_signals(context.table)[1:]:
            signal.connect(self._on_table_change)
        context.table.values_changed.connect(self._on_values_change)
        context.table.kind_changed.connect(self._on_table_change)
        self.refresh()

    # ---------------------------------------------------------------- state
    @property
    def working(self) -> Working | None:
        """The working shown, or None when there is no pair to compare."""
        return self._work

    def pair(self) -> tuple[int, int] | None:
        """The rows compared: the view state's pair (a heatmap cell, or the first two selected rows),
        else the first two rows."""
        table = self._context.table
        for pair in (self._context.pair, (0, 1)):
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
            self._set_html(
                "<p>Choose two vectors — two rows of the table, or a cell of the heatmap — "
                "to see every step of their score.</p>"
            )
            self._relation.setText("")
            self._kind.hide()
            self._set_buttons(False)
            return
        a, b = pair
        inputs = (
            table.vector(a),
            table.vector(b),
            shown_text(table.label(a), LABEL_CHARS),
            shown_text(table.label(b), LABEL_CHARS),
            [Dimension(shown_text(d.name, LABEL_CHARS), shown_text(d.unit, LABEL_CHARS)) for d in table.dimensions],
            self._context.metric,
            self._all_terms.isChecked(),
        )
        # The same two vectors, names and metric give the same working: a selection that keeps the pair,
        # or a change elsewhere in the table, writes nothing out again.
        key = (inputs[0].tobytes(), inputs[1].tobytes(), *inputs[2:4], tuple(inputs[4]), *inputs[5:])
        if key != self._work_key or self._work is None:
            self._work, self._work_key = working(*inputs), key
            self._work_html = to_html(self._work)
        selection = self._context.selection
        first_of_many = len(selection) > 2 and tuple(selection[:2]) == pair
        chosen = (
            self._context.pair == pair or sorted(selection) == sorted(pair) or len(table) == 2
        )  # two vectors make the only pair there is
        # The dock is already titled "Working": a title line only when it has something to add.
        if first_of_many:
            hint = f"Showing the first two of {len(selection):,} selected: select two rows to compare others."
        else:
            hint = "" if chosen else "Showing the first two vectors: choose a pair in the heatmap or the table."
        self._title.setText(f"<span style='color: #666;'>{hint}</span>" if hint else "")
        self._title.setVisible(bool(hint))
        self._set_html(self._work_html)
        note = pair_note(table, a, b)
        self._kind.setText(escape_html(note))
        self._kind.setVisible(bool(note))
        self._relation.setText(f"<b>Relation:</b> {escape_html(self._work.relation_text)}.")
        self._set_buttons(True)

    def _set_html(self, html: str) -> None:
        """Replace the working's text, keeping the scroll position.

        setHtml first empties the document: a shown scroll bar would hide, widen the
        text and show again, laying the text out twice (6 ms instead of 2.5 ms on each
        edit or drag step). Keeping the bar on while the text is replaced avoids that.
        The same text again (a selection or metric change that leaves the pair's
        working as it was) is not laid out again.
        """
        if html == self._shown_html:
            return
        self._shown_html = html
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

    def _copy(self, render, kind: str) -> None:
        if self._work is not None:
            QGuiApplication.clipboard().setText(render(self._work))
            work = self._work
            self._context.message.emit(f"Copied the working of {work.a_label} and {work.b_label} as {kind}.")

    def _refresh_now_or_later(self) -> None:
        if not self._pending.everything():
            self.refresh()

    def _on_pair_change(self, a: int, b: int) -> None:
        self._refresh_now_or_later()

    def _on_selection_change(self, rows: list) -> None:
        if len(rows) >= 2 or self._title.isVisibleTo(self):
            self._refresh_now_or_later()

    def _on_all_terms_change(self, checked: bool) -> None:
        self.refresh()

    def _on_document_change(self, *args) -> None:
        self._refresh_now_or_later()

    @while_alive
    def _on_values_change(self, rows, columns) -> None:
        if self._pair is None or set(self._pair) & set(rows):
            self._refresh_now_or_later()

    @while_alive
    def _on_table_change(self, *args) -> None:
        self._refresh_now_or_later()
