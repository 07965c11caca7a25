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


def test_a_press_on_the_plot_beside_a_tip_at_1e308_selects_nothing_and_says_nothing(qtbot, window):
    """Was: 'overflow encountered in divide' from the press, raised in mousePressEvent."""
    from PySide6.QtCore import QPoint, Qt

    window.context.push(set_cell(1, 0, 1.7e308))
    window.context.push(set_cell(1, 1, -1.7e308))
    viewport = window.plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(viewport.width() // 2, viewport.height() // 2))
    assert window.plot.row_at(QPoint(viewport.width() // 2, viewport.height() // 2)) is None


def test_the_construction_of_a_claim_about_a_vector_beyond_float64_is_drawn_without_a_warning(qtbot, window):
    """Was: 'overflow encountered in matmul' in the plot's construction of the claim chosen in the claims list."""
    from explorer.model.claim_list import AddClaims
    from explorer.qt.plot.constructions import ConstructionOverlay

    window.context.push(set_cell(0, 0, 1.7e308))
    window.context.push(set_cell(0, 1, 1.7e308))
    window.add_dimension()
    window.plot.set_projection("pca")  # each axis mixes the dimensions: 1.7e308 along two is beyond float64
    assert window.plot.mode == "pca"
    window.context.push(AddClaims(6, ["A = 2 B"]))  # the claimed vector A is drawn dashed
    claims = window.findChild(type(window.working.claims._list), "claimsTable")
    claims.setCurrentCell(6, 0)
    overlay = window.findChild(ConstructionOverlay) or window.constructions
    assert overlay.construction is not None
