"""Dot products and distances exact to rounding at any magnitude; a true overflow is shown as overflow.

A vector of -1e200 in the table used to scale every pair by the table's
largest value: A·A printed 0 instead of 909 and A·B 0 instead of 165.
"""

import math
from fractions import Fraction

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.model import similarity
from explorer.model.similarity import SimilarityMatrix, dot_matrix, euclidean_matrix

EPS = np.finfo(np.float64).eps
HUGE = [[3.0, 30.0], [15.0, 4.0], [-1e200, 5.0]]
TINY = [[3e-200, 30e-200], [15e-200, 4e-200], [1.0, 1.0]]


def test_the_lesson_numbers_survive_a_huge_vector_in_the_table():
    m = dot_matrix(np.array(HUGE))
    assert (m[0, 0], m[0, 1], m[1, 1]) == (909.0, 165.0, 241.0)
    assert m[0, 2] == float(Fraction(3) * Fraction(-1e200) + 150)  # correctly rounded
    assert m[1, 2] == float(Fraction(15) * Fraction(-1e200) + 20)
    assert m[2, 2] == math.inf  # 1e400 is beyond float64: an overflow, never 0
    d = euclidean_matrix(np.array(HUGE))
    assert math.isclose(d[0, 1], math.sqrt(820), rel_tol=1e-15)  # |A - B| = 28.64
    assert d[0, 2] == 1e200


def test_tiny_vectors_keep_their_own_scores_beside_ordinary_ones():
    m = dot_matrix(np.array(TINY))
    assert m[0, 1] == 0.0  # 1.65e-398 is below the smallest float64: it rounds to 0
    assert math.isclose(m[0, 2], 3.3e-199, rel_tol=1e-15)
    d = euclidean_matrix(np.array(TINY))
    assert math.isclose(d[0, 1], math.sqrt(820) * 1e-200, rel_tol=1e-14)
    assert math.isclose(d[0, 2], math.sqrt(2), rel_tol=1e-15)


def test_a_true_overflow_is_inf_with_its_sign():
    m = dot_matrix(np.array([[1e200, 1e200], [-1e200, -1e200], [1.0, 2.0]]))
    assert m[0, 0] == math.inf and m[0, 1] == -math.inf and m[2, 2] == 5.0
    assert similarity.dot([1e200, 1e200], [-1e200, -1e200]) == -math.inf


def test_one_row_update_gives_the_full_matrix_at_every_magnitude():
    x = np.array([*HUGE, [7.5, 75.0], [1e-300, 2e-300]])
    for metric in ("dot", "euclidean"):
        cache = SimilarityMatrix(metric)
        cache.recompute(np.array([[1.0, 1.0]] * len(x)))
        for row in range(len(x)):
            changed = np.array([[1.0, 1.0]] * len(x))
            changed[: row + 1] = x[: row + 1]
            cache.update_rows(changed, [row])
        full = similarity.similarity_matrix(x, metric)
        # The same scores to rounding (a one-row product may round its last bit differently).
        assert np.allclose(cache.matrix, full, rtol=4 * EPS, atol=0), metric
        assert cache.matrix[0, 1] == 165.0 if metric == "dot" else math.isclose(cache.matrix[0, 1], math.sqrt(820))


def _exact_dot(a, b) -> Fraction:
    return sum((Fraction(p) * Fraction(q) for p, q in zip(a, b)), Fraction(0))


magnitudes = st.integers(-300, 300)
mantissas = st.lists(st.floats(-1, 1, allow_nan=False), min_size=3, max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(magnitudes, mantissas), min_size=2, max_size=4))
def test_dot_products_are_exact_to_rounding_at_any_magnitude(rows):
    x = np.array([[m * 10.0**k for m in mantissa] for k, mantissa in rows])
    assume(np.isfinite(x).all())
    m = dot_matrix(x)
    big = Fraction(np.finfo(np.float64).max)
    for i in range(len(x)):
        for j in range(len(x)):
            exact = _exact_dot(x[i], x[j])
            scale = sum(abs(Fraction(p) * Fraction(q)) for p, q in zip(x[i], x[j]))
            if abs(exact) > big * (1 + 4 * Fraction(EPS)):
                assert m[i, j] == (math.inf if exact > 0 else -math.inf), (i, j)
                continue
            error = abs(Fraction(m[i, j]) - exact) if math.isfinite(m[i, j]) else big
            # Within the rounding of a sum of three products; and a value more than 2**1074 times
            # smaller than the largest of its own vector counts as zero beside it.
            below = 3 * Fraction(2.0**-1074) * _largest(x[i]) * _largest(x[j]) * 4
            assert error <= 4 * Fraction(EPS) * scale + below + Fraction(2.0**-1074), (i, j)


def _largest(row) -> Fraction:
    return max(abs(Fraction(v)) for v in row)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(magnitudes, mantissas), min_size=2, max_size=4))
def test_distances_are_exact_to_rounding_at_any_magnitude(rows):
    x = np.array([[m * 10.0**k for m in mantissa] for k, mantissa in rows])
    assume(np.isfinite(x).all())
    d = euclidean_matrix(x)
    for i in range(len(x)):
        for j in range(len(x)):
            # The gram form is used down to a cancellation of 1e-4 (beyond it the difference itself),
            # which keeps about 11 digits; the magnitudes of the vectors never cost any.
            assert math.isclose(d[i, j], _exact_distance(x[i], x[j]), rel_tol=2e-11, abs_tol=2.0**-1070), (i, j)


def _exact_distance(a, b) -> float:
    diff = [Fraction(p) - Fraction(q) for p, q in zip(a, b)]
    largest = max(abs(t) for t in diff)
    if largest == 0:
        return 0.0
    if largest > Fraction(np.finfo(np.float64).max):
        return math.inf
    # sqrt(sum t^2) = largest * sqrt(sum (t / largest)^2), the root of a number between 1 and 3.
    return float(largest) * math.sqrt(float(sum((t / largest) ** 2 for t in diff)))
