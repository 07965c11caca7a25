"""The plot's marks for a large selection (a search, Select All): dots at the tips instead of haloed
arrows or rings, and tip labels given new text rather than made again."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model.document import Document
from explorer.model.table import Dimension, VectorTable
from explorer.qt.plot.labels import LABEL_LIMIT
from explorer.qt.plot.layers import MARKS_AS_DOTS_ABOVE
from explorer.qt.plot.plot import VectorPlot
from tests.qt.helpers import shown


@pytest.fixture
def plot(qtbot, new_context):
    n = 3000
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    values = np.stack([np.cos(angles), np.sin(angles)], axis=1) * (1 + np.arange(n) % 7)[:, None]
    table = VectorTable([f"w{i}" for i in range(n)], [Dimension("x"), Dimension("y")], values)
    plot = VectorPlot(new_context(Document(table)))
    shown(qtbot, plot, 500, 500)
    return plot


def test_a_large_selection_is_marked_with_dots_at_its_tips(plot):
    context = plot._context
    rows = np.arange(0, 3000, 2)  # 1,500 vectors
    assert len(rows) > MARKS_AS_DOTS_ABOVE
    context.select_rows(rows)
    dots = plot.marks.dots.points()
    assert np.allclose(dots, [plot.tip(r) for r in rows.tolist()])
    for item in (plot.marks.halo, plot.marks.rings):
        x, _ = item.getData()
        assert x is None or len(x) == 0
    assert sorted(plot.labeller.labels) == rows[:LABEL_LIMIT].tolist()  # the first selected are labelled
    assert plot.grab().width() == plot.width()  # the dots paint


def test_a_small_selection_gets_its_marks_back_and_the_labels_are_reused(plot):
    context = plot._context
    context.select_rows(range(0, 2000))
    made = set(map(id, plot.labeller.labels.values()))
    context.select_rows([5, 7, 9])
    assert len(plot.marks.dots.points()) == 0
    assert len(plot.marks.halo.getData()[0]) == 3 * 6  # the dimensions view draws arrows with a halo
    labels = plot.labeller.labels
    assert sorted(labels) == [5, 7, 9] and [labels[r].toPlainText() for r in (5, 7, 9)] == ["w5", "w7", "w9"]
    assert set(map(id, labels.values())) <= made  # the same items, with new text
    context.select_rows([])
    assert not plot.labeller.labels
    context.select_rows([11])
    assert plot.labeller.labels[11].toPlainText() == "w11" and plot.labeller.labels[11].isVisible()
