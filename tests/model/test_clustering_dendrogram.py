"""The clustered order is scipy's optimal leaf ordering, and the dendrogram is drawn from that very tree."""

import numpy as np
import pytest
from scipy.cluster import hierarchy
from scipy.spatial.distance import pdist

from explorer.model import ordering, similarity
from explorer.model.builtin import materials
from explorer.model.heatmap import heatmap_scores


def clustered_vectors(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(5, 20))
    return centres[rng.integers(0, 5, n)] + 0.5 * rng.normal(size=(n, 20))


@pytest.mark.parametrize("n", [3, 5, 50, 300])
def test_the_order_is_scipys_optimal_leaf_ordering_of_the_same_method(n):
    x = clustered_vectors(n, seed=n)
    # scipy from the vectors themselves: average linkage on cosine distance, optimal leaf ordering.
    tree = hierarchy.linkage(x, method="average", metric="cosine", optimal_ordering=True)
    expected = hierarchy.leaves_list(tree)
    clustering = ordering.cluster(similarity.cosine_matrix(x), "cosine")
    assert clustering.method == "average" and clustering.optimal
    assert np.array_equal(clustering.order, expected)
    # The Euclidean metric clusters the distances themselves.
    tree = hierarchy.linkage(pdist(x), method="average", optimal_ordering=True)
    euclidean = ordering.cluster(similarity.euclidean_matrix(x), "euclidean")
    assert np.array_equal(euclidean.order, hierarchy.leaves_list(tree))


@pytest.mark.parametrize("n", [2, 5, 50, 300])
def test_the_dendrograms_leaves_are_the_cells_order(n):
    x = clustered_vectors(n, seed=n + 1)
    clustering = ordering.cluster(similarity.cosine_matrix(x), "cosine")
    lines = ordering.dendrogram_lines(clustering.tree, clustering.order)
    assert np.array_equal(lines.leaves, clustering.order)
    assert np.array_equal(lines.leaves, hierarchy.dendrogram(clustering.tree, no_plot=True)["leaves"])
    # Every bracket stands on its two children; the root is the highest merge.
    assert lines.x.shape == (n - 1, 4) and lines.top == pytest.approx(clustering.tree[:, 2].max())
    assert (lines.height[:, 1] >= lines.height[:, 0]).all() and (lines.height[:, 2] >= lines.height[:, 3]).all()


def test_the_lessons_clusters():
    scores = heatmap_scores(materials(), order="clustered", dendrogram=True)
    shown = scores.display_labels()
    # B and E point the same way, so do A and D (C nearly): each pair sits side by side.
    assert abs(shown.index("B") - shown.index("E")) == 1 and abs(shown.index("A") - shown.index("D")) == 1
    assert scores.shows_dendrogram
    assert not heatmap_scores(materials(), order="label", dendrogram=True).shows_dendrogram


@pytest.mark.parametrize(
    "values, metric",
    [
        ([[1.7e308, 0], [-1.7e308, 0], [0, 1.7e308], [1, 1]], "euclidean"),
        ([[1.7e308, 0], [-1.7e308, 0], [0, 1.7e308], [1, 1]], "dot"),
        ([[2.0**27, 0], [2.0**27, 0], [2.0**27, 0]], "dot"),  # equal scores of 2^54
        ([[1e-300, 0], [0, 1e-300], [1e-300, 1e-300]], "angle"),
    ],
)
def test_clustering_takes_any_finite_values(values, metric):
    """Issue 9: scipy's linkage refused the infinite distances that ±1.7e308 gave."""
    with np.errstate(over="ignore"):  # |A - B| of ±1.7e308 is beyond float64: infinite, as it should be
        scores = similarity.similarity_matrix(np.array(values, float), metric)
    clustering = ordering.cluster(scores, metric)
    assert sorted(clustering.order.tolist()) == list(range(len(values)))
    distances = ordering.distances(scores, metric)
    assert np.isfinite(distances).all() and (distances >= 0).all()
