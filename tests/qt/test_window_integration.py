"""All panels of the real main window together, driven as a user would.

Each panel has its own tests; these check that the table, the plot, the
heatmap, the working panel and the vocabulary panel show one document: a
click, an edit, a drag, a paste, an undo or an opened file in one place shows
in all the others.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog
from tests.qt.helpers import type_into_cell
from tests.qt.window_panels import (
    click_cell,
    click_row_header,
    heatmap_row,
    highlighted_tips,
    selected_rows,
    verdicts,
    working_copy,
    working_text,
    working_title,
)

LESSON_VERDICTS = ["≈", "✅", "❌", "❌", "❌", "✅"]


# ----------------------------------------------------------------------------- selection
def test_a_heatmap_click_selects_the_pair_everywhere(qtbot, window):
    click_cell(qtbot, window, 0, 1)
    assert window.context.pair == (0, 1)
    assert selected_rows(window) == [0, 1]
    assert highlighted_tips(window) == {(3.0, 30.0), (15.0, 4.0)}
    text = working_text(window)
    assert text.startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    assert "√ 909" in text and "30.15" in text and "15.52" in text
    assert "|A| = √(3² + 30²) = √909 = 30.15" in working_copy(window)
    assert "165 / (30.15 × 15.52) = 0.353" in working_copy(window)
    assert "choose a pair" not in working_title(window)
    assert window.heatmap.figure.outline.cells == [(0, 1), (1, 0)]


def test_two_rows_selected_in_the_table_outline_their_cell_and_the_working_follows(qtbot, window):
    click_row_header(qtbot, window, 1)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)
    assert window.context.selection == [1, 4]
    assert window.heatmap.figure.outline.cells == [(1, 4), (4, 1)]
    assert working_text(window).startswith("B and E — cosine similarity: cos(B, E) = 1.000")
    assert highlighted_tips(window) == {(15.0, 4.0), (7.5, 2.0)}
    click_row_header(qtbot, window, 0)
    click_row_header(qtbot, window, 2, Qt.KeyboardModifier.ControlModifier)
    assert window.heatmap.figure.outline.cells == [(0, 2), (2, 0)]
    assert "cos(A, C) = 0.99994" in working_text(window).splitlines()[0]


def test_the_metric_chooser_changes_colour_bar_and_working_but_not_the_claims(qtbot, window):
    click_cell(qtbot, window, 0, 1)
    selector = window.heatmap.metric_selector
    assert window.findChild(type(selector), "metricSelector") is selector
    assert window.heatmap.figure.colorbar.title() == "cosine similarity"
    selector.setCurrentIndex(selector.findData("angle"))
    assert window.context.metric == "angle"
    assert window.heatmap.figure.colorbar.title() == "angle (degrees)"
    assert window.heatmap.cell_tooltip(0, 1) == "angle(A, B) = 69.36°"
    assert working_text(window).startswith("A and B — angle")
    assert "69.4°" in working_text(window).splitlines()[0]
    assert verdicts(window) == LESSON_VERDICTS
    selector.setCurrentIndex(selector.findData("dot"))
    assert window.heatmap.figure.colorbar.title() == "dot product"
    assert working_text(window).startswith("A and B — dot product: A·B = 165")
    assert verdicts(window) == LESSON_VERDICTS


# ---------------------------------------------------------------------------------- edits
def test_typing_70_into_ds_volume_reaches_every_panel_and_ctrl_z_restores_them(qtbot, window):
    click_cell(qtbot, window, 0, 3)
    before = {r: heatmap_row(window, r) for r in range(5)}
    assert before[3][0] == "cos(D, A) = 1"
    assert verdicts(window)[1] == "✅"
    type_into_cell(qtbot, window.table_view, 3, 2, "70")
    assert window.context.table.values[3].tolist() == [7.5, 70.0]
    after = {r: heatmap_row(window, r) for r in range(5)}
    assert after[3][0] == "cos(D, A) = 0.99998"
    for r in range(5):  # only D's row and column changed
        for c in range(5):
            if 3 not in (r, c) or r == c:
                assert after[r][c] == before[r][c], (r, c)
    assert all(after[3][c] != before[3][c] for c in (0, 1, 2, 4))
    mark, reason = window.working.claims.verdict(1)
    assert mark == "❌" and reason.startswith("D has 2.5 × A's mass but 2.33 × its volume")
    assert "|D| = √(7.5² + 70²) = √4956.25 = 70.40" in working_copy(window)
    assert window.plot.tip(3) == (7.5, 70.0)

    window.table_view.setFocus()
    qtbot.keyClick(window.table_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.context.table.values[3].tolist() == [7.5, 75.0]
    assert {r: heatmap_row(window, r) for r in range(5)} == before
    assert verdicts(window) == LESSON_VERDICTS
    assert window.plot.tip(3) == (7.5, 75.0)
    assert "|D| = √(7.5² + 75²) = √5681.25 = 75.37" in working_copy(window)


def test_dragging_bs_tip_updates_heatmap_and_working_live_in_one_undo_step(qtbot, window):
    click_cell(qtbot, window, 0, 1)
    plot, viewport = window.plot, window.plot.viewport()
    start = plot.tip_viewport_pos(1)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    seen = []
    for step in range(1, 5):
        qtbot.mouseMove(viewport, start + QPoint(-20 * step, -25 * step))
        seen.append(
            (
                window.heatmap.cell_tooltip(0, 1),
                working_text(window).splitlines()[0],
                tuple(window.context.table.values[1]),
            )
        )
    # Mid-drag, before the release: every panel already shows the moved B.
    assert len({s[0] for s in seen}) == 4 and len({s[1] for s in seen}) == 4
    for tooltip, headline, b in seen:
        cosine = np.dot([3, 30], b) / (np.linalg.norm([3, 30]) * np.linalg.norm(b))
        assert tooltip.startswith("cos(A, B) = ")
        assert abs(float(tooltip.split("= ")[1]) - cosine) < 1e-3
        assert abs(float(headline.split("= ")[-1]) - cosine) < 1e-3
    assert not window.actionUndo.isEnabled()  # the gesture is not recorded yet: history is locked
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-80, -100))
    assert window.context.undo_stack.count() == 1
    assert window.heatmap.cell_tooltip(0, 1) != "cos(A, B) = 0.353"
    window.actionUndo.trigger()
    assert window.heatmap.cell_tooltip(0, 1) == "cos(A, B) = 0.353"
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")


def test_a_pasted_block_with_new_rows_grows_the_heatmap_and_undo_shrinks_it(qtbot, window):
    view = window.table_view
    view.setCurrentIndex(view.model().index(4, 0))
    QGuiApplication.clipboard().setText("E\t8\t2.5\nF\t-2\t6\nG\t1\t1\n")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.context.table.labels == tuple("ABCDEFG")
    assert window.heatmap.displayed_labels() == list("ABCDEFG")
    assert window.heatmap.cell_tooltip(6, 5) == f"cos(G, F) = {4 / (np.sqrt(2) * np.sqrt(40)):.3f}"
    assert window.heatmap.cell_tooltip(0, 1) == "cos(A, B) = 0.353"
    assert window.plot.tip(5) == (-2.0, 6.0)
    assert window.context.undo_stack.count() == 1
    window.actionUndo.trigger()
    assert window.heatmap.displayed_labels() == list("ABCDE")
    assert window.heatmap.cell_tooltip(4, 1) == "cos(E, B) = 1"


def test_removing_a_vector_of_the_pair_asks_for_a_new_pair(qtbot, window):
    click_cell(qtbot, window, 0, 1)
    click_row_header(qtbot, window, 1)
    qtbot.keyClick(window.table_view, Qt.Key.Key_Delete)
    assert window.context.table.labels == tuple("ACDE")
    assert window.context.pair is None
    assert window.heatmap.figure.outline.cells == []
    assert "choose a pair in the heatmap or the table" in working_title(window)
    assert window.heatmap.displayed_labels() == list("ACDE")
    window.actionUndo.trigger()
    assert window.heatmap.displayed_labels() == list("ABCDE")
    click_cell(qtbot, window, 1, 4)
    assert working_text(window).startswith("B and E — cosine similarity: cos(B, E) = 1.000")


# ---------------------------------------------------------------------------------- files
def test_opening_a_csv_shows_it_in_every_panel(qtbot, window, tmp_path):
    path = tmp_path / "fruit.csv"
    path.write_text("label,sweet,sour\napple,4,3\nlemon,1,9\nmango,8,1\n", encoding="utf-8")
    click_cell(qtbot, window, 0, 1)
    assert window.files.open(str(path))
    assert window.context.table.labels == ("apple", "lemon", "mango")
    assert window.table_view.model().rowCount() == 3
    assert window.heatmap.displayed_labels() == ["apple", "lemon", "mango"]
    assert window.heatmap.figure.outline.cells == []
    assert window.heatmap.cell_tooltip(0, 1) == f"cos(apple, lemon) = {31 / (5 * np.sqrt(82)):.3f}"
    assert working_text(window).startswith("apple and lemon — cosine similarity")
    assert verdicts(window) == []  # the claims belong to the document: a CSV holds none
    assert window.plot.tip(2) == (8.0, 1.0)
    assert window.plot.getPlotItem().getAxis("bottom").labelText == "sweet"
    assert window.windowTitle().startswith("fruit.csv")
    assert window.statusBar().currentMessage() == "Opened fruit.csv: 3 vectors, 2 dimensions."


def test_a_file_that_fails_to_load_changes_nothing_and_says_why(qtbot, window, tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("label,x,y\nA,1,2\nB,abc,3\n", encoding="utf-8")
    click_cell(qtbot, window, 0, 1)
    type_into_cell(qtbot, window.table_view, 2, 1, "4")
    claims_before = [window.working.claims.verdict(r) for r in range(6)]
    assert not window.files.open(str(path))
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not open broken.csv:") and "line 3" in message
    assert window.errors == [message]
    assert window.context.table.labels == tuple("ABCDE")
    assert window.context.undo_stack.count() == 1 and window.isWindowModified()
    assert window.heatmap.displayed_labels() == list("ABCDE")
    assert window.heatmap.figure.outline.cells == [(0, 1), (1, 0)]
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    assert [window.working.claims.verdict(r) for r in range(6)] == claims_before
    assert window.plot.tip(2) == (4.0, 27.0)


def test_export_heatmap_action_writes_a_png(qtbot, window, tmp_path):
    target = tmp_path / "heat.png"
    window.actionExportHeatmap.trigger()
    dialog = window.findChild(ExportHeatmapDialog, "exportHeatmapDialog")
    assert dialog is not None and dialog.isVisible()
    path_edit = dialog.findChild(QLineEdit, "exportPath")
    path_edit.clear()
    qtbot.keyClicks(path_edit, str(target))
    dialog.width_spin.setValue(600)
    dialog.height_spin.setValue(500)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    image = QImage(str(target))
    assert not image.isNull() and (image.width(), image.height()) == (600, 500)
    assert window.statusBar().currentMessage() == f"Exported the heatmap to {target}"


# ---------------------------------------------------------------------------- bad values
def test_a_zero_vector_is_undefined_everywhere_never_0(qtbot, window):
    view = window.table_view
    view.setCurrentIndex(view.model().index(4, 1))
    window.actionAddVector.trigger()
    assert window.context.table.labels[5] == "F" and window.context.table.values[5].tolist() == [0, 0]
    assert window.heatmap.cell_tooltip(5, 0) == "cos(F, A) is undefined: F is a zero vector, which has no direction"
    assert window.heatmap.cell_tooltip(5, 5).startswith("cos(F, F) is undefined")
    click_cell(qtbot, window, 5, 0)
    text = working_text(window)
    assert "undefined" in text.splitlines()[0]
    assert "= 0\n" not in text and not text.splitlines()[0].endswith("= 0")
    assert text.startswith("F and A — cosine similarity: cos(F, A) = undefined")
    assert "cos(F, A) = undefined (a zero vector has no direction)" in text
    assert "= 0.000" not in text and "0.000" not in window.heatmap.cell_tooltip(5, 0)
    # The hatched cell: the heatmap paints no number there.
    assert window.heatmap.data.matrix[5, 0] != window.heatmap.data.matrix[5, 0]  # NaN, not 0


# ----------------------------------------------------------------------------- vocabulary
def test_glove_tokens_sent_from_the_vocabulary_tab_reach_every_panel(qtbot, window):
    before = window.context.table.copy()
    window.vocab_dock.raise_()
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabScroller")
    vocab = window.vocab
    vocab.set_level("word")
    vocab.text_edit.clear()
    with qtbot.waitSignal(vocab.encoded, timeout=20_000):
        qtbot.keyClicks(vocab.text_edit, "cat dog car truck king queen")
    vocab.embeddings.set_source("sample")
    words = ["cat", "dog", "car", "truck", "king", "queen"]
    vocab.select_tokens(words)
    qtbot.mouseClick(vocab.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(vocab.replace_button, Qt.MouseButton.LeftButton)

    table = window.context.table
    assert table.labels == tuple(words) and table.dimension_count == 50
    assert window.table_view.model().columnCount() == 1 + 50 + 1  # label, 50 dimensions, |v|
    panel, plot = window.plot_panel, window.plot
    assert plot.mode == "pca" and panel.projection.currentData() == "pca" and panel.projection.isEnabled()
    assert plot.getPlotItem().getAxis("bottom").labelText.startswith("PC1 (")
    # Dimensions to compare are still one click away, and never one dimension against itself.
    panel.projection.setCurrentIndex(panel.projection.findData("dimensions"))
    assert plot.shown_dimensions == (0, 1) and plot.getPlotItem().getAxis("bottom").labelText == "d1"
    assert plot.tip(4) == tuple(table.values[4, :2])
    qtbot.wait(20)  # the axes take their range when the view has been laid out
    for side in ("bottom", "left"):  # no "(x0.001)" scale beside a dimension's name
        assert "(x" not in plot.getPlotItem().getAxis(side).labelString()
    panel.projection.setCurrentIndex(panel.projection.findData("pca"))
    assert window.heatmap.displayed_labels() == words
    score = {
        (a, b): float(window.heatmap.cell_tooltip(words.index(a), words.index(b)).split("= ")[1])
        for a, b in (("cat", "dog"), ("cat", "car"), ("king", "queen"))
    }
    assert score["cat", "dog"] > score["cat", "car"]
    assert score["king", "queen"] > 0.6
    assert working_text(window).startswith("cat and dog — cosine similarity")
    assert window.context.undo_stack.count() == 1
    # The lesson's claims name none of these vectors: greyed with a note, not six alarms.
    assert verdicts(window) == ["○"] * 6
    assert window.working.claims.verdict(1) == ("○", "D and A are not in this table")

    window.actionUndo.trigger()
    assert table.same_content(before)
    assert window.heatmap.displayed_labels() == list("ABCDE")
    assert window.heatmap.cell_tooltip(0, 1) == "cos(A, B) = 0.353"
    assert plot.mode == "dimensions" and plot.tip(0) == (3.0, 30.0)
    assert panel.projection.currentData() == "dimensions" and not panel.projection.isEnabled()
    assert plot.getPlotItem().getAxis("bottom").labelText == "mass (kg)"
    assert verdicts(window) == LESSON_VERDICTS


def test_moving_a_vector_of_the_pair_and_undoing_keeps_every_panel_on_it(qtbot, window):
    click_cell(qtbot, window, 0, 1)
    click_row_header(qtbot, window, 0)
    for _ in range(3):  # A goes down below D, one row at a time
        window.actionMoveDown.trigger()
    assert window.context.table.labels == tuple("BCDAE")
    assert window.context.pair == (3, 0)
    assert selected_rows(window) == [3]
    assert window.heatmap.figure.outline.cells == [(0, 3), (3, 0)]
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    for _ in range(3):
        window.actionUndo.trigger()
    assert window.context.table.labels == tuple("ABCDE")
    assert window.context.pair == (0, 1) and selected_rows(window) == [0]
    assert window.heatmap.figure.outline.cells == [(0, 1), (1, 0)]
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    window.actionRedo.trigger()
    assert window.context.table.labels == tuple("BACDE")
    assert window.context.selection == [1] and selected_rows(window) == [1]
    assert window.plot.tip(1) == (3.0, 30.0)


def test_heatmap_and_working_compare_the_same_pair_after_a_heatmap_click_and_a_row_selection(qtbot, window):
    """One pair policy: a heatmap click chooses A-B; selecting rows C, D and E then compares C and D everywhere."""
    click_cell(qtbot, window, 0, 1)
    assert window.heatmap.figure.outline.cells == [(0, 1), (1, 0)]
    click_row_header(qtbot, window, 2)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ShiftModifier)
    assert selected_rows(window) == [2, 3, 4]
    assert window.context.pair == (2, 3)
    assert window.heatmap.figure.outline.cells == [(2, 3), (3, 2)]
    assert working_text(window).startswith("C and D")
