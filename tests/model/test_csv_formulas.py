"""CSV for spreadsheets never runs a label as a formula, and our own reader gives every label back unchanged."""

import csv
import io

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.formats.coordinates import coordinates_csv, selection_csv
from explorer.model.formats.delimited import parse_delimited, write_delimited
from explorer.model.formats.matrix_csv import write_matrix_csv, write_pairs_csv
from explorer.model.table import Dimension, VectorTable
from explorer.model.text_safety import neutralise_formula, restore_formula

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://evil","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''+x"]

# Labels that lean on the rule: formula starts, apostrophes before them, and anything else.
labels = st.one_of(
    st.builds(lambda q, t, rest: "'" * q + t + rest, st.integers(0, 3), st.sampled_from(TRIGGERS), st.text(max_size=8)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12),
).filter(lambda s: s.strip())


def cells(data: bytes, delimiter: str = ","):
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))


def runs_as_formula(cell: str) -> bool:
    return cell.startswith(TRIGGERS)


def test_the_lesson_labels_are_written_as_they_are():
    table = VectorTable(["A", "B"], [Dimension("mass", "kg")], [[3], [-15]])
    assert write_delimited(table) == b"label,mass (kg)\r\nA,3\r\nB,-15\r\n"  # a negative number stays a number


def test_hostile_labels_are_neutralised_in_every_csv_we_write():
    table = VectorTable(HOSTILE, [Dimension("=cmd|' /C calc'!A0", "")], [[i] for i in range(len(HOSTILE))])
    matrix = np.eye(len(HOSTILE))
    for data, delimiter in (
        (write_delimited(table), ","),
        (write_delimited(table, "\t"), "\t"),
        (write_matrix_csv(table.labels, matrix, corner="-corner"), ","),
        (write_pairs_csv(table.labels, matrix), ","),
        (coordinates_csv(table.labels, np.ones((len(HOSTILE), 2))), ","),
        (selection_csv(table, range(len(HOSTILE))), ","),
    ):
        for row in cells(data, delimiter):
            for cell in row:
                try:
                    float(cell)
                    continue  # numbers, negative ones included, stay numbers
                except ValueError:
                    assert not runs_as_formula(cell), cell


@settings(max_examples=300, deadline=None)
@given(st.lists(labels, min_size=1, max_size=6, unique=True), st.sampled_from([",", "\t"]))
def test_labels_round_trip_through_our_csv_unchanged(names, delimiter):
    table = VectorTable(names, [Dimension("+x", "kg"), Dimension("y")], [[i, -i] for i in range(len(names))])
    data = write_delimited(table, delimiter)
    for row in cells(data, delimiter)[1:]:
        assert not runs_as_formula(row[0])
    back = parse_delimited(data.decode("utf-8"), None, delimiter)
    assert back.labels == table.labels
    assert back.dimensions == table.dimensions
    assert np.array_equal(back.values, table.values)


@given(st.text(max_size=10))
def test_restore_undoes_neutralise(text):
    assert restore_formula(neutralise_formula(text)) == text
    assert not runs_as_formula(neutralise_formula(text))


def test_a_foreign_csv_label_starting_with_a_minus_reads_as_written():
    # Only an apostrophe we could have added is taken off: '-x' from another program stays '-x'.
    assert parse_delimited("label,x\n-x,1\n", None, ",").labels == ("-x",)
