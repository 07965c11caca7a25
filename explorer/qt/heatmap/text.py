"""Measuring the heatmap's text: fonts at a pixel size, label widths, shortened labels, label thinning."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from explorer.model.display import shown_text

#: Label widths are measured once at this size and scaled.
REFERENCE_PX = 100


def font_at(base: QFont, pixel_size: float, bold: bool = False) -> QFont:
    """``base`` at ``pixel_size`` pixels, rounded to whole pixels.

    Always a pixel size, never a point size: a point size would be converted
    with the paint device's DPI (a PNG at 300 DPI would get text three times as large).
    """
    font = QFont(base)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


def line_height(base: QFont, pixel_size: float) -> float:
    """The height of a line of text at ``pixel_size``."""
    return QFontMetricsF(font_at(base, pixel_size)).height()


@lru_cache(maxsize=8)
def _label_widths(labels: tuple[str, ...], family: str) -> np.ndarray:
    """Widths of ``labels`` at :data:`REFERENCE_PX` pixels (one line each)."""
    font = QFont()
    font.fromString(family)
    font.setPixelSize(REFERENCE_PX)
    metrics = QFontMetricsF(font)
    return np.array([metrics.horizontalAdvance(shown_text(label)) for label in labels], float)


def label_widths(labels: tuple[str, ...], base: QFont, pixel_size: float) -> np.ndarray:
    """Widths of ``labels`` at ``pixel_size`` (scaled from one measurement per set of labels)."""
    return _label_widths(labels, base.toString()) * (pixel_size / REFERENCE_PX)


def elide(text: str, font: QFont, width: float, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle) -> str:
    """``text`` on one line, shortened (in the middle by default) to ``width`` when longer."""
    metrics = QFontMetricsF(font)
    one_line = shown_text(text)  # a 1 MB label is never measured whole
    if metrics.horizontalAdvance(one_line) <= width:
        return one_line
    return metrics.elidedText(one_line, mode, width)


def elide_mode(labels: list[str]) -> Qt.TextElideMode:
    """Where to shorten labels so that what tells them apart stays: labels sharing a long beginning
    ('Cross-laminated timber panel number 1, ...') lose their beginning, labels sharing an ending
    lose their end, others their middle."""
    if len(labels) < 2:
        return Qt.TextElideMode.ElideMiddle
    prefix = _common_start(labels)
    suffix = _common_start([label[::-1] for label in labels])
    if max(prefix, suffix) < 4:
        return Qt.TextElideMode.ElideMiddle
    return Qt.TextElideMode.ElideLeft if prefix >= suffix else Qt.TextElideMode.ElideRight


def _common_start(texts: list[str]) -> int:
    """How many characters every text begins with."""
    first, last = min(texts), max(texts)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return length


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
