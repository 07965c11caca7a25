"""Vectors with no dimensions are zero vectors: their cosine and angle are undefined, never 0 or 90."""

import numpy as np

from explorer.model import similarity


def test_cosine_and_angle_of_dimensionless_vectors_are_undefined():
    values = np.zeros((3, 0))
    assert np.isnan(similarity.cosine_matrix(values)).all()
    assert np.isnan(similarity.angle_matrix(values)).all()
    kept = similarity.SimilarityMatrix("cosine")
    assert np.isnan(kept.recompute(values)).all()
    assert (similarity.dot_matrix(values) == 0).all()
