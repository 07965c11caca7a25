"""The relation of two vectors: best factor k, residual, and the verdict."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from explorer.model.relations import Verdict, relate

A, B, C, D, E = [3, 30], [15, 4], [3, 27], [7.5, 75], [7.5, 2]


def test_the_lessons_pairs():
    d = relate(A, D)
    assert d.verdict is Verdict.MULTIPLE and d.k == pytest.approx(2.5, rel=1e-15) and d.residual < 1e-12
    e = relate(B, E)
    assert e.verdict is Verdict.MULTIPLE and e.k == pytest.approx(0.5, rel=1e-15)
    c = relate(A, C)
    assert c.verdict is Verdict.SAME_DIRECTION and round(c.cosine, 5) == 0.99994
    assert c.k == pytest.approx(819 / 909) and c.residual == pytest.approx(
        np.linalg.norm(np.array(C) - 819 / 909 * np.array(A))
    )
    wrong = relate(A, E)  # "E = 2.5 A" is false
    assert wrong.verdict is Verdict.NEITHER and wrong.ratios == (2.5, pytest.approx(2 / 30))
    assert relate(A, A).verdict is Verdict.EQUAL
    assert relate([0, 0], A).verdict is Verdict.UNDEFINED and np.isnan(relate([0, 0], A).k)


def test_vectors_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="2 and 3 values"):
        relate([1, 2], [1, 2, 3])


@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 8), elements=st.floats(-1e6, 1e6, allow_subnormal=False)).filter(
        lambda a: np.abs(a).max() > 1e-3
    ),
    st.sampled_from([2.5, 0.5, -1.0, 3.0, 0.2, 1e-5, 1e5]),
    st.sampled_from([1.0, 1e300, 1e-300]),
)
def test_an_exact_multiple_is_found_at_any_magnitude(a, k, magnitude):
    with np.errstate(over="ignore", under="ignore"):
        a = a * magnitude
        b = a * k
    assume(np.isfinite(b).all() and np.array_equal(a == 0, b == 0))  # no overflow, no underflow to 0
    relation = relate(a, b)
    assert relation.verdict in (Verdict.MULTIPLE, Verdict.EQUAL)
    assert relation.k == pytest.approx(k, rel=1e-9)
