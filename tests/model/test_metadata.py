"""Metadata columns in the table: rows carry them, and every change has an exact inverse."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model import commands as c
from explorer.model import metadata_commands as m
from explorer.model.builtin import materials
from explorer.model.columns import available_columns, find_column
from explorer.model.document import Document
from explorer.model.metadata import numeric_values
from explorer.model.table import Dimension, TableError, VectorTable

#: The lesson's materials by density (kg per litre): A, C, D about 0.1; B and E 3.75.
DENSITY = ("light", "dense", "light", "light", "dense")


def lesson() -> VectorTable:
    table = materials()
    m.InsertMetadataColumns(0, ["density"], [DENSITY]).apply(table)
    return table


def test_rows_carry_their_metadata_when_inserted_removed_and_moved():
    table = lesson()
    assert table.metadata.names == ("density",)
    c.MoveVectors(0, 2, 3).apply(table)  # A, B after C, D, E
    assert table.labels == ("C", "D", "E", "A", "B")
    assert table.metadata.column(0) == ("light", "light", "dense", "light", "dense")
    inverse = c.RemoveVectors(1, 2).apply(table)  # D and E go, with their values
    assert table.metadata.column(0) == ("light", "light", "dense")
    assert inverse.metadata == (("light", "dense"),)
    inverse.apply(table)
    assert table.metadata.column(0) == ("light", "light", "dense", "light", "dense")
    c.InsertVectors(5, ["F"], [[1.0, 1.0]]).apply(table)  # a new vector: empty text
    assert table.metadata.value(5, 0) == ""
    c.InsertVectors(0, ["G"], [[1.0, 2.0]], metadata=(("gas",),)).apply(table)
    assert table.metadata.value(0, 0) == "gas" and table.label(0) == "G"


def test_take_and_copy_keep_metadata():
    table = lesson()
    assert table.take([4, 0]).metadata.items() == [("density", ("dense", "light"))]
    copy = table.copy()
    assert copy.same_content(table)
    m.set_metadata_cell(0, 0, "cork").apply(copy)
    assert not copy.same_content(table) and table.metadata.value(0, 0) == "light"


def test_metadata_commands_and_their_inverses():
    table = lesson()
    before = table.copy()
    undo_edit = m.set_metadata_cell(1, 0, "heavy").apply(table)
    assert table.metadata.value(1, 0) == "heavy"
    undo_rename = m.RenameMetadataColumn(0, "class").apply(table)
    assert table.metadata.names == ("class",)
    undo_add = m.InsertMetadataColumns(1, ["note"]).apply(table)
    assert table.metadata.column(1) == ("",) * 5
    undo_remove = m.RemoveMetadataColumns(0).apply(table)
    assert table.metadata.names == ("note",)
    for undo in (undo_remove, undo_add, undo_rename, undo_edit):
        undo.apply(table)
    assert table.same_content(before)


def test_refused_metadata_commands_change_nothing():
    table = lesson()
    before = table.copy()
    for command in [
        m.InsertMetadataColumns(0, ["density"]),  # the name is taken
        m.InsertMetadataColumns(0, ["  "]),
        m.InsertMetadataColumns(0, ["x"], [("a", "b")]),  # 2 values for 5 vectors
        m.InsertMetadataColumns(5, ["x"]),
        m.InsertMetadataColumns(0, ["x", "x"]),
        m.RemoveMetadataColumns(1),
        m.RenameMetadataColumn(0, ""),
        m.RenameMetadataColumn(3, "x"),
        m.SetMetadata((9,), (0,), (("x",),)),
        m.SetMetadata((0,), (1,), (("x",),)),
        m.SetMetadata((0,), (0,), ((3,),)),  # not text
        c.InsertVectors(0, ["F"], [[1.0, 2.0]], metadata=(("a", "b"),)),
        c.InsertVectors(0, ["F"], [[1.0, 2.0]], metadata=(("a",), ("b",))),
        c.Compound([m.set_metadata_cell(0, 0, "x"), m.RenameMetadataColumn(0, "")]),
    ]:
        with pytest.raises((TableError, ValueError)):
            command.apply(table)
        assert table.same_content(before), command


def test_metadata_announces_its_changes():
    table = lesson()
    seen = []
    metadata = table.metadata
    metadata.columns_inserting.connect(lambda s, n: seen.append(("inserting", s, n, len(metadata))))
    metadata.columns_inserted.connect(lambda s, n: seen.append(("inserted", s, n, len(metadata))))
    metadata.values_changed.connect(lambda rows, cols: seen.append(("values", rows, cols)))
    metadata.names_changed.connect(lambda cols: seen.append(("names", cols)))
    m.InsertMetadataColumns(1, ["note"]).apply(table)
    m.set_metadata_cell(2, 1, "x").apply(table)
    m.RenameMetadataColumn(1, "remark").apply(table)
    assert seen == [("inserting", 1, 1, 1), ("inserted", 1, 1, 2), ("values", (2,), (1,)), ("names", (1,))]


texts = st.text(max_size=6)
labels = st.text(min_size=1, max_size=6).filter(lambda s: s.strip())


@st.composite
def table_and_commands(draw):
    n = draw(st.integers(1, 6))
    k = draw(st.integers(0, 3))
    names = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    columns = [(f"m{j}", draw(st.lists(texts, min_size=n, max_size=n))) for j in range(k)]
    table = VectorTable(names, ["x", "y"], [[float(i), 1.0] for i in range(n)], metadata=columns)
    new_label = draw(labels.filter(lambda s: s not in names))
    row = draw(st.integers(0, n - 1))
    choices = ["insert", "remove", "move", "add_column", "compound"]
    if k:
        choices += ["cell", "block", "remove_column", "rename_column"]
    kind = draw(st.sampled_from(choices))
    if kind == "insert":
        given = draw(st.booleans())
        block = tuple((draw(texts),) for _ in range(k)) if given else None
        cmd = c.InsertVectors(draw(st.integers(0, n)), [new_label], [[1.0, 2.0]], metadata=block)
    elif kind == "remove":
        cmd = c.RemoveVectors(row, draw(st.integers(1, n - row)))
    elif kind == "move":
        count = draw(st.integers(1, n - row))
        cmd = c.MoveVectors(row, count, draw(st.integers(0, n - count)))
    elif kind == "add_column":
        values = tuple(draw(texts) for _ in range(n)) if draw(st.booleans()) else None
        cmd = m.InsertMetadataColumns(draw(st.integers(0, k)), ["new"], None if values is None else (values,))
    elif kind == "cell":
        cmd = m.set_metadata_cell(row, draw(st.integers(0, k - 1)), draw(texts))
    elif kind == "block":
        rows = tuple(range(row, n))
        cols = tuple(range(k))
        cmd = m.SetMetadata(rows, cols, tuple(tuple(draw(texts) for _ in cols) for _ in rows), "Paste")
    elif kind == "remove_column":
        start = draw(st.integers(0, k - 1))
        cmd = m.RemoveMetadataColumns(start, draw(st.integers(1, k - start)))
    elif kind == "rename_column":
        cmd = m.RenameMetadataColumn(draw(st.integers(0, k - 1)), draw(labels))
    else:
        cmd = c.Compound(
            [
                m.InsertMetadataColumns(0, ["added"]),
                c.MoveVectors(0, 1, n - 1),
                c.InsertVectors(0, [new_label], [[0, 0]]),
            ]
        )
    return table, cmd


@settings(max_examples=300, deadline=None)
@given(table_and_commands())
def test_every_command_then_its_inverse_restores_the_table_metadata_included(pair):
    table, command = pair
    before = table.copy()
    try:
        inverse = command.apply(table)
    except TableError:  # a rename to a name in use: refused, and nothing changed
        assert table.same_content(before)
        return
    redo = inverse.apply(table)
    assert table.same_content(before)
    redo.apply(table)
    after = table.copy()
    inverse.apply(table)
    assert table.same_content(before)
    command.apply(table)
    assert table.same_content(after)


def test_a_document_replacing_its_table_takes_the_metadata():
    document = Document(materials())
    document.table.replace(lesson())
    assert document.table.metadata.items() == [("density", DENSITY)]


def test_numeric_looking_metadata_is_offered_as_numeric_and_words_as_categories():
    assert numeric_values(["1990", "", " 2001 ", "-3.5"]).tolist()[::2] == [1990.0, 2001.0]
    assert numeric_values(["1990", "n/a"]) is None
    assert numeric_values(["", ""]) is None
    assert numeric_values(["nan", "1"]) is None and numeric_values(["1_000"]) is None
    table = lesson()
    m.InsertMetadataColumns(1, ["year"], [("1990", "2001", "", "1985", "2020")]).apply(table)
    density, year = find_column(table, "density"), find_column(table, "year")
    assert density.kind == "categorical" and tuple(density.values) == DENSITY
    assert year.kind == "numeric" and year.values[1] == 2001.0 and year.values[2] != year.values[2]  # NaN


def test_a_metadata_column_named_like_a_builtin_one_is_offered_under_its_own_name():
    table = VectorTable(["a", "b"], [Dimension("mass", "kg")], [[1.0], [2.0]])
    m.InsertMetadataColumns(0, ["colour", "mass (kg)"], [("red", "blue"), ("x", "y")]).apply(table)
    names = [column.name for column in available_columns(table)]
    assert names == ["label", "colour", "|v|", "mass (kg)", "colour (metadata)", "mass (kg) (metadata)"]
    assert tuple(find_column(table, "colour (metadata)").values) == ("red", "blue")


def test_a_repeated_column_name_is_refused_however_the_columns_arrive():
    from explorer.model.metadata import Metadata, MetadataError

    many = [(f"c{i}", ["x"]) for i in range(2000)]
    assert len(Metadata(1, many)) == 2000
    for columns in ([*many, (" c1999 ", ["y"])], [("a", ["x"]), ("b", ["x"]), ("a ", ["x"])]):
        with pytest.raises(MetadataError, match="already a metadata column 'c1999'|already a metadata column 'a'"):
            Metadata(1, columns)
    metadata = Metadata(1, [("a", ["x"])])
    for names in (["b", "b"], ["a"], ["c", " a"]):
        with pytest.raises(MetadataError, match="already a metadata column"):
            metadata.insert_columns(1, names)
        assert metadata.names == ("a",)
    metadata.insert_columns(0, ["b", "c"])
    assert metadata.names == ("b", "c", "a")
    with pytest.raises(MetadataError, match="already a metadata column 'c'"):
        metadata.rename(0, "c")
    metadata.rename(1, "c")  # its own name again
    assert metadata.names == ("b", "c", "a")
