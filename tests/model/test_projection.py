"""The PCA projection of the plot: linear (the origin stays), and true to vectors that span fewer than
two directions of spread."""

import numpy as np
import pytest

from explorer.model.projection import pca


def test_a_single_vector_keeps_its_length():
    projection = pca(np.array([[1.0, 2.0, 2.0]]))
    assert np.linalg.norm(projection.coordinates[0]) == pytest.approx(3.0)


def test_two_vectors_keep_what_they_share():
    # They differ only along the first dimension; both have 1 in the second. The plot must keep that 1.
    projection = pca(np.array([[0.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0]]))
    assert np.linalg.norm(projection.coordinates, axis=1) == pytest.approx([1.0, np.sqrt(2.0)])
    assert projection.explained == pytest.approx((1.0, 0.0))


def test_identical_vectors_keep_their_length():
    projection = pca(np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]))
    assert np.linalg.norm(projection.coordinates, axis=1) == pytest.approx([np.sqrt(3.0)] * 2)


def test_vectors_spread_in_a_plane_project_exactly():
    rng = np.random.default_rng(3)
    plane = rng.standard_normal((2, 6))
    x = rng.standard_normal((20, 2)) @ plane
    projection = pca(x)
    assert sum(projection.explained) == pytest.approx(1.0)
    assert np.linalg.norm(projection.coordinates, axis=1) == pytest.approx(np.linalg.norm(x, axis=1))
