"""Rough edges found by the integration QA pass, checked on the real window as a user meets them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from tests.qt.helpers import drag_tip, type_into_cell
from tests.qt.window_panels import click_row_header, verdicts, working_text, working_title

LESSON_VERDICTS = ["≈", "✅", "❌", "❌", "❌", "✅"]


def claim_rows(window) -> list[tuple[str, str, str]]:
    """(claim, verdict, why) as the claims list shows them."""
    table = window.working.claims.findChild(type(window.working.claims._list), "claimsTable")
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


# ------------------------------------------------------------------------- renaming
def test_renaming_a_vector_rewrites_the_claims_that_name_it_and_undo_gives_them_back(qtbot, window):
    type_into_cell(qtbot, window.table_view, 0, 0, "Alpha")
    assert window.context.table.labels[0] == "Alpha"
    claims = window.working.claims.claims()
    assert claims == ["C = Alpha", "D = 2.5 Alpha", "E = 2.5 Alpha", "C = 0.2 B", "D = 0.5 B", "E = 0.5 B"]
    assert verdicts(window) == LESSON_VERDICTS
    assert claim_rows(window)[1][2] == "D = 2.5 × Alpha: the same direction, 2.5 times the size"
    window.actionUndo.trigger()
    assert window.working.claims.claims()[:3] == ["C = A", "D = 2.5 A", "E = 2.5 A"]
    assert verdicts(window) == LESSON_VERDICTS
    window.actionRedo.trigger()
    assert window.working.claims.claims()[1] == "D = 2.5 Alpha"


def test_a_label_with_a_space_is_quoted_in_the_claims(qtbot, window):
    type_into_cell(qtbot, window.table_view, 3, 0, "big box")
    assert window.working.claims.claims()[1] == '"big box" = 2.5 A'
    assert verdicts(window) == LESSON_VERDICTS


# ----------------------------------------------------------------- another table
def test_another_documents_claims_about_vectors_it_does_not_hold_are_greyed(qtbot, window, tmp_path):
    claims = window.working.claims
    claims.findChild(type(claims._input), "claimInput").setText("B = 5 A")
    claims._input.returnPressed.emit()
    assert verdicts(window)[-1] == "❌"
    fruit = tmp_path / "fruit.json"
    fruit.write_text(
        '{"format": "vector-explorer", "version": 2, "dimensions": [{"name": "sweet"}, {"name": "sour"}], '
        '"vectors": [{"label": "apple", "values": [4, 3]}, {"label": "lemon", "values": [1, 9]}, '
        '{"label": "mango", "values": [8, 2]}], "claims": ["C = 0.2 B", "D = 0.5 B", "B = 5 A"]}',
        encoding="utf-8",
    )
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    assert window.files.open(str(fruit))
    rows = claim_rows(window)
    assert [r[0] for r in rows] == ["C = 0.2 B", "D = 0.5 B", "B = 5 A"]  # the file's claims, not the lesson's
    assert rows[0][1:] == ("○ not here", "C and B are not in this table")
    assert rows[1][1:] == ("○ not here", "D and B are not in this table")
    assert rows[2][1:] == ("○ not here", "B and A are not in this table")
    claims.add_claim("mango = 2 apple")
    claims.add_claim("mango = 2 aple")  # a typo about this table's vectors is still an alarm
    assert verdicts(window) == ["○", "○", "○", "❌", "⚠"]
    assert "there is no vector labelled 'aple'" in claim_rows(window)[-1][2]


# ------------------------------------------------------------------ many selected
def test_more_than_two_selected_rows_show_the_first_two_and_say_so(qtbot, window):
    click_row_header(qtbot, window, 1)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)
    click_row_header(qtbot, window, 3, Qt.KeyboardModifier.ControlModifier)
    assert window.context.selection == [1, 3, 4]
    assert working_text(window).startswith("B and D — cosine similarity: cos(B, D) = 0.353")
    assert "the first two of 3 selected" in working_title(window)
    click_row_header(qtbot, window, 0)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ShiftModifier)
    assert window.context.selection == [0, 1, 2, 3, 4]
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    assert "the first two of 5 selected" in working_title(window)
    click_row_header(qtbot, window, 2)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)
    assert working_text(window).startswith("C and E — cosine similarity")
    assert working_title(window) == ""


# ------------------------------------------------------------------ PCA on open
def _boxes_csv(tmp_path):
    path = tmp_path / "boxes.csv"
    path.write_text(
        "label,length (cm),width (cm),height (cm)\nsmall,10,8,4\nlong,60,10,10\ntall,10,10,60\ncube,20,20,20\n",
        encoding="utf-8",
    )
    return path


def test_opening_a_file_of_three_dimensions_starts_in_pca_and_refuses_drags(qtbot, window, tmp_path):
    assert window.files.open(str(_boxes_csv(tmp_path)))
    plot, panel = window.plot, window.plot_panel
    assert plot.mode == "pca"
    assert panel.projection.currentText() == "PCA projection" and panel.projection.isEnabled()
    assert not panel.x_dimension.isEnabled()
    ex, _ = plot.explained_variance
    assert plot.getPlotItem().getAxis("bottom").labelText == f"PC1 ({100 * ex:.1f}% of variance)"
    before = window.context.table.copy()
    drag_tip(qtbot, plot, 1, plot.tip_viewport_pos(1) + QPoint(25, 25))
    assert window.context.table.same_content(before) and window.context.undo_stack.count() == 0
    assert window.statusBar().currentMessage().startswith("Dragging is off in the PCA view")
    # The lesson's two dimensions open in two dimensions again.
    lesson = tmp_path / "materials.csv"
    lesson.write_text("label,mass (kg),volume (l)\nA,3,30\nB,15,4\n", encoding="utf-8")
    assert window.files.open(str(lesson))
    assert plot.mode == "dimensions" and panel.projection.currentText() == "Two dimensions"
    assert plot.tip(1) == (15.0, 4.0)


def test_the_window_started_on_a_file_of_three_dimensions_shows_pca(qtbot, tmp_path):
    from explorer.model.formats import read_by_suffix
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings
    from explorer.qt.context import DocumentContext

    context = DocumentContext(read_by_suffix(_boxes_csv(tmp_path)))  # as `explorer boxes.csv` does
    window = MainWindow(context, settings=Settings(str(tmp_path / "explorer.ini")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.plot.mode == "pca" and window.plot_panel.projection.currentText() == "PCA projection"


def test_a_saved_choice_of_two_dimensions_is_kept(qtbot, window, tmp_path):
    path = tmp_path / "boxes.json"
    assert window.files.open(str(_boxes_csv(tmp_path)))
    panel = window.plot_panel
    panel.projection.setCurrentIndex(panel.projection.findData("dimensions"))
    panel.y_dimension.setCurrentIndex(2)
    window.answers["save"] = str(path)
    assert window.files.save_as()
    assert window.files.open(str(path))
    assert window.plot.mode == "dimensions" and window.plot.shown_dimensions == (0, 2)
    assert window.plot.tip(2) == (10.0, 60.0)


# ----------------------------------------------------------------------- plot labels
def test_long_labels_at_the_right_and_top_edges_stay_whole_in_the_plot(qtbot, window):
    type_into_cell(qtbot, window.table_view, 1, 0, "Dense polyethylene foam, closed-cell")
    type_into_cell(qtbot, window.table_view, 3, 0, "Expanded polystyrene insulation board")
    plot = window.plot
    qtbot.wait(20)  # the view takes its range when laid out
    inside = plot.getViewBox().sceneBoundingRect()
    for row in range(5):
        label = plot.labeller.labels[row]
        assert inside.contains(label.mapRectToScene(label.boundingRect())), window.context.table.label(row)
    assert plot.labeller.labels[1].toPlainText() == "Dense polyethylene foam, closed…"
    # Short labels near the origin keep their place beside the tip, right of it and above.
    assert tuple(plot.labeller.labels[0].anchor) == (0.0, 1.0)
    # A longer D moves the view's top: its label moves along and stays whole.
    type_into_cell(qtbot, window.table_view, 3, 2, "90")
    qtbot.wait(20)
    inside = plot.getViewBox().sceneBoundingRect()
    label = plot.labeller.labels[3]
    assert plot.tip(3) == (7.5, 90.0)
    assert inside.contains(label.mapRectToScene(label.boundingRect()))


# ---------------------------------------------------------------------- small window
def table_columns_in_view(window) -> bool:
    """Every column of the vector table, |v| included, is whole inside the table's viewport."""
    view = window.table_view
    last = view.model().columnCount() - 1
    return view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()


def test_at_1280_by_720_the_table_shows_every_column_and_the_docks_give_way(qtbot, window):
    assert window.size().width() == 1440 and table_columns_in_view(window)
    docks_at_1440 = window.heatmap_dock.width()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert table_columns_in_view(window)
    assert window.heatmap_dock.width() < docks_at_1440
    assert window.plot_panel.width() >= 340
    assert window.table_view.columnWidth(0) >= 100  # the labels A-E keep their column
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    assert window.heatmap_dock.width() == docks_at_1440


def test_long_labels_are_shortened_in_a_small_window_and_a_moved_splitter_is_kept(qtbot, window):
    type_into_cell(qtbot, window.table_view, 1, 0, "Dense polyethylene foam, closed-cell")
    window.table_view.fit_label_column()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert window.table_view.columnWidth(0) == 120 and table_columns_in_view(window)
    handle = window.splitter.handle(1)  # the user drags the handle between table and plot to the left
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle - QPoint(40, 0))
    qtbot.mouseMove(handle, middle - QPoint(80, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle - QPoint(80, 0))
    dragged = window.splitter.sizes()[0]
    assert dragged < 330
    window.resize(1300, 720)
    qtbot.waitUntil(lambda: window.width() == 1300)
    assert abs(window.splitter.sizes()[0] - dragged) <= 10  # widened a little with the window, not refitted
