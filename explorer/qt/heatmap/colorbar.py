"""The colour bar beside the heatmap: the colour map, tick values and the metric as title."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QPen

from explorer.model.similarity import METRIC_NAMES
from explorer.qt.heatmap import style
from explorer.qt.heatmap.data import HeatmapData

_BAR = 16.0
_TICK = 4.0
_PAD = 4.0


def nice_ticks(lo: float, hi: float, length_px: float, spacing_px: float = 60.0) -> list[float]:
    """Round values between lo and hi, about ``spacing_px`` apart."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return []
    wanted = max(2.0, length_px / spacing_px)
    raw = (hi - lo) / wanted
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = np.arange(first, hi + step * 1e-9, step)
    return [0.0 if abs(t) < step * 1e-9 else float(t) for t in ticks]


def tick_text(value: float, step: float) -> str:
    """'0.5', '-1', '2000', '1e+06'."""
    if value != 0 and (abs(value) >= 1e6 or abs(value) < 1e-4):
        return f"{value:.0e}"
    decimals = 0
    while decimals < 8 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-6:
        decimals += 1
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text


class ColorBar(pg.GraphicsWidget):
    """A vertical bar of the data's colour map from ``lo`` (bottom) to ``hi`` (top), titled with the metric."""

    def __init__(self, data: HeatmapData, font: QFont):
        super().__init__()
        self.data = data
        self.font = QFont(font)
        self.restyle()

    def _ticks(self, length: float) -> tuple[list[float], float]:
        ticks = nice_ticks(self.data.lo, self.data.hi, length)
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
        return ticks, step

    def title(self) -> str:
        """The title written along the bar: the metric's name."""
        return METRIC_NAMES[self.data.metric]

    def restyle(self) -> None:
        """Colour map, range or metric changed: resize to fit the tick numbers and paint again."""
        metrics = QFontMetricsF(self.font)
        ticks, step = self._ticks(max(self.height(), 200.0))
        widest = max((metrics.horizontalAdvance(tick_text(t, step)) for t in ticks), default=0.0)
        self.setFixedWidth(math.ceil(_PAD + _BAR + _TICK + 2 + widest + 2 * _PAD + metrics.height()))
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        data = self.data
        metrics = QFontMetricsF(self.font)
        half = metrics.height() / 2
        bar = QRectF(_PAD, half, _BAR, max(1.0, self.height() - 2 * half))
        lut = style.lookup_table(data.colormap)[: style.UNDEFINED_INDEX][::-1].copy()
        engine = painter.paintEngine().type() if painter.paintEngine() else None
        painter.save()
        if engine in (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf):
            painter.setPen(Qt.PenStyle.NoPen)
            h = bar.height() / len(lut)
            for i, argb in enumerate(lut.tolist()):
                painter.fillRect(QRectF(bar.left(), bar.top() + i * h, bar.width(), h * 1.02), QColor.fromRgb(argb))
        else:
            column = np.ascontiguousarray(lut.reshape(-1, 1))
            image = QImage(column.data, 1, len(lut), 4, QImage.Format.Format_RGB32)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(bar, image)
        pen = QPen(QColor(20, 20, 20))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        painter.setFont(self.font)
        ticks, step = self._ticks(bar.height())
        span = data.hi - data.lo
        for value in ticks:
            y = bar.bottom() - (value - data.lo) / span * bar.height()
            painter.drawLine(bar.right(), y, bar.right() + _TICK, y)
            painter.drawText(
                QRectF(bar.right() + _TICK + 2, y - half, self.width(), 2 * half),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                tick_text(value, step),
            )
        painter.translate(self.width() - _PAD, bar.center().y())
        painter.rotate(-90)
        # A short bar (many long labels leave the cells little room) shortens the title, not clips both ends.
        title = metrics.elidedText(self.title(), Qt.TextElideMode.ElideRight, bar.height() + 2 * half)
        painter.drawText(
            QRectF(-bar.height() / 2 - half, -metrics.height(), bar.height() + 2 * half, metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            title,
        )
        painter.restore()
