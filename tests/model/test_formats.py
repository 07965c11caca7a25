"""Reading and writing CSV, TSV and the JSON document; bad files get clear messages."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.document import Document
from explorer.model.formats import FormatError, read_table, write_table_bytes
from explorer.model.formats.delimited import parse_delimited, write_delimited
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.table import Dimension, VectorTable

label_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip())
finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def tables(draw):
    n = draw(st.integers(1, 5))
    d = draw(st.integers(1, 3))
    labels = draw(st.lists(label_text, min_size=n, max_size=n, unique=True))
    dims = [Dimension(f"dim {i}", draw(st.sampled_from(["", "kg", "l", "m/s²"]))) for i in range(d)]
    values = draw(st.lists(st.lists(finite, min_size=d, max_size=d), min_size=n, max_size=n))
    return VectorTable(labels, dims, values)


@settings(max_examples=150, deadline=None)
@given(tables(), st.sampled_from([",", "\t"]))
def test_csv_round_trips_labels_with_commas_quotes_newlines_and_unicode(table, delimiter):
    text = write_delimited(table, delimiter).decode("utf-8")
    back = parse_delimited(text, None, delimiter)
    assert back.labels == table.labels
    assert back.dimensions == table.dimensions
    assert np.array_equal(back.values, table.values)


@settings(max_examples=150, deadline=None)
@given(tables())
def test_json_round_trips_everything(table):
    table.set_styles((0,), ("#abcdef",), (False,))
    document = Document(table)
    document.view.heatmap.metric = "angle"
    back = parse_document(write_document(document.table, document.view).decode("utf-8"))
    assert back.table.same_content(table)
    assert back.view.heatmap.metric == "angle"


def test_specific_awkward_labels_round_trip():
    table = VectorTable(["a,b", 'say "hi"', "two\nlines", "Ünïcødé ✓", "  padded "], ["x"], [[1], [2], [3], [4], [5]])
    assert parse_delimited(write_delimited(table).decode(), None, ",").labels == table.labels


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def message(path):
    with pytest.raises(FormatError) as info:
        read_table(path)
    return str(info.value)


def test_units_in_headers(tmp_path):
    table = read_table(write(tmp_path, "m.csv", "label,mass (kg),volume (l),speed\nA,3,30,1\n"))
    assert [(d.name, d.unit) for d in table.dimensions] == [("mass", "kg"), ("volume", "l"), ("speed", "")]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("label,x,y\nA,3,abc\nB,1,2\n", "m.csv, line 2, column 3: 'abc' is refused: it is not a number"),
        ("label,x,y\nA,3,\nB,1,2\n", "m.csv, line 2, column 3: the cell is empty"),
        ("label,x,y\nA,3,nan\nB,1,2\n", "m.csv, line 2, column 3: 'nan' is not a finite number"),
        ("label,x,y\nA,3,inf\nB,1,2\n", "m.csv, line 2, column 3: 'inf' is not a finite number"),
        ("label,x,y\nA,3,1e400\nB,1,2\n", "m.csv, line 2, column 3: '1e400' is too large"),
        (
            "label,x,y\nA,3,1.2.3\nB,1,2\n",
            "m.csv, line 2, column 3: '1.2.3' is refused: it has more than one decimal point",
        ),
        ("label,x,y\nA,1,2\nB,3\n", "m.csv, line 3, column 3: this row has 1 values but the header names 2 dimensions"),
        ("label,x,y\nA,1,2\nA,3,4\n", "m.csv, line 3, column 1: the label 'A' is already used on line 2"),
        ("label,x\n,1\n", "m.csv, line 2, column 1: the label is empty"),
        ("", "m.csv: is empty"),
        ("label\nA\n", "m.csv, line 1: the header row needs a label column"),
    ],
)
def test_bad_csv_names_file_line_and_column(tmp_path, content, expected):
    assert message(write(tmp_path, "m.csv", content)).startswith(expected)


def test_binary_and_missing_files(tmp_path):
    assert (
        message(write(tmp_path, "b.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
        == "b.csv: is not a text table: it is a PNG image"
    )
    assert message(tmp_path / "nothere.csv") == "nothere.csv: no such file"
    assert "unknown extension '.xlsx'" in message(write(tmp_path, "t.xlsx", "x"))


def test_bom_semicolons_decimal_commas_and_other_encodings(tmp_path):
    bom = read_table(write(tmp_path, "bom.csv", "\ufefflabel,mass (kg)\nA,3\n"))
    assert bom.labels == ("A",) and bom.dimensions[0].name == "mass"
    semi = read_table(write(tmp_path, "semi.csv", "label;mass (kg);volume (l)\nD;7,5;75\n"))
    assert semi.values.tolist() == [[7.5, 75.0]]
    latin = read_table(write(tmp_path, "latin.csv", "label,x\nCaf\xe9,1\n".encode("cp1252")))
    assert latin.labels == ("Café",)
    utf16 = read_table(write(tmp_path, "u16.csv", "label,x\nÜ,2\n".encode("utf-16")))
    assert utf16.labels == ("Ü",)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    from explorer.model.formats import source

    path = write(tmp_path, "big.csv", "label,x\nA,1\n")
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 4)
    with pytest.raises(FormatError, match="big.csv: is 12 bytes, larger than the 4 bytes this reader accepts"):
        read_table(path)


def test_json_errors_and_versions(tmp_path):
    assert message(write(tmp_path, "d.json", '{"format": "vector-explorer", ')).startswith("d.json, line 1, column")
    assert "not a Vector Explorer document" in message(write(tmp_path, "d.json", "[1, 2]"))
    assert "format version 9" in message(write(tmp_path, "d.json", '{"format": "vector-explorer", "version": 9}'))


def test_write_table_bytes_by_suffix():
    table = VectorTable(["A"], [Dimension("mass", "kg")], [[3]])
    assert write_table_bytes(table, ".csv") == b"label,mass (kg)\r\nA,3\r\n"
    assert b'"format": "vector-explorer"' in write_table_bytes(table, ".json")
    with pytest.raises(ValueError, match="choose .json, .csv or .tsv"):
        write_table_bytes(table, ".xls")


def _document_text(values="[1, 2]", view="{}"):
    return (
        '{"format": "vector-explorer", "version": 1, "dimensions": [{"name": "a"}, {"name": "b"}], '
        f'"vectors": [{{"label": "A", "values": {values}}}], "view": {view}}}'
    )


def test_a_document_number_too_large_for_a_float_is_refused_in_one_sentence():
    with pytest.raises(FormatError) as error:
        parse_document(_document_text(values="[1" + "0" * 400 + ", 2]"))
    assert (
        str(error.value) == "the text: vector 1 ('A') holds a number too large to store (the largest is about 1.8e308)"
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ("[1, 2]", [1.0, 2.0]),
        ("[1.5, -2]", [1.5, -2.0]),
        ("[-0.0, 1e308]", [-0.0, 1e308]),
        ("[-1.7976931348623157e308, 5e-324]", [-1.7976931348623157e308, 5e-324]),
        ("[true, 2]", "holds a value that is not a number"),
        ('[1, "2"]', "holds a value that is not a number"),
        ("[1, null]", "holds a value that is not a number"),
        ("[1, [2]]", "holds a value that is not a number"),
        ('"ab"', "holds a value that is not a number"),
        ("[1e400, 2]", "holds a number too large to store"),
        ("[1, -1e309]", "holds a number too large to store"),
        ("[1, 2, 3]", "has 3 values but there are 2 dimensions"),
        (f"[-{'9' * 299}, {'1' + '0' * 299}]", [-float("9" * 299), 1e299]),  # long integers, read exactly
        (f"[{'9' * 300}, -{'1' + '0' * 300}]", [float("9" * 300), -1e300]),
        (f"[1, {'1' + '0' * 309}]", "holds a number too large to store"),
    ],
)
def test_a_document_row_of_numbers_is_read_exactly_and_anything_else_is_named(values, expected):
    if isinstance(expected, list):
        values_read = parse_document(_document_text(values=values)).table.values[0].tolist()
        assert values_read == expected and [math.copysign(1, v) for v in values_read] == [
            math.copysign(1, v) for v in expected
        ]
    else:
        with pytest.raises(FormatError, match=expected):
            parse_document(_document_text(values=values))


@pytest.mark.parametrize(
    "view",
    [
        '{"metric": "foo", "plot_dimensions": ["x", null], "projection": "3d"}',
        '{"metric": 3, "plot_dimensions": 5, "projection": ["pca"]}',
        '{"plot_dimensions": [0]}',
        '{"plot_dimensions": [true, false]}',
    ],
)
def test_view_settings_the_program_cannot_use_fall_back_to_the_defaults(view):
    document = parse_document(_document_text(view=view))
    assert document.view.heatmap.metric == "cosine"
    assert (document.view.plot.x, document.view.plot.y) == (0, 1)
    assert document.view.plot.projection is None


def test_usable_view_settings_are_kept():
    view = '{"metric": "angle", "plot_dimensions": [1, 0], "projection": "pca", "order": "label"}'
    document = parse_document(_document_text(view=view))
    view = document.view
    assert (view.heatmap.metric, (view.plot.x, view.plot.y), view.plot.projection, view.heatmap.order) == (
        "angle",
        (1, 0),
        "pca",
        "label",
    )


def test_colours_and_visibility_the_program_cannot_use_fall_back_to_the_defaults():
    text = (
        '{"format": "vector-explorer", "version": 1, "dimensions": [{"name": "a"}], "vectors": ['
        '{"label": "A", "values": [1], "color": "banana", "visible": "no"}, '
        '{"label": "B", "values": [2], "color": 12}, '
        '{"label": "C", "values": [3], "color": "#cc79a7", "visible": false}]}'
    )
    table = parse_document(text).table
    assert table.colors == ("#0072B2", "#D55E00", "#cc79a7")  # the palette's first two, then the one given
    assert table.visible == (True, True, False)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["a", "b", "c\x00"], "vector 3's label holds a NUL character (\\x00), a character that cannot be saved"),
        (
            ["a", "\ud800b", "c\x00"],
            "vector 2's label holds a lone surrogate (\\ud800), a character that cannot be saved",
        ),
    ],
)
def test_a_label_that_cannot_be_saved_is_named_by_its_vector(labels, expected, tmp_path):
    from explorer.model.formats.tables import check_storable

    check_storable(VectorTable(["a", "b"], [Dimension("x")], [[1], [2]]), tmp_path / "t.npy")
    with pytest.raises(FormatError) as error:
        check_storable(VectorTable(labels, [Dimension("x")], [[1]] * len(labels)), tmp_path / "t.npy")
    assert str(error.value) == f"t.npy: {expected}"
