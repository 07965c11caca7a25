"""CSV rows are written as they always were."""

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.formats.delimited import write_delimited
from explorer.model.table import Dimension, VectorTable


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
