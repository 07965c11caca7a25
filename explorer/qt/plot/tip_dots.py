"""Many highlighted tips as dots: what the plot shows of a selection too large to draw as haloed arrows.

A search or Select All can select 100,000 of 400,000 vectors. Their arrows with
the 8-pixel halo took 4 s to paint, a 1.5-pixel line 3 s and a ScatterPlotItem
1 s to take the points; this item maps the tips to device pixels with NumPy
when it paints, keeps each pixel inside the view once, and draws them with one
``QPainter.drawPoints``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph import functions as fn
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen


class TipDots(pg.GraphicsObject):
    """Square dots of ``size`` pixels at given points, whatever the zoom."""

    def __init__(self, color: QColor, size: int = 5):
        super().__init__()
        self._points = np.zeros((0, 2))
        self._rect = QRectF()
        self._pen = QPen(QColor(color))
        self._pen.setWidth(size)
        self._pen.setCosmetic(True)
        self._pen.setCapStyle(Qt.PenCapStyle.SquareCap)

    def set_points(self, points: np.ndarray) -> None:
        """Draw dots at ``points`` (k x 2, data coordinates); none when empty."""
        self.prepareGeometryChange()
        self._points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        if len(self._points):
            (x0, y0), (x1, y1) = self._points.min(axis=0), self._points.max(axis=0)
            self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._rect = QRectF()
        self.update()

    def points(self) -> np.ndarray:
        return self._points

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, *args) -> None:
        if not len(self._points):
            return
        t = painter.transform()
        x, y = self._points[:, 0], self._points[:, 1]
        px = t.m11() * x + t.m21() * y + t.dx()
        py = t.m12() * x + t.m22() * y + t.dy()
        window = painter.viewport()
        left, top = window.left() - 4, window.top() - 4
        width, height = window.width() + 9, window.height() + 9
        # Whole pixels inside the view (a dot's edge may show from just outside), each once:
        # 400,000 tips fall on far fewer pixels, and drawing a pixel's dot twice shows nothing more.
        ix = np.rint(px).astype(np.int64) - left
        iy = np.rint(py).astype(np.int64) - top
        inside = (ix >= 0) & (ix < width) & (iy >= 0) & (iy < height)
        taken = np.zeros(width * height, dtype=bool)
        taken[iy[inside] * width + ix[inside]] = True
        pixels = np.flatnonzero(taken)
        if not len(pixels):
            return
        polygon = fn.create_qpolygonf(len(pixels))
        array = fn.ndarray_from_qpolygonf(polygon)
        array[:, 0], array[:, 1] = pixels % width + left, pixels // width + top
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._pen)
        painter.drawPoints(polygon)
        painter.restore()
