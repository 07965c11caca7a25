"""Colours and number formats of the heatmap: colour maps, ranges, cell texts.

Colour maps come from pyqtgraph (the CET and viridis families). A score is
drawn through a 255-entry lookup table; entry 255 is reserved for undefined
scores (a zero vector's cosine or angle), drawn in neutral grey and hatched.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pyqtgraph as pg

#: Diverging maps, for cosine similarity centred on 0 over -1..1.
DIVERGING = ("CET-CBD1", "CET-D1A", "CET-D1", "CET-D4", "CET-D9")
#: Sequential maps, for the other metrics over the data range.
SEQUENTIAL = ("viridis", "cividis", "magma", "inferno", "plasma", "CET-L1", "CET-CBL1", "CET-L17")
#: What the colour map chooser offers, diverging first.
COLORMAPS = DIVERGING + SEQUENTIAL

#: Colour of an undefined score (neutral grey, outside every offered map's look).
UNDEFINED_RGB = (0x9A, 0x9A, 0x9A)
UNDEFINED_INDEX = 255
_STEPS = 255  # colours 0..254


def default_colormap(metric: str) -> str:
    """A colour-blind-safe diverging map for cosine, viridis for the others."""
    return "CET-CBD1" if metric == "cosine" else "viridis"


def check_colormap(name: str) -> str:
    """Return ``name`` if pyqtgraph knows that colour map, else raise ValueError."""
    if name not in available_colormaps():
        raise ValueError(f"unknown colour map '{name}'; try one of {', '.join(COLORMAPS)}")
    return name


@lru_cache(maxsize=1)
def available_colormaps() -> tuple[str, ...]:
    """Every colour map pyqtgraph ships (CET, viridis family, ...)."""
    return tuple(sorted(pg.colormap.listMaps()))


@lru_cache(maxsize=64)
def lookup_table(name: str) -> np.ndarray:
    """256 opaque colours as uint32 0xAARRGGBB: 255 steps of ``name`` and the undefined grey."""
    cmap = pg.colormap.get(check_colormap(name))
    rgb = cmap.getLookupTable(0.0, 1.0, nPts=_STEPS, alpha=False, mode="byte").astype(np.uint32)
    lut = np.empty(256, np.uint32)
    lut[:_STEPS] = 0xFF000000 | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
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


def value_range(metric: str, matrix: np.ndarray) -> tuple[float, float]:
    """Colour range: fixed -1..1 for cosine, the finite data range otherwise."""
    if metric == "cosine":
        return -1.0, 1.0
    m = np.asarray(matrix)
    with np.errstate(invalid="ignore"):
        lo, hi = (np.nanmin(m), np.nanmax(m)) if m.size and not np.isnan(m).all() else (0.0, 1.0)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        finite = m[np.isfinite(m)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    return float(lo), float(hi)


def color_indices(scores: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Lookup-table indices (uint8) of ``scores``; undefined scores get 255.

    Computed in float32: 255 colour steps need far less precision than that.
    """
    s = np.asarray(scores)
    with np.errstate(invalid="ignore", over="ignore"):
        t = np.subtract(s, lo, dtype=np.float32)
        t *= np.float32((_STEPS - 1) / (hi - lo))
        t += np.float32(0.5)
        np.clip(t, 0, _STEPS - 1, out=t)
    undefined = np.isnan(t)
    if undefined.any():
        t[undefined] = 0
        idx = t.astype(np.uint8)
        idx[undefined] = UNDEFINED_INDEX
        return idx
    return t.astype(np.uint8)


def color_of(name: str, value: float, lo: float, hi: float) -> tuple[int, int, int]:
    """The (r, g, b) the heatmap draws for ``value``."""
    argb = int(lookup_table(name)[color_indices(np.array([value]), lo, hi)[0]])
    return (argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF


# ------------------------------------------------------------------ numbers
def cell_decimals(metric: str, matrix: np.ndarray) -> int:
    """Decimals for the numbers in the cells: about three significant digits for the largest."""
    if metric == "cosine":
        return 3
    finite = np.abs(np.asarray(matrix)[np.isfinite(matrix)])
    largest = float(finite.max()) if finite.size else 1.0
    if largest == 0:
        return 0
    return int(min(3, max(0, 2 - math.floor(math.log10(largest)))))


def cell_text(value: float, decimals: int) -> str:
    """The number drawn in a cell ('0.353'), '' when undefined."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e6:
        return f"{value:.2g}"
    text = f"{value:.{decimals}f}"
    nearest = round(value)
    if (
        decimals
        and nearest
        and float(text) == nearest
        and not math.isclose(value, nearest, rel_tol=1e-12, abs_tol=1e-12)
    ):
        # 0.99994 is not 1: show the digits that tell it apart (up to three more).
        for more in range(decimals + 1, decimals + 4):
            text = f"{value:.{more}f}"
            if float(text) != nearest:
                break
    return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.000"


def cell_texts(scores: np.ndarray, decimals: int) -> list[list[str]]:
    """:func:`cell_text` of every score, formatting only the unusual ones one by one."""
    s = np.asarray(scores, dtype=np.float64)
    fmt = f".{decimals}f"
    texts = [[format(v, fmt) for v in row] for row in s.tolist()]
    with np.errstate(invalid="ignore"):
        nearest = np.round(s)
        special = ~np.isfinite(s) | (np.abs(s) >= 1e6) | (np.abs(s) < 0.5 * 10.0**-decimals)
        special |= (nearest != 0) & (np.abs(s - nearest) < 0.5 * 10.0**-decimals)
    for i, j in zip(*np.nonzero(special)):
        texts[i][j] = cell_text(float(s[i, j]), decimals)
    return texts


def score_text(value: float) -> str:
    """A score for people: three decimals, more when three would hide a difference.

    0.35253 -> '0.353'; 0.99994 -> '0.99994' (not '1.000'); 909.0 -> '909'.
    """
    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return f"{'-' if value < 0 else ''}∞ (too large to represent)"
    if abs(value) >= 1e7:
        return f"{value:.4g}"
    nearest = round(value)
    if math.isclose(value, nearest, rel_tol=1e-12, abs_tol=1e-12):
        return f"{nearest:.0f}"
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    decimals = max(0, 3 - magnitude) if abs(value) >= 1 else 3
    # Enough decimals that the first digit telling it from the nearest integer shows.
    decimals = max(decimals, -math.floor(math.log10(abs(value - nearest))))
    return f"{value:.{min(decimals, 8)}f}"
