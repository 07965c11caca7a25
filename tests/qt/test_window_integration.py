"""All panels of the real main window together, driven as a user would.

Each panel has its own tests; these check that the table, the plot, the
heatmap, the working panel and the vocabulary panel show one document: a
click, an edit, a drag, a paste, an undo or an opened file in one place shows
in all the others.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QTextBrowser

from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog
from tests.qt.helpers import type_into_cell

LESSON_VERDICTS = ["≈", "✅", "❌", "❌", "❌", "✅"]


# ------------------------------------------------------------------ reading what the window shows
def click_cell(qtbot, window, row: int, column: int) -> None:
    heatmap = window.heatmap
    qtbot.mouseClick(heatmap.graphics.viewport(), Qt.MouseButton.LeftButton,
                     pos=heatmap.cell_position(row, column))


def click_row_header(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    header = window.table_view.verticalHeader()
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def selected_rows(window) -> list[int]:
    """Rows of the table with a selected cell."""
    return sorted({i.row() for i in window.table_view.selectionModel().selectedIndexes()})


def highlighted_tips(window) -> set[tuple[float, float]]:
    """The tips the plot's highlight runs to (each highlighted arrow starts at the origin)."""
    x, y = window.plot._highlight.getData()
    if x is None:
        return set()
    points = {(round(float(a), 6), round(float(b), 6)) for a, b in zip(x, y)}
    return {p for p in points if any(p == (round(t[0], 6), round(t[1], 6))
                                     for t in (window.plot.tip(r) for r in range(len(window.context.table))))}


def working_text(window) -> str:
    """What the working panel's text shows (its first line is the headline)."""
    return window.working.findChild(QTextBrowser, "workingText").toPlainText()


def working_copy(window) -> str:
    """The working as "Copy as text" gives it: the formulas on one line each."""
    return window.working.plain_text()


def working_title(window) -> str:
    title = window.working.findChild(QLabel, "workingTitle")
    return title.text() if title.isVisible() else ""


def heatmap_row(window, row: int) -> list[str]:
    return [window.heatmap.cell_tooltip(row, c) for c in range(len(window.heatmap.displayed_labels()))]


def verdicts(window) -> list[str]:
    claims = window.working.claims
    return [claims.verdict(r)[0] for r in range(len(claims.claims()))]


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
        seen.append((window.heatmap.cell_tooltip(0, 1), working_text(window).splitlines()[0],
                     tuple(window.context.table.values[1])))
    # Mid-drag, before the release: every panel already shows the moved B.
    assert len({s[0] for s in seen}) == 4 and len({s[1] for s in seen}) == 4
    for tooltip, headline, b in seen:
        cosine = np.dot([3, 30], b) / (np.linalg.norm([3, 30]) * np.linalg.norm(b))
        assert tooltip.startswith("cos(A, B) = ")
        assert abs(float(tooltip.split("= ")[1]) - cosine) < 1e-3
        assert headline.split("= ")[-1] == tooltip.split("= ")[1][:5]
    assert window.context.undo_stack.count() == 0
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
    assert window.working.claims.claims() == []
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
    assert window.context.table.labels[5] == "v" and window.context.table.values[5].tolist() == [0, 0]
    assert window.heatmap.cell_tooltip(5, 0) == "cos(v, A) is undefined: v is a zero vector, which has no direction"
    assert window.heatmap.cell_tooltip(5, 5).startswith("cos(v, v) is undefined")
    click_cell(qtbot, window, 5, 0)
    text = working_text(window)
    assert "undefined" in text.splitlines()[0]
    assert "= 0\n" not in text and not text.splitlines()[0].endswith("= 0")
    assert text.startswith("v and A — cosine similarity: cos(v, A) = undefined")
    assert "cos(v, A) = undefined (a zero vector has no direction)" in text
    assert "= 0.000" not in text and "0.000" not in window.heatmap.cell_tooltip(5, 0)
    # The hatched cell: the heatmap paints no number there.
    assert window.heatmap.data.matrix[5, 0] != window.heatmap.data.matrix[5, 0]  # NaN, not 0


# ----------------------------------------------------------------------------- vocabulary
def test_glove_tokens_sent_from_the_vocabulary_tab_reach_every_panel(qtbot, window):
    before = window.context.table.copy()
    window.vocab_dock.raise_()
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabView")
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
    score = {(a, b): float(window.heatmap.cell_tooltip(words.index(a), words.index(b)).split("= ")[1])
             for a, b in (("cat", "dog"), ("cat", "car"), ("king", "queen"))}
    assert score["cat", "dog"] > score["cat", "car"]
    assert score["king", "queen"] > 0.6
    assert working_text(window).startswith("cat and dog — cosine similarity")
    assert window.context.undo_stack.count() == 1

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


def test_long_labels_leave_the_docked_heatmap_cells_large_enough_for_numbers(qtbot, window, tmp_path):
    labels = ["Aluminium alloy 6061-T6, extruded profile", "Borosilicate glass, laboratory grade 3.3",
              "Cross-laminated timber panel, five layers", "Dense polyethylene foam, closed cell, black",
              "Expanded polystyrene board, 20 kg per m3"]
    path = tmp_path / "long.csv"
    path.write_text("label,mass (kg),volume (l)\n" + "".join(
        f'"{label}",{m},{v}\n' for label, (m, v) in zip(labels, [(3, 30), (15, 4), (3, 27), (7.5, 75), (7.5, 2)])),
        encoding="utf-8")
    window.resize(1440, 900)
    assert window.files.open(str(path))
    qtbot.wait(20)
    heatmap = window.heatmap
    room = heatmap.graphics.viewport().height()
    assert room < 400  # docked above the working panel: low and wide
    cell = heatmap.cell_position(0, 1).x() - heatmap.cell_position(0, 0).x()
    assert cell >= 32, f"cells of {cell} px leave no room for the numbers"
    assert heatmap.figure.bottom.height() <= room / 4 + 12
    assert heatmap.cell_tooltip(0, 3) == f"cos({labels[0]}, {labels[3]}) = 1"


def mid_word_breaks(browser) -> list[str]:
    """Lines of the browser's document that end inside a word (a number cut in two)."""
    from PySide6.QtGui import QTextFrame, QTextTable

    found = []

    def visit_block(block):
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount() - 1):
            end = layout.lineAt(i).textStart() + layout.lineAt(i).textLength()
            if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
                found.append(f"{text[:end]}|{text[end:]}")

    def visit_frame(frame):
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                for r in range(child.rows()):
                    for c in range(child.columns()):
                        cell = child.cellAt(r, c)
                        block = cell.firstCursorPosition().block()
                        while block.isValid() and block.position() <= cell.lastCursorPosition().position():
                            visit_block(block)
                            block = block.next()
            visit_frame(child)

    block = browser.document().firstBlock()
    while block.isValid():
        visit_block(block)
        block = block.next()
    visit_frame(browser.document().rootFrame())
    return found


def test_the_working_never_cuts_a_number_or_a_label_across_lines(qtbot, window, tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("label,x,y\nword171,-19.28,-20.04\nword395,15.05,26.44\n", encoding="utf-8")
    window.resize(1440, 900)
    assert window.files.open(str(path))
    click_cell(qtbot, window, 0, 1)
    browser = window.working.findChild(QTextBrowser, "workingText")
    qtbot.wait(20)
    assert "−820.022" in working_text(window)
    assert mid_word_breaks(browser) == []


def test_with_two_vectors_the_working_does_not_ask_for_a_pair(qtbot, window):
    window.table_view.selectRow(2)
    qtbot.keyClick(window.table_view, Qt.Key.Key_Delete)
    window.table_view.setCurrentIndex(window.table_view.model().index(2, 1))
    window.table_view.selectRow(2)
    qtbot.keyClick(window.table_view, Qt.Key.Key_Delete)
    window.table_view.selectRow(2)
    qtbot.keyClick(window.table_view, Qt.Key.Key_Delete)
    assert window.context.table.labels == ("A", "B")
    window.table_view.clearSelection()
    assert working_title(window) == ""
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    assert window.heatmap.displayed_labels() == ["A", "B"]


def test_a_pending_replace_question_goes_away_when_another_file_is_opened(qtbot, window, tmp_path):
    window.vocab_dock.raise_()
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabView")
    vocab = window.vocab
    vocab.select_tokens(["h", "e"])
    qtbot.mouseClick(vocab.send_button, Qt.MouseButton.LeftButton)
    assert not vocab.replace_bar.isHidden()
    assert "The table's 5 vectors have 2 dimensions" in vocab.replace_label.text()
    path = tmp_path / "three.csv"
    path.write_text("label,x,y,z\np,1,2,3\nq,4,5,6\n", encoding="utf-8")
    assert window.files.open(str(path))
    # The question was about the materials; it must not replace the file just opened.
    assert vocab.replace_bar.isHidden()
    assert not vocab.replace_bar.replace()
    assert window.context.table.labels == ("p", "q")
    assert window.context.undo_stack.count() == 0


def test_a_laptop_sized_window_still_writes_the_lessons_scores_in_the_cells(qtbot, window):
    window.resize(1280, 720)
    qtbot.wait(20)
    heatmap = window.heatmap
    cell = heatmap.cell_position(0, 1).x() - heatmap.cell_position(0, 0).x()
    assert cell < 40  # "0.9999" does not fit at the label font
    heatmap.graphics.viewport().repaint()
    assert heatmap.figure.numbers.last_count == 25
