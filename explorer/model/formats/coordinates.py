"""Projected coordinates and selected vectors out as CSV.

``label,x,y`` (one row per placed vector, in table order) for the plot's
coordinates, and the selected vectors as the same CSV a table saves
(label, one column per dimension, then the metadata columns), which reads back as a table. Labels a
spreadsheet would run as formulas are written with a leading apostrophe, as
every CSV the program writes (see :mod:`explorer.model.text_safety`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from explorer.model.formats.delimited import format_value, write_delimited
from explorer.model.table import VectorTable
from explorer.model.text_safety import neutralise_formula


def coordinates_csv(labels: Sequence[str], coordinates: npt.ArrayLike) -> bytes:
    """UTF-8 CSV ``label,x,y`` of every label whose coordinates are finite (unplaced ones are left out)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["label", "x", "y"])
    coordinates = np.asarray(coordinates, dtype=np.float64).reshape(-1, 2)
    for label, (x, y) in zip(labels, coordinates):
        if np.isfinite(x) and np.isfinite(y):
            writer.writerow([neutralise_formula(label), format_value(x), format_value(y)])
    return out.getvalue().encode("utf-8")


def selection_csv(table: VectorTable, rows: Sequence[int]) -> bytes:
    """The vectors at ``rows`` as CSV (label, values and metadata), the same format a table saves."""
    return write_delimited(table.take(rows))
