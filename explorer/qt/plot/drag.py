"""Dragging a tip in ``vectorPlot``: a live edit that becomes one undo step.

:class:`TipDrag` is a helper the plot owns and hands its mouse events to. A press on a
tip selects it; moving applies the new values at once through ``context.apply_live``
(every panel follows), and releasing records the whole gesture as one step with
``context.push_applied``. The view keeps its range during and after the gesture (it
does not re-zoom when the drag ends). Dragging works where each axis is one
dimension; elsewhere the plot says why not.
"""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtCore import QPoint, Qt

from explorer.model.commands import Command, SetValues
from explorer.model.edits import move_vector_command
from explorer.qt.undo import undo_text


class DragHost(Protocol):
    """What a drag needs of its plot."""

    def row_at(self, position: QPoint) -> int | None: ...
    def data_at(self, position: QPoint) -> tuple[float, float]: ...
    def pixel_size(self) -> tuple[float, float]: ...
    def drag_axes(self) -> tuple[int, int | None] | str: ...
    def hold_range(self) -> None: ...
    def drag_ended(self) -> None: ...


class TipDrag:
    """Press, move and release on a tip, for one plot and its document context."""

    def __init__(self, host: DragHost, context):
        self._host, self._context = host, context
        self.row: int | None = None
        self._first_inverse: Command | None = None
        self._last: SetValues | None = None
        self._told = False

    @property
    def active(self) -> bool:
        return self.row is not None

    def press(self, position: QPoint, button, modifiers) -> bool:
        """A press; True when it grabbed a tip (the plot must not pan)."""
        row = self._host.row_at(position) if button == Qt.MouseButton.LeftButton else None
        if row is None:
            return False
        self._host.hold_range()  # a press on a tip never re-zooms the view, nor does what follows
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self._context.select_rows(set(self._context.selection) ^ {row})
        else:
            self._context.select_rows([row])
        self.row, self._first_inverse, self._last, self._told = row, None, None, False
        return True

    def move(self, position: QPoint, buttons) -> bool:
        """A move; True when it belonged to a drag."""
        if self.row is not None and buttons == Qt.MouseButton.NoButton:
            self.end()  # the release went elsewhere (a popup took the mouse): finish the gesture
            return False
        if self.row is None:
            return False
        axes = self._host.drag_axes()
        if isinstance(axes, str):
            if not self._told:
                self._context.message.emit(axes)
                self._told = True
            return True
        table = self._context.table
        x, y = self._host.data_at(position)
        step = self._host.pixel_size()
        values = table.vector(self.row)
        values[axes[0]] = _round_to_pixel(x, step[0])
        if axes[1] is not None:
            values[axes[1]] = _round_to_pixel(y, step[1])
        command = move_vector_command(table, self.row, values)
        inverse = self._context.apply_live(command)
        if inverse is not None:
            if self._first_inverse is None:
                self._first_inverse = inverse
                # An open macro turns Undo and Redo off until the release: history must not change
                # under a gesture that is not recorded yet.
                self._context.undo_stack.beginMacro(undo_text(command.text))
            self._last = command
        return True

    def release(self) -> bool:
        """A release; True when it ended a drag."""
        if self.row is None:
            return False
        self.end()
        return True

    def end(self) -> None:
        """Record the gesture as one undo step and give Undo back; the view keeps its range."""
        last, first = self._last, self._first_inverse
        self.row, self._first_inverse, self._last = None, None, None
        if last is not None:
            stack = self._context.undo_stack
            stack.command(stack.count() - 1).setText(undo_text(last.text))  # the macro: named by where it ended
            self._context.push_applied(last, first)
            stack.endMacro()
        self._host.drag_ended()


def _round_to_pixel(value: float, pixel: float) -> float:
    """``value`` rounded to the precision one screen pixel can show (3.1, not 3.0961...)."""
    if not pixel or not math.isfinite(pixel):
        return float(value)
    decimals = max(0, -math.floor(math.log10(abs(pixel))))
    return float(round(value, decimals))
