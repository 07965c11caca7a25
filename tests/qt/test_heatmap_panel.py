"""The heatmap panel, driven as a user would: metric chooser, hover, click, edits, undo, restyles."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
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
    qtbot.wait(15)  # pyqtgraph ignores mouse moves closer than 10 ms apart
    qtbot.mouseMove(panel.graphics.viewport(), pos)
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
