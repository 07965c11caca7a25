"""t-SNE and UMAP: 2-D maps of many dimensions that keep neighbourhoods, not distances.

Both run on every vector they are given (no silent sampling), seeded so that
the same vectors and seed give the same picture, and report progress through
:class:`~explorer.model.progress.Progress`: t-SNE hands over its positions
every few iterations (``progress.partial``), so the points move as the
optimisation runs. openTSNE is imported only when t-SNE runs; umap-learn is an
optional extra (``explorer[umap]``) imported only when UMAP runs.
"""

from __future__ import annotations

import importlib.util
import math
import time
import warnings
from collections.abc import Sequence

import numpy as np

from explorer.model.progress import NO_PROGRESS, Progress
from explorer.model.projection_store import StoredProjection, fingerprint

#: The methods and their names in the window.
METHOD_NAMES = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}
#: The sentence shown when UMAP is asked for but not installed.
UMAP_HINT = "UMAP is an optional extra; install it with: pip install 'vector-explorer[umap]'"
#: openTSNE's default schedule: early exaggeration, then the main optimisation.
TSNE_EARLY, TSNE_MAIN = 250, 500
#: How often (iterations) t-SNE reports progress and hands over its positions.
TSNE_REPORT_EVERY = 10
#: The fewest vectors a t-SNE or UMAP map is made of.
MINIMUM_VECTORS = 5
#: Runs estimated to take longer than this (seconds) are announced before they start.
LONG_RUN_SECONDS = 20.0


class ProjectionUnavailable(RuntimeError):
    """The method cannot run here (not installed, too few vectors); ``str`` is the sentence to show."""


def umap_available() -> bool:
    """True when umap-learn can be imported."""
    return importlib.util.find_spec("umap") is not None


def estimate_seconds(method: str, n: int, d: int) -> float:
    """About how long ``method`` takes on ``n`` vectors of ``d`` dimensions here (measured on 2 cores:
    openTSNE fits 10,000 x 50 in 40-56 s and 50,000 in ~160 s; UMAP spends ~25 s compiling first)."""
    if method == "tsne":
        return float(0.045 * n**0.75 * (0.8 + 0.2 * d / 50))
    if method == "umap":
        return 25.0 + n / 2500
    return n * d / 2e8


def tsne_perplexity(n: int) -> float:
    """openTSNE's default perplexity (30), lowered for few vectors (it must stay below n / 3)."""
    return float(min(30.0, max(1.0, (n - 1) / 3.0)))


def run_tsne(values: np.ndarray, seed: int = 0, progress: Progress = NO_PROGRESS) -> np.ndarray:
    """The t-SNE map (N x 2) of every row of ``values``, seeded; positions go to ``progress.partial``."""
    x = _checked(values, "t-SNE")
    from openTSNE import TSNE  # imported here: it costs start-up time and is only needed now

    total = TSNE_EARLY + TSNE_MAIN
    done = 0

    def report(iteration: int, error: float, embedding: np.ndarray) -> None:
        nonlocal done
        done = min(total, done + TSNE_REPORT_EVERY)
        progress(done, total)
        progress.partial(np.array(embedding, dtype=np.float64))

    progress(0, total)
    tsne = TSNE(
        perplexity=tsne_perplexity(len(x)),
        random_state=int(seed),
        n_jobs=1,  # one thread: the same seed gives the same picture, and the window stays responsive
        callbacks=report,
        callbacks_every_iters=TSNE_REPORT_EVERY,
    )
    embedding = tsne.fit(x)
    return np.array(embedding, dtype=np.float64)


def run_umap(values: np.ndarray, seed: int = 0, progress: Progress = NO_PROGRESS) -> np.ndarray:
    """The UMAP map (N x 2) of every row of ``values``, seeded (umap-learn reports no steps between)."""
    x = _checked(values, "UMAP")
    if not umap_available():
        raise ProjectionUnavailable(UMAP_HINT)
    progress(0, 2)
    import umap  # the optional extra; compiling it takes tens of seconds in a new process

    progress(1, 2)
    reducer = umap.UMAP(n_components=2, random_state=int(seed), n_neighbors=min(15, len(x) - 1))
    with warnings.catch_warnings():
        # A seed makes umap-learn run on one thread, and it says so on every run: not the user's concern.
        warnings.filterwarnings("ignore", message="n_jobs value", category=UserWarning)
        embedding = reducer.fit_transform(x)
    progress(2, 2)
    return np.array(embedding, dtype=np.float64)


def project(
    method: str,
    values: np.ndarray,
    seed: int = 0,
    rows: Sequence[int] | None = None,
    progress: Progress = NO_PROGRESS,
) -> StoredProjection:
    """Run ``method`` ("tsne" or "umap") on ``values`` (or its ``rows``) and keep what it was computed from."""
    chosen = values if rows is None else np.asarray(values)[np.asarray(rows, dtype=np.int64)]
    run = {"tsne": run_tsne, "umap": run_umap}.get(method)
    if run is None:
        raise ValueError(f"'{method}' is not a stored projection; choose tsne or umap")
    start = time.perf_counter()
    coordinates = run(chosen, seed, progress)
    parameters: dict[str, float | str] = {"seconds": round(time.perf_counter() - start, 2)}
    if method == "tsne":
        parameters["perplexity"] = tsne_perplexity(len(chosen))
    return StoredProjection(
        method,
        int(seed),
        fingerprint(values, None if rows is None else list(rows)),
        coordinates,
        None if rows is None else tuple(int(r) for r in rows),
        parameters,
    )


def _checked(values: np.ndarray, name: str) -> np.ndarray:
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < MINIMUM_VECTORS:
        count = x.shape[0] if x.ndim == 2 else 0
        raise ProjectionUnavailable(f"{name} needs at least {MINIMUM_VECTORS} vectors; there are {count}")
    if x.shape[1] == 0:
        raise ProjectionUnavailable(f"{name} needs vectors with at least one dimension")
    return x


def describe_seconds(seconds: float) -> str:
    """'about 40 s', 'about 3 min' — a rough duration for a question."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    return f"about {math.ceil(seconds / 60)} min"
