"""Bursts of changes refresh each panel once: an undo of many steps, one step made of many commands.

The panels are the plot (with its neighbours list), the heatmap and the working panel with its
claims; what they show after a burst is what they show after the same changes one at a time,
and what panels made afresh on the same document show.
"""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model.builtin import materials_document
from explorer.model.claim_list import AddClaims
from explorer.model.commands import set_cell
from explorer.model.edits import (
    add_vector_command,
    new_dimension_command,
    remove_dimension_command,
    remove_rows_command,
    rename_vector_command,
)
from explorer.model.paste import paste_command
from explorer.qt.batch import Pending, RefreshBatch
from explorer.qt.heatmap.panel import HeatmapPanel
from explorer.qt.plot.panel import VectorPlotPanel
from explorer.qt.working.panel import WorkingPanel
from tests.qt.helpers import shown


class Panels:
    """The plot panel, the heatmap and the working panel on one context, each shown on its own."""

    def __init__(self, qtbot, context):
        self.context = context
        self.plot_panel = shown(qtbot, VectorPlotPanel(context), 640, 560)
        self.heatmap = shown(qtbot, HeatmapPanel(context), 560, 520)
        self.working = shown(qtbot, WorkingPanel(context), 760, 820)

    def showing(self) -> dict:
        """What a user reads in the panels: tips, drawn rows, labels, scores, working, verdicts, neighbours."""
        plot, heatmap, claims = self.plot_panel.plot, self.heatmap, self.working.claims
        neighbours = self.plot_panel.neighbours.list
        return {
            "tips": plot._placement.coords.tolist(),
            "projection": (plot.mode, plot.shown_dimensions),
            "drawn": plot.drawn_rows,
            "tip labels": {row: label.toPlainText() for row, label in plot.labeller.labels.items()},
            "heatmap labels": heatmap.displayed_labels(),
            "scores": [[None if np.isnan(v) else round(float(v), 12) for v in row] for row in heatmap.data.matrix],
            "working": self.working.plain_text(),
            "claims": claims.claims(),
            "verdicts": [claims.verdict(row) for row in range(len(claims.claims()))],
            "neighbours": [neighbours.item(i).text() for i in range(neighbours.count())],
        }


def make_history(context) -> None:
    """Edits of every kind, each one undo step: values, a vector added, rows removed, a dimension added and
    removed, a rename, a claim, a paste that adds a row and a dimension (one step of several commands)."""
    table = context.table
    context.select_rows([0, 1])
    steps = [
        lambda: set_cell(0, 1, 12.0),
        lambda: set_cell(1, 0, -4.5),
        lambda: add_vector_command(table, 2),
        lambda: set_cell(3, 0, 1e300),
        lambda: rename_vector_command(table, 0, "king"),
        lambda: new_dimension_command(table),
        lambda: set_cell(2, 2, 7.0),
        lambda: AddClaims(len(context.document.claims), ("king = 2 B",)),
        lambda: remove_rows_command([1, 4], table),
        lambda: paste_command(table, "1\t2\t3\t4\n5\t6\t7\t8\n", len(table) - 1, 1),
        lambda: remove_dimension_command(table, 1),
        lambda: set_cell(0, 0, 0.0),
    ]
    for step in steps:
        assert context.push(step())


def test_an_undo_of_many_steps_refreshes_each_panel_once_and_shows_what_step_by_step_shows(qtbot, new_context, calls):
    start = materials_document()
    batched, stepwise = new_context(materials_document()), new_context(materials_document())
    first, second = Panels(qtbot, batched), Panels(qtbot, stepwise)
    fresh_context = new_context(start)
    fresh = Panels(qtbot, fresh_context)
    fresh_context.select_rows([0, 1])
    for context in (batched, stepwise):
        make_history(context)
    assert first.showing() == second.showing()
    assert first.showing()["heatmap labels"] != fresh.showing()["heatmap labels"]

    for name in calls:
        calls[name] = 0
    batched.undo_to(0)
    assert calls == {name: 1 for name in calls}  # once each, for 12 steps (one of them a paste of four parts)

    while stepwise.undo_stack.canUndo():
        stepwise.undo_stack.undo()
    assert batched.table.same_content(start.table) and batched.document.claims.texts == start.claims.texts
    assert first.showing() == second.showing() == fresh.showing()
    assert first.showing()["working"].startswith("A and B")
    assert first.showing()["scores"][0][1] == pytest.approx(0.353, abs=5e-4)  # cos(A, B), the lesson's

    batched.undo_to(batched.undo_stack.count())  # and redo of everything, in one burst too
    stepwise.undo_to(stepwise.undo_stack.count())
    assert first.showing() == second.showing()
    assert "king" in first.showing()["heatmap labels"]


def test_one_step_of_many_commands_refreshes_each_panel_once(qtbot, materials_context, calls):
    panels = Panels(qtbot, materials_context)
    table = materials_context.table
    for name in calls:
        calls[name] = 0
    # Two rows and two dimensions more: rows inserted, dimensions inserted, values set, in one undo step.
    assert materials_context.push(paste_command(table, "1\t2\t3\t4\n5\t6\t7\t8\n", 4, 1))
    assert len(table) == 6 and table.dimension_count == 4
    assert calls == {name: 1 for name in calls}
    assert len(panels.showing()["heatmap labels"]) == 6
    for name in calls:
        calls[name] = 0
    materials_context.undo_stack.undo()
    assert calls == {name: 1 for name in calls}
    assert panels.showing()["heatmap labels"] == ["A", "B", "C", "D", "E"]


def test_value_edits_undone_together_score_only_the_rows_they_changed(qtbot, materials_context, calls):
    panels = Panels(qtbot, materials_context)
    for row, value in ((0, 5.0), (2, 9.0), (0, 6.0)):
        assert materials_context.push(set_cell(row, 0, value))
    updated: list[tuple[int, ...]] = []
    similarity = panels.heatmap.similarity
    original = similarity.update_rows
    similarity.update_rows = lambda values, rows: (updated.append(tuple(rows)), original(values, rows))[1]
    for name in calls:
        calls[name] = 0
    materials_context.undo_to(0)
    assert updated == [(0, 2)]  # one update of rows A and C: no N x N recompute
    assert calls["HeatmapPanel.recompute"] == calls["VectorPlot.rebuild"] == 0
    assert panels.heatmap.data.matrix[0, 1] == pytest.approx(0.353, abs=5e-4)
    assert panels.heatmap.data.matrix[0, 2] == pytest.approx(0.99994, abs=5e-6)


def test_outside_a_batch_nothing_waits_and_a_batch_catches_up_once_at_its_outermost_end():
    batch = RefreshBatch()
    shown: list[object] = []
    pending = Pending(batch, lambda: shown.append("all"), lambda rows, columns: shown.append((rows, columns)))
    assert not pending.values_of([1], [0]) and not pending.everything() and shown == []
    with batch():
        assert pending.values_of([3], [1])
        with batch():
            assert pending.values_of([1], [0])
        assert shown == [] and pending.waiting and not pending.all_waiting
    assert shown == [((1, 3), (0, 1))] and not pending.waiting
    with batch():
        pending.values_of([2], [0])
        pending.everything()
        pending.values_of([4], [0])  # everything is shown again anyway
    assert shown == [((1, 3), (0, 1)), "all"]


def test_a_failing_panel_is_reported_and_the_others_still_catch_up(monkeypatch):
    import sys

    batch = RefreshBatch()
    reported: list[type] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: reported.append(kind))
    shown: list[str] = []
    failing = Pending(batch, lambda: 1 / 0)
    working = Pending(batch, lambda: shown.append("refreshed"))
    with batch():
        failing.everything()
        working.everything()
    assert reported == [ZeroDivisionError] and shown == ["refreshed"]
