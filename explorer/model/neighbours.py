"""The nearest vectors of one vector, over the whole document, in the original space.

Brute force over every vector with the metric the window scores with (cosine,
angle, dot product or Euclidean distance): one float32 matrix-vector product
and a partial sort, a few milliseconds for 400,000 x 50. The k found are then
scored again in float64 so that the numbers shown agree with the heatmap's.
A search keeps float32 copies (unit rows for cosine and angle, squared
lengths for distance) until the vectors change; a change to a few vectors
updates their rows only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explorer.model.similarity import METRICS


@dataclass(frozen=True)
class Neighbour:
    """One neighbour: its row and its score with the query (higher is nearer, except for distance and angle)."""

    row: int
    score: float


class NeighbourSearch:
    """k nearest vectors of a row of an N x D array, by metric; brute force, cached until the values change."""

    def __init__(self, values: np.ndarray | None = None):
        self._values = np.zeros((0, 0))
        self._units: np.ndarray | None = None
        self._zero = np.zeros(0, dtype=np.int64)  # rows of zero vectors (no direction)
        self._rows32: np.ndarray | None = None
        self._scale = 1.0  # the float32 rows are the values divided by this (1e308 has no float32)
        self._squares: np.ndarray | None = None
        if values is not None:
            self.set_values(values)

    def set_values(self, values: np.ndarray) -> None:
        """Search these vectors (not copied; the caches are rebuilt when next needed)."""
        self._values = np.asarray(values)
        self._units = self._rows32 = self._squares = None

    def update_rows(self, values: np.ndarray, rows: Sequence[int]) -> None:
        """A few vectors changed: refresh their rows in the caches instead of rebuilding them."""
        self._values = np.asarray(values)
        rows = list(rows)
        changed = np.asarray(self._values[rows], dtype=np.float64)
        fits = not changed.size or float(np.max(np.abs(changed))) <= self._scale
        if self._rows32 is not None and self._rows32.shape == self._values.shape and fits:
            self._rows32[rows] = changed / self._scale
        else:
            self._rows32 = None
        if self._units is not None and self._units.shape == self._values.shape:
            self._units[rows] = _unit(self._values[rows])
            self._zero = np.flatnonzero(~self._units.any(axis=1))
        else:
            self._units = None
        self._squares = None if self._squares is None or self._rows32 is None else _squares(self._rows32)

    def nearest(self, row: int, k: int = 10, metric: str = "cosine") -> list[Neighbour]:
        """The ``k`` vectors nearest to vector ``row``, nearest first, leaving out ``row`` itself.

        Cosine and angle leave out zero vectors (their direction is undefined);
        a zero query raises ValueError with a sentence.
        """
        if metric not in METRICS:
            raise ValueError(f"'{metric}' is not a metric; choose one of {', '.join(METRICS)}")
        n = len(self._values)
        if not 0 <= row < n:
            raise IndexError(f"there is no vector {row + 1}")
        query = np.asarray(self._values[row], dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):  # huge and tiny vectors: the exact scores decide
            order_scores, left_out = self._order_scores(query, metric)
        order_scores[row] = -np.inf
        k = max(0, min(int(k), n - 1 - left_out))
        if k == 0:
            return []
        top = np.argpartition(order_scores, n - k)[n - k :] if k < n else np.arange(n)
        exact = _exact_scores(np.asarray(self._values[top], dtype=np.float64), query, metric)
        nearer_first = exact if metric in ("cosine", "dot") else -exact
        order = np.lexsort((top, -nearer_first))
        return [Neighbour(int(top[i]), float(exact[i])) for i in order]

    def _order_scores(self, query: np.ndarray, metric: str) -> tuple[np.ndarray, int]:
        """float32 scores that rank the vectors (higher is nearer), and how many are left out."""
        if metric in ("cosine", "angle"):
            unit = _unit(query[None, :])[0]  # scaled first: a vector of 1e308 has a direction
            if not unit.any():
                raise ValueError("it is the zero vector: it has no direction, so nothing is near it by angle")
            if self._units is None:
                self._units = _unit(self._values)
                self._zero = np.flatnonzero(~self._units.any(axis=1))
            order_scores = self._units @ unit
            order_scores[self._zero] = -np.inf
            return order_scores, len(self._zero)
        rows32 = self._matrix32()  # the values over their scale: the ranking does not change
        scaled = (query / self._scale).astype(np.float32)
        if metric == "dot":
            return rows32 @ scaled, 0
        if self._squares is None:
            self._squares = _squares(rows32)
        # -|x - q|^2 = 2 x.q - |x|^2 - |q|^2; the last term ranks nothing.
        order_scores = rows32 @ (2 * scaled)
        order_scores -= self._squares
        return order_scores, 0

    def _matrix32(self) -> np.ndarray:
        if self._rows32 is None:
            values = np.asarray(self._values, dtype=np.float64)
            largest = float(np.max(np.abs(values))) if values.size else 0.0
            self._scale = largest if largest > 0 and np.isfinite(largest) else 1.0
            self._rows32 = (values / self._scale).astype(np.float32)
        return self._rows32


def _unit(values: np.ndarray) -> np.ndarray:
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        scale = np.max(np.abs(x), axis=1, keepdims=True)  # huge or tiny vectors are scaled first
        safe = np.where(scale > 0, scale, 1.0)
        scaled = x / safe
        lengths = np.linalg.norm(scaled, axis=1, keepdims=True)
        units = np.where(lengths > 0, scaled / np.where(lengths > 0, lengths, 1.0), 0.0)
    return units.astype(np.float32)


def _squares(rows32: np.ndarray) -> np.ndarray:
    result: np.ndarray = np.einsum("ij,ij->i", rows32, rows32)
    return result


def _exact_scores(block: np.ndarray, query: np.ndarray, metric: str) -> np.ndarray:
    """float64 scores of a few vectors with the query, as the similarity module computes them."""
    from explorer.model.similarity import score

    return np.array([score(vector, query, metric) for vector in block], dtype=np.float64)
