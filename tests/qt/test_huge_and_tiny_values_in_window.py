"""Vectors of huge and tiny values (1e308, 1e-300) in the plot and the window: drawn, pressed beside, constructed,
panned (the plot alone, but for the construction, which the window wires from the claims list to the plot).

Each was a regression found by the random-action test (tests/qt/test_random_actions.py), kept on its own.
"""

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


def test_the_plot_draws_a_vector_of_huge_values(qtbot, plot, materials_context):
    """Was: overflow warnings in the plot's head size and arrows (each edit of such a cell raised in a listener)."""
    materials_context.push(set_cell(0, 0, 1.7e308))
    materials_context.push(set_cell(0, 1, 1.7e308))
    assert plot.tip(0) == (1.7e308, 1.7e308)
    assert np.isfinite(plot._head) and plot._head > 1e305


def test_a_press_on_the_plot_beside_a_tip_at_1e308_selects_nothing_and_says_nothing(
    qtbot, plot_panel, plot, materials_context
):
    """Was: 'overflow encountered in divide' from the press, raised in mousePressEvent. (The plot in its panel, as
    in the window: a press on no tip is the panel's, and Qt warns of a press no widget took.)"""
    from PySide6.QtCore import QPoint, Qt

    materials_context.push(set_cell(1, 0, 1.7e308))
    materials_context.push(set_cell(1, 1, -1.7e308))
    viewport = plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(viewport.width() // 2, viewport.height() // 2))
    assert plot.row_at(QPoint(viewport.width() // 2, viewport.height() // 2)) is None


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


def test_panning_a_view_zoomed_to_vectors_of_1e_300_keeps_a_range(qtbot, plot_panel, plot):
    """Was: pyqtgraph's 'Cannot set range [nan, nan]' (an overflow warning first) when the view was 1e-300 across."""
    from PySide6.QtCore import QPoint, Qt

    box = plot.getViewBox()
    box.disableAutoRange()
    box.setRange(xRange=(-1.9e-301, 1.13e-300), yRange=(-1.1e-300, 1.1e-300), padding=0)
    viewport = plot.viewport()
    start = QPoint(viewport.width() // 3, viewport.height() // 3)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in (1, 2, 3):
        qtbot.mouseMove(viewport, start + QPoint(10 * step, 7 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(30, 21))
    (x0, x1), (y0, y1) = box.viewRange()
    assert np.isfinite([x0, x1, y0, y1]).all() and x1 > x0 and y1 > y0
