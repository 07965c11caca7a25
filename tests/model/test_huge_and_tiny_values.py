"""Huge and tiny values (1e308, 1e-300) in the model: lengths, distances, clustering, neighbours, PCA.

These are regressions found by the window's random-action test (tests/qt/test_random_actions.py).

Each case is the smallest input that failed; they run with warnings as errors,
so an overflow warning in a listener is a failure, as it is in the window.
"""

from __future__ import annotations

import numpy as np

from explorer.model.ordering import clustered_order
from explorer.model.similarity import similarity_matrix

HUGE = np.array([[1.7e308, 3.0], [-1e308, 42.0], [1e-308, 1e-308], [3.0, 30.0], [0.353, -2.5], [7.5, 2.0]])


def test_clustering_scores_of_huge_and_tiny_vectors_gives_an_order():
    """Was: ValueError "Linkage 'Z' contains excessive observations in a cluster" and overflow in add."""
    for metric in ("cosine", "dot", "euclidean", "angle"):
        with np.errstate(over="ignore", invalid="ignore"):
            scores = similarity_matrix(HUGE, metric)
        order = clustered_order(scores, metric)
        assert sorted(order.tolist()) == list(range(len(HUGE))), metric


def test_lengths_and_distances_beyond_float64_are_inf_without_a_warning():
    """Was: 'overflow encountered in multiply' from norms and the Euclidean matrix, raised in the heatmap."""
    from explorer.model.similarity import euclidean, norms

    assert norms(np.array([[1.7e308, 1.7e308], [1e300, 0.0]])).tolist() == [np.inf, 1e300]
    assert euclidean([1e308, 0.0], [-1e308, 0.0]) == np.inf
    assert abs(euclidean([1.7e308, 0.0], [1e308, 0.0]) - 7e307) <= 1e-15 * 7e307
    matrix = similarity_matrix(HUGE, "euclidean")
    assert matrix[0, 1] == np.inf and matrix[3, 3] == 0.0


def test_the_nearest_vectors_of_huge_and_tiny_vectors_are_found_without_overflow():
    """Was: 'overflow encountered in cast' (1e308 has no float32) and a 1e308 vector called a zero vector."""
    from explorer.model.neighbours import NeighbourSearch
    from explorer.model.similarity import score

    search = NeighbourSearch(HUGE)
    for metric in ("cosine", "angle", "dot", "euclidean"):
        for row in range(len(HUGE)):
            found = search.nearest(row, k=len(HUGE) - 1, metric=metric)
            others = [r for r in range(len(HUGE)) if r != row]
            if metric in ("cosine", "angle"):
                others = [r for r in others if HUGE[r].any()]
            assert sorted(n.row for n in found) == others, (metric, row)
            assert [n.score for n in found] == [score(HUGE[n.row], HUGE[row], metric) for n in found]
    assert search.nearest(0, k=1, metric="cosine")[0].row == 5  # 1.7e308 points along [1, 0], as E nearly does


def test_pca_of_huge_vectors_has_directions_and_no_overflow_warning():
    """Was: 'overflow encountered in reduce' (the mean of 1e308s) and in matmul, raised in the plot."""
    from explorer.model.projection import pca

    vectors = np.array([[1.7e308, 1.0], [1.7e308, 2.0], [-1e308, 3.0], [1e-308, 0.0]])  # the mean overflows
    projection = pca(vectors)
    assert np.isfinite(projection.components).all() and sum(projection.explained) <= 1.0 + 1e-12
    assert projection.coordinates.shape == (4, 2)
    assert abs(projection.coordinates[0, 0]) > 1e308  # 1.7e308 along the first direction
    lesson = pca(np.array([[3.0, 30.0], [15.0, 4.0], [3.0, 27.0]]))
    assert np.allclose(np.linalg.norm(lesson.coordinates, axis=1), [np.hypot(3, 30), np.hypot(15, 4), np.hypot(3, 27)])


def test_the_length_column_of_huge_vectors_is_their_length():
    """Was: np.linalg.norm squared 1e300 to inf ('overflow encountered in multiply'); |v| of [1e300, 0] is 1e300."""
    from explorer.model.columns import available_columns
    from explorer.model.table import VectorTable

    table = VectorTable(["big", "lesson"], ["x", "y"], [[1e300, 0.0], [3.0, 4.0]])
    length = next(c for c in available_columns(table) if c.name == "|v|")
    assert list(length.values) == [1e300, 5.0]


def test_distances_between_vectors_of_1e308_in_several_dimensions_are_inf_without_a_warning():
    """Was: 'overflow encountered in multiply' in the Euclidean matrix's blocks (the heatmap's listener)."""
    x = np.array([[3.0, 42.0, 1e308, -1e308], [0.0, 16.0, -1e308, 1e300], [0.0, 2.4, 1.7e308, 1.7e308]])
    matrix = similarity_matrix(x, "euclidean")
    assert matrix[0, 1] == np.inf and matrix[1, 2] == np.inf and np.all(np.diag(matrix) == 0)
