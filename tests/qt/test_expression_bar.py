"""A new vector from an expression, typed under the table; its formula, following its inputs or frozen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from explorer.model.commands import set_cell
from explorer.model.derived import Formula
from explorer.qt.table.expression_bar import ExpressionBar
from explorer.qt.table.model import VectorTableModel


def make_bar(qtbot, context):
    bar = ExpressionBar(context)
    qtbot.addWidget(bar)
    bar.show()
    return bar


def type_expression(qtbot, bar, text):
    field = bar.findChild(QLineEdit, "expressionInput")
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_typing_an_expression_adds_its_vector_in_one_undo_step(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    table = materials_context.table
    type_expression(qtbot, bar, "(A + C) / 2")
    assert table.labels[-1] == "(A + C) / 2" and table.values[-1].tolist() == [3.0, 28.5]
    assert materials_context.selection == [5]
    assert bar.findChild(QLineEdit, "expressionInput").text() == ""
    assert bar.findChild(QLabel, "selectedFormula").text() == "made from (A + C) / 2"
    stack = materials_context.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert len(table) == 5 and not materials_context.document.formulas
    stack.redo()
    assert table.labels[-1] == "(A + C) / 2" and materials_context.document.formulas.get("(A + C) / 2").follow


def test_a_malformed_expression_stays_with_the_reason_and_changes_nothing(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    type_expression(qtbot, bar, "A + ")
    field = bar.findChild(QLineEdit, "expressionInput")
    message = bar.findChild(QLabel, "expressionMessage")
    assert field.text() == "A + "
    assert message.isVisible()
    assert (
        message.text()
        == "'A +', column 4: expected a vector, a number or '(' after '+', found the end of the expression"
    )
    assert len(materials_context.table) == 5 and materials_context.undo_stack.count() == 0
    qtbot.keyClicks(field, "E")
    assert not message.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert materials_context.table.values[-1].tolist() == [10.5, 32.0]


def test_a_following_vector_changes_with_its_inputs_in_the_same_undo_step(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    type_expression(qtbot, bar, "A + E")
    materials_context.push(set_cell(0, 1, 40.0))
    assert materials_context.table.values[5].tolist() == [10.5, 42.0]
    materials_context.undo_stack.undo()
    assert materials_context.table.values[5].tolist() == [10.5, 32.0]
    assert materials_context.table.values[0].tolist() == [3.0, 30.0]


def test_freezing_the_selected_vector_is_an_undo_step(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    type_expression(qtbot, bar, "A + E")
    box = bar.findChild(QCheckBox, "formulaFollow")
    assert box.isVisible() and box.isChecked()
    box.click()
    assert materials_context.document.formulas.get("A + E") == Formula("A + E", False)
    materials_context.push(set_cell(0, 1, 40.0))
    assert materials_context.table.values[5].tolist() == [10.5, 32.0]  # frozen
    materials_context.select_rows([0])
    assert not box.isVisible()  # A is not made from an expression


def test_unticking_follow_makes_a_frozen_vector(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    bar.findChild(QCheckBox, "expressionFollow").click()
    type_expression(qtbot, bar, "2 B")
    assert materials_context.document.formulas.get("2 B") == Formula("2 B", False)


def test_the_action_adds_or_goes_to_the_field_and_the_table_shows_the_formula(qtbot, materials_context):
    bar = make_bar(qtbot, materials_context)
    action = bar.findChild(QAction, "actionNewFromExpression")
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    action.trigger()  # nothing typed: the field gets the focus
    assert len(materials_context.table) == 5
    bar.findChild(QLineEdit, "expressionInput").setText("0.5 B")
    action.trigger()
    model = VectorTableModel(materials_context)
    index = model.index(5, 0)
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith(
        "made from the expression 0.5 B (follows its inputs)"
    )
    assert model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None


def test_the_formula_is_saved_and_opened_with_the_document(qtbot, window, tmp_path):
    field = window.findChild(QLineEdit, "expressionInput")
    qtbot.keyClicks(field, "(A + C) / 2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    # The window's working and plot explain the new vector (in detail on the panels alone, below).
    working = window.findChild(QLabel, "expressionWorking")
    assert working.isVisible() and working.text().endswith("(A + C) / 2 = [(3 + 3) / 2, (30 + 27) / 2] = [3, 28.5]")
    overlay = window.constructions
    last = overlay.construction.arrows[-1]
    assert (last.role, last.end) == ("scaled", (3.0, 28.5))  # A + C, then halved
    assert overlay._items and all(item in window.plot.plotItem.items for item in overlay._items)
    window.findChild(QCheckBox, "formulaFollow").click()  # frozen
    path = tmp_path / "derived.json"
    window.answers["save"] = str(path)
    assert window.files.save_as()
    window.context.push(set_cell(0, 0, 9.0))  # another edit, then open the saved file again
    window.answers["open"] = str(path)
    assert window.files.open(str(path))
    formulas = window.context.document.formulas
    assert formulas.items() == [("(A + C) / 2", Formula("(A + C) / 2", False))]
    assert window.context.table.values[0].tolist() == [3.0, 30.0]
    assert window.findChild(QAction, "actionNewFromExpression") in window.menu("edit").actions()


def test_the_working_panel_writes_out_a_derived_vector_and_a_chosen_claim(qtbot, working_panel, materials_context):
    from PySide6.QtWidgets import QAbstractItemView

    bar = make_bar(qtbot, materials_context)
    working = working_panel.findChild(QLabel, "expressionWorking")
    assert not working.isVisible()
    field = bar.findChild(QLineEdit, "expressionInput")
    qtbot.keyClicks(field, "(A + C) / 2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert working.isVisible()
    assert working.text() == (
        "Made from an expression (follows its inputs): (A + C) / 2 = [(3 + 3) / 2, (30 + 27) / 2] = [3, 28.5]"
    )
    materials_context.push(set_cell(0, 1, 40.0))  # A changes: the vector and its working follow
    assert working.text().endswith("(A + C) / 2 = [(3 + 3) / 2, (40 + 27) / 2] = [3, 33.5]")
    working_panel.claims.add_claim("A + E = C")
    claims = working_panel.findChild(QAbstractItemView, "claimsTable")
    row = claims.model().rowCount() - 1
    claims.setCurrentIndex(claims.model().index(row, 0))
    assert working.text().splitlines()[:3] == [
        "A + E = [3 + 7.5, 40 + 2] = [10.5, 42]",
        "C = [3, 27]",
        "cos(A + E, C) = 0.991",
    ]


@pytest.fixture
def constructions(plot, working_panel, materials_context):
    """The construction over the plot of the selected derived vector or the claim chosen in the working panel's
    claims list, made as the window makes it (``window.constructions``)."""
    from explorer.qt.plot.constructions import ConstructionOverlay

    return ConstructionOverlay(materials_context, plot, working_panel.claims)


def test_the_plot_draws_the_construction_of_the_selected_vector_and_of_a_chosen_claim(
    qtbot, constructions, plot, working_panel, materials_context
):
    from PySide6.QtWidgets import QAbstractItemView

    overlay = constructions
    assert overlay.construction is None
    field = make_bar(qtbot, materials_context).findChild(QLineEdit, "expressionInput")
    qtbot.keyClicks(field, "A + E")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert [a.role for a in overlay.construction.arrows] == ["term", "term", "side", "side", "result"]
    assert overlay.construction.by_role("result")[0].end == (10.5, 32.0)
    drawn = len(overlay._items)
    assert drawn > 0 and all(item in plot.plotItem.items for item in overlay._items)
    materials_context.push(set_cell(0, 1, 40.0))  # the construction follows the edit
    assert overlay.construction.by_role("result")[0].end == (10.5, 42.0)
    materials_context.select_rows([0])  # A is no derived vector: nothing drawn
    assert overlay.construction is None and overlay._items == []
    working_panel.claims.add_claim("D = A + A + A/2")
    claims = working_panel.findChild(QAbstractItemView, "claimsTable")
    claims.setCurrentIndex(claims.model().index(claims.model().rowCount() - 1, 0))
    arrows = overlay.construction.arrows
    assert [a.role for a in arrows] == ["term", "term", "term", "result", "claimed"]
    assert arrows[-1].end == (7.5, 75.0) and arrows[3].end == (7.5, 100.0)  # A is now [3, 40]


def test_the_plot_and_the_working_explain_the_same_derived_vector_among_several_selected(qtbot, materials_context):
    from explorer.qt.plot.constructions import ConstructionOverlay
    from explorer.qt.plot.plot import VectorPlot
    from explorer.qt.working.panel import WorkingPanel

    bar = make_bar(qtbot, materials_context)
    working, plot = WorkingPanel(materials_context), VectorPlot(materials_context)
    for widget in (working, plot):
        qtbot.addWidget(widget)
    overlay = ConstructionOverlay(materials_context, plot, working.claims)
    type_expression(qtbot, bar, "A + E")  # row 5, selected
    materials_context.select_rows([0, 5, 4])  # A, A + E and E: the derived one is explained
    assert overlay.construction.by_role("result")[0].end == (10.5, 32.0)
    assert working.expression_working.text().endswith("A + E = [3 + 7.5, 30 + 2] = [10.5, 32]")
    materials_context.select_rows([0, 4])  # no derived vector selected: neither explains one
    assert overlay.construction is None and working.expression_working.text() == ""


def test_among_many_selected_vectors_the_first_derived_one_is_explained(qtbot, new_context):
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.working.panel import WorkingPanel

    n = 3_000
    table = VectorTable([f"v{i}" for i in range(n)], ["x", "y"], [[float(i), 1.0] for i in range(n)])
    context = new_context(Document(table))
    bar = make_bar(qtbot, context)
    working = WorkingPanel(context)
    qtbot.addWidget(working)
    type_expression(qtbot, bar, "v1 + v2")  # row 3,000
    context.select_rows(range(n + 1))  # every vector: the only derived one is explained
    assert working.expression_working.text().endswith("v1 + v2 = [1 + 2, 1 + 1] = [3, 2]")
    context.select_rows(range(n))  # not it
    assert working.expression_working.text() == ""


def _drawn(item) -> tuple:
    """What a construction's item shows: its kind, points, place, text and head direction."""
    import pyqtgraph as pg

    if isinstance(item, pg.PlotCurveItem):
        x, y = item.getData()
        return ("curve", x.tolist(), y.tolist(), item.opts["pen"].color().name())
    if isinstance(item, pg.ArrowItem):
        return ("head", item.pos().x(), item.pos().y(), item.opts["angle"], item.path.boundingRect().getRect())
    if isinstance(item, pg.TextItem):
        return ("text", item.toPlainText(), item.pos().x(), item.pos().y())
    return ("polygon", [(p.x(), p.y()) for p in item.polygon()])


def test_an_edit_moves_the_constructions_items_where_drawing_afresh_puts_them(qtbot, constructions, materials_context):
    overlay = constructions
    field = make_bar(qtbot, materials_context).findChild(QLineEdit, "expressionInput")
    qtbot.keyClicks(field, "A + E")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    items = list(overlay._items)
    before = [_drawn(item) for item in items]
    materials_context.push(set_cell(0, 1, 40.0))  # A's volume: the sum's arrows move
    assert overlay._items == items  # the same items, moved
    moved = [_drawn(item) for item in items]
    assert moved != before
    construction = overlay.construction
    overlay._draw(None)
    overlay._draw(construction)  # drawn afresh
    assert overlay._items != items and [_drawn(item) for item in overlay._items] == moved
    materials_context.undo_stack.undo()
    assert [_drawn(item) for item in overlay._items] == before
