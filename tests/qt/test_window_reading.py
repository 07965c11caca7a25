"""The whole window read as a user reads it: long labels, small windows, two vectors, stale questions.

Each test here comes from a screenshot or a session that read badly before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from tests.qt.window_panels import click_cell, working_text, working_title


def test_long_labels_leave_the_docked_heatmap_cells_large_enough_for_numbers(qtbot, window, tmp_path):
    labels = [
        "Aluminium alloy 6061-T6, extruded profile",
        "Borosilicate glass, laboratory grade 3.3",
        "Cross-laminated timber panel, five layers",
        "Dense polyethylene foam, closed cell, black",
        "Expanded polystyrene board, 20 kg per m3",
    ]
    path = tmp_path / "long.csv"
    path.write_text(
        "label,mass (kg),volume (l)\n"
        + "".join(
            f'"{label}",{m},{v}\n' for label, (m, v) in zip(labels, [(3, 30), (15, 4), (3, 27), (7.5, 75), (7.5, 2)])
        ),
        encoding="utf-8",
    )
    window.resize(1440, 900)
    assert window.files.open(str(path))
    qtbot.wait(20)
    heatmap = window.heatmap
    room = heatmap.graphics.viewport().height()
    cell = heatmap.cell_position(0, 1).x() - heatmap.cell_position(0, 0).x()
    assert cell >= 32, f"cells of {cell} px leave no room for the numbers"
    assert heatmap.figure.columns.height() <= room / 4 + 12
    assert heatmap.cell_tooltip(0, 3) == f"cos({labels[0]}, {labels[3]}) = 1"


def mid_word_breaks(browser) -> list[str]:
    """Lines of the browser's document that end inside a word (a number cut in two)."""
    from PySide6.QtGui import QTextTable

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
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabScroller")
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
    assert cell >= 45  # the heatmap's dock has the height its square needs, not a thumbnail's
    heatmap.graphics.viewport().repaint()
    assert heatmap.figure.numbers.last_count == 25 and heatmap.numbers_note() == ""
