"""Properties every score matrix must have, checked on many random tables."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from explorer.model import similarity

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def tables(min_rows=1, max_rows=12, max_dims=6):
    return st.integers(1, max_dims).flatmap(
        lambda d: st.integers(min_rows, max_rows).flatmap(lambda n: arrays(np.float64, (n, d), elements=finite))
    )


@settings(max_examples=150, deadline=None)
@given(tables())
def test_cosine_matrix_is_symmetric_bounded_with_unit_diagonal(x):
    m = similarity.cosine_matrix(x)
    nonzero = np.any(x != 0, axis=1)
    defined = np.outer(nonzero, nonzero)
    assert np.array_equal(np.isnan(m), ~defined)
    assert np.allclose(m[defined], m.T[defined], rtol=0, atol=1e-15)
    assert np.all(m[defined] <= 1.0) and np.all(m[defined] >= -1.0)
    assert np.all(np.diag(m)[nonzero] == 1.0)


@settings(max_examples=100, deadline=None)
@given(tables(min_rows=2), st.floats(min_value=1e-3, max_value=1e3), st.data())
def test_cosine_unchanged_when_a_vector_is_scaled_up_or_down(x, factor, data):
    row = data.draw(st.integers(0, len(x) - 1))
    scaled = x.copy()
    scaled[row] *= factor
    assume(np.all((np.abs(scaled[row]) >= 1e-300) | (x[row] == 0)))  # no underflow to zero
    before = similarity.cosine_matrix(x)
    after = similarity.cosine_matrix(scaled)
    assert np.allclose(before, after, rtol=1e-9, atol=1e-12, equal_nan=True)


@settings(max_examples=100, deadline=None)
@given(tables(min_rows=2), st.sampled_from(similarity.METRICS), st.data())
def test_incremental_update_equals_full_recompute(x, metric, data):
    cache = similarity.SimilarityMatrix(metric)
    cache.recompute(x)
    row = data.draw(st.integers(0, len(x) - 1))
    changed = x.copy()
    changed[row] = data.draw(arrays(np.float64, x.shape[1], elements=finite))
    updated = cache.update_rows(changed, [row]).copy()
    full = similarity.similarity_matrix(changed, metric)
    scale = max(1.0, float(np.nanmax(np.abs(full))) if np.isfinite(full).any() else 1.0)
    assert np.allclose(updated, full, rtol=1e-9, atol=1e-9 * scale, equal_nan=True)


def test_zero_vector_cosine_and_angle_are_undefined_not_zero():
    x = np.array([[0.0, 0.0], [3.0, 30.0]])
    assert np.isnan(similarity.cosine(x[0], x[1]))
    assert np.isnan(similarity.angle(x[0], x[1]))
    m = similarity.cosine_matrix(x)
    assert np.isnan(m[0, 0]) and np.isnan(m[0, 1]) and m[1, 1] == 1.0
    assert np.isnan(similarity.angle_matrix(x)[0, 1])
    # the dot product and distance of a zero vector exist
    assert similarity.dot_matrix(x)[0, 1] == 0.0
    assert similarity.euclidean_matrix(x)[0, 1] == pytest.approx(np.sqrt(909))


@pytest.mark.parametrize("scale", [1e300, 1e-300, 1e150, 1e-150])
def test_huge_and_tiny_magnitudes_keep_their_cosine(scale):
    a, b = np.array([3.0, 30.0]) * scale, np.array([15.0, 4.0]) * scale
    expected = 165 / (np.sqrt(909) * np.sqrt(241))
    assert similarity.cosine(a, b) == pytest.approx(expected, rel=1e-12)
    m = similarity.cosine_matrix(np.array([a, b]))
    assert m[0, 1] == pytest.approx(expected, rel=1e-12)
    assert similarity.norm(a) == pytest.approx(np.sqrt(909) * scale, rel=1e-12)
    assert similarity.angle(a, 2.5 * a) == 0.0


def test_mixed_huge_and_tiny_rows():
    x = np.array([[1e300, 1e300], [1e-300, 1e-300], [1.0, -1.0]])
    m = similarity.cosine_matrix(x)
    assert m[0, 1] == pytest.approx(1.0) and m[0, 2] == pytest.approx(0.0, abs=1e-15)
    assert np.all(np.isfinite(m))


def test_float32_stays_float32_and_bounded():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((300, 50)).astype(np.float32)
    x[7] = x[3] * 4  # exactly parallel rows
    m = similarity.cosine_matrix(x)
    assert m.dtype == np.float32
    assert np.all(np.abs(m) <= 1.0)
    assert m[3, 7] == pytest.approx(1.0, abs=1e-5)
    reference = (x / np.linalg.norm(x, axis=1)[:, None]).astype(np.float64)
    assert np.allclose(m, reference @ reference.T, atol=2e-5)


def test_antiparallel_angle_is_exactly_180():
    assert similarity.angle([3.0, 30.0], [-6.0, -60.0]) == 180.0
    m = similarity.angle_matrix(np.array([[3.0, 30.0], [-6.0, -60.0]]))
    assert m[0, 1] == 180.0


def test_unknown_metric_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="cosine, dot, euclidean, angle"):
        similarity.similarity_matrix(np.eye(2), "manhattan")


def test_dot_product_of_huge_vectors_does_not_overflow_on_the_way():
    x = np.array([[1e300, 1e300], [-1e300, 1e300]])
    m = similarity.dot_matrix(x)
    assert m[0, 1] == 0.0 and m[1, 0] == 0.0  # truly zero
    assert np.isposinf(m[0, 0])  # truly 2e600: beyond the float range
    assert similarity.dot(x[0], x[1]) == 0.0
    assert similarity.dot([3, 30], [15, 4]) == 165.0
    cache = similarity.SimilarityMatrix("dot")
    cache.recompute(x)
    assert cache.update_rows(x, [0])[0, 1] == 0.0
