"""The heatmap's colours as the painter needs them: lookup tables, text contrast, swatches.

Colour maps are defined in :mod:`explorer.model.colormaps` (names, kinds and
colours, without Qt); here they become 256-entry tables of 0xAARRGGBB for
QImage: 255 steps of the map and, at :data:`UNDEFINED_INDEX`, the neutral grey
of an undefined score (a zero vector's cosine or angle), drawn hatched.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from explorer.model import colormaps
from explorer.model.heatmap import STEPS, UNDEFINED_INDEX, color_indices

__all__ = ["UNDEFINED_INDEX", "UNDEFINED_RGB", "color_of", "dark_text_table", "lookup_table", "swatch"]

#: Colour of an undefined score (neutral grey, outside every offered map's look).
UNDEFINED_RGB = (0x9A, 0x9A, 0x9A)


@lru_cache(maxsize=64)
def lookup_table(name: str) -> np.ndarray:
    """256 opaque colours as uint32 0xAARRGGBB: 255 steps of ``name`` and the undefined grey."""
    rgb = colormaps.colors(name, STEPS).astype(np.uint32)
    lut = np.empty(256, np.uint32)
    lut[:STEPS] = 0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
    r, g, b = UNDEFINED_RGB
    lut[UNDEFINED_INDEX] = 0xFF000000 | (r << 16) | (g << 8) | b
    lut.flags.writeable = False
    return lut


@lru_cache(maxsize=64)
def dark_text_table(name: str) -> np.ndarray:
    """For each lookup entry, True where black text reads better than white."""
    lut = lookup_table(name)
    r, g, b = ((lut >> s) & 0xFF for s in (16, 8, 0))
    linear = [((c / 255.0 + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): equal at L = 0.179.
    return luminance > 0.179


def color_of(name: str, value: float, lo: float, hi: float) -> tuple[int, int, int]:
    """The (r, g, b) the heatmap draws for ``value`` when the map spans ``lo``..``hi``."""
    argb = int(lookup_table(name)[color_indices(np.array([value]), lo, hi)[0]])
    return (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF


def swatch(name: str, width: int = 64, height: int = 14):
    """A QPixmap of the colour map from its low end (left) to its high end, for the chooser."""
    from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

    row = lookup_table(name)[np.linspace(0, STEPS - 1, width).round().astype(np.intp)]
    pixels = np.ascontiguousarray(np.tile(row, (height, 1)))
    image = QImage(pixels.data, width, height, width * 4, QImage.Format.Format_RGB32).copy()
    pixmap = QPixmap.fromImage(image)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor(90, 90, 90)))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.end()
    return pixmap
