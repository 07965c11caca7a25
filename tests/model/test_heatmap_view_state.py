"""The heatmap's range, centre, decimals, dendrogram and title are view state: checked, saved, read back."""

import json

import pytest

from explorer.model.builtin import materials
from explorer.model.document import Document
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.view_state import HeatmapState, ViewState


def test_the_new_fields_are_saved_in_the_document_and_read_back():
    document = Document(materials())
    heatmap = document.view.heatmap
    heatmap.update(
        order="clustered",
        colormap="rdbu_r",
        range=(0.2, 0.9),
        centre=0.6,
        digits=2,
        dendrogram=True,
        title="Materials\tA–E",
    )
    assert (heatmap.colormap, heatmap.title) == ("RdBu_r", "Materials A–E")  # names as the program spells them
    text = write_document(document.table, document.view).decode("utf-8")
    saved = json.loads(text)["view"]["heatmap"]
    assert saved["range"] == [0.2, 0.9] and saved["digits"] == 2 and saved["dendrogram"] is True
    back = parse_document(text).view.heatmap
    assert back.to_dict() == heatmap.to_dict()
    assert back.range == (0.2, 0.9) and back.centre == 0.6


@pytest.mark.parametrize(
    "field, value",
    [
        ("range", (0.9, 0.2)),
        ("range", "wide"),
        ("range", (float("nan"), 1)),
        ("centre", float("inf")),
        ("centre", "zero"),
        ("digits", 9),
        ("digits", 2.5),
        ("dendrogram", "yes"),
        ("colormap", "banana"),
        ("title", 42),
    ],
)
def test_unusable_values_are_refused_and_read_as_defaults(field, value):
    state = HeatmapState()
    with pytest.raises(ValueError):
        state.update(**{field: value})
    assert state.to_dict() == HeatmapState().to_dict()  # a refused value changes nothing
    view = ViewState.from_dict({"heatmap": {field: value, "metric": "dot"}})
    assert getattr(view.heatmap, field) == getattr(HeatmapState(), field) and view.heatmap.metric == "dot"


def test_another_metric_drops_a_typed_range_and_the_centre_but_keeps_fixed_or_data():
    state = HeatmapState(range=(0.2, 0.9), centre=0.5, colormap="magma")
    state.choose_metric("dot")
    assert (state.range, state.centre, state.colormap) == (None, None, None)
    state.update(range="data")
    state.choose_metric("angle")
    assert state.range == "data"
