"""Every command followed by its inverse gives back the same document."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model import commands as c
from explorer.model.builtin import materials
from explorer.model.table import Dimension, TableError, VectorTable

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
labels = st.text(min_size=1, max_size=8).filter(lambda s: s.strip())


@st.composite
def table_and_command(draw):
    n = draw(st.integers(1, 6))
    d = draw(st.integers(1, 4))
    names = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    values = draw(st.lists(st.lists(finite, min_size=d, max_size=d), min_size=n, max_size=n))
    table = VectorTable(names, [f"d{i}" for i in range(d)], values)
    row = draw(st.integers(0, n - 1))
    col = draw(st.integers(0, d - 1))
    new_label = draw(labels.filter(lambda s: s not in names))
    kind = draw(
        st.sampled_from(
            [
                "cell",
                "vector",
                "insert",
                "remove",
                "move",
                "rename",
                "style",
                "add_dim",
                "remove_dim",
                "rename_dim",
                "compound",
            ]
        )
    )
    if kind == "cell":
        cmd = c.set_cell(row, col, draw(finite))
    elif kind == "vector":
        cmd = c.set_vector(table, row, draw(st.lists(finite, min_size=d, max_size=d)))
    elif kind == "insert":
        cmd = c.InsertVectors(draw(st.integers(0, n)), [new_label], [draw(st.lists(finite, min_size=d, max_size=d))])
    elif kind == "remove":
        cmd = c.RemoveVectors(row, draw(st.integers(1, n - row)))
    elif kind == "move":
        count = draw(st.integers(1, n - row))
        cmd = c.MoveVectors(row, count, draw(st.integers(0, n - count)))
    elif kind == "rename":
        cmd = c.RenameVector(row, new_label)
    elif kind == "style":
        cmd = c.SetStyle(row, "#123456", draw(st.booleans()))
    elif kind == "add_dim":
        cmd = c.InsertDimensions(draw(st.integers(0, d)), [Dimension("new", "m")], [[draw(finite)] for _ in range(n)])
    elif kind == "remove_dim":
        cmd = c.RemoveDimensions(col, draw(st.integers(1, d - col)))
    elif kind == "rename_dim":
        cmd = c.RenameDimension(col, Dimension("renamed", "kg"))
    else:
        cmd = c.Compound(
            [
                c.set_cell(row, col, 1.0),
                c.RenameVector(row, new_label),
                c.InsertVectors(0, [new_label + "2"], [[0.0] * d]),
            ],
            "Paste",
        )
    return table, cmd


@settings(max_examples=300, deadline=None)
@given(table_and_command())
def test_command_then_inverse_restores_the_table_exactly(pair):
    table, command = pair
    before = table.copy()
    inverse = command.apply(table)
    redo = inverse.apply(table)
    assert table.same_content(before)
    redo.apply(table)  # and the inverse of the inverse redoes it
    inverse2 = command.apply(before)
    assert table.same_content(before)
    assert type(inverse2) is type(inverse)


def test_refused_commands_change_nothing():
    table = materials()
    before = table.copy()
    for command in [
        c.set_cell(0, 0, float("nan")),
        c.set_cell(0, 0, float("inf")),
        c.set_cell(9, 0, 1.0),
        c.RenameVector(0, "B"),
        c.RenameVector(0, "  "),
        c.InsertVectors(0, ["A"], [[1.0, 2.0]]),
        c.InsertVectors(0, ["Z"], [[1.0, 2.0, 3.0]]),
        c.RemoveVectors(4, 2),
        c.MoveVectors(0, 2, 4),
        c.RenameDimension(0, Dimension(" ")),
        c.Compound([c.set_cell(0, 0, 99.0), c.RenameVector(1, "A")]),
    ]:
        with pytest.raises((TableError, ValueError, IndexError)):
            command.apply(table)
        assert table.same_content(before), command


def test_signals_name_what_changed():
    table = materials()
    seen = []
    table.values_changed.connect(lambda rows, cols: seen.append(("values", rows, cols)))
    table.rows_inserting.connect(lambda s, n: seen.append(("inserting", s, n, len(table))))
    table.rows_inserted.connect(lambda s, n: seen.append(("inserted", s, n, len(table))))
    c.set_cell(3, 1, 70.0).apply(table)
    c.InsertVectors(5, ["F"], [[1.0, 1.0]]).apply(table)
    assert seen == [("values", (3,), (1,)), ("inserting", 5, 1, 5), ("inserted", 5, 1, 6)]


def test_move_then_inverse():
    table = materials()
    inverse = c.MoveVectors(0, 2, 3).apply(table)
    assert table.labels == ("C", "D", "E", "A", "B")
    inverse.apply(table)
    assert table.labels == ("A", "B", "C", "D", "E")


def test_take_builds_a_table_of_the_chosen_vectors_in_their_order():
    from explorer.model.builtin import materials

    table = materials()
    table.set_styles((3,), ("#123456",), (False,))
    chosen = table.take([3, 0])
    assert chosen.labels == ("D", "A")
    assert chosen.values.tolist() == [[7.5, 75.0], [3.0, 30.0]]
    assert chosen.colors[0] == "#123456" and chosen.visible == (False, True)
    assert chosen.dimensions == table.dimensions
    assert len(table.take([])) == 0 and table.take([]).dimension_count == 2
    chosen.set_values((0,), (0,), [[1.0]])
    assert table.values[3, 0] == 7.5  # a copy: changing it leaves the document alone
