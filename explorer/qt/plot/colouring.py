"""The plot's colours and tip texts: each vector's own colour, or a column's categories or gradient.

Colours come from the model (:mod:`explorer.model.columns`); this module turns them
into one colour string per row and a :class:`Legend` the panel shows, and shares
brushes between points of one colour (400,000 points need only a few brushes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from explorer.model.columns import NO_VALUE_COLOUR, OTHER_COLOUR, categorical_colours, find_column, numeric_positions

#: The gradient of numeric columns: viridis, readable by colour-blind readers and in grey.
GRADIENT = "viridis"
#: Gradient steps (points of nearly equal value share a colour and a brush).
STEPS = 64


@dataclass
class Legend:
    """What the colours mean: categories (name, colour, count), or a gradient from low to high
    (with ``missing`` vectors that have no value, drawn grey)."""

    column: str | None = None
    kind: str = ""
    categories: tuple[tuple[str, str, int], ...] = ()
    low: float = 0.0
    high: float = 0.0
    stops: tuple[str, ...] = field(default_factory=tuple)
    missing: int = 0


def gradient_colours(steps: int = STEPS) -> list[str]:
    """``steps`` colours of the gradient, low to high, as '#rrggbb'."""
    colours = pg.colormap.get(GRADIENT).getLookupTable(0.0, 1.0, steps, alpha=False)
    return ["#{:02x}{:02x}{:02x}".format(*map(int, c)) for c in colours]


def row_colours(table, column_name: str | None, sources=()) -> tuple[list[str], Legend, str]:
    """One colour per row, the legend, and a sentence when the column is not there ("" otherwise)."""
    column = find_column(table, column_name, sources)
    if column is None:
        note = (
            f"There is no column '{column_name}' to colour by here; each vector has its own colour."
            if column_name
            else ""
        )
        return list(table.colors), Legend(), note
    if column.kind == "numeric":
        positions, low, high = numeric_positions(column.values)
        palette = [*gradient_colours(), NO_VALUE_COLOUR]  # the last: no value (an empty metadata cell)
        missing = np.isnan(positions)
        steps = np.minimum((np.where(missing, 0.0, positions) * STEPS).astype(np.int64), STEPS - 1)
        steps[missing] = STEPS
        colours = [palette[i] for i in steps.tolist()]
        legend = Legend(column.name, "numeric", low=low, high=high, stops=tuple(palette[:STEPS]))
        legend.missing = int(missing.sum())
        return colours, legend, ""
    coloured = categorical_colours(column.values)
    return list(coloured.colours), Legend(column.name, "categorical", categories=coloured.legend), ""


def background_first(rows: np.ndarray, colours) -> np.ndarray:
    """``rows`` with those of no value and of the grouped "other" first, so that they are drawn behind
    the coloured ones (18,000 grey words would hide 150 green countries); otherwise in their order."""
    if not len(rows):
        return rows
    picked = np.asarray(colours, dtype=object)[rows]
    behind = (picked == NO_VALUE_COLOUR) | (picked == OTHER_COLOUR)
    return np.concatenate([rows[behind], rows[~behind]]) if behind.any() else rows


def brushes_for(colours, rows: np.ndarray, faint: np.ndarray | None, faint_alpha: int) -> np.ndarray:
    """An object array of brushes for ``rows`` (one brush per distinct colour; faint rows translucent)."""
    picked = np.asarray(colours, dtype=object)[rows] if len(rows) else np.zeros(0, dtype=object)
    keys = picked.astype(str)
    if faint is not None:
        keys = np.char.add(keys, np.where(faint[rows], "~", ""))
    unique, inverse = np.unique(keys, return_inverse=True)
    brushes = []
    for key in unique.tolist():
        colour = QColor(key.rstrip("~"))
        if key.endswith("~"):
            colour.setAlpha(faint_alpha)
        brushes.append(pg.mkBrush(colour))
    out = np.empty(len(unique), dtype=object)
    out[:] = brushes
    return out[inverse.reshape(-1)] if len(rows) else out[:0]


def label_texts(table, column_name: str | None, rows) -> list[str]:
    """What the tips of ``rows`` say: the label, or the value of the column chosen in "Label"."""
    column = find_column(table, column_name)
    if column is None:
        return [table.label(r) for r in rows]
    if column.texts is not None:  # a metadata column: its own text
        return [column.texts[r] for r in rows]
    if column.kind == "numeric":
        return [f"{float(column.values[r]):.4g}" for r in rows]
    return [str(column.values[r]) for r in rows]
