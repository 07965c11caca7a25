"""The numbers a heatmap writes: the same decimals in every cell, and never 1 for a score that is not 1.

Every cell of one figure has the same number of decimals: three for cosine
similarity, about three significant digits of the largest score for the
other metrics, or the ``digits`` asked for. One rule overrides the rounding:
a score that is not exactly +1 or -1 never prints as 1 or -1. It is written
as the nearest number at that precision that is not ±1 (0.99994 prints 0.999
at three decimals, never 1.000; 1.00004 prints 1.001), so C ≈ A stays
distinguishable from D = 2.5 A; with no decimals at all it prints '<1' ('>-1').
Tooltips use :func:`score_text`, which gives the digits that tell a score apart.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

#: Largest number of decimals ``digits`` may ask for.
MAX_DIGITS = 8


def auto_decimals(metric: str, matrix: np.ndarray) -> int:
    """Decimals for the numbers in the cells: three for cosine, about three significant digits
    of the largest score for the other metrics."""
    if metric == "cosine":
        return 3
    m = np.asarray(matrix)
    finite = np.abs(m[np.isfinite(m)]) if m.size else m
    largest = float(finite.max()) if finite.size else 1.0
    if largest == 0:
        return 0
    return int(min(3, max(0, 2 - math.floor(math.log10(largest)))))


def check_digits(value: Any) -> int | None:
    """Decimals asked for (0 to :data:`MAX_DIGITS`), or None for the metric's own choice."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DIGITS:
        raise ValueError(f"{value!r} is not a number of decimals from 0 to {MAX_DIGITS}")
    return int(value)


def cell_text(value: float, decimals: int) -> str:
    """The number drawn in a cell ('0.353'), '' when undefined; never '1.000' for a score that is not 1."""
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e6:
        return f"{value:.2e}"
    text = f"{value:.{decimals}f}"
    if abs(value) != 1 and abs(float(text)) == 1:
        return _short_of_one(value, decimals)
    return text[1:] if text.startswith("-") and float(text) == 0 else text  # no "-0.000"


def _short_of_one(value: float, decimals: int) -> str:
    """A score within rounding of ±1 that is not ±1: the nearest number at ``decimals`` that is not ±1
    (0.99994 -> '0.999', 1.00004 -> '1.001'); with no decimals '<1', '>1', '>-1' or '<-1'."""
    outside = abs(value) > 1
    if decimals == 0:
        return ("<" if (value > 0) != outside else ">") + ("1" if value > 0 else "-1")
    step = 10.0**-decimals
    return f"{math.copysign(1 + step if outside else 1 - step, value):.{decimals}f}"


def cell_texts(scores: np.ndarray, decimals: int) -> list[list[str]]:
    """:func:`cell_text` of every score, formatting only the unusual ones one by one."""
    s = np.asarray(scores, dtype=np.float64)
    fmt = f".{decimals}f"
    texts = [[format(v, fmt) for v in row] for row in s.tolist()]
    half = 0.5 * 10.0**-decimals
    with np.errstate(invalid="ignore"):
        magnitude = np.abs(s)
        special = ~np.isfinite(s) | (magnitude >= 1e6) | (magnitude < half)
        special |= (magnitude != 1) & (np.abs(magnitude - 1) <= half)
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
        return f"overflow: beyond {'-' if value < 0 else ''}1.8e308, the largest number a float holds"
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
