"""The fast (numpy) and the careful (cell by cell) CSV readers agree on every file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.model.formats import delimited
from explorer.model.formats.errors import FormatError


def _read(text: str, fast: bool):
    """What parse_delimited gives: (labels, dimensions, values) or the error sentence."""
    try:
        if fast:
            table = delimited.parse_delimited(text)
        else:
            original, delimited._fast_table = delimited._fast_table, lambda *args: None
            try:
                table = delimited.parse_delimited(text)
            finally:
                delimited._fast_table = original
    except FormatError as error:
        return str(error)
    return table.labels, [(d.name, d.unit) for d in table.dimensions], table.values.tolist()


@pytest.mark.parametrize("cell", ["+3", "1_000", "0x10", " 3 ", ".5", "5.", "1e400", "nan", "", "3 4", "1d5"])
def test_number_spellings(cell):
    text = f"label,mass (kg)\nA,{cell}\n"
    assert _read(text, fast=True) == _read(text, fast=False)


NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["+3", "1_000", "0x10", " 3 ", ".5", "5.", "1e400", "nan", "-inf", "", "3,5"]),
)
LABELS = st.text(alphabet="AB ab\t#\"';,\u00a0\ufeff", max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(LABELS, NUMBERS, NUMBERS), min_size=1, max_size=4),
    delimiter=st.sampled_from([",", "\t", ";"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    final_newline=st.booleans(),
    bom=st.booleans(),
    blank_lines=st.integers(0, 2),
)
def test_generated_files(rows, delimiter, newline, final_newline, bom, blank_lines):
    lines = [delimiter.join(["label", "mass (kg)", "volume"])] + [delimiter.join(row) for row in rows]
    text = ("\ufeff" if bom else "") + newline.join(lines) + (newline if final_newline else "") + newline * blank_lines
    assert _read(text, fast=True) == _read(text, fast=False)
