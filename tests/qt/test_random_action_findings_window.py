"""Window regressions found by the random-action test (tests/qt/test_random_actions.py), each on its own."""

from __future__ import annotations

import numpy as np

from explorer.model.commands import set_cell
from explorer.qt.plot.arrows import arrow_segments


def test_an_arrow_longer_than_float64_holds_keeps_its_direction():
    """Was: 'overflow encountered in hypot', and a head with no direction, for a tip at (1.7e308, 1.7e308)."""
    points = arrow_segments(np.array([[1.7e308, 1.7e308]]), head=1e306)
    assert np.isfinite(points).all()
    barb = points[3] - points[2]
    assert np.dot(barb, [1, 1]) < 0  # the barbs point back towards the origin


def test_the_plot_draws_a_vector_of_huge_values(qtbot, window):
    """Was: overflow warnings in the plot's head size and arrows (each edit of such a cell raised in a listener)."""
    window.context.push(set_cell(0, 0, 1.7e308))
    window.context.push(set_cell(0, 1, 1.7e308))
    assert window.plot.tip(0) == (1.7e308, 1.7e308)
    assert np.isfinite(window.plot._head) and window.plot._head > 1e305
