"""The window gives its space to what has content: the table shrinks to its rows, the Claims take the room
below it, the heatmap gets the height its cells need, choosers elide instead of cutting, rows fit their text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QComboBox, QTableView

from explorer.model.commands import InsertVectors
from explorer.qt.app.layout import fit_to_screen

ROOT = Path(__file__).resolve().parents[2]


def claims_table(window) -> QTableView:
    return window.working.claims.findChild(QTableView, "claimsTable")


def rows_whole(table: QTableView) -> bool:
    """Every row is as high as its text needs and lies inside the viewport."""
    model = table.model()
    bottom = table.rowViewportPosition(model.rowCount() - 1) + table.rowHeight(model.rowCount() - 1)
    return bottom <= table.viewport().height() and all(
        table.rowHeight(r) >= table.sizeHintForRow(r) for r in range(model.rowCount())
    )


def settle(qtbot, window, size) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    qtbot.wait(20)  # rows are fitted after the columns have their new widths


def test_the_claims_sit_below_a_short_table_and_every_lesson_claim_is_whole(qtbot, window):
    for size in ((1280, 720), (1920, 1080), (1440, 900)):
        settle(qtbot, window, size)
        table, claims = window.left_splitter.sizes()
        view = window.table_view
        last = view.rowViewportPosition(4) + view.rowHeight(4)
        assert last <= view.viewport().height() < last + 3 * view.rowHeight(4)  # five rows, little room left
        assert claims > table
        assert len(window.working.claims.claims()) == 6 and rows_whole(claims_table(window)), size


def test_the_heatmap_gets_the_height_its_cells_need(qtbot, window):
    for size in ((1280, 720), (1920, 1080)):
        settle(qtbot, window, size)
        heatmap = window.heatmap
        cell = heatmap.cell_position(0, 1).x() - heatmap.cell_position(0, 0).x()
        assert cell >= 45, size
        heatmap.graphics.viewport().repaint()
        assert heatmap.figure.numbers.last_count == 25 and heatmap.numbers_note() == ""
        assert window.heatmap_dock.height() > window.working_dock.height()


def test_the_vocabulary_tab_does_not_squeeze_the_heatmap_to_a_thumbnail(qtbot, window):
    settle(qtbot, window, (1280, 720))
    window.vocab_dock.raise_()
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabScroller")
    qtbot.wait(20)
    heatmap = window.heatmap
    cell = heatmap.cell_position(0, 1).x() - heatmap.cell_position(0, 0).x()
    assert cell >= 40
    neighbours = window.vocab.findChild(QTableView, "vocabNeighbours")
    assert neighbours.verticalHeader().defaultSectionSize() >= neighbours.fontMetrics().height() + 4


def test_the_table_grows_with_its_rows_until_the_user_moves_the_splitter(qtbot, window):
    settle(qtbot, window, (1440, 900))
    before = window.left_splitter.sizes()[0]
    window.context.push(InsertVectors(5, ["F", "G", "H", "I"], [[1, 2], [3, 4], [5, 6], [7, 8]]))
    qtbot.waitUntil(lambda: window.left_splitter.sizes()[0] > before)
    window.left_splitter.moveSplitter(200, 1)
    window.left_splitter.splitterMoved.emit(200, 1)
    kept = window.left_splitter.sizes()[0]
    window.context.push(InsertVectors(9, ["J"], [[1, 1]]))
    assert window.left_splitter.sizes()[0] == kept


def test_a_chooser_narrower_than_its_text_elides_it_and_tells_it_whole(qtbot, window):
    settle(qtbot, window, (1280, 720))
    combo = window.heatmap.metric_selector
    combo.setFixedWidth(80)
    combo.setCurrentIndex(combo.findData("euclidean"))
    combo.repaint()
    assert combo.toolTip().startswith("Euclidean distance: ")
    combo.setFixedWidth(400)
    combo.repaint()
    assert combo.toolTip() == "The score shown for each pair of vectors"
    assert all(box.minimumWidth() <= 80 for box in window.plot_panel.findChildren(QComboBox))


def test_at_first_start_the_window_fits_the_screen():
    assert fit_to_screen(QSize(1440, 900), QRect(0, 0, 1280, 720)) == QRect(0, 0, 1280, 720)
    assert fit_to_screen(QSize(1440, 900), QRect(0, 24, 1920, 1056)) == QRect(240, 102, 1440, 900)
    # The real program on a 1366 x 768 screen whose panel takes 40 px (the platform's available room).
    config = Path(os.environ.get("TMPDIR", "/tmp")) / f"small-screen-{os.getpid()}.json"
    config.write_text('{"screens": [{"name": "s", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}')
    code = (
        "import os, tempfile; os.environ['HOME'] = os.environ['XDG_CONFIG_HOME'] = tempfile.mkdtemp()\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from explorer.qt.app.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents(); app.processEvents()\n"
        "g, a = w.frameGeometry(), w.screen().availableGeometry()\n"
        "print(a.contains(g), w.width(), w.height())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    config.unlink()
    assert result.returncode == 0, result.stderr
    inside, width, height = result.stdout.split()
    assert inside == "True" and 1300 <= int(width) <= 1366 and 700 <= int(height) <= 768
