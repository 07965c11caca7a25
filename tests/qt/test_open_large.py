"""File > Open reads on a worker thread: progress, cancel, word-vector files, large documents."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from explorer.model.commands import set_cell
from explorer.model.similarity import MATRIX_LIMIT


def big_csv(path, rows: int):
    lines = ["label,mass (kg),volume (l)", "A,3,30", "B,15,4"] + [f"w{i},{i % 7},{1 + i % 5}" for i in range(rows - 2)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cancel_while_reading_leaves_the_document_and_history_alone(qtbot, window, tmp_path):
    path = big_csv(tmp_path / "big.csv", 45_000)
    window.context.push(set_cell(0, 0, 9.0))
    before = window.context.table.copy()
    files = window.files
    files.progress_delay_ms = 0
    seen = []

    def on_progress(done, total):
        seen.append((done, total, files.progress_dialog.isVisible(), files.progress_dialog.labelText()))
        cancel = files.progress_dialog.findChild(QPushButton)
        assert cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    files.load_progress.connect(on_progress)
    assert files.open(str(path)) is False
    assert seen[0][:3] == (20_000, 45_000, True)
    assert seen[0][3] == "Reading big.csv: 20,000 of 45,000 vectors…"
    assert window.context.table.same_content(before) and window.context.undo_stack.count() == 1
    assert window.statusBar().currentMessage() == "Opening big.csv was cancelled; the document is as it was."
    assert not files.loading and files.progress_dialog is None
    dialog = window.findChild(QProgressDialog, "openProgress")
    assert dialog is None or not dialog.isVisible()
    assert window.errors == []


def test_a_large_file_opens_and_every_panel_copes(window, tmp_path):
    path = big_csv(tmp_path / "big.csv", MATRIX_LIMIT + 500)
    assert window.files.open(str(path))
    n = MATRIX_LIMIT + 500
    assert len(window.context.table) == n
    assert window.statusBar().currentMessage() == f"Opened big.csv: {n:,} vectors, 2 dimensions."
    assert window.heatmap.data.n == 100 and window.heatmap.notice.isVisible()
    assert window.heatmap.cell_tooltip(0, 1) == "cos(A, B) = 0.353"
    assert window.table_view.model().rowCount() == n
    window.context.select_rows([0, 1])
    assert window.working.isVisible()


def test_glove_text_opens_with_a_note_about_repeated_words(window, tmp_path):
    path = tmp_path / "glove.txt"
    path.write_text("A 3 30\nB 15 4\nA 1 1\nE 7.5 2\n")
    assert window.files.open(str(path))
    assert window.context.table.labels == ("A", "B", "E")
    assert [d.name for d in window.context.table.dimensions] == ["d1", "d2"]
    assert window.statusBar().currentMessage() == (
        "Opened glove.txt: 3 vectors, 2 dimensions. glove.txt: 1 repeated word was left out, keeping the first "
        "vector of each (the first repeat: 'A' on line 3, first on line 1)."
    )
    assert window.heatmap.cell_tooltip(1, 2) == "cos(B, E) = 1"


def test_npy_opens_labelled_by_row_number(window, tmp_path):
    np.save(tmp_path / "m.npy", np.array([[3.0, 30.0], [15.0, 4.0]]))
    assert window.files.open(str(tmp_path / "m.npy"))
    assert window.context.table.labels == ("0", "1")
    assert window.heatmap.cell_tooltip(0, 1) == "cos(0, 1) = 0.353"


def test_a_bad_word_vector_file_names_line_and_column_and_changes_nothing(window, tmp_path):
    path = tmp_path / "glove.txt"
    path.write_text("A 3 30\nB 15 four\n")
    before = window.context.table.copy()
    assert window.files.open(str(path)) is False
    assert window.errors == ["Could not open glove.txt: glove.txt, line 2, column 3: 'four' is not a number"]
    assert window.context.table.same_content(before)


def test_open_dialog_offers_word_vector_files():
    from explorer.qt.app.files import OPEN_FILTER

    first = OPEN_FILTER.split(";;")[0]
    for pattern in ("*.csv", "*.tsv", "*.txt", "*.vec", "*.json", "*.npy", "*.npz"):
        assert pattern in first


def test_select_all_in_a_crowd_labels_at_most_the_label_limit(qtbot, new_context):
    """The table and the plot panel (its neighbours) on one context of 1,000 vectors, without the rest of the
    window."""
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.plot.labels import LABEL_LIMIT
    from explorer.qt.plot.panel import VectorPlotPanel
    from explorer.qt.table.view import VectorTableView
    from tests.qt.helpers import shown

    n = 1000
    values = np.random.default_rng(2).normal(size=(n, 3))
    table = VectorTable([f"v{i}" for i in range(n)], ["x", "y", "z"], values)
    context = new_context(Document(table))
    table_view = shown(qtbot, VectorTableView(context), 560, 360)
    plot = shown(qtbot, VectorPlotPanel(context), 640, 560).plot
    table_view.selectAll()
    assert context.selection == list(range(n))
    assert len(plot.labeller.labels) == LABEL_LIMIT
    context.select_rows([1, 2, 3, 7])  # from elsewhere: the table follows, as runs of rows
    assert table_view.selected_rows() == [1, 2, 3, 7]
    # The four selected, and the 10 nearest of the first of them.
    assert len(plot.labeller.labels) == 4 + 10 and {1, 2, 3, 7} <= set(plot.labeller.labels)


def test_closing_the_window_while_a_file_is_read_stops_the_read(qtbot, window, tmp_path, monkeypatch):
    import time

    from PySide6.QtCore import QTimer

    from explorer.model.builtin import materials
    from explorer.model.document import Document
    from explorer.qt.app import files as files_module

    rounds = []

    def slow_read(path, notes=None, progress=None):
        for done in range(1, 3001):  # about 30 s unless cancelled
            rounds.append(done)
            progress(done, 3000)
            time.sleep(0.01)
        return Document(materials(), path=path)

    monkeypatch.setattr(files_module, "read_by_suffix", slow_read)
    before = window.context.table.copy()
    QTimer.singleShot(0, window.close)  # as soon as the wait for the read lets the window take events
    assert window.files.open(str(tmp_path / "slow.csv")) is False
    assert len(rounds) < 3000  # the read stopped when the window closed, not after all of it
    assert window.context.table.same_content(before) and window.context.document.path is None
