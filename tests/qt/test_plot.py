"""The arrow plot: arrows at the right tips, dragging, projections, selection, partial updates."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from explorer.model.commands import InsertDimensions, InsertVectors, MoveVectors, set_cell
from explorer.model.table import Dimension
from explorer.qt.plot.arrows import arrow_segments
from tests.qt.helpers import drag_tip


def test_arrows_from_the_origin_to_each_tip(plot):
    assert [plot.tip(r) for r in range(5)] == [(3, 30), (15, 4), (3, 27), (7.5, 75), (7.5, 2)]
    group = plot.arrows.groups["#0072B2"]  # A's colour
    assert group.rows == [0]
    x, y = group.curve.getData()
    assert (x[0], y[0]) == (0, 0) and (x[1], y[1]) == (3, 30)
    assert plot.labeller.labels[3].toPlainText() == "D"
    item = plot.getPlotItem()
    assert item.getAxis("bottom").labelText == "mass (kg)"
    assert item.getAxis("left").labelText == "volume (l)"
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 < 0 < x1 and y0 < 0 < y1 and y1 > 75
    assert plot.getViewBox().state["aspectLocked"] == 1.0


def test_arrow_heads_point_along_the_vector():
    points = arrow_segments(np.array([[3.0, 4.0]]), head=1.0)
    assert points[:2].tolist() == [[0, 0], [3, 4]]
    barb = points[3] - points[2]
    assert np.hypot(*barb) == pytest.approx(np.hypot(1.0, 0.55))
    assert np.dot(barb, [3, 4]) < 0  # the barbs point back towards the origin
    assert arrow_segments(np.zeros((1, 2)), 1.0).tolist() == [[0, 0]] * 6


def test_dragging_a_tip_edits_the_vector_in_one_undo_step(qtbot, table_view, plot, materials_context):
    table, stack = materials_context.table, materials_context.undo_stack
    start = plot.tip_viewport_pos(1)
    target = start + QPoint(40, -60)
    seen = []
    table.values_changed.connect(lambda rows, cols: seen.append(table.values[1].tolist()))
    drag_tip(qtbot, plot, 1, target)
    x, y = plot.data_at(target)
    assert table.values[1, 0] == pytest.approx(x, abs=0.2)
    assert table.values[1, 1] == pytest.approx(y, abs=0.2)
    assert table.values[1, 1] > 4
    assert len(seen) >= 3  # the table followed the drag live
    assert stack.count() == 1
    assert materials_context.selection == [1]
    assert table_view.model().index(1, 2).data() == f"{table.values[1, 1]:g}"
    stack.undo()
    assert table.values[1].tolist() == [15.0, 4.0]
    assert plot.tip(1) == (15.0, 4.0)
    stack.redo()
    assert table.values[1, 1] == pytest.approx(y, abs=0.2)


def test_a_click_on_a_tip_selects_without_an_undo_step(qtbot, table_view, plot, materials_context):
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.tip_viewport_pos(3))
    assert materials_context.selection == [3]
    assert materials_context.undo_stack.count() == 0
    assert sorted({i.row() for i in table_view.selectionModel().selectedIndexes()}) == [3]
    x, _ = plot.marks.halo.getData()
    assert len(x) == 6


def test_table_selection_highlights_arrows(table_view, plot, materials_context):
    view = table_view
    view.selectRow(0)
    view.selectionModel().select(view.model().index(2, 1), view.selectionModel().SelectionFlag.Select)
    assert materials_context.selection == [0, 2]
    x, y = plot.marks.halo.getData()
    assert (x[1], y[1]) == (3, 30) and (x[7], y[7]) == (3, 27)


def test_one_changed_vector_moves_one_curve_only(plot, materials_context):
    curves = {color: group.curve for color, group in plot.arrows.groups.items()}
    updates = {color: 0 for color in curves}
    for color, curve in curves.items():
        curve.sigPlotChanged.connect(lambda *_, c=color: updates.__setitem__(c, updates[c] + 1))
    materials_context.push(set_cell(2, 1, 20.0))  # C's volume
    assert {c: g.curve for c, g in plot.arrows.groups.items()} == curves  # no item was rebuilt
    assert updates["#009E73"] == 1 and sum(updates.values()) == 1
    assert plot.tip(2) == (3.0, 20.0)


def test_a_vector_added_or_removed_redraws_no_other_colour(plot, materials_context):
    context = materials_context
    curves = {color: group.curve for color, group in plot.arrows.groups.items()}
    updates = {color: 0 for color in curves}
    for color, curve in curves.items():
        curve.sigPlotChanged.connect(lambda *_, c=color: updates.__setitem__(c, updates[c] + 1))
    context.push(InsertVectors(0, ["F"], [[4.0, 3.0]], ["#112233"]))  # within the arrows' reach: heads keep size
    context.push(MoveVectors(1, 1, 4))
    assert {c: plot.arrows.groups[c].curve for c in curves} == curves and sum(updates.values()) == 0
    head = plot._head
    for color, group in plot.arrows.groups.items():  # each curve draws its own rows' arrows, where they are now
        x, y = group.curve.getData()
        assert np.array_equal(np.column_stack([x, y]), arrow_segments(context.table.values[group.rows], head)), color
    assert plot.arrows.groups["#112233"].rows == [0] and plot.arrows.groups["#112233"].curve.isVisible()
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert "#112233" not in plot.arrows.groups and sum(updates.values()) == 0
    assert [plot.tip(r) for r in range(5)] == [(3, 30), (15, 4), (3, 27), (7.5, 75), (7.5, 2)]


def test_pca_view_for_more_than_two_dimensions(qtbot, plot_panel, plot, messages, materials_context):
    context, panel = materials_context, plot_panel
    context.push(InsertDimensions(2, [Dimension("price", "EUR")], [[1], [2], [3], [4], [5]]))
    assert panel.projection.isEnabled()
    panel.projection.setCurrentIndex(1)
    assert plot.mode == "pca"
    ex, ey = plot.explained_variance
    assert 0.5 < ex <= 1 and ex + ey <= 1 + 1e-12
    assert plot.getPlotItem().getAxis("bottom").labelText == f"PC1 ({100 * ex:.1f}% of variance)"
    assert not panel.x_dimension.isEnabled()
    start = plot.tip_viewport_pos(0)
    drag_tip(qtbot, plot, 0, start + QPoint(30, 30))
    assert context.table.values[0].tolist() == [3, 30, 1]
    assert context.undo_stack.count() == 1  # only the added dimension
    assert messages[-1].startswith("Dragging is off in the PCA view")
    panel.projection.setCurrentIndex(0)
    panel.x_dimension.setCurrentIndex(2)
    assert plot.shown_dimensions == (2, 1)
    assert plot.tip(3) == (4.0, 75.0)
    assert plot.getPlotItem().getAxis("bottom").labelText == "price (EUR)"
    assert (context.view.plot.x, context.view.plot.y) == (2, 1)


def test_many_vectors_label_only_the_selected(plot_panel, plot, materials_context):
    from explorer.model.commands import InsertVectors

    rng = np.random.default_rng(1)
    labels = [f"w{i}" for i in range(300)]
    materials_context.push(InsertVectors(5, labels, rng.normal(size=(300, 2))))
    assert len(plot.drawn_rows) == 305 and plot.labeller.labels == {}
    assert sum(len(g.rows) for g in plot.arrows.groups.values()) == 305
    materials_context.select_rows([7])
    # In a crowd only the selected vector and its nearest ones are labelled.
    neighbours = [plot_panel.neighbours.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(10)]
    assert list(plot.labeller.labels) == [7, *neighbours] and plot.labeller.labels[7].toPlainText() == "w2"


def test_panning_away_keeps_the_origin_in_view(qtbot, window):
    plot = window.plot
    viewport = plot.viewport()
    empty = plot.tip_viewport_pos(1) + QPoint(0, -150)  # open sky above B, away from every tip
    assert plot.row_at(empty) is None
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=empty)
    for step in range(1, 11):
        qtbot.mouseMove(viewport, empty + QPoint(-80 * step, 60 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=empty + QPoint(-800, 600))
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 <= 0 <= x1 and y0 <= 0 <= y1
    assert window.context.undo_stack.count() == 0
    assert list(plot.getViewBox().autoRangeEnabled()) == [False, False]  # the pan is kept
    window.actionFitPlot.trigger()
    assert list(plot.getViewBox().autoRangeEnabled()) != [False, False]
    (x0, x1), (y0, y1) = plot.getViewBox().viewRange()
    assert x0 < 0 < 15 < x1 and y0 < 0 < 75 < y1


def test_label_anchors_keep_labels_in_view():
    from explorer.qt.plot.arrows import label_anchors

    tips = [[1, 1], [9, 9], [-9, 1], [5, -9], [1, 1]]
    sizes = [[2, 1], [4, 2], [4, 1], [4, 2], [30, 1]]
    anchors = label_anchors(tips, sizes, (-10, 10), (-10, 10))
    assert anchors.tolist() == [
        [0.0, 1.0],  # room enough: right of the tip and above it
        [0.75, 0.5],  # at the top-right corner: slid left by 3 of 4 and down by half
        [0.25, 1.0],  # near the left edge: slid right just enough
        [0.0, 0.5],  # near the bottom: half below the tip
        [11 / 30, 1.0],  # wider than the view: starts at its left edge
    ]


def test_the_shown_dimensions_follow_when_another_dimension_is_removed_or_added(plot, materials_context):
    from explorer.model.commands import RemoveDimensions

    context = materials_context
    assert context.push(InsertDimensions(2, (Dimension("price", "EUR"),), [[1], [2], [3], [4], [5]]))
    plot.set_projection("dimensions", 1, 2)  # volume against price

    def axes():
        return plot.getPlotItem().getAxis("bottom").labelText, plot.getPlotItem().getAxis("left").labelText

    assert axes() == ("volume (l)", "price (EUR)")
    assert context.push(RemoveDimensions(0, 1))  # mass goes: still volume against price
    assert plot.shown_dimensions == (0, 1) and axes() == ("volume (l)", "price (EUR)")
    assert plot.tip(1) == (4.0, 2.0)
    context.undo_stack.undo()  # mass comes back in front
    assert plot.shown_dimensions == (1, 2) and axes() == ("volume (l)", "price (EUR)")
    assert plot.tip(1) == (4.0, 2.0)
    assert (context.view.plot.x, context.view.plot.y) == (1, 2)


def test_undo_is_off_while_a_tip_is_dragged(qtbot, plot, undo_action, materials_context):
    from PySide6.QtCore import QPoint

    from explorer.model.commands import InsertVectors

    context = materials_context
    before = context.table.copy()
    assert context.push(InsertVectors(5, ["F"], [[10.0, 10.0]]))
    viewport, start = plot.viewport(), plot.tip_viewport_pos(5)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(10, -10))
    assert not undo_action.isEnabled()
    undo_action.trigger()  # Ctrl+Z while the button is held: 'Add vector' must not be undone under the drag
    assert context.table.labels[-1] == "F"
    qtbot.mouseMove(viewport, start + QPoint(20, -20))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(20, -20))
    assert undo_action.isEnabled() and context.undo_stack.count() == 2
    assert context.table.values[5].tolist() != [10.0, 10.0]
    context.undo_stack.undo()
    assert context.table.values[5].tolist() == [10.0, 10.0]
    context.undo_stack.undo()
    assert context.table.same_content(before)


def test_huge_vectors_are_drawn_without_overflow(plot, materials_context):
    from explorer.model.commands import set_vector

    context = materials_context
    assert context.push(set_vector(context.table, 0, [1e300, 1e300]))
    assert context.push(set_vector(context.table, 1, [-1e300, 1e300]))
    plot.grab()  # paints it
    assert plot.tip(0) == (1e300, 1e300) and plot.tip(1) == (-1e300, 1e300)
    anchors = [plot.labeller.labels[row].anchor for row in (0, 1)]
    assert all(0 <= a.x() <= 1 and 0 <= a.y() <= 1 for a in anchors)


def test_a_drag_whose_release_went_elsewhere_ends_at_the_next_move(qtbot, plot, undo_action, materials_context):
    from PySide6.QtCore import QPoint

    viewport = plot.viewport()
    start = plot.tip_viewport_pos(1)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(10, -10))
    assert not undo_action.isEnabled()
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    # A move with no button held: the release went to a popup that took the mouse meanwhile.
    position = QPointF(start + QPoint(40, 40))
    QApplication.sendEvent(
        viewport,
        QMouseEvent(
            QEvent.Type.MouseMove,
            position,
            viewport.mapToGlobal(position),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert undo_action.isEnabled() and materials_context.undo_stack.count() == 1
    undo_action.trigger()
    assert materials_context.table.values[1].tolist() == [15, 4]


def test_after_structural_changes_each_colour_is_drawn_once_stacked_in_the_order_met(qtbot, materials_context):
    """A rebuild gives earlier curves new arrows: none may be left showing, and the stacking is a fresh build's."""
    import pyqtgraph as pg

    from explorer.model.commands import InsertVectors, MoveVectors, RemoveVectors, SetStyle
    from explorer.qt.plot.plot import VectorPlot

    plot = VectorPlot(materials_context)
    qtbot.addWidget(plot)
    context, table = materials_context, materials_context.table
    for command in (
        InsertVectors(2, ["F", "G"], [[1.0, 2.0], [-4.0, 5.0]]),
        SetStyle(0, "#0072B2", False),  # A hidden
        SetStyle(6, "#009E73", True),  # E takes C's colour
        RemoveVectors(1, 2),  # B and F
        MoveVectors(3, 1, 0),  # D first
    ):
        assert context.push(command)
    marks = plot.marks
    mark_items = {marks.halo, marks.line, marks.kept, marks.links}
    shown = [
        item
        for item in plot.getPlotItem().items
        if isinstance(item, pg.PlotCurveItem) and item not in mark_items and item.isVisible()
    ]
    groups = list(plot.arrows.groups.values())
    assert sorted(shown, key=lambda item: item.zValue()) == [group.curve for group in groups]
    expected: dict[str, list[int]] = {}
    for row in range(len(table)):
        if table.visible[row]:
            expected.setdefault(table.colors[row], []).append(row)
    assert [group.rows for group in groups] == list(expected.values())
    assert table.labels == ("D", "A", "G", "C", "E") and [3, 4] in expected.values()  # C and E share a curve
    assert all(group.curve.zValue() < 0 for group in groups)  # under the marks and the labels
    for group in groups:
        x, y = group.curve.getData()
        expected = arrow_segments(table.values[group.rows], plot._head)
        assert np.allclose(np.column_stack([x, y]), expected)
    assert sorted(plot.labeller.labels) == [0, 2, 3, 4] and plot.labeller.labels[0].toPlainText() == "D"
    assert [label.isVisible() for label in plot.labeller.labels.values()] == [True] * 4
