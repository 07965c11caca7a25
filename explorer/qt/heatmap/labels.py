"""The vector labels beside the heatmap's rows and below its columns.

One widget paints all labels of its edge, following the cells' view when it
is zoomed. Row labels stand left of the cells (right of them when a
dendrogram takes the left side); column labels stand below, across a cell or
upright when they are wider than one. When a cell is smaller than a line of
text only every k-th label is drawn (k = 1, 2, 5, 10, 20, ...), so labels
never overlap. Long labels are shortened in the middle to the width the
figure's layout gives them. The label of the row and the column under the
mouse is drawn bold on a pale band.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from explorer.model.heatmap import HeatmapScores
from explorer.qt.heatmap.text import elide, elide_mode, label_step

__all__ = ["LabelAxis", "label_step"]

FOREGROUND = QColor(20, 20, 20)
HIGHLIGHT = QColor(255, 236, 150)


class LabelAxis(pg.GraphicsWidget):
    """Labels of the rows ('rows') or the columns ('columns') of the ViewBox ``view``."""

    def __init__(self, data: HeatmapScores, view: pg.ViewBox, edge: str, font: QFont):
        super().__init__()
        self.data = data
        self.view = view
        self.edge = edge
        self.font = QFont(font)
        self.side = "left" if edge == "rows" else "bottom"
        self.upright = False
        self.max_px = 160.0
        self.labels: list[str] = []
        self._mode = Qt.TextElideMode.ElideMiddle
        self.highlighted: int | None = None
        #: Boxes (own coordinates) of the labels the last paint drew, and what they said.
        self.text_boxes: list[tuple[str, QRectF]] = []
        self._elided: dict[int, str] = {}
        view.sigRangeChanged.connect(self._on_view_change)
        view.sigResized.connect(self._on_view_change)

    def _on_view_change(self, *args) -> None:
        self.update()

    def set_layout(self, rect: QRectF, font: QFont, max_px: float, side: str, upright: bool = False) -> None:
        """Place the labels in ``rect`` (parent coordinates), in ``font``, shortened to ``max_px``."""
        self.setPos(rect.topLeft())
        self.resize(rect.width(), rect.height())
        self.font, self.max_px, self.side, self.upright = QFont(font), max_px, side, upright
        self._elided = {}
        self.update()

    def labels_changed(self) -> None:
        """Take the labels (in display order) from the data."""
        self.labels = self.data.display_labels()
        self._mode = elide_mode(self.labels)
        self._elided = {}
        self.update()

    def highlight(self, index: int | None) -> None:
        """Draw the label at display position ``index`` highlighted (None: none)."""
        if index != self.highlighted:
            self.highlighted = index
            self.update()

    def _text(self, i: int) -> str:
        text = self._elided.get(i)
        if text is None:
            text = self._elided[i] = elide(self.labels[i], self.font, self.max_px, self._mode)
        return text

    def _cell_axis(self) -> tuple[float, float]:
        """(position of cell 0's near edge, pixels per cell) along this edge, in own coordinates."""
        a = self.mapFromItem(self.view.childGroup, QPointF(0, 0))
        b = self.mapFromItem(self.view.childGroup, QPointF(1, 1))
        if self.edge == "rows":
            return a.y(), b.y() - a.y()
        return a.x(), b.x() - a.x()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.text_boxes = []
        n = len(self.labels)
        if n == 0:
            return
        start, cell = self._cell_axis()
        if cell == 0:
            return
        metrics = QFontMetricsF(self.font)
        line = metrics.height()
        view = self.view.viewRect()
        lo, hi = (view.top(), view.bottom()) if self.edge == "rows" else (view.left(), view.right())
        first, last = max(0, math.floor(lo)), min(n, math.ceil(hi))
        across = self.edge == "columns" and not self.upright
        step = 1 if across else label_step(abs(cell), line)
        first = int(math.ceil(first / step) * step)
        painter.save()
        try:
            painter.setFont(self.font)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            for i in range(first, last, step):
                self._paint_label(painter, metrics, i, start + (i + 0.5) * cell, abs(cell), line, across)
        finally:
            painter.restore()

    def _paint_label(
        self, painter: QPainter, metrics: QFontMetricsF, i: int, centre: float, cell: float, line: float, across: bool
    ) -> None:
        text = self._text(i)
        width = metrics.horizontalAdvance(text)
        if self.edge == "rows":
            x = self.width() - width if self.side == "left" else 0.0
            box = QRectF(x, centre - line / 2, width, line)
        elif across:
            box = QRectF(centre - width / 2, 0.0, width, line)
        else:  # upright, reading upwards, its end at the cells
            box = QRectF(centre - line / 2, 0.0, line, width)
        if i == self.highlighted:
            band = (
                QRectF(0, centre - min(cell, line) / 2, self.width(), min(cell, line))
                if self.edge == "rows"
                else QRectF(centre - min(cell, line) / 2, 0, min(cell, line), self.height())
            )
            painter.fillRect(band if not across else box.adjusted(-2, 0, 2, 0), HIGHLIGHT)
            bold = QFont(self.font)
            bold.setBold(True)
            painter.setFont(bold)
            text = QFontMetricsF(bold).elidedText(text, self._mode, width + 0.5)
        painter.setPen(FOREGROUND)
        if self.edge == "columns" and not across:
            painter.save()
            painter.translate(box.center())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-box.height() / 2, -line / 2, box.height(), line), Qt.AlignmentFlag.AlignCenter, text
            )
            painter.restore()
        else:
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if i == self.highlighted:
            painter.setFont(self.font)
        self.text_boxes.append((text, box))

    def label_at(self, pos: QPointF) -> str | None:
        """The full label under ``pos`` (own coordinates), for a tooltip."""
        start, cell = self._cell_axis()
        if cell == 0 or not self.labels:
            return None
        coord = pos.y() if self.edge == "rows" else pos.x()
        i = math.floor((coord - start) / cell)
        return self.labels[i] if 0 <= i < len(self.labels) else None
