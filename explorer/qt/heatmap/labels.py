"""The vector labels along the heatmap's left and bottom edges.

One widget paints all labels of its edge. Long labels are elided to a
maximum width; bottom labels turn upright when they do not fit across a
cell; when cells are smaller than a line of text, only every k-th label is
drawn (k = 1, 2, 5, 10, 20, ...), so the labels never overlap.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from explorer.qt.heatmap.data import HeatmapData

_PAD = 4.0


def label_step(cell_px: float, line_px: float) -> int:
    """Smallest of 1, 2, 5, 10, 20, 50, ... with labels at least a line apart."""
    if cell_px <= 0:
        return 1
    need = line_px * 1.05 / cell_px
    step, base = 1, 1
    while step < need:
        for m in (1, 2, 5):
            step = m * base
            if step >= need:
                break
        base *= 10
    return step


@lru_cache(maxsize=4)
def _elide(labels: tuple[str, ...], font_spec: str, pixel_size: int, max_px: float):
    """Labels elided to ``max_px``, their widths, and the widest; both edges share one computation."""
    font = QFont()
    font.fromString(font_spec)
    font.setPixelSize(pixel_size)
    metrics = QFontMetricsF(font)
    elided, widths = [], []
    for label in labels:
        text = label.replace("\n", " ")
        width = metrics.horizontalAdvance(text)
        if width > max_px:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max_px)
            width = metrics.horizontalAdvance(text)
        elided.append(text)
        widths.append(width)
    return elided, np.array(widths), max(widths, default=0.0)


class LabelAxis(pg.GraphicsWidget):
    """Labels of the rows ('left') or the columns ('bottom') of the ViewBox ``view``."""

    def __init__(self, data: HeatmapData, view: pg.ViewBox, edge: str, font: QFont, max_px: float = 160.0):
        super().__init__()
        self.data = data
        self.view = view
        self.edge = edge
        self.font = QFont(font)
        self.max_px = max_px
        self.labels: list[str] = []
        self._elided: list[str] = []
        self._widths = np.zeros(0)
        view.sigRangeChanged.connect(self._on_view_change)
        view.sigResized.connect(self._on_view_change)

    def _on_view_change(self, *args) -> None:
        self.update()

    def labels_changed(self) -> None:
        """Take the labels (in display order) from the data and size the edge to fit them."""
        metrics = QFontMetricsF(self.font)
        self.labels = self.data.display_labels()
        self._elided, self._widths, widest = _elide(
            tuple(self.labels), self.font.toString(), self.font.pixelSize(), self.max_px
        )
        depth = math.ceil(widest + 2 * _PAD)
        if self.edge == "left":
            self.setFixedWidth(depth)
        else:
            self.setFixedHeight(max(depth, math.ceil(metrics.height() + 2 * _PAD)))
        self.update()

    def _cell_axis(self) -> tuple[float, float]:
        """(position of cell 0's near edge, pixels per cell) along this edge, in own coordinates."""
        a = self.mapFromItem(self.view.childGroup, QPointF(0, 0))
        b = self.mapFromItem(self.view.childGroup, QPointF(1, 1))
        if self.edge == "left":
            return a.y(), b.y() - a.y()
        return a.x(), b.x() - a.x()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        n = len(self._elided)
        if n == 0:
            return
        start, cell = self._cell_axis()
        if cell == 0:
            return
        metrics = QFontMetricsF(self.font)
        line = metrics.height()
        view = self.view.viewRect()
        lo, hi = (view.top(), view.bottom()) if self.edge == "left" else (view.left(), view.right())
        first, last = max(0, math.floor(lo)), min(n, math.ceil(hi))
        upright = self.edge == "bottom" and last > first and self._widths[first:last].max() > abs(cell) - 2
        step = label_step(abs(cell), line) if (self.edge == "left" or upright) else 1
        painter.setFont(self.font)
        painter.setPen(QColor(20, 20, 20))
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        width, height = self.width(), self.height()
        first = int(math.ceil(first / step) * step)
        for i in range(first, last, step):
            centre = start + (i + 0.5) * cell
            text = self._elided[i]
            if self.edge == "left":
                painter.drawText(
                    QRectF(0, centre - line / 2, width - _PAD, line),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
            elif upright:
                painter.save()
                painter.translate(centre, _PAD)
                painter.rotate(-90)
                painter.drawText(
                    QRectF(-(height - _PAD), -line / 2, height - 2 * _PAD, line),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
                painter.restore()
            else:
                painter.drawText(
                    QRectF(centre - abs(cell) / 2, _PAD, abs(cell), line), Qt.AlignmentFlag.AlignCenter, text
                )

    def label_at(self, pos: QPointF) -> str | None:
        """The full label under ``pos`` (own coordinates), for a tooltip."""
        start, cell = self._cell_axis()
        if cell == 0 or not self.labels:
            return None
        coord = pos.y() if self.edge == "left" else pos.x()
        i = math.floor((coord - start) / cell)
        return self.labels[i] if 0 <= i < len(self.labels) else None
