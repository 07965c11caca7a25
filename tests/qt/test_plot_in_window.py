"""The plot in the window: a file of three dimensions opens in PCA, a saved choice of two is kept; and long
labels at the edges stay whole (the plot panel beside the table they are typed in)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from tests.qt.helpers import drag_tip, type_into_cell


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


def test_the_window_started_on_a_file_of_three_dimensions_shows_pca(qtbot, tmp_path, new_context):
    from explorer.model.formats import read_by_suffix
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    context = new_context(read_by_suffix(_boxes_csv(tmp_path)))  # as `explorer boxes.csv` does
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
def test_long_labels_at_the_right_and_top_edges_stay_whole_in_the_plot(
    qtbot, table_view, plot_panel, plot, materials_context
):
    type_into_cell(qtbot, table_view, 1, 0, "Dense polyethylene foam, closed-cell")
    type_into_cell(qtbot, table_view, 3, 0, "Expanded polystyrene insulation board")
    qtbot.wait(20)  # the view takes its range when laid out
    inside = plot.getViewBox().sceneBoundingRect()
    for row in range(5):
        label = plot.labeller.labels[row]
        assert inside.contains(label.mapRectToScene(label.boundingRect())), materials_context.table.label(row)
    assert plot.labeller.labels[1].toPlainText() == "Dense polyethylene foam, closed…"
    # Short labels near the origin keep their place beside the tip, right of it and above.
    assert tuple(plot.labeller.labels[0].anchor) == (0.0, 1.0)
    # A longer D moves the view's top: its label moves along and stays whole.
    type_into_cell(qtbot, table_view, 3, 2, "90")
    qtbot.wait(20)
    inside = plot.getViewBox().sceneBoundingRect()
    label = plot.labeller.labels[3]
    assert plot.tip(3) == (7.5, 90.0)
    assert inside.contains(label.mapRectToScene(label.boundingRect()))
