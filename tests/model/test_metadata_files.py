"""Metadata columns in files: CSV/TSV columns of words, a projector's metadata.tsv, the JSON document."""

import json

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.formats import FormatError, read_by_suffix, read_table, write_table_bytes
from explorer.model.formats.delimited import parse_delimited, write_delimited
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.table import VectorTable

MATERIALS = "label,mass (kg),volume (l)\nA,3,30\nB,15,4\nC,3,27\nD,7.5,75\nE,7.5,2\n"
WITH_CATEGORY = (
    "label,mass (kg),category,volume (l)\nA,3,light,30\nB,15,dense,4\nC,3,light,27\nD,7.5,light,75\nE,7.5,dense,2\n"
)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_the_lessons_materials_still_read_as_two_dimensions(tmp_path):
    table = read_table(write(tmp_path, "materials.csv", MATERIALS))
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)"]
    assert table.values[0].tolist() == [3.0, 30.0] and len(table.metadata) == 0


def test_a_column_of_words_becomes_metadata_and_the_numbers_stay_dimensions(tmp_path):
    table = read_table(write(tmp_path, "m.csv", WITH_CATEGORY))
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)"]
    assert table.values[1].tolist() == [15.0, 4.0]  # B = [15 kg, 4 l], the category between them kept apart
    assert table.metadata.items() == [("category", ("light", "dense", "light", "light", "dense"))]


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_csv_and_tsv_write_metadata_and_read_it_back(tmp_path, suffix):
    table = read_table(write(tmp_path, "m.csv", WITH_CATEGORY))
    path = write(tmp_path, "back" + suffix, write_table_bytes(table, suffix))
    back = read_table(path)
    assert back.same_content(table)
    header = path.read_text().splitlines()[0]
    assert header.split("\t" if suffix == ".tsv" else ",") == ["label", "mass (kg)", "volume (l)", "category"]


def test_metadata_that_looks_like_numbers_is_marked_as_text_and_reads_back_as_text():
    metadata = [
        ("year", ["1990", "2001", "-5"]),  # numbers: written 'year [text]'
        ("rank", ["1", "2", "n/a"]),  # mostly numbers: would be refused without the mark
        ("empty", ["", "", ""]),
        ("formula", ["=1+1", "@SUM(A1)", "+3"]),
        ("quoted", ['a "b"', "tab\there", "line\nbreak"]),
        ("x [text]", ["a", "b", "c"]),
    ]
    table = VectorTable(["a", "b", "c"], ["x"], [[1.0], [2.0], [3.0]], metadata=metadata)
    for delimiter in (",", "\t"):
        text = write_delimited(table, delimiter).decode()
        assert text.splitlines()[0].split(delimiter)[2:4] == ["year [text]", "rank [text]"]
        back = parse_delimited(text, None, delimiter)
        assert back.same_content(table), delimiter


@pytest.mark.parametrize(
    "content, expected",
    [
        # Most cells are numbers: a typo is refused where it is, not read as a column of text.
        ("label,x,y\nA,1,2\nB,3,3.o\nC,5,6\n", "line 3, column 3: '3.o' is refused: it is not a number"),
        ("label,x,y\nA,1,2\nB,3,\nC,5,6\n", "line 3, column 3: the cell is empty"),
        ("label,x,y\nA,1,nan\nB,3,4\n", "line 2, column 3: 'nan' is not a finite number"),
        # Nothing but words: there is no dimension.
        ("label,kind\nA,metal\nB,wood\n", "has no column of numbers ('kind' holds text such as 'metal')"),
    ],
)
def test_a_column_of_numbers_with_a_bad_cell_is_refused_where_it_is(tmp_path, content, expected):
    with pytest.raises(FormatError) as info:
        read_table(write(tmp_path, "m.csv", content))
    assert expected in str(info.value)


def test_the_rule_in_the_middle_and_at_the_edges(tmp_path):
    # Words outnumber numbers: text. An empty column with a header: text. A separator at each line's end: ignored.
    table = read_table(write(tmp_path, "m.csv", "label,x,code,notes,\nA,1,A1,,\nB,2,7,,\nC,3,B2,,\n"))
    assert [d.name for d in table.dimensions] == ["x"]
    assert table.metadata.items() == [("code", ("A1", "7", "B2")), ("notes", ("", "", ""))]
    # A semicolon file keeps the decimal comma of a number and the comma of a text.
    semi = read_table(write(tmp_path, "s.csv", "label;mass (kg);city\nD;7,5;Paris, France\nE;7,5;Lyon\n"))
    assert semi.values[:, 0].tolist() == [7.5, 7.5] and semi.metadata.column(0) == ("Paris, France", "Lyon")
    # A header with no name gets one; repeated names are told apart.
    odd = read_table(write(tmp_path, "o.csv", "label,x,,kind,kind\nA,1,p,q,r\nB,2,s,t,u\n"))
    assert odd.metadata.names == ("column 3", "kind", "kind 2")


def test_a_projector_pair_keeps_every_metadata_column(tmp_path):
    vectors = "0.1\t0.2\t0.3\n0.4\t0.5\t0.6\n0.7\t0.8\t0.9\n"
    meta = "frequency\tword\tpart\n120\tking\tnoun\n80\tqueen\tnoun\n200\trun\tverb\n"
    write(tmp_path, "metadata.tsv", meta)
    table = read_table(write(tmp_path, "vectors.tsv", vectors))
    assert table.labels == ("king", "queen", "run")  # the 'word' column is the label
    assert table.metadata.items() == [("frequency", ("120", "80", "200")), ("part", ("noun", "noun", "verb"))]
    assert table.values[2].tolist() == [0.7, 0.8, 0.9]
    # Without a 'label' or 'word' column, the first is the label; one column has no header.
    write(tmp_path, "metadata.tsv", "name\tgroup\na\tx\nb\ty\nc\tx\n")
    assert read_table(tmp_path / "vectors.tsv").labels == ("a", "b", "c")
    write(tmp_path, "metadata.tsv", "a\nb\nc\n")
    one = read_table(tmp_path / "vectors.tsv")
    assert one.labels == ("a", "b", "c") and len(one.metadata) == 0


def test_a_projector_pair_with_repeated_words_keeps_the_metadata_of_the_first(tmp_path):
    write(tmp_path, "metadata.tsv", "word\tpart\nking\tnoun\nking\tverb\nrun\tverb\n")
    notes: list[str] = []
    table = read_by_suffix(write(tmp_path, "vectors.tsv", "1\t2\n3\t4\n5\t6\n"), notes).table
    assert table.labels == ("king", "run") and table.metadata.column(0) == ("noun", "verb")
    assert "1 repeated word was left out" in notes[0]


@pytest.mark.parametrize(
    "meta, expected",
    [
        ("word\tpart\nking\tnoun\nqueen\n", "metadata.tsv, line 3: has 1 fields but the header names 2 columns"),
        ("word\tpart\nking\tnoun\n", "metadata.tsv: has 1 labels for the 2 vectors of vectors.tsv"),
    ],
)
def test_a_bad_metadata_tsv_is_one_sentence(tmp_path, meta, expected):
    write(tmp_path, "metadata.tsv", meta)
    with pytest.raises(FormatError) as info:
        read_table(write(tmp_path, "vectors.tsv", "1\t2\n3\t4\n"))
    assert str(info.value).startswith(expected)


def test_an_npy_beside_a_metadata_tsv_keeps_its_columns(tmp_path):
    np.save(tmp_path / "vectors.npy", np.array([[1.0, 2.0], [3.0, 4.0]]))
    write(tmp_path, "metadata.tsv", "label\tgroup\na\tx\nb\ty\n")
    table = read_table(tmp_path / "vectors.npy")
    assert table.labels == ("a", "b") and table.metadata.items() == [("group", ("x", "y"))]


def test_the_json_document_keeps_metadata():
    table = materials()
    table.metadata.insert_columns(0, ["density", "year"], [["light", "dense"] * 2 + ["dense"], ["1"] * 5])
    data = json.loads(write_document(table))
    assert data["metadata"][0] == {"name": "density", "values": ["light", "dense", "light", "dense", "dense"]}
    assert parse_document(write_document(table).decode()).table.same_content(table)
    assert "metadata" not in json.loads(write_document(materials()))  # none: not written


def _document(metadata) -> str:
    data = json.loads(write_document(materials()))
    data["metadata"] = metadata
    return json.dumps(data)


@pytest.mark.parametrize(
    "metadata, columns, note",
    [
        ("no", [], "the document's metadata is not a list of columns"),
        ([{"name": "k", "values": ["a"]}], [("k", ("a", "", "", "", ""))], "has 1 values for 5 vectors"),
        ([{"name": "k", "values": list("abcdefg")}], [("k", tuple("abcde"))], "the extra ones were left out"),
        (
            [{"name": "k", "values": [1, 2.5, None, True, {"x": 1}]}],
            [("k", ("1", "2.5", "", "true", ""))],
            "held 1 value that is neither text nor a number",
        ),
        ([{"name": "", "values": list("abcde")}], [("column 1", tuple("abcde"))], "has no name"),
        (
            [{"name": "k", "values": list("abcde")}, {"name": "k", "values": list("vwxyz")}],
            [("k", tuple("abcde")), ("k 2", tuple("vwxyz"))],
            "repeats the name 'k'",
        ),
        ([7, {"name": "k"}], [], "metadata column 1 is not a name with a list of values"),
    ],
)
def test_the_json_documents_metadata_is_read_tolerantly(tmp_path, metadata, columns, note):
    notes: list[str] = []
    document = read_by_suffix(write(tmp_path, "d.json", _document(metadata)), notes)
    assert document.table.metadata.items() == columns
    assert any(note in text for text in notes), notes
    assert all(text.startswith("d.json: ") for text in notes)


def test_a_metadata_value_no_file_can_hold_is_refused_in_one_sentence(tmp_path):
    from explorer.model.formats.tables import check_storable

    table = VectorTable(["king", "queen"], ["x"], [[1.0], [2.0]], metadata=[("part", ["noun", "no\x00un"])])
    with pytest.raises(FormatError) as info:
        check_storable(table, tmp_path / "w.npy")
    assert str(info.value) == "w.npy: vector 2's 'part' holds a NUL character (\\x00), a character that cannot be saved"
    named = VectorTable(["king"], ["x"], [[1.0]], metadata=[("pa\ud800rt", ["noun"])])
    with pytest.raises(FormatError, match="a metadata column's name holds a lone surrogate"):
        check_storable(named, tmp_path / "w.npy")
