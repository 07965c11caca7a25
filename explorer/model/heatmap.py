"""The scores as the heatmap shows them, without drawing them: order, labels, colour range, cell numbers.

The panel, the picture exports and the CSV export all fill one
:class:`HeatmapScores`. Scores stay in table order; ``order`` says which table
row is shown at each position, so changing the order never touches them.

The numbers in the cells are written by :mod:`explorer.model.heatmap_numbers`
(the same decimals in every cell; never 1 for a score that is not 1).

Colour ranges work for any finite scores, ±1.7e308 and equal huge scores
included: a range of one value is widened by a relative amount, and scores
are scaled before their differences are taken.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.model import colormaps, ordering, similarity
from explorer.model.heatmap_numbers import auto_decimals, cell_texts, score_text
from explorer.model.similarity import METRIC_SYMBOLS
from explorer.model.table import VectorTable

#: Colour ranges by name: the metric's natural range, or the range of the scores shown.
RANGES = ("fixed", "data")
#: Colour steps 0..254; entry 255 of a lookup table is the undefined grey.
STEPS = 255
UNDEFINED_INDEX = 255
RangeSpec = str | tuple[float, float] | None


# ------------------------------------------------------------------ ranges
def parse_range(text: str) -> str | tuple[float, float]:
    """'fixed', 'data' or 'LO:HI' (e.g. '0.2:0.9', '-1:1') as a range; ValueError in one sentence."""
    words = str(text).strip()
    if words.casefold() in RANGES:
        return words.casefold()
    low, colon, high = words.partition(":")
    if not colon:
        raise ValueError(f"'{text}' is not a range: write fixed, data, or LO:HI such as 0.2:0.9")
    try:
        lo, hi = float(low), float(high)
    except ValueError:
        raise ValueError(f"'{text}' is not a range: LO and HI must be numbers, as in 0.2:0.9") from None
    return _check_pair((lo, hi))


def check_range(value: Any) -> RangeSpec:
    """A range as the view state keeps it: None (the metric's default), 'fixed', 'data' or (lo, hi)."""
    if value is None:
        return None
    if isinstance(value, str):
        if value in RANGES:
            return value
        return parse_range(value)
    return _check_pair(value)


def _check_pair(value: Any) -> tuple[float, float]:
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a range") from None
    if isinstance(lo, bool) or isinstance(hi, bool) or not all(isinstance(v, (int, float)) for v in (lo, hi)):
        raise ValueError(f"{value!r} is not a range of two numbers")
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"the range {lo:g}:{hi:g} must be finite")
    if not lo < hi:
        raise ValueError(f"the range {lo:g}:{hi:g} must go from a lower to a higher value")
    return lo, hi


def range_text(spec: RangeSpec) -> str:
    """How a range is written on the command line and in the panel ('fixed', 'data', '0.2:0.9')."""
    if spec is None or isinstance(spec, str):
        return spec or ""
    return f"{spec[0]:g}:{spec[1]:g}"


def default_range(metric: str) -> str:
    """Cosine similarity and angles have a natural range; dot products and distances use the data's."""
    return "fixed" if metric in ("cosine", "angle") else "data"


def data_range(matrix: np.ndarray) -> tuple[float, float]:
    """The finite scores' range, widened when they are all one value (even a huge one)."""
    m = np.asarray(matrix, dtype=np.float64)
    finite = m[np.isfinite(m)] if m.size else m
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if hi > lo:
        return lo, hi
    step = max(0.5, abs(lo) * 1e-6)
    low, high = lo - step, lo + step
    if not math.isfinite(low):
        low = lo
    if not math.isfinite(high):
        high = lo
    return low, high


def fixed_range(metric: str, matrix: np.ndarray) -> tuple[float, float]:
    """The metric's natural range: -1..1 for cosine, 0..180 for angles, from 0 for distances,
    symmetric about 0 for dot products."""
    if metric == "cosine":
        return -1.0, 1.0
    if metric == "angle":
        return 0.0, 180.0
    lo, hi = data_range(matrix)
    if metric == "euclidean":
        return 0.0, max(hi, 1e-300)
    largest = max(abs(lo), abs(hi))
    return -largest, largest


def value_range(metric: str, matrix: np.ndarray, spec: RangeSpec = None) -> tuple[float, float]:
    """The range the colours span: ``spec`` ('fixed', 'data', (lo, hi)) or the metric's default."""
    spec = check_range(spec) if spec is not None else default_range(metric)
    if spec == "fixed":
        return fixed_range(metric, matrix)
    if spec is None or isinstance(spec, str):  # "data": check_range makes any other text a pair
        return data_range(matrix)
    return spec


def natural_centre(metric: str, lo: float, hi: float) -> float:
    """Where a diverging map has its middle colour unless told: 0 for cosine and dot products,
    90 degrees for angles, the middle of the range for distances."""
    if metric in ("cosine", "dot"):
        return 0.0
    if metric == "angle":
        return 90.0
    return lo / 2 + hi / 2


def color_span(lo: float, hi: float, centre: float | None, diverging: bool) -> tuple[float, float]:
    """The values at the colour map's two ends.

    A sequential map spans lo..hi. A diverging map puts its middle colour at
    ``centre`` and spans centre ± the larger distance to lo or hi, as seaborn's
    ``center`` does: scores on the short side use only part of that side's colours.
    """
    if not diverging or centre is None or not math.isfinite(centre):
        return lo, hi
    reach = max(hi / 2 - centre / 2, centre / 2 - lo / 2) * 2  # halves first: no overflow at ±1.7e308
    if not (math.isfinite(reach) and reach > 0):
        return lo, hi
    low, high = centre - reach, centre + reach
    if not (math.isfinite(low) and math.isfinite(high)):
        return lo, hi
    return low, high


def color_indices(scores: Any, lo: float, hi: float) -> np.ndarray:
    """Lookup-table indices (uint8) of ``scores`` between ``lo`` and ``hi``; undefined scores get 255.

    Computed in float32 (255 colour steps need far less precision) unless the
    range is huge, then in float64 on scores scaled by the range's size.
    """
    s = np.asarray(scores)
    scale = max(abs(lo), abs(hi))
    if not math.isfinite(scale) or scale == 0:
        scale = 1.0
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        if scale > 1e30 or not math.isfinite(hi - lo) or hi - lo < scale * 1e-3:  # float32 would blur it
            s64 = np.divide(s, scale, dtype=np.float64)
            low, span = lo / scale, hi / scale - lo / scale
            t = (s64 - low) * ((STEPS - 1) / span) if span > 0 else np.zeros_like(s64) + (STEPS - 1) / 2
            t = t.astype(np.float32) + np.float32(0.5)
            t[np.isnan(s64)] = np.nan
        else:
            span = hi - lo
            t = np.subtract(s, lo, dtype=np.float32)
            t *= np.float32((STEPS - 1) / span) if span > 0 else np.float32(0)
            if not span > 0:
                t += np.float32((STEPS - 1) / 2)
            t += np.float32(0.5)
        np.clip(t, 0, STEPS - 1, out=t)
    undefined = np.isnan(t)
    if undefined.any():
        t[undefined] = 0
        idx: np.ndarray = t.astype(np.uint8)
        idx[undefined] = UNDEFINED_INDEX
        return idx
    result: np.ndarray = t.astype(np.uint8)
    return result


# ------------------------------------------------------------------ scores
@dataclass
class HeatmapScores:
    """Scores (table order), labels, the display order and how to colour and write them."""

    labels: tuple[str, ...] = ()
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp))
    zero: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    metric: str = "cosine"
    colormap: str = "CET-CBD1"
    annotate: bool = True
    title: str = ""
    #: 'fixed', 'data', (lo, hi), or None for the metric's default.
    range: RangeSpec = None
    #: The diverging map's middle value, or None for the metric's natural centre.
    centre: float | None = None
    #: Decimals in every cell, or None for the metric's choice.
    digits: int | None = None
    #: Draw the clustering tree (when the order is clustered).
    dendrogram: bool = False
    #: The clustering behind a clustered ``order`` (its tree draws the dendrogram), else None.
    clustering: ordering.Clustering | None = None
    lo: float = -1.0
    hi: float = 1.0
    #: The values at the colour map's two ends (a diverging map centred on ``centre``).
    color_lo: float = -1.0
    color_hi: float = 1.0
    decimals: int = 3
    #: Bumped on every change of scores, order or style; drawings key their caches on it.
    version: int = 0
    #: What drawings computed from these scores, keyed with ``version`` (emptied on every change).
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def n(self) -> int:
        return len(self.labels)

    def changed(self) -> None:
        """Note that scores or style changed (invalidates the painted caches)."""
        self.version += 1
        self.cache.clear()

    def refresh_range(self) -> None:
        """Colour range and cell decimals for the current scores, metric, range and colour map."""
        self.lo, self.hi = value_range(self.metric, self.matrix, self.range)
        centre = self.centre if self.centre is not None else natural_centre(self.metric, self.lo, self.hi)
        self.color_lo, self.color_hi = color_span(self.lo, self.hi, centre, colormaps.is_diverging(self.colormap))
        self.decimals = self.digits if self.digits is not None else auto_decimals(self.metric, self.matrix)

    @property
    def shows_dendrogram(self) -> bool:
        """True when a dendrogram is asked for and the order shown is the clustering's."""
        c = self.clustering
        return self.dendrogram and c is not None and c.tree is not None and np.array_equal(c.order, self.order)

    def display_labels(self) -> list[str]:
        """Labels from top to bottom (and left to right) as the heatmap shows them (do not change the list:
        it is kept until the labels or the order are replaced)."""
        kept = self.cache.get("display labels")
        if kept is not None and kept[0] is self.labels and kept[1] is self.order:
            result: list[str] = kept[2]
            return result
        labels = [self.labels[i] for i in self.order.tolist()]
        self.cache["display labels"] = (self.labels, self.order, labels)
        return labels

    def display_scores(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Scores at display positions ``rows`` x ``columns`` (index arrays)."""
        n = len(self.order)
        if n and self.order[0] == 0 and self.order[-1] == n - 1 and np.array_equal(self.order, np.arange(n)):
            rows_as, cols_as = _as_slice(rows), _as_slice(columns)
            if rows_as is not None and cols_as is not None:
                return self.matrix[rows_as, cols_as]  # a view: no copy in table order
        result: np.ndarray = self.matrix.take(self.order[rows], axis=0).take(self.order[columns], axis=1)
        return result

    def display_matrix(self) -> np.ndarray:
        """All scores in display order."""
        every = np.arange(self.n)
        return self.display_scores(every, every)

    def cell_texts(self, rows: np.ndarray, columns: np.ndarray, decimals: int | None = None) -> list[list[str]]:
        """The numbers written in the cells at display positions ``rows`` x ``columns``."""
        return cell_texts(self.display_scores(rows, columns), self.decimals if decimals is None else decimals)

    def table_rows(self, row: int, column: int) -> tuple[int, int]:
        """The table rows of the cell at display position (row, column)."""
        return int(self.order[row]), int(self.order[column])

    def cell_tooltip(self, row: int, column: int) -> str:
        """'cos(A, B) = 0.353', or why the score is undefined."""
        a, b = self.table_rows(row, column)
        name_a, name_b = self.labels[a], self.labels[b]
        value = float(self.matrix[a, b])
        symbol = METRIC_SYMBOLS[self.metric]
        if np.isnan(value):
            zeros = [self.labels[i] for i in dict.fromkeys((a, b)) if self.zero[i]]
            if len(zeros) > 1:
                why = f"{' and '.join(zeros)} are zero vectors, which have no direction"
            else:
                why = f"{zeros[0] if zeros else 'one of them'} is a zero vector, which has no direction"
            return f"{symbol}({name_a}, {name_b}) is undefined: {why}"
        unit = "°" if self.metric == "angle" else ""
        return f"{symbol}({name_a}, {name_b}) = {score_text(value)}{unit}"

    def apply_order(self, how: str) -> None:
        """Put the rows in order ``how`` ('original', 'label', 'clustered'), computed here and now."""
        if how == "clustered":
            self.clustering = ordering.cluster(self.matrix, self.metric)
            self.order = self.clustering.order
        else:
            self.order = ordering.order_rows(how, self.labels, self.matrix, self.metric)


def heatmap_scores(
    table: VectorTable,
    metric: str = "cosine",
    order: str = "original",
    colormap: str | None = None,
    **style: Any,
) -> HeatmapScores:
    """The :class:`HeatmapScores` of a whole ``table``: scores, order and range from the model alone.

    ``style`` takes the other fields (annotate, title, range, centre, digits, dendrogram).
    """
    matrix = similarity.similarity_matrix(table.values, metric)
    scores = HeatmapScores(
        labels=tuple(table.labels),
        matrix=matrix,
        zero=similarity.norms(table.values) == 0 if table.dimension_count else np.ones(len(table), bool),
        metric=metric,
        colormap=colormaps.check_colormap(colormap or colormaps.default_colormap(metric)),
        **style,
    )
    scores.apply_order(ordering.check_order(order))
    scores.refresh_range()
    return scores


def shown_table(table: VectorTable, rows: Sequence[int] | np.ndarray | None = None) -> VectorTable:
    """``table``, or a table of its ``rows`` only (what the panel shows of a large document)."""
    if rows is None or len(rows) == len(table):
        return table
    return table.take(rows)


def _as_slice(index: np.ndarray) -> slice | None:
    """``index`` as a slice when it is a run of consecutive positions, else None."""
    index = np.asarray(index)
    if len(index) and index[-1] - index[0] == len(index) - 1 and (len(index) < 2 or np.all(np.diff(index) == 1)):
        return slice(int(index[0]), int(index[-1]) + 1)
    return None
