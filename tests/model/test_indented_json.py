"""The document's JSON writer gives exactly what ``json.dumps(..., indent=1)`` gives, or the same error."""

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.document import Document
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.formats.indented_json import dumps_indented
from explorer.model.table import Dimension, VectorTable

EDGES = [1e308, -1e308, 5e-324, -0.0, 0.0, 1.7976931348623157e308, float("nan"), float("inf"), -float("inf")]
floats = st.floats() | st.sampled_from(EDGES) | st.builds(np.float64, st.floats())
text = st.text(st.characters(), max_size=8) | st.sampled_from(
    ["", "é", "\u202e", "\x00", '"\\', "\n\t", "😀", "\ud800"]
)
scalars = st.none() | st.booleans() | st.integers() | floats | text
keys = text | st.integers() | st.booleans() | st.none() | st.floats()
json_like = st.recursive(
    scalars | st.lists(floats, max_size=6),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(text, inner, max_size=4)
        | st.dictionaries(keys, inner, max_size=2)
    ),
    max_leaves=20,
)


def _as_json(dump, data):
    try:
        return dump(data)
    except (ValueError, TypeError) as error:
        return type(error), str(error)


@settings(max_examples=100, deadline=None)
@given(json_like)
def test_the_same_text_or_the_same_error_as_json(data):
    expected = _as_json(lambda d: json.dumps(d, ensure_ascii=False, indent=1, allow_nan=False), data)
    assert _as_json(dumps_indented, data) == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(EDGES[:6]), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_a_saved_document_is_the_text_it_always_was(rows):
    table = VectorTable(
        [f"v{i} é" for i in range(len(rows))], [Dimension("x", "kg"), Dimension("y"), Dimension("z")], rows
    )
    data = json.loads(write_document(table))
    data["vectors"] = [dict(v, values=[float(x) for x in row]) for v, row in zip(data["vectors"], table.values)]
    assert write_document(table) == (json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode()
    assert np.array_equal(parse_document(write_document(table).decode()).table.values, table.values)
    assert isinstance(parse_document(write_document(table).decode()), Document)


def test_a_table_of_no_dimensions_and_an_empty_view_are_written_as_json_writes_them():
    table = VectorTable(["A", "B"], [], np.zeros((2, 0)))
    text = write_document(table).decode()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    assert '"values": []' in text
