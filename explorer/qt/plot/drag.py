"""Dragging an arrow tip in ``vectorPlot``: a live edit that becomes one undo step.

Press on a tip selects it; moving applies the new values at once through
``context.apply_live`` (every panel follows), and releasing records the whole
gesture as one step with ``context.push_applied``. Dragging works in the
dimensions view only; in the PCA view it says why not.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from explorer.model.commands import set_vector


class TipDragging:
    """Mouse handling for :class:`~explorer.qt.plot.plot.VectorPlot` (mixed in before PlotWidget)."""

    def mousePressEvent(self, event) -> None:
        position = event.position().toPoint()
        row = self.row_at(position) if event.button() == Qt.MouseButton.LeftButton else None
        if row is None:
            super().mousePressEvent(event)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            selection = set(self._context.selection) ^ {row}
            self._context.select_rows(selection)
        else:
            self._context.select_rows([row])
        self._drag = {"row": row, "first_inverse": None, "last": None, "auto": self._vb.autoRangeEnabled()}
        self._vb.disableAutoRange()
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        position = event.position().toPoint()
        if self._drag is not None and event.buttons() == Qt.MouseButton.NoButton:
            self._end_drag()  # the release went elsewhere (a popup took the mouse): finish the gesture
        if self._drag is None:
            if event.buttons() == Qt.MouseButton.NoButton:
                over = self.row_at(position) is not None
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)
            super().mouseMoveEvent(event)
            return
        event.accept()
        reason = self._why_no_drag()
        if reason:
            if not self._drag.get("told"):
                self._context.message.emit(reason)
                self._drag["told"] = True
            return
        row = self._drag["row"]
        table = self._context.table
        x, y = self.data_at(position)
        step = self._vb.viewPixelSize()
        values = table.vector(row)
        values[self._x] = _round_to_pixel(x, step[0])
        if table.dimension_count > 1:
            values[self._y] = _round_to_pixel(y, step[1])
        command = set_vector(table, row, values, f"Drag {table.label(row)}")
        inverse = self._context.apply_live(command)
        if inverse is not None:
            if self._drag["first_inverse"] is None:
                self._drag["first_inverse"] = inverse
                # An open macro turns Undo and Redo off until the release: history must not change
                # under a gesture that is not recorded yet.
                self._context.undo_stack.beginMacro(command.text)
            self._drag["last"] = command

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is None:
            super().mouseReleaseEvent(event)
            return
        self._end_drag()
        event.accept()

    def _end_drag(self) -> None:
        """Record the gesture as one undo step and give Undo back."""
        drag, self._drag = self._drag, None
        if drag["last"] is not None:
            self._context.push_applied(drag["last"], drag["first_inverse"])
            self._context.undo_stack.endMacro()
        x, y = drag["auto"]
        self._vb.enableAutoRange(x=bool(x), y=bool(y))
        self._set_head_size()
        self._refresh_all()

    def _why_no_drag(self) -> str | None:
        if self._mode == "pca":
            return (
                "Dragging is off in the PCA view: each axis mixes all dimensions, so a drag "
                "cannot say which values to change. Choose two dimensions to drag."
            )
        if self._x == self._y and self._context.table.dimension_count > 1:
            return "Dragging is off while both axes show the same dimension; choose two different ones."
        return None


def _round_to_pixel(value: float, pixel: float) -> float:
    """``value`` rounded to the precision one screen pixel can show (3.1, not 3.0961...)."""
    if not pixel or not math.isfinite(pixel):
        return float(value)
    decimals = max(0, -math.floor(math.log10(abs(pixel))))
    return float(round(value, decimals))
