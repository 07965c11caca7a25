"""The clustering tree above the columns and left of the rows, as in seaborn's clustermap.

It is drawn from the very tree that ordered the cells
(:attr:`~explorer.model.heatmap.HeatmapScores.clustering`), so each leaf ends
at the middle of its own row or column; the root is farthest from the cells,
and a bracket's distance from the cells is the merge's distance. It follows
the cells' view when the panel is zoomed.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from explorer.model.heatmap import HeatmapScores
from explorer.model.ordering import DendrogramLines, dendrogram_lines

LINE = QColor(60, 60, 60)


class DendrogramItem(pg.GraphicsWidget):
    """The dendrogram along the 'top' (columns) or 'left' (rows) edge of the ViewBox ``view``."""

    def __init__(self, data: HeatmapScores, view: pg.ViewBox, edge: str):
        super().__init__()
        self.data = data
        self.view = view
        self.edge = edge
        self._lines: DendrogramLines | None = None
        self._key: tuple[int, int] | None = None
        #: The leaves (table rows) and where the last paint ended them along the edge (own coordinates).
        self.drawn_leaves: list[tuple[int, float]] = []
        view.sigRangeChanged.connect(self._on_view_change)
        view.sigResized.connect(self._on_view_change)

    def _on_view_change(self, *args) -> None:
        self.update()

    def set_rect(self, rect: QRectF | None) -> None:
        """Place the dendrogram in ``rect`` (parent coordinates), or hide it (None)."""
        self.setVisible(rect is not None)
        if rect is not None:
            self.setPos(rect.topLeft())
            self.resize(rect.width(), rect.height())
        self.update()

    def lines(self) -> DendrogramLines | None:
        """The brackets of the clustering shown, or None when no dendrogram is shown."""
        data = self.data
        if not data.shows_dendrogram:
            return None
        clustering = data.clustering
        assert clustering is not None and clustering.tree is not None
        key = (id(clustering), data.n)
        if key != self._key:
            self._key, self._lines = key, dendrogram_lines(clustering.tree, data.order)
        return self._lines

    def _cell_axis(self) -> tuple[float, float]:
        a = self.mapFromItem(self.view.childGroup, QPointF(0, 0))
        b = self.mapFromItem(self.view.childGroup, QPointF(1, 1))
        if self.edge == "left":
            return a.y(), b.y() - a.y()
        return a.x(), b.x() - a.x()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.drawn_leaves = []
        lines = self.lines()
        if lines is None or not len(lines.x):
            return
        start, cell = self._cell_axis()
        depth = self.width() if self.edge == "left" else self.height()
        if cell == 0 or depth <= 0:
            return
        along = start + lines.x * cell
        # Height 0 at the cells' edge, the root at the far edge (a hair inside, so its line shows).
        across = depth * (1 - lines.height / lines.top) if lines.top > 0 else np.full_like(lines.height, depth)
        across = np.clip(across, 0.5, depth)
        points = np.stack([across, along] if self.edge == "left" else [along, across], axis=-1)
        segments = []
        for bracket in points.tolist():
            for k in range(3):
                segments.append(QLineF(QPointF(*bracket[k]), QPointF(*bracket[k + 1])))
        pen = QPen(LINE)
        pen.setWidthF(max(0.6, min(1.2, depth / 100)))
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(pen)
            painter.setClipRect(QRectF(0, 0, self.width(), self.height()))
            painter.drawLines(segments)
        finally:
            painter.restore()
        leaf_at = start + lines.leaf_position * cell
        self.drawn_leaves = [(int(row), float(leaf_at[row])) for row in lines.leaves]
