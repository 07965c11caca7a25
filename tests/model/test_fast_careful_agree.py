"""The fast (numpy) and the careful (cell by cell) CSV readers agree on every file, columns of text included."""

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
    return table.labels, [(d.name, d.unit) for d in table.dimensions], table.values.tolist(), table.metadata.items()


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


CELLS = st.one_of(
    NUMBERS,
    st.sampled_from(["metal", "wood", "A1", "2024-01-05", "=x", "'=x", "n/a", "1.234,5", "", " ", "3.o"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(st.text(alphabet="ABab", min_size=1, max_size=3), CELLS, CELLS, CELLS), max_size=6),
    headers=st.tuples(*[st.sampled_from(["mass (kg)", "kind", "year [text]", "", "=h"])] * 3),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_generated_files_with_columns_of_text(rows, headers, delimiter):
    lines = [delimiter.join(["label", *headers])] + [delimiter.join(row) for row in rows]
    text = "\n".join(lines) + "\n"
    assert _read(text, fast=True) == _read(text, fast=False)


def test_a_word_below_the_top_lines_is_found_by_both_readers():
    body = "".join(f"w{i},{i},{i % 3}\n" for i in range(200))
    mostly_words = "label,x,kind\n" + "".join(f"w{i},{i},k{i}\n" for i in range(200))
    late_word = "label,x,y\n" + body + "w200,1,metal\n"  # numbers, then one word: refused where it is
    for text in (mostly_words, late_word, "label,x,kind\n" + "".join(f"w{i},{i},1\n" for i in range(60)) + "z,1,a\n"):
        assert _read(text, fast=True) == _read(text, fast=False)
    assert "line 202, column 3: 'metal' is refused" in _read(late_word, fast=True)
