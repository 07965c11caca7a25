"""In the working panel: how a derived vector was made, or how a claim's sides compare, with the real numbers.

``M = (A + C) / 2 = [(3 + 3) / 2, (30 + 27) / 2] = [3, 28.5]`` for a selected
vector made from an expression; for the claim chosen in the claims list each
side written out the same way, the cosine between them and their relation.
The text comes from :mod:`explorer.model.expression_working`; this label only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from explorer.model.expression_working import claim_lines, expression_lines
from explorer.model.expressions import ExpressionError
from explorer.qt.batch import Pending
from explorer.qt.working.chosen import ChosenArithmetic
from explorer.qt.working.following import table_signals, while_alive


class ExpressionWorking(QLabel):
    """``expressionWorking``: the last chosen derived vector's or claim's arithmetic, component by component."""

    def __init__(self, context, claims: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expressionWorking")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._context = context
        self._shown: bool | None = None  # whether refresh last showed or hid the label
        self.chosen = ChosenArithmetic(context, claims, self.refresh)
        #: During a burst of changes (an undo of many steps) the working is written once, at its end.
        self._pending = Pending(context.batch, self.refresh, owner=self)
        context.document.formulas.changed.connect(self._on_table_change)
        for signal in table_signals(context.table):
            signal.connect(self._on_table_change)
        self.refresh()

    @while_alive
    def _on_table_change(self, *args) -> None:
        if not self._pending.everything():
            self.refresh()

    def refresh(self, *args) -> None:
        """Write the chosen vector's or claim's working again (the table or the formulas changed)."""
        lines = self._lines()
        text = "\n".join(lines)
        if text != self.text():  # (most changes leave it as it was: no layout again)
            self.setText(text)
        if bool(lines) != self._shown:
            self._shown = bool(lines)
            self.setVisible(self._shown)

    def _lines(self) -> list[str]:
        if self.chosen.source is None:
            return []
        kind, text = self.chosen.source
        table = self._context.table
        try:
            if kind == "claim":
                return claim_lines(text, table.labels, table.values, table.dimensions)
            formula = self._context.document.formulas.get(text)
            if formula is None or text not in table.labels:
                return []
            line = expression_lines(formula.text, table.labels, table.values)[0]
            how = "follows its inputs" if formula.follow else "frozen"
            who = f"{text} is made" if text != formula.text else "Made"
            return [f"{who} from an expression ({how}): {line}"]
        except ExpressionError:
            return []  # the claims list says why it cannot be checked
