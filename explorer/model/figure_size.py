"""A figure's size in pixels or in physical units (cm, mm, in, pt), and what it is at a DPI.

``parse_size('12cmx9cm')``, ``'5inx4in'``, ``'300ptx200pt'``, ``'1200x1000'``
(pixels; ``'1200pxx1000px'`` too). A physical size is the page of a PDF and
the width and height of an SVG exactly; a PNG of it has size x DPI pixels.
A size in pixels is the PNG's pixels exactly, and the DPI says how large a
pixel is (text keeps its size in points).

The figure is laid out in logical pixels of 1/96 inch: a 12 x 9 cm figure is
453.5 x 340.2 logical pixels at any DPI, so its 9 pt labels stay 9 pt.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Units a size may be given in, and how many of them make an inch.
PER_INCH = {"px": None, "in": 1.0, "cm": 2.54, "mm": 25.4, "pt": 72.0}
#: Units the export dialog offers, with their names for people.
UNIT_NAMES = {"px": "pixels", "cm": "cm", "mm": "mm", "in": "inches", "pt": "points"}
LOGICAL_DPI = 96.0
_NUMBER = r"(\d+(?:[.,]\d+)?|[.,]\d+)"
_UNIT = r"\s*(px|in|cm|mm|pt|\"|inch|inches)?\s*"
_SIZE = re.compile(rf"^\s*{_NUMBER}{_UNIT}[x×X*]\s*{_NUMBER}{_UNIT}$", re.IGNORECASE)


@dataclass(frozen=True)
class FigureSize:
    """A width and height in ``unit`` ('px', 'in', 'cm', 'mm' or 'pt')."""

    width: float
    height: float
    unit: str = "px"

    def __post_init__(self) -> None:
        if self.unit not in PER_INCH:
            raise ValueError(f"'{self.unit}' is not a unit; use one of {', '.join(PER_INCH)}")
        for value in (self.width, self.height):
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise ValueError(f"a size must be positive, not {value!r}")

    @property
    def physical(self) -> bool:
        """True for a size in cm, mm, inches or points (not pixels)."""
        return self.unit != "px"

    def inches(self, dpi: float) -> tuple[float, float]:
        """Width and height in inches (a size in pixels is pixels / DPI)."""
        per = PER_INCH[self.unit]
        if per is None:
            return self.width / dpi, self.height / dpi
        return self.width / per, self.height / per

    def points(self, dpi: float) -> tuple[float, float]:
        """Width and height in PostScript points (72 to the inch): a PDF page's size."""
        w, h = self.inches(dpi)
        return w * 72.0, h * 72.0

    def pixels(self, dpi: float) -> tuple[int, int]:
        """Pixels of a PNG: the size itself, or size x DPI rounded."""
        if not self.physical:
            return round(self.width), round(self.height)
        w, h = self.inches(dpi)
        return max(1, round(w * dpi)), max(1, round(h * dpi))

    def logical(self, dpi: float) -> tuple[float, float]:
        """Width and height in the layout's logical pixels (1/96 inch)."""
        w, h = self.inches(dpi)
        return w * LOGICAL_DPI, h * LOGICAL_DPI

    def text(self) -> str:
        """'1200x1000', '12cmx9cm', '5inx4in'."""
        if not self.physical:
            return f"{self.width:g}x{self.height:g}"
        return f"{self.width:g}{self.unit}x{self.height:g}{self.unit}"

    def css(self) -> tuple[str, str]:
        """Width and height as an SVG writes them ('12cm', '9cm'; pixels without a unit)."""
        unit = "" if self.unit == "px" else self.unit
        return f"{self.width:g}{unit}", f"{self.height:g}{unit}"

    def converted(self, unit: str, dpi: float) -> FigureSize:
        """The same size in ``unit`` (pixels at ``dpi``)."""
        if unit == self.unit:
            return self
        w, h = self.inches(dpi)
        per = PER_INCH[unit]
        if per is None:
            return FigureSize(w * dpi, h * dpi, "px")
        return FigureSize(w * per, h * per, unit)


def parse_size(text: str) -> FigureSize:
    """'12cmx9cm', '5inx4in', '300ptx200pt', '1200x1000' as a :class:`FigureSize`; ValueError in one sentence."""
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a size like 1200x1000, 12cmx9cm, 5inx4in or 300ptx200pt")
    w_text, w_unit, h_text, h_unit = match.groups()
    units = {_unit(u) for u in (w_unit, h_unit) if u}
    if len(units) > 1:
        raise ValueError(f"'{text}' mixes units; give both sides in one unit, as in 12cmx9cm")
    unit = units.pop() if units else "px"
    width, height = (float(t.replace(",", ".")) for t in (w_text, h_text))
    if width <= 0 or height <= 0:
        raise ValueError(f"'{text}' has a side of zero; a figure needs a width and a height")
    return FigureSize(width, height, unit)


def _unit(text: str) -> str:
    text = text.casefold()
    return "in" if text in ('"', "inch", "inches") else text
