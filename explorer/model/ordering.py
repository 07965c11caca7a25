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
from collections.abc import Sequence

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

_DIGITS = re.compile(r"(\d+)")


def check_order(order: str) -> str:
    """Return ``order`` if known, else raise ValueError listing the choices."""
    if order not in ORDERS:
        raise ValueError(f"unknown order '{order}'; choose one of {', '.join(ORDERS)}")
    return order


def natural_key(label: str):
    """Sort key that puts 'v2' before 'v10' and ignores case."""
    parts = _DIGITS.split(label.casefold())
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != ""]


def label_order(labels: Sequence[str]) -> np.ndarray:
    """Rows sorted by label, naturally ('v2' before 'v10'), case-insensitive."""
    return np.array(sorted(range(len(labels)), key=lambda i: (natural_key(labels[i]), labels[i])), dtype=np.intp)


def distances(scores: np.ndarray, metric: str) -> np.ndarray:
    """A symmetric distance matrix (zero diagonal) from a score matrix.

    Similarities (cosine, dot) become ``largest - score``; distances
    (Euclidean, angle) stay. Undefined or infinite entries become the
    largest finite distance plus one, so they separate but do not dominate.
    """
    s = np.asarray(scores, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
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
    d = (d + d.T) / 2.0
    np.fill_diagonal(d, 0.0)
    return d


def clustered_order(scores: np.ndarray, metric: str) -> np.ndarray:
    """Rows in the leaf order of average-linkage clustering of ``scores``.

    Uses optimal leaf ordering up to :data:`OPTIMAL_LEAF_LIMIT` vectors.
    """
    from scipy.cluster import hierarchy
    from scipy.spatial.distance import squareform

    n = len(scores)
    if n < 3:
        return np.arange(n, dtype=np.intp)
    condensed = squareform(distances(scores, metric), checks=False)
    if not condensed.any():
        return np.arange(n, dtype=np.intp)
    tree = hierarchy.linkage(condensed, method="average")
    if n <= OPTIMAL_LEAF_LIMIT:
        tree = hierarchy.optimal_leaf_ordering(tree, condensed)
    return np.asarray(hierarchy.leaves_list(tree), dtype=np.intp)


def order_rows(how: str, labels: Sequence[str], scores: np.ndarray, metric: str) -> np.ndarray:
    """The permutation for order ``how`` ('original', 'label' or 'clustered')."""
    check_order(how)
    if how == "label":
        return label_order(labels)
    if how == "clustered":
        return clustered_order(scores, metric)
    return np.arange(len(labels), dtype=np.intp)
