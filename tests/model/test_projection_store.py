"""Projections beyond PCA: custom axes, t-SNE kept in the document, columns to colour by."""

from __future__ import annotations

import json

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.columns import OTHER_COLOUR, available_columns, categorical_colours, numeric_positions
from explorer.model.commands import set_cell
from explorer.model.document import Document
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.projection import custom_axes
from explorer.model.projection_store import StoredProjection, fingerprint
from explorer.model.view_state import PlotState


def test_custom_axes_measure_along_the_direction_from_one_vector_to_another():
    values = np.array(materials().values)
    # x from E to B: both point the same way, so the axis is B's direction; y from B to C.
    coordinates = custom_axes(values, 4, 1, 1, 2)
    direction = (values[1] - values[4]) / np.linalg.norm(values[1] - values[4])
    assert coordinates[:, 0] == pytest.approx(values @ direction)
    assert coordinates[1, 0] == pytest.approx(15.52, abs=0.01)  # |B|: B lies along its own axis
    with pytest.raises(ValueError, match="equal"):
        custom_axes(values, 0, 0, 1, 2)


def test_a_stored_projection_is_used_until_the_vectors_change_and_survives_saving():
    document = Document(materials())
    store = document.view.projections
    coordinates = np.arange(10.0).reshape(5, 2)
    store.put(StoredProjection("tsne", 7, fingerprint(document.table.values), coordinates, None, {"perplexity": 1.3}))
    assert store.current("tsne", document.table.values, seed=7) is not None
    assert store.current("tsne", document.table.values, seed=8) is None  # another seed is another picture
    text = write_document(document.table, document.view).decode("utf-8")
    back = parse_document(text)
    stored = back.view.projections.current("tsne", back.table.values, seed=7)
    assert stored is not None and stored.coordinates.tolist() == coordinates.tolist()
    assert stored.parameters == {"perplexity": 1.3}
    back.apply(set_cell(0, 0, 4.0))  # an edit: the map is stale
    assert back.view.projections.current("tsne", back.table.values) is None
    assert back.view.projections.stored("tsne") is not None  # still there, to show as stale


@pytest.mark.parametrize(
    "entry",
    [
        {"method": "tsne"},
        {"method": "pca", "seed": 0, "fingerprint": "", "x": [], "y": []},
        7,
        {"method": "tsne", "seed": 0, "fingerprint": "f", "x": [1, "a"], "y": [1, 2]},
        {"method": "tsne", "seed": 0, "fingerprint": "f", "x": [1], "y": [1, 2]},
    ],
)
def test_unusable_stored_projections_are_left_out_when_reading(entry):
    data = json.loads(write_document(materials()).decode("utf-8"))
    data["projections"] = [entry]
    assert parse_document(json.dumps(data)).view.projections.to_list() == []


def test_the_plot_state_checks_its_new_fields():
    state = PlotState()
    state.update(projection="axes", axes=("man", "woman", "king", "queen"), color_by="|v|", draw="points")
    assert state.mode == "axes"
    for bad in ({"axes": ("a", "b")}, {"draw": "lines"}, {"neighbours": 1000}, {"isolate": True}):
        with pytest.raises(ValueError):
            state.update(**bad)


def test_columns_to_colour_by_on_the_lessons_materials():
    columns = {c.name: c for c in available_columns(materials())}
    assert list(columns) == ["label", "colour", "|v|", "mass (kg)", "volume (l)"]
    assert columns["|v|"].kind == "numeric" and columns["|v|"].values[0] == pytest.approx(30.15, abs=0.01)
    positions, low, high = numeric_positions(columns["volume (l)"].values)
    assert (low, high) == (2.0, 75.0) and positions[3] == 1.0 and positions[4] == 0.0


def test_categories_past_the_palette_are_grouped_as_other():
    values = ["a"] * 5 + ["b"] * 4 + [f"rare{i}" for i in range(10)]
    coloured = categorical_colours(values, limit=3)
    assert [entry[0] for entry in coloured.legend] == ["a", "b", "other (10 more)"]
    assert coloured.legend[-1][1:] == (OTHER_COLOUR, 10)
    assert coloured.colours[0] != coloured.colours[5] and coloured.colours[-1] == OTHER_COLOUR
