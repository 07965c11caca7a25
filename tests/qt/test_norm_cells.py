"""The |v| column: each length is computed once per change of its row, and is right after every kind of change."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model import similarity
from explorer.model.commands import InsertVectors, MoveVectors, RemoveDimensions, RemoveVectors, set_cell, set_vector
from explorer.model.values import format_number
from explorer.qt.table.view import VectorTableView


@pytest.fixture
def view(qtbot, materials_context):
    view = VectorTableView(materials_context)
    qtbot.addWidget(view)
    return view


def shown_norms(model) -> list[str]:
    return [model.index(row, model.norm_column).data() for row in range(model.rowCount())]


def fresh_norms(table) -> list[str]:
    return [format_number(similarity.norm(table.values[row]), 4) for row in range(len(table))]


def test_norm_cells_follow_edits_undo_redo_paste_and_structure(view, materials_context):
    context, model = materials_context, view.model()
    table, stack = context.table, context.undo_stack
    assert shown_norms(model)[:2] == ["30.15", "15.52"]  # the lesson's |A| = sqrt(909), |B| = sqrt(241)
    steps = [
        lambda: context.push(set_cell(0, 0, 4.0)),  # A = (4 kg, 30 l): |A| = 30.27
        lambda: view.paste("1e308\t-1e308\n"),  # at the current cell: row 0 (no current cell: a new row)
        lambda: context.push(set_vector(table, 1, [1.7e308, 1.7e308], "Huge")),  # beyond float64: inf
        lambda: context.push(set_vector(table, 2, [1e-308, -1e-308], "Tiny")),
        lambda: context.push(InsertVectors(1, ["F"], [[3.0, 4.0]])),
        lambda: context.push(MoveVectors(0, 2, 3)),
        lambda: context.push(RemoveVectors(2, 1)),
        lambda: context.push(RemoveDimensions(0, 1)),  # |v| is now |volume|
    ]
    history = [shown_norms(model)]
    for step in steps:
        view.setCurrentIndex(model.index(0, 1))
        assert step() is not False
        assert shown_norms(model) == fresh_norms(table)
        history.append(shown_norms(model))
    assert history[1][0] == "30.27"
    assert history[-1] == [format_number(abs(v), 4) for v in table.values[:, 0]]
    for expected in reversed(history[:-1]):  # undo, step by step
        stack.undo()
        assert shown_norms(model) == expected == fresh_norms(table)
    for expected in history[1:]:  # and redo
        stack.redo()
        assert shown_norms(model) == expected == fresh_norms(table)


def test_norm_cell_at_the_edge_of_float64(view, materials_context):
    context, model = materials_context, view.model()
    for value, shown in ((1e308, "1e+308"), (-1e308, "1e+308"), (1e-308, "1e-308")):
        assert context.push(set_vector(context.table, 0, [value, 0.0], "Edge"))
        assert model.index(0, model.norm_column).data() == shown
    assert context.push(set_vector(context.table, 0, [1e308, 1e308], "Edge"))
    assert model.index(0, model.norm_column).data() == fresh_norms(context.table)[0]
    assert context.push(set_vector(context.table, 0, [0.0, 0.0], "Zero"))
    assert model.index(0, model.norm_column).data() == "0"


def test_a_norm_is_computed_once_until_its_row_changes(view, materials_context, monkeypatch):
    context, model = materials_context, view.model()
    calls = []
    real = similarity.norm
    monkeypatch.setattr("explorer.qt.table.model.norm", lambda v: calls.append(1) or real(v))
    index = model.index(3, model.norm_column)
    assert [index.data() for _ in range(5)] == ["75.37"] * 5  # |D| = sqrt(7.5² + 75²)
    assert len(calls) == 1
    assert context.push(set_cell(3, 0, 0.0))  # D = (0 kg, 75 l)
    assert index.data() == "75"
    assert np.isclose(model.row_norm(3), 75.0) and len(calls) == 2
    context.undo_stack.undo()
    assert model.index(3, model.norm_column).data() == "75.37" and len(calls) == 3
