"""A seeded random walk through the window: 2,000 actions, the invariants checked after each."""

from __future__ import annotations

from tests.qt.random_actions import run

SEED = 20240917
ACTIONS = 2000


def test_two_thousand_random_actions_keep_every_panel_in_step_and_history_whole(qtbot, window):
    window.resize(1280, 800)
    qtbot.waitExposed(window)
    log = run(qtbot, window, SEED, ACTIONS)
    assert len(log.actions) == ACTIONS
    assert set(log.counts) >= {"edit", "paste", "undo", "redo", "add vector", "remove", "metric", "order", "drag"}
