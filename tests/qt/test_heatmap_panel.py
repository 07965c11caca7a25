"""The heatmap panel, driven as a user would: metric chooser, hover, click, edits, undo, restyles."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QWidget

from explorer.model.commands import InsertVectors, RemoveVectors, RenameVector, set_vector
from explorer.qt.heatmap.panel import HeatmapPanel


@pytest.fixture
def panel(qtbot, materials_context):
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = HeatmapPanel(materials_context, parent)
    parent.resize(640, 560)
    panel.resize(640, 560)
    parent.show()
    qtbot.waitExposed(parent)
    panel.test_parent = parent  # keep the parent (and so the panel) alive
    return panel


def picture(panel) -> np.ndarray:
    image = panel.graphics.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    array = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), image.bytesPerLine() // 4)
    return array[:, : image.width()].copy()


def test_object_names_and_default_metric(panel):
    assert panel.objectName() == "similarityHeatmap"
    selector = panel.findChild(type(panel.metric_selector), "metricSelector")
    assert selector.currentText() == "cosine similarity"
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "cosine similarity",
        "dot product",
        "Euclidean distance",
        "angle (degrees)",
    ]


def test_metric_selector_and_context_stay_in_step(panel, materials_context):
    panel.metric_selector.setCurrentIndex(panel.metric_selector.findData("dot"))
    assert materials_context.metric == "dot"
    assert panel.cell_tooltip(0, 1) == "dot(A, B) = 165"
    materials_context.set_metric("angle")
    assert panel.metric_selector.currentData() == "angle"
    assert panel.colormap == "viridis"
    materials_context.set_metric("cosine")
    assert panel.colormap == "CET-CBD1" and panel.cell_tooltip(0, 1) == "cos(A, B) = 0.353"


def tooltip_at(qtbot, panel, pos) -> str:
    """Rest the mouse at ``pos``; the tooltip the scene would show there (its topmost item's).

    (Showing a real tooltip window is not possible on the offscreen platform.)
    """
    viewport = panel.graphics.viewport()
    qtbot.mouseMove(viewport, pos)
    # The mouse rests: Qt's tooltip event reaches the panel's filter first, which fits the tooltip to the spot
    # (pyqtgraph may have dropped the move, as it drops moves closer than 10 ms apart). Given to the filter
    # alone: a real tooltip window cannot be shown on the offscreen platform.
    panel.eventFilter(viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    scene_pos = panel.graphics.mapToScene(pos)
    for item in panel.graphics.scene().items(scene_pos):
        if item.toolTip():
            return item.toolTip()
    return ""


def test_hover_shows_the_pair_and_the_score(qtbot, panel):
    assert tooltip_at(qtbot, panel, panel.cell_position(0, 1)) == "cos(A, B) = 0.353"
    assert tooltip_at(qtbot, panel, panel.cell_position(2, 0)) == "cos(C, A) = 0.99994"
    left = panel.figure.rows
    label_pos = panel.graphics.mapFromScene(left.mapToScene(QPointF(left.width() / 2, 0)))
    row_b = panel.cell_position(1, 0)
    assert tooltip_at(qtbot, panel, QPoint(label_pos.x(), row_b.y())) == "B"


def test_click_selects_the_pair(qtbot, panel, materials_context):
    with qtbot.waitSignal(materials_context.pair_changed) as blocker:
        qtbot.mouseClick(panel.graphics.viewport(), Qt.MouseButton.LeftButton, pos=panel.cell_position(1, 4))
    assert blocker.args == [1, 4]
    assert materials_context.selection == [1, 4]


def test_an_edit_changes_its_row_and_column_only_and_undo_restores(qtbot, panel, materials_context):
    n = 5
    before = picture(panel)
    calls = []
    real_update = panel.similarity.update_rows
    panel.similarity.update_rows = lambda values, rows: calls.append(tuple(rows)) or real_update(values, rows)
    real_recompute = panel.similarity.recompute
    panel.similarity.recompute = lambda *a, **k: calls.append("recompute") or real_recompute(*a, **k)
    materials_context.push(set_vector(materials_context.table, 2, [15.0, 4.0]))  # C becomes B
    assert calls == [(2,)]
    assert panel.cell_tooltip(2, 1) == "cos(C, B) = 1"
    after = picture(panel)
    changed_rows, changed_cols = np.nonzero(after != before)
    assert len(changed_rows) > 0
    # Every changed pixel lies in C's row or C's column of cells.
    centre = panel.cell_position(2, 2)
    corner = panel.cell_position(0, 0)
    cell = (centre.x() - corner.x()) / 2
    in_row = np.abs(changed_rows - centre.y()) <= cell / 2 + 1
    in_col = np.abs(changed_cols - centre.x()) <= cell / 2 + 1
    assert np.all(in_row | in_col)
    # ... and C's row holds changes in cells other than the diagonal (A, B, D, E columns).
    changed_cells = {round((c - corner.x()) / cell) for c in changed_cols[in_row & ~in_col]}
    assert changed_cells >= {0, 1, 3, 4}
    materials_context.undo_stack.undo()
    assert np.array_equal(picture(panel), before)
    assert panel.cell_tooltip(2, 0) == "cos(C, A) = 0.99994"
    assert "recompute" not in calls and n == len(panel.displayed_labels())


def test_colormap_and_order_restyle_without_recomputing(qtbot, panel, materials_context):
    calls = []
    real = panel.similarity.recompute
    panel.similarity.recompute = lambda *a, **k: calls.append(1) or real(*a, **k)
    before = picture(panel)
    panel.colormap_selector.setCurrentText("CET-D1A")
    assert panel.colormap == "CET-D1A" and materials_context.view.heatmap.colormap == "CET-D1A"
    assert not np.array_equal(picture(panel), before)
    panel.order_selector.setCurrentIndex(panel.order_selector.findData("clustered"))
    clustered = panel.displayed_labels()
    assert sorted(clustered) == list("ABCDE") and clustered != list("ABCDE")
    position = {label: i for i, label in enumerate(clustered)}
    assert panel.cell_tooltip(position["B"], position["E"]) == "cos(B, E) = 1"
    panel.numbers_check.setChecked(False)
    assert calls == []


def test_numbers_are_painted_by_one_item(qtbot, panel):
    picture(panel)
    assert panel.figure.numbers.last_count == 25
    panel.numbers_check.setChecked(False)
    picture(panel)
    assert panel.figure.numbers.last_count == 0


def test_zero_vector_is_undefined_not_zero(qtbot, panel, materials_context):
    materials_context.push(InsertVectors(5, ["Z"], [[0.0, 0.0]]))
    assert len(panel.displayed_labels()) == 6
    tip = panel.cell_tooltip(0, 5)
    assert tip.startswith("cos(A, Z) is undefined") and "Z is a zero vector" in tip
    assert "undefined" in tooltip_at(qtbot, panel, panel.cell_position(5, 1))
    # The undefined cell is neutral grey with dark hatching, unlike any cosine colour.
    image = panel.graphics.viewport().grab().toImage()
    centre, corner = panel.cell_position(5, 1), panel.cell_position(5, 0)
    cell = int(centre.x() - corner.x())
    colours = {image.pixel(centre.x() + dx, centre.y()) & 0xFFFFFF for dx in range(-cell // 3, cell // 3)}
    assert 0x9A9A9A in colours and len(colours) >= 2


def test_structure_and_labels_follow_the_table(qtbot, panel, materials_context):
    materials_context.push(RenameVector(0, "steel"))
    assert panel.displayed_labels()[0] == "steel"
    assert panel.cell_tooltip(0, 1) == "cos(steel, B) = 0.353"
    materials_context.push(RemoveVectors(1))
    assert panel.displayed_labels() == ["steel", "C", "D", "E"]
    panel.set_order("label")
    assert panel.displayed_labels() == ["C", "D", "E", "steel"]
    materials_context.undo_stack.undo()
    assert panel.displayed_labels() == ["B", "C", "D", "E", "steel"]


def test_a_hidden_heatmap_lays_out_what_changed_meanwhile_when_shown_again(qtbot, panel, materials_context):
    panel.hide()  # as in a closed dock: its layout waits until it is shown
    materials_context.push(InsertVectors(5, ["F", "G", "H"], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    materials_context.push(RenameVector(0, "a label much longer than A"))
    panel.show()
    qtbot.waitUntil(panel.graphics.isVisible)
    shown = panel.figure.result
    assert shown is not None and shown.cells.height() > 0
    panel.figure.relayout()  # the layout for its size and its data now: the same as the one shown
    assert panel.figure.result == shown
    corner = panel.cell_position(7, 7)  # the new last cell is inside the view and answers the mouse
    assert panel.graphics.viewport().rect().contains(corner)
    assert tooltip_at(qtbot, panel, corner).startswith("cos(H, H) = ")


def test_empty_single_and_dimensionless_documents_paint(qtbot, panel, materials_context):
    from explorer.model.commands import RemoveDimensions

    materials_context.push(RemoveVectors(1, 4))
    assert panel.displayed_labels() == ["A"]
    assert panel.cell_tooltip(0, 0) == "cos(A, A) = 1"
    picture(panel)
    materials_context.push(RemoveVectors(0, 1))
    assert panel.displayed_labels() == []
    picture(panel)
    materials_context.undo_stack.undo()
    materials_context.undo_stack.undo()
    materials_context.push(RemoveDimensions(0, 2))
    assert "undefined" in panel.cell_tooltip(0, 1)
    picture(panel)
    materials_context.undo_stack.undo()
    assert panel.cell_tooltip(0, 1) == "cos(A, B) = 0.353"


def test_label_that_looks_like_html_and_double_click_to_see_all(qtbot, panel, materials_context):
    materials_context.push(RenameVector(0, "<unk>"))
    tip = tooltip_at(qtbot, panel, panel.cell_position(0, 1))
    assert "&lt;unk&gt;" in tip and "0.353" in tip
    panel.figure.view.setRange(xRange=(0, 2), yRange=(0, 2), padding=0)
    qtbot.mouseDClick(panel.graphics.viewport(), Qt.MouseButton.LeftButton, pos=panel.cell_position(1, 1))
    shown = panel.figure.view.viewRect()
    assert shown.width() >= 4.99 and shown.height() >= 4.99


def test_opening_another_document_takes_its_view_settings(qtbot, panel, materials_context):
    from explorer.model.document import Document
    from explorer.model.table import VectorTable

    other = Document(
        VectorTable(["x", "y", "z"], ["a", "b"], [[1, 0], [0, 1], [1, 1]]),
        view={"metric": "angle", "order": "label", "colormap": "magma"},
    )
    materials_context.replace_document(other)
    assert panel.displayed_labels() == ["x", "y", "z"]
    assert panel.metric_selector.currentData() == "angle" and panel.colormap == "magma"
    assert panel.order_selector.currentData() == "label"
    assert panel.cell_tooltip(0, 2) == "angle(x, z) = 45°"


def test_tooltip_follows_where_the_mouse_rests_even_after_fast_moves(qtbot, panel):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent

    viewport = panel.graphics.viewport()
    for row, col in ((0, 1), (1, 2), (3, 4)):  # faster than pyqtgraph passes moves on
        qtbot.mouseMove(viewport, panel.cell_position(row, col))
    pos = panel.cell_position(3, 4)
    help_event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    assert panel.eventFilter(viewport, help_event) is False  # the view still shows the tooltip
    assert panel.figure.cells.toolTip() == "cos(D, E) = 0.353"


# ------------------------------------------------------- range, numbers, dendrogram
def test_the_range_chooser_spans_the_colours_over_the_data(qtbot, panel, materials_context):
    state = materials_context.view.heatmap
    before = picture(panel)
    panel.controls.range_selector.setCurrentIndex(panel.controls.range_selector.findData("data"))
    assert state.range == "data"
    assert (round(panel.data.lo, 3), panel.data.hi) == (0.353, 1.0)
    assert panel.figure.colorbar.data.lo == panel.data.lo
    assert not np.array_equal(picture(panel), before)
    panel.controls.range_edit.setText("0.2:0.9")
    panel.controls.range_edit.editingFinished.emit()
    assert state.range == (0.2, 0.9) and (panel.data.lo, panel.data.hi) == (0.2, 0.9)
    messages = []
    materials_context.message.connect(messages.append)
    panel.controls.range_edit.setText("0.9:0.2")
    panel.controls.range_edit.editingFinished.emit()
    assert state.range == (0.2, 0.9) and messages == [
        "Colour range refused: the range 0.9:0.2 must go from a lower to a higher value."
    ]


def test_digits_write_every_cell_with_that_many_decimals(qtbot, panel, materials_context):
    panel.controls.digits_spin.setValue(2)
    assert materials_context.view.heatmap.digits == 2
    texts = panel.data.cell_texts(np.arange(5), np.arange(5))
    assert texts[0] == ["1.00", "0.35", "0.99", "1.00", "0.35"]  # C = A is not written 1.00
    picture(panel)
    assert panel.figure.numbers.last_count == 25


def test_the_dendrogram_checkbox_clusters_and_draws_the_tree_over_the_cells_order(qtbot, panel, materials_context):
    qtbot.mouseClick(panel.dendrogram_check, Qt.MouseButton.LeftButton)
    state = materials_context.view.heatmap
    assert (state.order, state.dendrogram) == ("clustered", True)
    assert panel.order_selector.currentData() == "clustered"
    picture(panel)
    for tree in (panel.figure.top_tree, panel.figure.left_tree):
        assert [row for row, _pos in tree.drawn_leaves] == panel.data.order.tolist()
    # Each leaf ends over its own cell.
    view = panel.figure.view
    for row, x in panel.figure.top_tree.drawn_leaves:
        scene = panel.figure.top_tree.mapToScene(x, 0)
        column = int(view.mapSceneToView(scene).x())
        assert panel.data.order[column] == row
    panel.set_order("label")
    assert not panel.dendrogram_check.isChecked() and not panel.data.shows_dendrogram


def test_cells_too_small_for_numbers_say_so_and_zooming_in_brings_them(qtbot, new_context):
    rng = np.random.default_rng(4)
    from explorer.model.document import Document
    from explorer.model.table import VectorTable

    context = new_context(
        Document(VectorTable([f"w{i}" for i in range(60)], ["x", "y", "z"], rng.normal(size=(60, 3))))
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = HeatmapPanel(context, parent)
    parent.resize(520, 480)
    panel.resize(520, 480)
    parent.show()
    qtbot.waitExposed(parent)
    assert panel.numbers_check.isChecked()
    assert panel.numbers_note() == "numbers hidden: cells too small"
    assert panel.controls.numbers_note.isVisible()
    picture(panel)
    assert panel.figure.numbers.last_count == 0
    panel.figure.view.setRange(xRange=(0, 4), yRange=(0, 4), padding=0)
    assert panel.numbers_note() == ""
    picture(panel)
    assert panel.figure.numbers.last_count >= 16


def test_hovering_a_cell_highlights_its_row_and_column_labels(qtbot, panel):
    assert tooltip_at(qtbot, panel, panel.cell_position(1, 3)) == "cos(B, D) = 0.353"
    assert panel.figure.rows.highlighted == 1 and panel.figure.columns.highlighted == 3
    image = panel.graphics.viewport().grab().toImage()
    label = panel.figure.rows
    band = panel.graphics.mapFromScene(label.mapToScene(label.width() / 2, 0))
    row_b = panel.cell_position(1, 0)
    assert image.pixelColor(band.x(), row_b.y()).name() == "#ffec96"  # the pale band behind "B"
    panel.eventFilter(panel.graphics.viewport(), QEvent(QEvent.Type.Leave))
    assert panel.figure.rows.highlighted is None and panel.figure.columns.highlighted is None


def test_colour_maps_are_chosen_by_common_names_with_swatches(qtbot, panel, materials_context):
    chooser = panel.colormap_selector
    names = [chooser.itemData(i) for i in range(chooser.count())]
    assert names[0] == "CET-CBD1" and {"viridis", "magma", "RdBu", "coolwarm", "PuOr"} <= set(names)
    assert all(not chooser.itemIcon(i).isNull() for i in range(chooser.count()))
    chooser.setCurrentIndex(chooser.findData("RdBu"))
    assert materials_context.view.heatmap.colormap == "RdBu" and panel.colormap == "RdBu"


def test_show_selected_compares_a_search_or_a_selection_and_show_all_goes_back(qtbot, panel, materials_context):
    assert not panel.show_selected_button.isEnabled()
    materials_context.select_rows([0, 2, 3])  # what a search or the plot sets
    assert panel.show_selected_button.isEnabled()
    qtbot.mouseClick(panel.show_selected_button, Qt.MouseButton.LeftButton)
    assert panel.displayed_labels() == ["A", "C", "D"]
    assert panel.notice.text() == "Showing the 3 selected of 5 vectors."
    assert panel.cell_tooltip(0, 1) == "cos(A, C) = 0.99994"
    qtbot.mouseClick(panel.shown.show_all_button, Qt.MouseButton.LeftButton)
    assert panel.displayed_labels() == list("ABCDE")


def test_equal_huge_dot_products_paint(qtbot, new_context):
    """Issue 9: equal dot products of 2^53 or more raised ZeroDivisionError in every paint."""
    from explorer.model.commands import InsertVectors
    from explorer.model.document import Document
    from explorer.model.table import VectorTable

    table = VectorTable(["A", "B"], ["x", "y"], [[2.0**27, 0.0], [2.0**27, 0.0]])
    context = new_context(Document(table))
    context.view.heatmap.update(metric="dot", order="clustered", dendrogram=True)
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = HeatmapPanel(context, parent)
    parent.resize(500, 400)
    parent.show()
    qtbot.waitExposed(parent)
    image = picture(panel)
    assert len(np.unique(image)) > 10  # a picture, not a blank
    assert panel.cell_tooltip(0, 1) == "dot(A, B) = 1.801e+16"
    context.set_metric("euclidean")
    # Distances up to 1.6e308 (the largest float is 1.8e308): colours, ticks and clustering still work.
    context.push(InsertVectors(2, ["C", "D"], [[8e307, 0.0], [-8e307, 0.0]]))
    assert panel.data.hi == 1.6e308
    picture(panel)
    assert panel.data.n == 4 and sorted(panel.data.order.tolist()) == [0, 1, 2, 3]
    context.undo_stack.undo()
    assert panel.data.n == 2
