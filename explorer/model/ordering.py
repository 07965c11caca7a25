"""The order in which a heatmap shows its vectors: as in the table, by label, or clustered.

An order is a permutation of table rows: ``order[i]`` is the table row shown
at position ``i``. It changes the picture, never the data. The clustered
order is hierarchical clustering (average linkage) with optimal leaf
ordering, so that similar vectors sit next to each other and neighbouring
leaves are as alike as possible. Undefined scores (a zero vector's cosine or
angle) count as the largest distance, so zero vectors end up together at one
end instead of breaking the clustering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

ORDERS = ("original", "label", "clustered")

#: How each order is named for people.
ORDER_NAMES = {
    "original": "as in the table",
    "label": "by label",
    "clustered": "clustered",
}

#: Above this many vectors the clustered order skips the optimal leaf
#: ordering step (its cost grows much faster than the clustering itself).
OPTIMAL_LEAF_LIMIT = 600
#: The linkage method of the clustered order (scipy's name; seaborn's clustermap uses it too).
METHOD = "average"

_DIGITS = re.compile(r"(\d+)")


def check_order(order: str) -> str:
    """Return ``order`` if known, else raise ValueError listing the choices."""
    if order not in ORDERS:
        raise ValueError(f"unknown order '{order}'; choose one of {', '.join(ORDERS)}")
    return order


def natural_key(label: str) -> list[tuple[int, int, str]]:
    """Sort key that puts 'v2' before 'v10' and ignores case."""
    parts = _DIGITS.split(label.casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != ""]


def label_order(labels: Sequence[str]) -> np.ndarray:
    """Rows sorted by label, naturally ('v2' before 'v10'), case-insensitive."""
    return np.array(sorted(range(len(labels)), key=lambda i: (natural_key(labels[i]), labels[i])), dtype=np.intp)


def distances(scores: np.ndarray, metric: str) -> np.ndarray:
    """A symmetric distance matrix (zero diagonal) from a score matrix.

    Similarities (cosine, dot) become ``largest - score``; distances
    (Euclidean, angle) stay. Dot products and distances are first scaled by
    their largest magnitude (the clustering does not change with the scale),
    so scores of ±1.7e308 give finite distances. Undefined or infinite
    entries become the largest finite distance plus one, so they separate but
    do not dominate.
    """
    s = np.asarray(scores, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if metric != "cosine":
            finite = np.abs(s[np.isfinite(s)])
            largest = float(finite.max()) if finite.size else 0.0
            if largest > 0:
                s = s / largest
        if metric == "cosine":
            d = 1.0 - s  # 0 (same direction) .. 2 (opposite)
        elif metric == "dot":
            finite = s[np.isfinite(s)]
            d = (float(finite.max()) if finite.size else 0.0) - s
        else:
            d = s.copy()
    bad = ~np.isfinite(d)
    finite = d[~bad]
    worst = (float(finite.max()) if finite.size else 0.0) + 1.0
    d[bad] = worst
    # Vectors with no defined score at all (zero vectors) are alike: keep them together.
    lost = np.isnan(s).sum(axis=1) >= len(s) - 1 if len(s) > 1 else np.zeros(len(s), bool)
    d[np.ix_(lost, lost)] = 0.0
    d = np.maximum(d, 0.0)
    d = d / 2.0 + d.T / 2.0
    np.fill_diagonal(d, 0.0)
    return d


@dataclass(frozen=True)
class Clustering:
    """A clustered order and the tree it comes from.

    ``tree`` is scipy's linkage matrix (``n - 1`` merges: the two clusters
    merged, their distance, the size), after optimal leaf ordering when that
    was done; ``order`` is its leaf order. ``tree`` is None when there is no
    tree worth drawing (fewer than two vectors, or all of them alike).
    """

    order: np.ndarray
    tree: np.ndarray | None
    method: str = METHOD
    optimal: bool = False


def cluster(scores: np.ndarray, metric: str, progress: Callable[[int, int], object] | None = None) -> Clustering:
    """Average-linkage clustering of ``scores`` with optimal leaf ordering (up to
    :data:`OPTIMAL_LEAF_LIMIT` vectors): the leaf order, and the tree for a dendrogram.

    ``progress`` (see :mod:`explorer.model.progress`) is told before each step,
    and may stop the work there.
    """
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    n = len(scores)
    if n < 2:
        return Clustering(np.arange(n, dtype=np.intp), None)
    if progress is not None:
        progress(0, 3)
    condensed = squareform(distances(scores, metric), checks=False)
    if not condensed.any():
        return Clustering(np.arange(n, dtype=np.intp), None)
    if progress is not None:
        progress(1, 3)
    tree = hierarchy.linkage(condensed, method=METHOD)
    optimal = n <= OPTIMAL_LEAF_LIMIT
    if optimal and n > 2:
        if progress is not None:
            progress(2, 3)
        tree = hierarchy.optimal_leaf_ordering(tree, condensed)
    order = np.asarray(hierarchy.leaves_list(tree), dtype=np.intp)
    if progress is not None:
        progress(3, 3)
    return Clustering(order, tree, METHOD, optimal)


def clustered_order(scores: np.ndarray, metric: str) -> np.ndarray:
    """Rows in the leaf order of average-linkage clustering of ``scores`` (see :func:`cluster`)."""
    return cluster(scores, metric).order


@dataclass(frozen=True)
class DendrogramLines:
    """The dendrogram of a tree as lines, in the heatmap's cell units.

    Leaf ``i`` (a table row) sits at ``leaf_position[i]``: its cell's centre
    along the edge (0.5 for the first cell shown). Merge ``k`` is drawn as a
    bracket of three lines through the points ``x[k]`` (positions along the
    edge) and ``height[k]`` (the merge's distance, 0 at the leaves).
    """

    leaf_position: np.ndarray
    x: np.ndarray  # (merges, 4)
    height: np.ndarray  # (merges, 4)
    top: float  # the largest height (the root)

    @property
    def leaves(self) -> np.ndarray:
        """The leaves (table rows) in the order the dendrogram draws them, first to last."""
        return np.argsort(self.leaf_position, kind="stable")


def dendrogram_lines(tree: np.ndarray, order: np.ndarray) -> DendrogramLines:
    """Brackets of ``tree`` with its leaves at the cells of ``order`` (the order shown)."""
    tree = np.asarray(tree, dtype=np.float64)
    n = len(tree) + 1
    position = np.empty(2 * n - 1)
    position[np.asarray(order, dtype=np.intp)] = np.arange(n) + 0.5
    height = np.zeros(2 * n - 1)
    x = np.empty((n - 1, 4))
    h = np.empty((n - 1, 4))
    for k, (a, b, distance, _size) in enumerate(tree.tolist()):
        a, b = int(a), int(b)
        position[n + k] = (position[a] + position[b]) / 2
        height[n + k] = distance
        x[k] = (position[a], position[a], position[b], position[b])
        h[k] = (height[a], distance, distance, height[b])
    return DendrogramLines(position[:n].copy(), x, h, float(height.max()) if n > 1 else 0.0)


def order_rows(how: str, labels: Sequence[str], scores: np.ndarray, metric: str) -> np.ndarray:
    """The permutation for order ``how`` ('original', 'label' or 'clustered')."""
    check_order(how)
    if how == "label":
        return label_order(labels)
    if how == "clustered":
        return clustered_order(scores, metric)
    return np.arange(len(labels), dtype=np.intp)
