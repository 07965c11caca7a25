"""Pasting spreadsheet text: where it lands, how the table grows, and that undo restores it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.builtin import materials
from explorer.model.formats.delimited import format_value
from explorer.model.paste import PasteError, copy_text, paste_command

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@settings(max_examples=60, deadline=None)
@given(
    block=st.lists(st.lists(finite, min_size=1, max_size=4), min_size=1, max_size=6).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    row=st.integers(0, 6),
    column=st.integers(1, 4),
    header=st.booleans(),
)
def test_a_pasted_block_lands_where_it_was_put_and_undoes_exactly(block, row, column, header):
    table = materials()
    before = table.copy()
    lines = ["\t".join(format_value(v) for v in r) for r in block]
    if header:
        lines.insert(0, "\t".join(f"h{j} (u{j})" for j in range(len(block[0]))))
    command = paste_command(table, "\r\n".join(lines) + "\r\n", row, column)
    inverse = command.apply(table)
    top = min(row, 5)
    first = min(column, 3) - 1
    pasted = table.values[top : top + len(block), first : first + len(block[0])]
    assert pasted.tolist() == block
    assert len(table) == max(5, top + len(block))
    assert table.dimension_count == max(2, first + len(block[0]))
    if header and table.dimension_count > 2:
        assert table.dimensions[2].name.startswith("h") and table.dimensions[2].unit.startswith("u")
    assert len(set(table.labels)) == len(table)
    inverse.apply(table)
    assert table.same_content(before)


def test_labels_in_the_first_column_rename_and_add_vectors():
    table = materials()
    paste_command(table, "label\tmass\tvolume\nstone\t1\t2\nwood\t3\t4\n", 4, 0).apply(table)
    assert table.labels == ("A", "B", "C", "D", "stone", "wood")
    assert table.values[4:].tolist() == [[1, 2], [3, 4]]
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)"]  # the header names nothing new


def test_a_label_that_would_repeat_refuses_the_paste_and_changes_nothing():
    table = materials()
    before = table.copy()
    command = paste_command(table, "A\t1\t2\n", 4, 0)
    with pytest.raises(ValueError):
        command.apply(table)
    assert table.same_content(before)


def test_new_rows_get_their_pasted_labels():
    table = materials()
    paste_command(table, "F\t1\t2\nG\t3\t4\n", 5, 0).apply(table)
    assert table.labels[5:] == ("F", "G")
    assert table.values[5:].tolist() == [[1, 2], [3, 4]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the clipboard holds no text to paste"),
        ("1\tx\n", "line 1, column 2: 'x' is refused: it is not a number"),
        ("mass\tvolume\n", "line 1, column 1: 'mass' is refused: it is not a number"),
        ("1\t2\n3\t\n", "line 2, column 2: the cell is empty; type a number such as 3 or 7.5"),
        ("1\t1e400\n", "line 1, column 2: '1e400' is too large to store (the largest is about 1.8e308)"),
    ],
)
def test_bad_pastes_are_refused_with_line_and_column(text, message):
    with pytest.raises(PasteError) as error:
        paste_command(materials(), text, 0, 1)
    assert str(error.value) == message


def test_copy_text_reads_back_exactly():
    table = materials()
    text = copy_text(table, [0, 1, 2], [0, 1, 2, 3])
    lines = [line.split("\t") for line in text.splitlines()]
    assert lines[0][:3] == ["A", "3", "30"]
    assert float(lines[1][3]) == pytest.approx(np.sqrt(241))


def test_quoted_cells_with_tabs_quotes_and_line_breaks_round_trip():
    from explorer.model.table import VectorTable

    table = VectorTable(["tab\there", 'say "hi"', "two\nlines"], ["x"], [[1.0], [2.0], [3.0]])
    text = copy_text(table, [0, 1, 2], [0, 1])
    assert text.splitlines()[0] == '"tab\there"\t1'
    target = VectorTable(["a"], ["x"], [[0.0]])
    paste_command(target, text, 1, 0).apply(target)
    assert target.labels == ("a", "tab\there", 'say "hi"', "two\nlines")
    assert target.values[1:, 0].tolist() == [1.0, 2.0, 3.0]
