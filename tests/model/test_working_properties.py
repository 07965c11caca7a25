"""Any finite vectors, however large, small or zero, give a working and a verdict, never an exception."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from explorer.model.claims import ClaimVerdict, check_claim
from explorer.model.working import working
from explorer.model.working_render import to_html, to_markdown, to_text

finite = st.one_of(
    st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1e-300, -1e-300, 3.0, 7.5]),
)
pairs = st.integers(1, 12).flatmap(
    lambda n: st.tuples(arrays(np.float64, n, elements=finite), arrays(np.float64, n, elements=finite))
)


@settings(max_examples=60, deadline=None)
@given(pairs, st.sampled_from(["cosine", "dot", "euclidean", "angle"]))
def test_working_always_renders(pair, metric):
    a, b = pair
    w = working(a, b, "A", "B", metric=metric)
    for text in (to_text(w), to_markdown(w), to_html(w)):
        assert "nan" not in text.lower()
    if not a.any() or not b.any():
        assert "undefined" in to_text(w)  # the cosine and angle steps say so


@settings(max_examples=60, deadline=None)
@given(pairs, st.sampled_from([2.5, 0.5, -1.0, 3.0, 0.2]))
def test_an_exact_multiple_is_true_and_others_get_a_reason(pair, k):
    a, b = pair
    labels = ["A", "B", "K"]
    with np.errstate(over="ignore", under="ignore"):
        multiple = k * a
    if not np.isfinite(multiple).all():
        return
    result = check_claim(f"K = {k} A", labels, np.array([a, b, multiple]))
    assert result.verdict is ClaimVerdict.TRUE
    other = check_claim(f"B = {k} A", labels, np.array([a, b, multiple]))
    assert other.reason
