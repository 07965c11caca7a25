"""The plot's panel as a user drives it: points, neighbours, custom axes, colour by, t-SNE, export."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt

from explorer.model.commands import InsertVectors
from explorer.model.document import Document
from explorer.model.table import VectorTable
from tests.qt.helpers import drag_tip, shown


@pytest.fixture
def panel(qtbot, materials_context):
    from explorer.qt.plot.panel import VectorPlotPanel

    widget = VectorPlotPanel(materials_context)
    shown(qtbot, widget, 640, 700)
    return widget


@pytest.fixture
def panel_on(qtbot, new_context):
    """The plot panel on a table of the test's own, shown."""
    from explorer.qt.plot.panel import VectorPlotPanel

    def make(table):
        return shown(qtbot, VectorPlotPanel(new_context(Document(table))), 640, 700)

    return make


def _scene_rect(plot, row):
    label = plot.labeller.labels[row]
    return label.mapRectToScene(label.boundingRect())


def _head_rect(plot, row):
    """The square around a tip that its arrowhead takes, in scene pixels."""
    x, y = plot.tip(row)
    head = plot._head
    view = plot.getViewBox()
    a = view.mapViewToScene(QPoint(0, 0).toPointF() + type(QPoint(0, 0).toPointF())(x - head, y - head))
    b = view.mapViewToScene(type(a)(x + head, y + head))
    return QRectF(a, b).normalized()


def test_cs_label_stays_off_as_arrowhead(panel):
    plot = panel.plot
    c_label, a_head = _scene_rect(plot, 2), _head_rect(plot, 0)
    assert not c_label.intersects(a_head)
    labels = [_scene_rect(plot, r) for r in range(5)]
    assert not any(labels[i].intersects(labels[j]) for i in range(5) for j in range(i + 1, 5))


def test_the_view_keeps_its_range_after_a_drag(qtbot, panel):
    plot, context = panel.plot, panel._context
    before = plot.getViewBox().viewRange()
    drag_tip(qtbot, plot, 1, plot.tip_viewport_pos(1) + QPoint(30, -40))
    assert context.table.values[1].tolist() != [15.0, 4.0]
    after = plot.getViewBox().viewRange()
    assert np.allclose(after, before, rtol=1e-5)  # (aspect locking may move it by a millionth)


def test_many_vectors_are_points_with_arrows_for_the_selection_and_its_neighbours(qtbot, panel):
    context, plot = panel._context, panel.plot
    rng = np.random.default_rng(5)
    context.push(InsertVectors(5, [f"w{i}" for i in range(2500)], rng.normal(size=(2500, 2)) * 10))
    assert plot.as_points and len(plot.points.scatter.data) == 2505 and plot.arrows.groups == {}
    context.select_rows([0])
    x, _ = plot.marks.halo.getData()
    assert len(x) == 6  # A keeps its arrow
    kept, _ = plot.marks.kept.getData()
    assert len(kept) == 6 * 10  # and so do its 10 neighbours
    panel.draw.setCurrentIndex(panel.draw.findData("arrows"))
    assert context.view.plot.draw == "arrows" and not plot.as_points
    assert sum(len(g.rows) for g in plot.arrows.groups.values()) == 2505


def test_a_crowd_in_view_is_drawn_as_density_and_zooming_in_shows_points(qtbot, monkeypatch, panel_on):
    from explorer.qt.plot import layers

    monkeypatch.setattr(layers, "DENSITY_ABOVE", 2000)
    rng = np.random.default_rng(0)
    table = VectorTable([f"p{i}" for i in range(3000)], ["x", "y"], rng.normal(size=(3000, 2)))
    panel = panel_on(table)
    plot = panel.plot
    qtbot.waitUntil(lambda: plot.points.density_shown)  # once the view has taken its range
    assert plot.points.density_shown and plot.points.density.isVisible() and not plot.points.scatter.drawn
    image = plot.points.density.image
    assert image.sum() > 0
    panel.grab()  # a paint zooms to fit again: every point still counts, not only the marks
    assert plot.points.density_shown
    plot.getViewBox().setRange(xRange=(0.0, 2.0), yRange=(0.0, 2.0), padding=0)
    qtbot.waitUntil(lambda: not plot.points.density_shown)  # about 700 of the 3,000 in view now
    assert not plot.points.density_shown and plot.points.scatter.drawn


def test_neighbours_of_a_by_the_windows_metric_with_lines_isolate_and_export(qtbot, panel, tmp_path):
    context, plot, neighbours = panel._context, panel.plot, panel.neighbours
    context.select_rows([0])
    items = [neighbours.list.item(i).text().split("\t") for i in range(neighbours.list.count())]
    assert items == [["D", "1"], ["C", "0.9999"], ["B", "0.3525"], ["E", "0.3525"]]
    assert "Nearest 4 to <b>A</b> by cosine similarity" in neighbours.title.text()
    x, _ = plot.marks.links.getData()
    assert len(x) == 8  # a line from A to each
    context.set_metric("euclidean")
    assert neighbours.list.item(0).text() == "C\t3"  # |A - C| = 3
    neighbours.count.setValue(1)
    assert context.view.plot.neighbours == 1
    neighbours.isolate.setCurrentIndex(neighbours.isolate.findData("hidden"))
    assert plot.drawn_rows == [0, 2]
    path = tmp_path / "selection.csv"
    assert neighbours.export_selection(str(path))
    assert path.read_text().splitlines() == ["label,mass (kg),volume (l)", "A,3,30"]


def test_custom_axes_from_vector_to_vector(qtbot, panel):
    plot, state = panel.plot, panel._context.view.plot
    panel.projection.setCurrentIndex(panel.projection.findData("axes"))
    assert state.mode == "axes" and state.axes == ("A", "B", "C", "D")
    for edit, text in zip(panel.axes, ("E", "B", "B", "C")):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert state.axes == ("E", "B", "B", "C")
    item = plot.getPlotItem()
    assert (item.getAxis("bottom").labelText, item.getAxis("left").labelText) == ("E → B", "B → C")
    assert plot.tip(1)[0] == pytest.approx(15.52, abs=0.01)  # B along its own direction: |B|
    panel.axes[3].setText("nobody")
    panel.axes[3].editingFinished.emit()
    assert "there is no vector labelled 'nobody'" in plot.note and panel.bar.isVisible()


def test_colour_by_a_numeric_column_shows_a_colour_bar_and_a_category_a_legend(qtbot, panel):
    plot, state = panel.plot, panel._context.view.plot
    panel.color_by.setCurrentIndex(panel.color_by.findData("volume (l)"))
    assert state.color_by == "volume (l)"
    assert panel.legend.isVisible() and panel.legend.body.text().startswith("2 ")
    assert "75" in panel.legend.body.text()
    colours = {key.split()[0] for key in plot.arrows.groups}
    assert len(colours) == 5  # five volumes, five places on the gradient
    panel.color_by.setCurrentIndex(panel.color_by.findData("label"))
    assert panel.legend.body.text().count("<tr>") == 5
    panel.label_by.setCurrentIndex(panel.label_by.findData("|v|"))
    assert plot.labeller.labels[0].toPlainText() == "30.15"
    state.update(color_by=None)  # from elsewhere (a file, undo): the chooser follows
    assert panel.color_by.currentData() is None and not panel.legend.isVisible()


def test_choosers_follow_the_state_without_writing_back(qtbot, panel):
    state = panel._context.view.plot
    heard = []
    state.changed.connect(heard.append)
    state.update(draw="points")
    assert panel.draw.currentData() == "points" and heard == [frozenset({"draw"})]


def test_export_coordinates_as_label_x_y(panel, tmp_path):
    path = tmp_path / "coords.csv"
    assert panel.export_coordinates(str(path))
    assert path.read_text().splitlines()[:3] == ["label,x,y", "A,3,30", "B,15,4"]


def _blobs(n_per=20):
    rng = np.random.default_rng(1)
    middles = rng.normal(scale=10, size=(3, 6))
    values = np.concatenate([m + rng.normal(size=(n_per, 6)) for m in middles])
    return VectorTable([f"b{i}" for i in range(len(values))], [f"d{i}" for i in range(6)], values)


def test_a_short_tsne_starts_at_once_and_the_points_move_as_it_runs(qtbot, panel_on):
    panel = panel_on(_blobs())
    plot, context = panel.plot, panel._context
    moves = []
    show_live = plot.show_live

    def record(method, positions, rows):
        if positions is not None:
            moves.append(np.array(positions))
        show_live(method, positions, rows)

    plot.show_live = record
    with qtbot.waitSignal(context.view.projections.changed, timeout=60_000):
        panel.projection.setCurrentIndex(panel.projection.findData("tsne"))
    assert moves  # the plot was redrawn with the positions as they moved (at most every 0.25 s)
    stored = context.view.projections.current("tsne", context.table.values)
    assert stored is not None and plot.as_points and plot.tip(0) == tuple(stored.coordinates[0])
    assert not np.array_equal(moves[0], stored.coordinates)  # an early position, not the result
    assert plot.getPlotItem().getAxis("bottom").labelText == "t-SNE 1"
    assert not panel.bar.isVisible()


def test_a_long_tsne_says_the_estimate_first_and_runs_on_the_selection_when_asked(qtbot, monkeypatch, panel_on):
    from explorer.qt.plot import runner

    monkeypatch.setattr(runner, "LONG_RUN_SECONDS", 0.0)
    panel = panel_on(_blobs())
    context, bar = panel._context, panel.bar
    context.select_rows(range(0, 60, 6))
    panel.projection.setCurrentIndex(panel.projection.findData("tsne"))
    assert bar.isVisible() and "t-SNE of all 60 vectors takes about" in bar.text.text()
    assert bar.selected.isVisible() and bar.selected.text() == "The 10 selected"
    with qtbot.waitSignal(context.view.projections.changed, timeout=60_000):
        qtbot.mouseClick(bar.selected, Qt.MouseButton.LeftButton)
    stored = context.view.projections.stored("tsne")
    assert stored.rows == tuple(range(0, 60, 6))
    assert panel.plot.drawn_rows == list(range(0, 60, 6))
    assert "t-SNE of 10 of the 60 vectors" in bar.text.text()


def test_cancelling_a_tsne_keeps_nothing(qtbot, monkeypatch, panel_on):
    from explorer.qt.plot import runner

    monkeypatch.setattr(runner, "LONG_RUN_SECONDS", 0.0)
    panel = panel_on(_blobs())
    bar = panel.bar
    panel.projection.setCurrentIndex(panel.projection.findData("tsne"))
    qtbot.mouseClick(bar.compute, Qt.MouseButton.LeftButton)
    assert bar.cancel.isVisible()
    with qtbot.waitSignal(bar.task.ended, timeout=60_000):
        qtbot.mouseClick(bar.cancel, Qt.MouseButton.LeftButton)
    assert panel._context.view.projections.stored("tsne") is None
    assert bar.compute.isVisible() and not bar.cancel.isVisible()
