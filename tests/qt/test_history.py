"""The History tab (``historyView``): every change listed; a click goes back or forward to it at once."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from explorer.qt.app.history import START_TEXT


def rows_of(view) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_click_on_the_first_step_undoes_every_change_at_once_and_the_last_redoes_them(calls, qtbot, window):
    context, model = window.context, window.table_view.model()
    start = context.table.copy()
    window.history_dock.raise_()
    view = window.findChild(object, "historyView")
    qtbot.waitUntil(lambda: not view.visibleRegion().isEmpty())  # its tab in front
    for row, value in enumerate(("4", "8.5", "-1", "0", "1e308")):
        assert model.setData(model.index(row, 1), value)
    window.table_view.setCurrentIndex(model.index(0, 2))
    window.table_view.paste("7\t9\n")
    edited = context.table.copy()
    assert rows_of(view)[0] == START_TEXT and len(rows_of(view)) == 7
    assert rows_of(view)[1] == "A's mass 3 → 4"

    panels = ("VectorPlot.rebuild", "HeatmapPanel.recompute", "WorkingPanel.refresh")
    before = {name: calls[name] for name in panels}
    click_row(qtbot, view, 0)
    assert context.undo_stack.index() == 0 and context.table.same_content(start)
    assert {name: calls[name] - before[name] for name in panels} == dict.fromkeys(panels, 1)
    assert window.plot.tip(0) == (3.0, 30.0)  # A's arrow is back where the lesson starts
    assert window.actionRedo.isEnabled() and not window.actionUndo.isEnabled()

    click_row(qtbot, view, 6)
    assert context.undo_stack.index() == 6 and context.table.same_content(edited)
    assert window.plot.tip(0) == (4.0, 7.0)

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up)  # one step back: the paste
    assert context.undo_stack.index() == 5
    assert np.array_equal(context.table.values[0], [4.0, 30.0])


def test_the_history_starts_behind_the_working_tab_and_lists_only_the_start(window):
    view = window.findChild(object, "historyView")
    assert window.tabifiedDockWidgets(window.working_dock).count(window.history_dock) == 1
    assert view.visibleRegion().isEmpty() and not window.working.visibleRegion().isEmpty()  # Working in front
    assert rows_of(view) == [START_TEXT]
    assert window.history_dock.toggleViewAction() in window.menu("view").actions()
