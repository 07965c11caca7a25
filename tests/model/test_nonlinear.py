"""t-SNE: seeded, reproducible, with progress, partial positions and Cancel; clusters stay together."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model.nonlinear import ProjectionUnavailable, project, run_tsne, run_umap, umap_available
from explorer.model.progress import Cancelled, Progress


def blobs(n_per: int = 50, centres: int = 3, d: int = 10, seed: int = 0):
    rng = np.random.default_rng(seed)
    middles = rng.normal(scale=10.0, size=(centres, d))
    x = np.concatenate([m + rng.normal(size=(n_per, d)) for m in middles])
    return x, np.repeat(np.arange(centres), n_per)


def purity(coordinates: np.ndarray, labels: np.ndarray, k: int = 10) -> float:
    """The share of each point's k nearest (in 2-D) that belong to its own cluster."""
    d = ((coordinates[:, None, :] - coordinates[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d, np.inf)
    nearest = np.argsort(d, axis=1)[:, :k]
    return float(np.mean(labels[nearest] == labels[:, None]))


def test_tsne_keeps_clusters_apart_reports_progress_and_is_reproducible():
    x, labels = blobs()
    reports, partials = [], []
    progress = Progress(lambda done, total: reports.append((done, total)), partials.append)
    stored = project("tsne", x, seed=3, progress=progress)
    assert purity(stored.coordinates, labels) >= 0.95
    assert reports[0] == (0, 750) and reports[-1] == (750, 750)
    assert len(partials) == 75 and partials[-1].shape == (150, 2)  # the points move as it runs
    again = run_tsne(x, seed=3)
    assert np.array_equal(again, stored.coordinates)
    assert stored.seed == 3 and stored.rows is None and stored.parameters["perplexity"] == 30


def test_tsne_stops_when_cancelled():
    x, _ = blobs(n_per=10)
    progress = Progress()
    seen = []

    def report(done, total):
        seen.append(done)
        if done >= 50:
            progress.cancel()

    progress._report = report
    with pytest.raises(Cancelled):
        run_tsne(x, progress=progress)
    assert max(seen) < 750


def test_too_few_vectors_get_a_sentence():
    with pytest.raises(ProjectionUnavailable, match="at least 5 vectors; there are 3"):
        run_tsne(np.ones((3, 2)))


def test_a_subset_remembers_which_rows_it_covers():
    x, _ = blobs(n_per=4)
    stored = project("tsne", x, rows=range(0, 12, 2))
    assert stored.rows == (0, 2, 4, 6, 8, 10) and stored.coordinates.shape == (6, 2)


@pytest.mark.skipif(umap_available(), reason="umap-learn is installed")
def test_umap_without_the_extra_says_how_to_install_it():
    with pytest.raises(ProjectionUnavailable, match=r"pip install 'vector-explorer\[umap\]'"):
        run_umap(np.ones((10, 3)))
