"""The view state: one owner for what the views show, evented, saved and read back tolerantly."""

from __future__ import annotations

import json

import pytest

from explorer.model.builtin import materials
from explorer.model.commands import InsertVectors, MoveVectors, RemoveVectors
from explorer.model.document import Document
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.search import Query
from explorer.model.view_state import HeatmapState, PlotState, Selection, ViewState


def test_a_change_is_announced_once_with_every_field_it_changed():
    state = PlotState()
    heard = []
    state.changed.connect(heard.append)
    state.update(projection="pca", x=2, y=1)  # y is already 1
    assert heard == [frozenset({"projection", "x"})]
    state.x = 2  # no change, no event
    assert len(heard) == 1


def test_a_refused_value_changes_nothing():
    state = HeatmapState()
    with pytest.raises(ValueError):
        state.update(order="label", metric="manhattan")
    assert (state.metric, state.order) == ("cosine", "original")


def test_choosing_a_metric_gives_back_its_default_colours():
    state = HeatmapState(colormap="magma")
    state.choose_metric("dot")
    assert (state.metric, state.colormap) == ("dot", None)


def test_selecting_rows_compares_the_first_two_and_a_pair_selects_its_rows():
    selection = Selection()
    selection.select_pair(0, 1)
    assert (selection.rows, selection.pair) == ((0, 1), (0, 1))
    selection.select_rows([4, 2, 3])
    assert (selection.rows, selection.pair) == ((2, 3, 4), (2, 3))
    selection.select_rows([1])
    assert (selection.rows, selection.pair) == ((1,), (2, 3))  # one row keeps the pair compared
    selection.select_pair(3, 2)  # a cell below the diagonal: compared in the order clicked
    selection.select_rows([2, 3])
    assert selection.pair == (3, 2)


def test_the_selection_follows_rows_that_move_and_go():
    document = Document(materials())
    document.view.selection.select_pair(1, 3)  # B and D
    document.apply(MoveVectors(0, 1, 4))  # A to the end: B, C, D, E, A
    assert document.view.selection.pair == (0, 2)
    document.apply(InsertVectors(0, ["F"], [[1.0, 1.0]]))
    assert document.view.selection.rows == (1, 3)
    document.apply(RemoveVectors(3, 1))  # D goes: the pair ends, B stays selected
    assert (document.view.selection.rows, document.view.selection.pair) == ((1,), None)


def test_the_document_saves_the_view_state_and_reads_it_back():
    document = Document(materials())
    view = document.view
    view.plot.update(projection="dimensions", x=1, y=0)
    view.heatmap.update(metric="angle", order="clustered", colormap="magma", annotate=False)
    view.selection.select_pair(4, 1)
    back = parse_document(write_document(document.table, view).decode("utf-8")).view
    assert back.to_dict() == view.to_dict()
    assert back.selection.pair == (4, 1)


def test_version_1_settings_still_open():
    text = json.dumps(
        {
            "format": "vector-explorer",
            "version": 1,
            "dimensions": [{"name": "x"}, {"name": "y"}, {"name": "z"}],
            "vectors": [{"label": "a", "values": [1, 2, 3]}, {"label": "b", "values": [3, 2, 1]}],
            "view": {
                "metric": "dot",
                "order": "label",
                "colormap": "magma",
                "plot_dimensions": [2, 0],
                "projection": "dimensions",
            },
        }
    )
    view = parse_document(text).view
    assert (view.heatmap.metric, view.heatmap.order, view.heatmap.colormap) == ("dot", "label", "magma")
    assert (view.plot.projection, view.plot.x, view.plot.y) == ("dimensions", 2, 0)


@pytest.mark.parametrize(
    "view",
    [
        {"plot": {"x": float("nan"), "projection": "3d"}, "heatmap": {"metric": None, "annotate": "yes"}},
        {"plot": [], "heatmap": 7, "selection": {"rows": [-1, "a"], "pair": [0]}},
        {"selection": {"rows": [0, 99], "pair": [0, 99]}},
    ],
)
def test_unusable_values_fall_back_to_their_defaults_and_rows_past_the_table_go(view):
    document = Document(materials(), view=ViewState.from_dict(view))
    defaults = ViewState().to_dict()
    assert document.view.plot.to_dict() == defaults["plot"]
    assert document.view.heatmap.to_dict() == defaults["heatmap"]
    assert document.view.selection.pair is None
    assert all(r < 5 for r in document.view.selection.rows)


def test_a_hundred_thousand_rows_are_selected_as_one_array_and_bad_rows_are_still_refused():
    import numpy as np

    selection = Selection()
    rows = np.arange(0, 400_000, 4)
    selection.select_rows(rows[::-1])  # in any order, as a NumPy array
    assert len(selection.rows) == 100_000 and selection.rows[:3] == (0, 4, 8)
    assert selection.rows.array.tolist() == list(selection.rows)  # the same rows as an array, for the views
    assert not selection.rows.array.flags.writeable
    assert selection.pair == (0, 4)
    selection.select_rows(range(10, 20))
    assert selection.rows == tuple(range(10, 20))
    for bad in ([1, True], np.array([3, -2]), [0.5], ["a"], np.array([True])):
        with pytest.raises(ValueError, match="is not a row"):
            selection.select_rows(bad)
    assert selection.rows == tuple(range(10, 20))  # a refused selection changes nothing


def test_runs_of_consecutive_rows():
    from explorer.model.view_state import row_runs

    assert row_runs([2, 3, 4, 9]).tolist() == [[2, 4], [9, 9]]
    assert row_runs([]).tolist() == []
    assert row_runs(range(400_000)).tolist() == [[0, 399_999]]


def test_the_search_is_view_state_but_not_saved_with_the_document():
    document = Document(materials())
    document.view.search.update(text="a", mode="regex", case_sensitive=True)
    assert document.view.search.query == Query("a", "regex", True)
    assert "search" not in document.view.to_dict()
    back = parse_document(write_document(document.table, document.view).decode("utf-8")).view
    assert back.search.text == ""
    with pytest.raises(ValueError):
        document.view.search.update(mode="fuzzy")
    with pytest.raises(ValueError, match="longer than"):
        document.view.search.update(text="x" * 5000)
