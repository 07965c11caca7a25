"""Projected coordinates and selected vectors out as CSV.

``label,x,y`` (one row per placed vector, in table order) for the plot's
coordinates, and the selected vectors as the same CSV a table saves
(label and one column per dimension), which reads back as a table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from explorer.model.formats.delimited import format_value, write_delimited
from explorer.model.table import VectorTable


def coordinates_csv(labels: Sequence[str], coordinates: np.ndarray) -> bytes:
    """UTF-8 CSV ``label,x,y`` of every label whose coordinates are finite (unplaced ones are left out)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["label", "x", "y"])
    coordinates = np.asarray(coordinates, dtype=np.float64).reshape(-1, 2)
    for label, (x, y) in zip(labels, coordinates):
        if np.isfinite(x) and np.isfinite(y):
            writer.writerow([label, format_value(x), format_value(y)])
    return out.getvalue().encode("utf-8")


def take_rows(table: VectorTable, rows: Sequence[int]) -> VectorTable:
    """A new table of ``rows`` of ``table`` (labels, dimensions, values, colours, visibility)."""
    rows = list(rows)
    return VectorTable(
        [table.label(r) for r in rows],
        table.dimensions,
        table.values[rows] if rows else np.zeros((0, table.dimension_count)),
        [table.color(r) for r in rows],
        [table.is_visible(r) for r in rows],
    )


def selection_csv(table: VectorTable, rows: Sequence[int]) -> bytes:
    """The vectors at ``rows`` as CSV (label and values), the same format a table saves."""
    return write_delimited(take_rows(table, rows))
