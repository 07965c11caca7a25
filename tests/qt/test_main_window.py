"""The main window: its actions, title, undo history, dimensions, panels and layout."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QLineEdit

from explorer.model.table import Dimension
from tests.qt.helpers import drag_tip, type_into_cell

ACTIONS = [
    "actionOpen",
    "actionSave",
    "actionSaveAs",
    "actionUndo",
    "actionRedo",
    "actionAddVector",
    "actionRemoveVector",
    "actionAddDimension",
    "actionRemoveDimension",
]


def test_window_holds_the_table_and_the_plot_and_the_named_actions(window):
    assert window.objectName() == "explorerMainWindow"
    assert window.findChild(object, "vectorTable") is window.table_view
    assert window.findChild(object, "vectorPlot") is window.plot
    for name in ACTIONS:
        assert window.findChild(object, name) is not None, name
    assert window.actionUndo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.actionOpen.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert [a.objectName() for a in window.menu("Edit").actions()][:2] == ["actionUndo", "actionRedo"]
    assert window.menu("&File").title() == "&File"
    assert window.windowTitle() == "Materials A–E[*] — Vector Explorer"
    assert window.width() >= 1000 and window.height() >= 600


def test_modified_marker_follows_the_undo_stack(qtbot, window):
    assert not window.isWindowModified()
    type_into_cell(qtbot, window.table_view, 0, 1, "4")
    assert window.isWindowModified()
    window.actionUndo.trigger()
    assert not window.isWindowModified()
    assert window.context.table.values[0, 0] == 3
    window.actionRedo.trigger()
    assert window.isWindowModified() and window.context.table.values[0, 0] == 4


def test_undo_redo_across_edits_pastes_removals_and_drags_returns_to_every_state(qtbot, window):
    view, plot, table, stack = window.table_view, window.plot, window.context.table, window.context.undo_stack
    states = [table.copy()]

    type_into_cell(qtbot, view, 1, 2, "4.25")  # a cell
    states.append(table.copy())
    view.setCurrentIndex(view.model().index(4, 0))  # a paste over E that adds two vectors
    assert view.paste("E\t8\t2.5\nF\t-2\t6\nG\t1\t1\n")
    states.append(table.copy())
    view.selectRow(2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # a removal
    states.append(table.copy())
    drag_tip(qtbot, plot, 0, plot.tip_viewport_pos(0) + QPoint(50, 20))  # a drag
    states.append(table.copy())
    window.rename_dimension(0, Dimension("weight", "g"))
    states.append(table.copy())
    window.actionAddDimension.trigger()
    states.append(table.copy())
    type_into_cell(qtbot, view, 5, 3, "-1e-300")
    states.append(table.copy())

    assert stack.count() == len(states) - 1
    assert table.labels == ("A", "B", "D", "E", "F", "G")
    assert table.values[5, 2] == -1e-300
    for expected in reversed(states[:-1]):
        stack.undo()
        assert table.same_content(expected)
        assert [plot.tip(r) for r in range(len(table))] == [tuple(v[:2]) for v in table.values]
    for expected in states[1:]:
        stack.redo()
        assert table.same_content(expected)
        assert window.table_view.model().rowCount() == len(expected)


def test_dimensions_are_added_renamed_and_removed(qtbot, window):
    table, view = window.context.table, window.table_view
    window.actionAddDimension.trigger()
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)", "dim3"]
    assert view.model().headerData(3, Qt.Orientation.Horizontal) == "dim3"

    def fill_dialog():
        dialog = window.findChild(QDialog, "dimensionDialog")
        dialog.findChild(QLineEdit, "dimensionName").setText("price")
        dialog.findChild(QLineEdit, "dimensionUnit").setText("EUR")
        dialog.accept()

    view.setCurrentIndex(view.model().index(0, 3))
    QTimer.singleShot(0, fill_dialog)
    window.actionRenameDimension.trigger()
    assert table.dimensions[2] == Dimension("price", "EUR")
    assert view.model().headerData(3, Qt.Orientation.Horizontal) == "price (EUR)"
    view.setCurrentIndex(view.model().index(0, 1))
    window.actionRemoveDimension.trigger()
    assert [d.title for d in table.dimensions] == ["volume (l)", "price (EUR)"]
    assert window.plot.getPlotItem().getAxis("bottom").labelText == "volume (l)"
    window.actionRemoveDimension.trigger()
    assert not window.actionRemoveDimension.isEnabled()
    window.actionRemoveDimension.trigger()
    assert table.dimension_count == 1
    assert window.context.undo_stack.count() == 4


def test_add_and_remove_vector_actions(window):
    table, view = window.context.table, window.table_view
    view.setCurrentIndex(view.model().index(4, 1))
    window.actionAddVector.trigger()
    assert table.labels[-1] == "F" and table.values[-1].tolist() == [0, 0]
    window.actionRemoveVector.trigger()
    assert table.labels == tuple("ABCDE")


def test_panels_dock_and_the_layout_is_remembered(qtbot, window, tmp_path):
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    dock = window.heatmap_dock
    assert isinstance(dock, QDockWidget) and dock.objectName() == "heatmapDock"
    assert dock.widget().objectName() == "similarityHeatmap"
    assert window.working_dock.widget().objectName() == "workingPanel"
    assert window.vocab_dock.widget().objectName() == "vocabPlaceholder"  # built when first shown
    window.vocab_dock.raise_()
    qtbot.waitUntil(lambda: window.vocab_dock.widget().objectName() == "vocabScroller")
    assert window.vocab is window.vocab_dock.widget().widget()  # scrolled: it never squeezes the heatmap
    assert dock.toggleViewAction() in window.menu("view").actions()
    extra = window.add_panel(QLabel("more"), "More", "moreDock")
    assert extra.toggleViewAction() in window.menu("view").actions()
    for panel_dock in (dock, window.working_dock, window.vocab_dock, window.history_dock):
        panel_dock.hide()  # the docked panels need more room than the offscreen screen (800 x 600)
    window.layout().activate()
    window.splitter.setSizes([300, 460])
    window.resize(760, 540)
    assert (window.width(), window.height()) == (760, 540)
    window.close()

    again = MainWindow(settings=Settings(str(tmp_path / "explorer.ini")))
    qtbot.addWidget(again)
    again_dock = again.heatmap_dock
    again.add_panel(QLabel("more"), "More", "moreDock")
    again.restore_layout()
    again.show()
    assert (again.width(), again.height()) == (760, 540)
    assert again_dock.isHidden() and again.vocab_dock.isHidden() and again.history_dock.isHidden()
    assert abs(again.splitter.sizes()[0] - 300) <= 2


def test_removing_every_vector_and_building_again(qtbot, window):
    view, table, plot = window.table_view, window.context.table, window.plot
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert len(table) == 0 and plot.arrows.groups == {} and plot.labeller.labels == {}
    assert not window.actionRemoveVector.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert table.labels == ("A",) and plot.tip(0) == (0.0, 0.0)
    type_into_cell(qtbot, view, 0, 2, "2")
    assert plot.tip(0) == (0.0, 2.0)
    for _ in range(3):
        window.actionUndo.trigger()
    assert table.labels == tuple("ABCDE") and plot.tip(3) == (7.5, 75.0)


def test_no_two_actions_share_a_shortcut(window):
    """Qt fires neither of two actions with one shortcut ("ambiguous shortcut"): every key is one action's."""
    from PySide6.QtGui import QAction

    window.vocab  # noqa: B018 - builds the vocabulary panel, whose actions count too
    owners: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            key = shortcut.toString()
            if not key:
                continue
            context = action.shortcutContext()
            if context == Qt.ShortcutContext.WidgetShortcut:
                continue  # active only while its own widget has the focus
            assert key not in owners, f"{key} is both {owners[key]} and {action.objectName() or action.text()}"
            owners[key] = action.objectName() or action.text()
