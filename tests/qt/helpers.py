"""Driving the window as a user would: showing a widget, typing into cells, dragging tips."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit


def shown(qtbot, widget, width: int, height: int):
    """``widget`` at ``width`` x ``height``, shown and exposed (closed by qtbot after the test); returns it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_into_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Double-click-equivalent edit of a cell: open its editor, replace the text, press Enter."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the platform's "edit" key opens the real editor
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit), "the cell editor did not open"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    if text:
        qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits the editor's text through a queued call.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def drag_tip(qtbot, plot, row: int, to: QPoint, steps: int = 4) -> None:
    """Press on the tip of ``row``, move in ``steps`` to viewport position ``to``, release."""
    viewport = plot.viewport()
    start = plot.tip_viewport_pos(row)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        point = start + (to - start) * (i / steps)
        qtbot.mouseMove(viewport, QPoint(round(point.x()), round(point.y())))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=to)


def snapshot(table):
    """A copy of everything a table holds, for exact comparisons after undo/redo."""
    return table.copy()
