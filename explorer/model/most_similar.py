"""The nearest vectors to a label or an expression (``king - man + woman``), as gensim finds them.

By cosine similarity this is gensim's ``most_similar(positive, negative)``: each
vector the expression names is made unit length first, weighted as the
expression weighs it (``king - man + woman``: +1, -1, +1; ``(a + b) / 2``:
+0.5, +0.5), and summed; every vector is ranked by its cosine with that sum; the
vectors named are left out of the answers. By dot product or Euclidean distance
the expression's own value is the query (vector arithmetic as written).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from explorer.model import similarity
from explorer.model.arithmetic import combination, evaluate_vector
from explorer.model.expressions import ExpressionError, Label, parse_expression, rename_labels

#: Unit vectors that sum to less than this (relative to their weights) cancel out: only rounding is left.
CANCELLED = 1e-9

#: The metrics a neighbour search offers, and whether a higher score is nearer.
METRICS = {"cosine": True, "dot": True, "euclidean": False}


@dataclass(frozen=True)
class Neighbours:
    """The answer to a neighbour search: the query as shown, its weights, and the nearest (label, score).

    ``rows`` are the rows of ``found``, in the same order (labels may repeat in a document).
    """

    query: str
    weights: dict[str, float]
    metric: str
    found: list[tuple[str, float]]
    rows: tuple[int, ...] = ()

    @property
    def is_label(self) -> bool:
        """True when the query was one label (no arithmetic)."""
        return list(self.weights.values()) == [1.0] and self.query == next(iter(self.weights))


def nearest(
    text: str,
    labels: Sequence[str],
    vectors: np.ndarray,
    k: int = 10,
    metric: str = "cosine",
    index: Mapping[str, int] | None = None,
    find: Callable[[str], int | None] | None = None,
    missing: Callable[[str], str] | None = None,
    norms: np.ndarray | None = None,
) -> Neighbours:
    """The ``k`` vectors nearest to the label or expression ``text`` among ``vectors`` (rows named by ``labels``).

    ``index`` maps label to row (built when None); ``find(label)`` may accept
    other spellings (GloVe's lower case); ``missing(label)`` says that a label
    is unknown; ``norms`` are the row lengths when known (a large float32 matrix).
    Raises ExpressionError with one sentence.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    if index is None:
        index = {}
        for row, label in enumerate(labels):
            index.setdefault(label, row)
    find = find or index.get
    missing = missing or (lambda name: f"there is no vector labelled '{name}'")

    def row_of(name: str) -> int:  # of a label the expression was checked to know
        row = find(name)
        if row is None:
            raise ExpressionError(missing(name))
        return row

    expression = parse_expression(text, index)
    if isinstance(expression.root, Label) and find(expression.root.name) is None:
        raise ExpressionError(missing(expression.root.name))
    typed = combination(expression, lambda name: find(name) is not None, missing)
    rows: dict[int, float] = {}
    for name, weight in typed.items():
        row = row_of(name)
        rows[row] = rows.get(row, 0.0) + weight
    canonical = {name: labels[row_of(name)] for name in typed}
    shown = rename_labels(str(expression), {n: c for n, c in canonical.items() if n != c}, index)
    weights = {labels[row]: weight for row, weight in rows.items()}
    if metric == "cosine":
        query = _unit_sum(rows, vectors, labels)
    else:
        query = evaluate_vector(expression, lambda name: np.asarray(vectors[row_of(name)], dtype=np.float64), missing)
    scores = _scores(vectors, query, metric, norms)
    found = _best(scores, set(rows), k, higher=METRICS[metric])
    return Neighbours(shown, weights, metric, [(labels[r], s) for r, s in found], tuple(r for r, _ in found))


def _unit_sum(rows: dict[int, float], vectors: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """sum of weight x vector / |vector|: the direction gensim's most_similar searches along."""
    total = np.zeros(vectors.shape[1], dtype=np.float64)
    for row, weight in rows.items():
        vector = np.asarray(vectors[row], dtype=np.float64)
        length = similarity.norm(vector)
        if length == 0:
            raise ExpressionError(
                f"'{labels[row]}' is a zero vector, which has no direction, so it cannot be made unit length "
                "for a search by cosine; use --metric dot or euclidean"
            )
        total += weight * (vector / length)
    if similarity.norm(total) <= CANCELLED * sum(abs(w) for w in rows.values()):
        raise ExpressionError(
            "the expression's unit vectors cancel out to the zero vector, which has no direction to search along"
        )
    return total


def _scores(vectors: np.ndarray, query: np.ndarray, metric: str, norms: np.ndarray | None) -> np.ndarray:
    """Every row's score against ``query``; NaN where it is undefined (a zero row's cosine)."""
    big = vectors.dtype == np.float32
    if metric == "cosine":
        unit = query / similarity.norm(query)
        if big:
            if norms is None:
                norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
            with np.errstate(divide="ignore", invalid="ignore"):
                result: np.ndarray = (vectors @ unit.astype(np.float32)) / norms
                return result
        rows = similarity.unit_vectors(np.asarray(vectors, dtype=np.float64), shorten=False)
        return np.clip(rows @ unit, -1.0, 1.0)
    if metric == "dot":
        if big:
            result = vectors @ query.astype(np.float32)
            return result
        values = np.asarray(vectors, dtype=np.float64)
        scale = max(float(np.max(np.abs(values), initial=0.0)), float(np.max(np.abs(query), initial=0.0)))
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            if scale == 0 or 1e-100 < scale < 1e100:
                result = values @ query
                return result
            return ((values / scale) @ (query / scale)) * scale * scale
    values = np.asarray(vectors, dtype=np.float32 if big else np.float64)
    difference = values - query.astype(values.dtype)
    return similarity.norms(difference) if not big else np.sqrt(np.einsum("ij,ij->i", difference, difference))


def _best(scores: np.ndarray, left_out: set[int], k: int, higher: bool) -> list[tuple[int, float]]:
    """The ``k`` best rows (highest or lowest score), ties in row order; left-out and NaN rows never."""
    ranked = np.where(np.isnan(scores), -np.inf, scores if higher else -scores).astype(np.float64)
    if left_out:
        ranked[sorted(left_out)] = -np.inf
    available = int(np.count_nonzero(ranked > -np.inf))
    k = max(0, min(int(k), available))
    if k == 0:
        return []
    kth = -np.partition(-ranked, k - 1)[k - 1]
    top = np.flatnonzero(ranked >= kth)  # every row that ties with the k-th, in row order
    top = top[np.argsort(-ranked[top], kind="stable")][:k]
    return [(int(r), float(scores[r])) for r in top]
