"""Under the vector table: a new vector from an expression, and the formula of the selected one.

It sits under the table because an expression is written in the table's
labels (they are in view while typing) and its result is a new row of the
table, which appears just above the field and is selected; the plot then
draws how it was made. Enter (or Edit › New Vector from Expression, Ctrl+Shift+E)
adds the vector in one undo step; a malformed expression stays in the field
with the sentence that says where and why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from explorer.model import change_names
from explorer.model.derived import Formula, SetFormula, new_from_expression
from explorer.model.expressions import ExpressionError
from explorer.qt.names import named

_ERROR_STYLE = "color: #cf222e;"


class ExpressionBar(QWidget):
    """``expressionInput`` and ``actionNewFromExpression``; the selected derived vector's formula and follow box."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("expressionBar")
        self._context = context
        self.input = named(QLineEdit(), "expressionInput")
        self.input.setPlaceholderText("New vector = expression, e.g. (A + C) / 2, and press Enter")
        self.input.setToolTip(
            "An expression over the table's vectors: labels, numbers, + − * /, brackets; 2.5 A is 2.5 × A.\n"
            'Quote labels with spaces or symbols: "new york" - usa + france. Enter adds the result as a new vector.'
        )
        self.input.setClearButtonEnabled(True)
        self.follow = named(QCheckBox("Follow"), "expressionFollow")
        self.follow.setChecked(True)
        self.follow.setToolTip(
            "Checked: the new vector is recomputed whenever its inputs change, like a spreadsheet formula.\n"
            "Unchecked: it keeps the numbers it has now (frozen)."
        )
        self.action = named(QAction("New Vector from &Expression", self), "actionNewFromExpression")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.setStatusTip("Add the vector an expression such as (A + C) / 2 computes (Ctrl+Shift+E)")
        self.action.setToolTip(self.action.statusTip())
        self.action.triggered.connect(self.add_from_input)
        add = named(QToolButton(), "addFromExpression")
        add.setDefaultAction(self.action)
        add.setText("Add")
        self.message = named(QLabel(), "expressionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()
        self.formula = named(QLabel(), "selectedFormula")
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula_follow = named(QCheckBox("follows its inputs"), "formulaFollow")
        self.formula_follow.setToolTip("Untick to freeze the selected vector's numbers; tick to recompute it now")
        self._selected_label: str | None = None

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.follow)
        row.addWidget(add)
        selected = QHBoxLayout()
        selected.setContentsMargins(0, 0, 0, 0)
        selected.addWidget(self.formula, 1)
        selected.addWidget(self.formula_follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(selected)

        self.input.returnPressed.connect(self.add_from_input)
        self.input.textEdited.connect(lambda text: self.message.hide())
        self.formula_follow.toggled.connect(self._on_follow_toggled)
        context.selection_changed.connect(self._on_selection_change)
        context.document.formulas.changed.connect(self._show_selected)
        context.table.labels_changed.connect(lambda rows: self._show_selected())
        context.table.reset.connect(self._show_selected)
        self._show_selected()

    # ----------------------------------------------------------------- adding
    def add_from_input(self) -> bool:
        """Add the vector the field's expression computes (one undo step); False, with the reason shown, if not."""
        text = self.input.text().strip()
        if not text:
            self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return False
        table = self._context.table
        try:
            command = new_from_expression(table, text, self.follow.isChecked())
        except ExpressionError as error:
            self._show_error(str(error), error.column)
            return False
        if not self._context.push(command):
            return False
        self.message.hide()
        self.input.clear()
        self._context.select_rows([table.row_count - 1])
        return True

    def _show_error(self, sentence: str, column: int | None) -> None:
        self.message.setText(sentence)
        self.message.show()
        self._context.message.emit(sentence)
        if column is not None:
            self.input.setCursorPosition(max(0, min(column - 1, len(self.input.text()))))
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    # -------------------------------------------------------- selected vector
    def _on_selection_change(self, rows) -> None:
        self._show_selected()

    def _show_selected(self, *args) -> None:
        table, formulas = self._context.table, self._context.document.formulas
        rows = self._context.selection
        label = table.label(rows[0]) if len(rows) == 1 and 0 <= rows[0] < table.row_count else None
        formula = formulas.get(label) if label is not None else None
        self._selected_label = label if formula is not None else None
        shown = formula is not None
        self.formula.setVisible(shown)
        self.formula_follow.setVisible(shown)
        if formula is None:
            return
        self.formula.setText(f"{label} = {formula.text}" if label != formula.text else f"made from {formula.text}")
        self.formula.setToolTip(formula.describe(label))
        self.formula_follow.blockSignals(True)
        self.formula_follow.setChecked(formula.follow)
        self.formula_follow.blockSignals(False)

    def _on_follow_toggled(self, follow: bool) -> None:
        label = self._selected_label
        formula = self._context.document.formulas.get(label) if label is not None else None
        if label is None or formula is None or formula.follow == follow:
            return
        self._context.push(SetFormula(label, Formula(formula.text, follow), change_names.follow_formula(label, follow)))


def table_with_bar(table_view: QWidget, bar: ExpressionBar) -> QWidget:
    """The table with the expression bar under it, as one widget for the window's splitter."""
    box = named(QWidget(), "tableWithExpressions")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(table_view, 1)
    layout.addWidget(bar)
    return box
