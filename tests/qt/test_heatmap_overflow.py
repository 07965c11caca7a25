"""A dot product beyond the float range is shown as an overflow in the heatmap, never as 0."""

import csv
import io
import math

from explorer.model.table import VectorTable
from explorer.qt.heatmap import export

TABLE = VectorTable(["A", "B", "Z"], ["mass", "volume"], [[3, 30], [15, 4], [-1e200, 5]])


def test_the_tooltip_says_overflow_and_the_lesson_numbers_stay():
    data = export.heatmap_data(TABLE, export.HeatmapOptions(metric="dot"))
    assert data.cell_tooltip(0, 0) == "dot(A, A) = 909"
    assert data.cell_tooltip(0, 1) == "dot(A, B) = 165"
    assert data.cell_tooltip(2, 2) == "dot(Z, Z) = overflow: beyond 1.8e308, the largest number a float holds"
    assert math.isfinite(data.lo) and math.isfinite(data.hi)  # the colour range ignores the overflow


def test_the_csv_writes_inf_where_the_score_overflows():
    data = export.export_bytes(TABLE, ".csv", export.HeatmapOptions(metric="dot"))
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[1][1:3] == ["909.0", "165.0"] and rows[3][3] == "inf"
