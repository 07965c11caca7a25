"""The plot's frame: its axes, view box and origin, what is in view, and pixels to data and back.

:class:`PlotFrame` keeps equal scale on both axes, the zoom within :data:`VIEW_RANGE`
and, for arrows, the origin in view after a pan; it zooms to rows or centres one,
and maps a viewport position to data coordinates. :class:`~explorer.qt.plot.plot.VectorPlot`
owns one and draws inside it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QGraphicsItem

#: The narrowest and the widest view the plot zooms to (vectors of 1e-308 and 1.7e308 are drawn within them).
VIEW_RANGE = (1e-150, 1e300)


class PlotFrame:
    """The axes and view box of ``widget``; ``linear()`` says whether arrows start at the origin (kept in view)."""

    def __init__(self, widget: pg.PlotWidget, linear: Callable[[], bool]):
        self._widget = widget
        self._linear = linear
        item = widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setMenuEnabled(False)
        item.hideButtons()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTextPen("#333333")
            axis.setPen("#888888")
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # a moved arrow does not redraw it
            axis.enableAutoSIPrefix(False)  # "(x0.001)" beside a dimension's name reads as part of its unit
            axis.setStyle(maxTickLevel=1)  # the finest grid level cost 10 ms per axis on a range change
        #: The view box the plot draws in.
        self.box = item.getViewBox()
        self.box.setAspectLocked(True, ratio=1.0)
        self.box.setDefaultPadding(0.12)
        # pyqtgraph's pan and zoom arithmetic breaks down (NaN ranges) on views of 1e-300 or 1e308 across.
        self.box.setLimits(
            minXRange=VIEW_RANGE[0], minYRange=VIEW_RANGE[0], maxXRange=VIEW_RANGE[1], maxYRange=VIEW_RANGE[1]
        )
        self.box.sigRangeChangedManually.connect(self._keep_origin_in_view)
        #: The dot at the origin, where arrows start (hidden in a map without one).
        self.origin = pg.ScatterPlotItem([0.0], [0.0], size=6, brush=pg.mkBrush("#444444"), pen=None)
        self.origin.setZValue(5)
        widget.addItem(self.origin)

    def fit(self) -> None:
        """Zoom so that everything drawn is in view, and follow changes again."""
        self.box.enableAutoRange()

    def hold(self) -> None:
        """Keep the view's range from now on (a drag must not make it jump)."""
        self.box.disableAutoRange()

    def zoom_to(self, coords: np.ndarray, rows, centre: int | None = None) -> None:
        """Show the tips of ``rows`` (of ``coords``, N x 2; NaN where not placed), or centre row ``centre``."""
        if centre is not None:
            x, y = coords[int(centre)]
            if np.isfinite(x) and np.isfinite(y):  # (else not placed: a map computed without it)
                self.centre_on(float(x), float(y))
            return
        tips = coords[np.asarray(rows, dtype=np.intp)]
        tips = tips[np.isfinite(tips).all(axis=1)]
        if len(tips):
            self.show_tips(tips)

    def centre_on(self, x: float, y: float) -> None:
        """Keep the zoom and put ``(x, y)`` in the middle."""
        (x0, x1), (y0, y1) = self.box.viewRange()
        w, h = (x1 - x0) / 2, (y1 - y0) / 2
        self.box.setRange(xRange=(x - w, x + w), yRange=(y - h, y + h), padding=0)

    def show_tips(self, tips: np.ndarray) -> None:
        """Zoom so that ``tips`` (N x 2, finite) fill the view, with the origin where arrows start from it."""
        low, high = tips.min(axis=0), tips.max(axis=0)
        if self._linear():
            low, high = np.minimum(low, 0.0), np.maximum(high, 0.0)
        span = np.where(high - low > 0, high - low, 1.0)
        self.box.setRange(
            xRange=(low[0] - 0.08 * span[0], high[0] + 0.08 * span[0]),
            yRange=(low[1] - 0.08 * span[1], high[1] + 0.08 * span[1]),
            padding=0,
        )

    def position_of(self, x: float, y: float) -> QPoint:
        """Where data coordinates ``(x, y)`` are on the viewport, in pixels."""
        return self._widget.mapFromScene(self.box.mapViewToScene(QPointF(x, y)))

    def data_at(self, position: QPoint) -> tuple[float, float]:
        """The data coordinates under a viewport position."""
        point = self.box.mapSceneToView(self._widget.mapToScene(position))
        return point.x(), point.y()

    def pixel_size(self) -> tuple[float, float]:
        """The width and height of one pixel in data coordinates."""
        sx, sy = self.box.viewPixelSize()
        return float(sx), float(sy)

    def _keep_origin_in_view(self, *_) -> None:
        if not self._linear():
            return  # a t-SNE or UMAP map has no origin worth keeping
        (x0, x1), (y0, y1) = self.box.viewRange()
        # Shift the view so that the origin sits just inside the edge it left by.
        dx = 0.0 if x0 <= 0 <= x1 else (-x0 - 0.05 * (x1 - x0) if x0 > 0 else -x1 + 0.05 * (x1 - x0))
        dy = 0.0 if y0 <= 0 <= y1 else (-y0 - 0.05 * (y1 - y0) if y0 > 0 else -y1 + 0.05 * (y1 - y0))
        if dx or dy:
            self.box.setRange(xRange=(x0 + dx, x1 + dx), yRange=(y0 + dy, y1 + dy), padding=0)
