"""A small window (1280 x 720): the table shows every column, the docks give way, long labels are shortened and
a moved splitter is kept."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.qt.helpers import type_into_cell


# ---------------------------------------------------------------------- small window
def table_columns_in_view(window) -> bool:
    """Every column of the vector table, |v| included, is whole inside the table's viewport."""
    view = window.table_view
    last = view.model().columnCount() - 1
    return view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()


def test_at_1280_by_720_the_table_shows_every_column_and_the_docks_give_way(qtbot, window):
    # The window opens at its preferred size where the screen has room (1440 x 900 on the tests' screen;
    # test_window_space checks how it fits a smaller one): whatever it is, wider than 1280.
    start = window.size()
    assert start.width() > 1280
    assert table_columns_in_view(window)
    docks_at_start = window.heatmap_dock.width()
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert table_columns_in_view(window)
    assert window.heatmap_dock.width() < docks_at_start
    assert window.plot_panel.width() >= 340
    assert window.table_view.columnWidth(0) >= 100  # the labels A-E keep their column
    window.resize(start)  # back to the size it opened at: the docks take their width again
    qtbot.waitUntil(lambda: window.size() == start)
    assert window.heatmap_dock.width() == docks_at_start


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
