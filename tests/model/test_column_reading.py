"""Whether a cell looks like a number is decided as it always was, the quick way for words."""

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.formats.delimited import write_delimited
from explorer.model.formats.text_columns import _MALFORMED_NUMBER, _number_like
from explorer.model.table import Dimension, VectorTable


def _reference(cell: str) -> bool:
    """The rule as first written: whatever float() reads, or a malformed number."""
    try:
        float(cell)
    except ValueError:
        return _MALFORMED_NUMBER.fullmatch(cell) is not None
    return True


WORDS = ["nan", "NaN", "-inf", "+Infinity", "iNfInItY", "infinit", "nan(1)", "ınf", "İnf", "naN ", " inf", "in f", "n"]
DIGITS = "0123456789٣۴߅७๙١²½ⅷ①𝟘"  # Arabic-Indic, Devanagari, Thai ... and digits float() does not read
cells = st.sampled_from(WORDS) | st.text(st.sampled_from(DIGITS + "+-−.,eE_ nainfty\t") | st.characters(), max_size=10)


@settings(max_examples=400, deadline=None)
@given(cells)
def test_a_cell_looks_like_a_number_as_it_always_did(cell):
    assert _number_like(cell.strip()) == _reference(cell.strip())
    assert _number_like(cell) == _reference(cell)


def test_words_and_numbers():
    for cell in ["nan", "-Infinity", "1e400", "1_0", "1,234.5", "--3", "٣", "1 000"]:
        assert _number_like(cell), cell
    for cell in ["word", "ınf", "nan(1)", "2024-01-05", "A1", "½", "", "inf inity"]:
        assert not _number_like(cell), cell


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([1e308, -1e308, -0.0, 5e-324, 3.0]),
        min_size=2,
        max_size=6,
    )
)
def test_a_row_of_numbers_is_written_as_it_always_was(values):
    table = VectorTable(["A", "=B"], [Dimension("x"), Dimension("y", "kg")], [values[:2], values[-2:]])
    table.metadata.insert_columns(0, ["note"], [["1", "+x"]])
    rows = [
        ",".join(["A", *(_shortest(v) for v in values[:2]), "1"]),
        ",".join(["'=B", *(_shortest(v) for v in values[-2:]), "'+x"]),
    ]
    assert write_delimited(table).decode() == "label,x,y (kg),note [text]\r\n" + "\r\n".join(rows) + "\r\n"


def _shortest(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
