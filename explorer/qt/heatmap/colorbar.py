"""The colour bar beside the heatmap: the colours of the range shown, tick numbers, and the metric as title.

The title stands upright to the right of the tick numbers, never over them.
Ticks are round numbers about three lines apart; a range of huge numbers
(±1.7e308) is ticked on scaled values, so nothing overflows.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QPen

from explorer.model.heatmap import STEPS, HeatmapScores, color_indices
from explorer.model.similarity import METRIC_NAMES
from explorer.qt.heatmap import style

FOREGROUND = QColor(20, 20, 20)


def nice_ticks(lo: float, hi: float, length_px: float, spacing_px: float = 60.0) -> list[float]:
    """Round values between lo and hi, about ``spacing_px`` apart (any finite lo < hi, even ±1.7e308)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return []
    scale = 10.0 ** math.floor(math.log10(max(abs(lo), abs(hi)))) if max(abs(lo), abs(hi)) > 1e300 else 1.0
    a, b = lo / scale, hi / scale
    wanted = max(2.0, length_px / spacing_px)
    raw = (b - a) / wanted
    if not (math.isfinite(raw) and raw > 0):
        return []
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(a / step - 1e-9) * step
    ticks = np.arange(first, b + step * 1e-9, step)
    return [0.0 if abs(t) < step * 1e-9 else float(t) * scale for t in ticks]


def tick_text(value: float, step: float) -> str:
    """'0.5', '-1', '2000', '1e+06'; huge values with the digits that tell neighbouring ticks apart."""
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-4):
        digits = 0
        if step > 0 and math.isfinite(step):
            digits = max(0, min(15, math.ceil(math.log10(abs(value) / step) - 1e-9)))
        return f"{value:.{digits}e}"
    decimals = 0
    while decimals < 8 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text


def ticks_with_texts(lo: float, hi: float, length_px: float, line_px: float) -> list[tuple[float, str]]:
    """(value, text) of the ticks of a bar ``length_px`` long, about three lines apart."""
    ticks = nice_ticks(lo, hi, length_px, max(3.0 * line_px, 24.0))
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return [(t, tick_text(t, step)) for t in ticks]


class ColorBar(pg.GraphicsWidget):
    """A vertical strip of the data's colours from ``lo`` (bottom) to ``hi`` (top), with ticks and title.

    :meth:`set_layout` gives the rectangles (in the figure's coordinates) of
    the strip, the tick numbers and the title; the bar occupies their union.
    """

    def __init__(self, data: HeatmapScores, font: QFont):
        super().__init__()
        self.data = data
        self.font = QFont(font)
        self._strip = QRectF()
        self._ticks = QRectF()
        self._title = QRectF()
        #: Boxes (own coordinates) of the texts the last paint drew, and what they said.
        self.text_boxes: list[tuple[str, QRectF]] = []

    def set_layout(self, strip: QRectF, ticks: QRectF, title: QRectF, font: QFont) -> None:
        """Place the bar: its strip, tick numbers and title, given in the parent's coordinates."""
        union = strip.united(ticks).united(title)
        self.setPos(union.topLeft())
        self.resize(union.width(), union.height())
        offset = union.topLeft()
        self._strip, self._ticks, self._title = (r.translated(-offset) for r in (strip, ticks, title))
        self.font = QFont(font)
        self.update()

    def title(self) -> str:
        """The title written along the bar: the metric's name."""
        return METRIC_NAMES[self.data.metric]

    def restyle(self) -> None:
        """Colour map, range or metric changed: paint again."""
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.text_boxes = []
        data, bar = self.data, self._strip
        if bar.isEmpty():
            return
        values = np.linspace(data.hi, data.lo, STEPS)  # top to bottom
        lut = style.lookup_table(data.colormap)[color_indices(values, data.color_lo, data.color_hi)]
        engine = painter.paintEngine().type() if painter.paintEngine() else None
        painter.save()
        try:
            if engine in (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf):
                painter.setPen(Qt.PenStyle.NoPen)
                # One rectangle per run of equal colour: crisp, and a few dozen instead of 255.
                breaks = np.flatnonzero(np.diff(lut)) + 1
                starts, ends = np.concatenate(([0], breaks)), np.concatenate((breaks, [len(lut)]))
                h = bar.height() / len(lut)
                for start, end in zip(starts.tolist(), ends.tolist()):
                    extra = max(0.02 * h, 0.6) if end < len(lut) else 0.0  # overlap: no seams in viewers
                    rect = QRectF(bar.left(), bar.top() + start * h, bar.width(), (end - start) * h + extra)
                    painter.fillRect(rect, QColor.fromRgb(int(lut[start])))
            else:
                column = np.ascontiguousarray(lut.reshape(-1, 1))
                image = QImage(column.data, 1, len(lut), 4, QImage.Format.Format_RGB32)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(bar, image)
            pen = QPen(FOREGROUND)
            pen.setWidthF(max(0.5, 0.06 * bar.width()))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(bar)
            self._paint_ticks(painter, bar)
            self._paint_title(painter)
        finally:
            painter.restore()

    def _paint_ticks(self, painter: QPainter, bar: QRectF) -> None:
        data = self.data
        painter.setFont(self.font)
        metrics = QFontMetricsF(self.font)
        line = metrics.height()
        span = data.hi / 2 - data.lo / 2
        for value, text in ticks_with_texts(data.lo, data.hi, bar.height(), line):
            y = bar.bottom() - (value / 2 - data.lo / 2) / span * bar.height()
            painter.drawLine(
                QPointF(bar.right(), y), QPointF(bar.right() + (self._ticks.left() - bar.right()) * 0.6, y)
            )
            box = QRectF(self._ticks.left(), y - line / 2, metrics.horizontalAdvance(text), line)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            self.text_boxes.append((text, box))

    def _paint_title(self, painter: QPainter) -> None:
        box = self._title
        if box.isEmpty():
            return
        metrics = QFontMetricsF(self.font)
        text = metrics.elidedText(self.title(), Qt.TextElideMode.ElideRight, box.height())
        if text in ("", "…"):
            return
        length = metrics.horizontalAdvance(text)
        painter.save()
        painter.translate(box.center())
        painter.rotate(-90)
        painter.drawText(QRectF(-length / 2, -box.width() / 2, length, box.width()), Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        self.text_boxes.append((text, QRectF(box.left(), box.center().y() - length / 2, box.width(), length)))
