"""Scores between vectors: cosine similarity, dot product, Euclidean distance, angle.

Named exactly: the dot product is sum(a_i b_i); cosine similarity is the dot
product divided by |a||b|; the angle is the one between the two arrows, in
degrees. A zero vector has no direction, so its cosine and angle are
undefined and come out as NaN, never 0.

Numerics worth knowing:
- Norms scale each vector by its largest component first, so 1e300 and
  1e-300 neither overflow nor underflow; their cosines exist and are right.
- The cosine matrix is one general matrix multiply of the unit vectors with a
  distinct copy of themselves (numpy's ``X @ X.T`` takes a slower symmetric
  path). The unit vectors are shortened by the multiply's worst-case rounding
  bound, (D + 3) units in the last place, so every score lies within [-1, 1]
  without a second pass over N x N values; the diagonal is set to exactly 1.
  In float64 that shortening is about 1e-14, below what any view shows, and
  for tables of lesson size the scores within 1e-9 of +-1 are taken from the
  angle instead, so parallel vectors score exactly 1.
- Angles come from ``2 atan2(|u - v|, |u + v|)`` of the unit vectors wherever
  arccos would be ill-conditioned (|cos| > 0.9), so parallel vectors give
  exactly 0 degrees and anti-parallel ones 180.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from explorer.model.magnitudes import (
    dot_block,
    euclidean_block,
    row_exponents,
)

# Re-exported: the scores' module has always offered them.
from explorer.model.magnitudes import norm as norm
from explorer.model.magnitudes import norms as norms

METRICS = ("cosine", "dot", "euclidean", "angle")

#: How each metric is named for people, and its symbol in "cos(A, B) = 0.353".
METRIC_NAMES = {
    "cosine": "cosine similarity",
    "dot": "dot product",
    "euclidean": "Euclidean distance",
    "angle": "angle (degrees)",
}
METRIC_SYMBOLS = {"cosine": "cos", "dot": "dot", "euclidean": "dist", "angle": "angle"}

_ILL_CONDITIONED = 0.9  # beyond this |cos|, angles use the atan2 form


#: The most vectors a full N x N score matrix is built for (a heatmap, ``explorer similarity``).
#: 5,000 vectors make a 200 MB float64 matrix (and as much again while it is
#: computed and ordered); 100,000 would need 80 GB. Above it, compare a chosen
#: subset instead.
MATRIX_LIMIT = 5_000


def matrix_size_text(n: int) -> str:
    """How much memory an n x n float64 matrix takes, for people: '80 GB', '200 MB'."""
    size = 8.0 * n * n
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{int(size)} bytes"


def too_many_for_matrix(n: int, limit: int = MATRIX_LIMIT) -> str | None:
    """Why ``n`` vectors get no full score matrix (a sentence start), or None when they do."""
    if n <= limit:
        return None
    return (
        f"{n:,} vectors are more than the {limit:,} a full matrix of scores is built for "
        f"(it would need {matrix_size_text(n)})"
    )


def check_metric(metric: str) -> str:
    """Return ``metric`` if known, else raise ValueError listing the choices."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric '{metric}'; choose one of {', '.join(METRICS)}")
    return metric


def unit_vectors(vectors: np.ndarray, shorten: bool = True) -> np.ndarray:
    """Each row divided by its length (NaN rows for zero vectors), in the input's float type.

    With ``shorten`` the rows are made shorter by the matrix multiply's rounding
    bound so that products of two of them never exceed 1 in magnitude.
    """
    return _unit_vectors(vectors, shorten)[0]


def _unit_vectors(vectors: npt.ArrayLike, shorten: bool) -> tuple[np.ndarray, bool]:
    """The unit vectors, and whether every row has a direction (no zero vectors)."""
    x = np.asarray(vectors)
    if x.ndim != 2:
        x = np.atleast_2d(x)
    if x.dtype != np.float32 and x.dtype != np.float64:
        x = x.astype(np.float64)
    if x.shape[1] == 0:  # no dimensions: no vector has a direction
        return np.full(x.shape, np.nan, dtype=x.dtype), len(x) == 0
    info = np.finfo(x.dtype)
    shortening = 1.0 / np.sqrt(1.0 + (x.shape[1] + 3) * info.eps / 2) if shorten else 1.0
    with np.errstate(over="ignore", under="ignore"):
        squares = np.einsum("ij,ij->i", x, x)
    low, high = info.tiny / info.eps, info.max / 4
    if len(squares) and squares.min() >= low and squares.max() <= high:
        # The common case, in two passes of the input's type: every sum of squares is safe.
        factor = np.sqrt(squares)
        np.divide(shortening, factor, out=factor)
        return x * factor[:, None], True
    # Rows that overflow, underflow or are zero are rescaled by their largest value.
    risky = ~((squares >= low) & (squares <= high))
    factor = (shortening / np.sqrt(np.where(risky, 1, squares).astype(np.float64))).astype(x.dtype)
    unit = x * factor[:, None]
    y = x[risky].astype(np.float64)
    scale = np.max(np.abs(y), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        y /= scale[:, None]  # zero rows become NaN here: they have no direction
        y *= shortening / np.sqrt(np.einsum("ij,ij->i", y, y))[:, None]
    unit[risky] = y
    return unit, not np.isnan(y[:, 0]).any()


def cosine(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Cosine similarity of two vectors; NaN when either is a zero vector."""
    u = unit_vectors(np.array([a, b], dtype=np.float64), shorten=False)
    return float(np.clip(u[0] @ u[1], -1.0, 1.0))


def angle(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Angle between two vectors in degrees; exact 0 for parallel, 180 for opposite."""
    u = unit_vectors(np.array([a, b], dtype=np.float64), shorten=False)
    return float(_stable_angle(u[0], u[1]))


def _stable_angle(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Degrees between unit vectors (rows of u and v broadcast), via atan2.

    A difference (or sum) no larger than the rounding of the unit vectors
    themselves is taken as zero, so parallel vectors such as A and 2.5 A give
    exactly 0 degrees and opposite ones exactly 180.
    """
    noise = 8 * np.finfo(np.float64).eps * np.sqrt(max(u.shape[-1], 1))
    diff = np.linalg.norm(u - v, axis=-1)
    total = np.linalg.norm(u + v, axis=-1)
    diff = np.where(diff <= noise, 0.0, diff)
    total = np.where(total <= noise, 0.0, total)
    return np.degrees(2.0 * np.arctan2(diff, total))


def dot(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Plain dot product sum(a_i b_i)."""
    return float(dot_block(np.asarray(a, dtype=np.float64)[None, :], np.asarray(b, dtype=np.float64)[None, :])[0, 0])


def euclidean(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Euclidean distance |a - b|, without overflow (inf only when the distance is beyond float64)."""
    u, v = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = float(max(np.max(np.abs(u), initial=0.0), np.max(np.abs(v), initial=0.0)))
    if scale == 0:
        return 0.0
    with np.errstate(over="ignore"):  # scaled first, so only a distance beyond float64 is inf
        return float(norms((u / scale - v / scale)[None, :])[0] * scale)


# --------------------------------------------------------------- matrices
def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N cosine similarities, in the input's float type (float32 stays float32)."""
    return _cosine_and_units(vectors)[0]


def _cosine_and_units(vectors: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    unit, all_defined = _unit_vectors(vectors, shorten=True)
    # A distinct second operand: numpy's general multiply, not its slower symmetric path.
    matrix = unit @ unit.copy().T
    _exact_near_parallel(matrix, unit, np.arange(len(unit)))
    if all_defined:
        matrix.flat[:: len(matrix) + 1] = 1.0
    else:
        _fix_cosine_diagonal(matrix, unit)
    return matrix, unit


#: Float64 blocks up to this many scores get their near-parallel pairs computed exactly.
_EXACT_LIMIT = 1 << 22


def _exact_near_parallel(block: np.ndarray, unit: np.ndarray, rows: np.ndarray) -> None:
    """Recompute, from the stable angle, the float64 scores within 1e-9 of +1 or -1.

    The multiply leaves parallel vectors a few units in the last place from 1
    (cos(A, D) = 0.9999999999999997); through the angle, which is exactly 0
    for parallel vectors, they come out as exactly 1 (and -1 for opposite
    ones). Only for float64 tables of lesson size, where it costs nothing that
    shows; float32 matrices of embeddings keep the multiply's values.
    """
    if block.dtype != np.float64 or block.size > _EXACT_LIMIT:
        return
    near_r, near_c = np.nonzero(np.abs(block) > 1 - 1e-9)
    if len(near_r):
        block[near_r, near_c] = np.cos(np.radians(_stable_angle(unit[rows[near_r]], unit[near_c])))


def _fix_cosine_diagonal(matrix: np.ndarray, unit: np.ndarray) -> None:
    """1 on the diagonal for vectors with a direction, NaN (undefined) for zero vectors."""
    if unit.shape[1] == 0:  # no dimensions: every vector is a zero vector
        matrix.fill(np.nan)
        return
    np.fill_diagonal(matrix, np.where(np.isnan(unit[:, 0]), np.nan, 1.0))


def dot_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N dot products sum(a_i b_i), exact to rounding at any magnitude (inf where they truly overflow)."""
    x = np.asarray(vectors)
    return dot_block(x, x.copy())


def euclidean_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N Euclidean distances; near pairs are computed directly, not by cancellation."""
    x = np.asarray(vectors, dtype=np.float64)
    return euclidean_block(x, np.arange(len(x)))


def angle_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N angles in degrees; NaN where either vector is zero."""
    unit = unit_vectors(np.asarray(vectors, dtype=np.float64), shorten=False)
    return _angle_block(unit, np.arange(len(unit)))


def similarity_matrix(vectors: np.ndarray, metric: str = "cosine") -> np.ndarray:
    """The N x N matrix of ``metric`` (one of :data:`METRICS`)."""
    check_metric(metric)
    return {
        "cosine": cosine_matrix,
        "dot": dot_matrix,
        "euclidean": euclidean_matrix,
        "angle": angle_matrix,
    }[metric](vectors)


def score(a: npt.ArrayLike, b: npt.ArrayLike, metric: str = "cosine") -> float:
    """The score of one pair for ``metric``."""
    check_metric(metric)
    return {"cosine": cosine, "dot": dot, "euclidean": euclidean, "angle": angle}[metric](a, b)


def _angle_block(unit: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Angles from the unit vectors at ``rows`` to all, shape len(rows) x N, in degrees."""
    if unit.shape[1] == 0:  # no dimensions: every vector is a zero vector
        return np.full((len(rows), len(unit)), np.nan)
    with np.errstate(invalid="ignore"):
        cos = np.clip(unit[rows] @ unit.T, -1.0, 1.0)
        block: np.ndarray = np.degrees(np.arccos(cos))
    near_r, near_c = np.nonzero(np.abs(cos) > _ILL_CONDITIONED)
    if len(near_r):
        block[near_r, near_c] = _stable_angle(unit[rows[near_r]], unit[near_c])
    return block


class SimilarityMatrix:
    """A score matrix kept up to date cheaply as vectors change.

    ``recompute`` builds all N x N scores; ``update_rows`` recomputes only the
    rows and columns of the vectors that changed (O(N D) per vector, not
    O(N^2 D)), which is what an edit or a drag needs.
    """

    def __init__(self, metric: str = "cosine"):
        self.metric = check_metric(metric)
        self.matrix = np.zeros((0, 0))
        self._unit: np.ndarray | None = None
        #: For the dot product: each row's power of two, kept so that an update scales only what changed.
        self._exponents: np.ndarray | None = None

    def recompute(self, vectors: np.ndarray, metric: str | None = None) -> np.ndarray:
        """Compute the whole matrix (after a structural change or a metric change)."""
        if metric is not None:
            self.metric = check_metric(metric)
        x = np.asarray(vectors)
        self._unit = self._exponents = None
        if self.metric == "cosine":
            self.matrix, self._unit = _cosine_and_units(x)
        elif self.metric == "dot":
            self._exponents = row_exponents(x)
            self.matrix = dot_block(x, x.copy(), self._exponents, self._exponents)
        else:
            self.matrix = similarity_matrix(x, self.metric)
        return self.matrix

    def update_rows(self, vectors: np.ndarray, rows: Iterable[int]) -> np.ndarray:
        """Recompute the rows and columns of ``rows`` in place; return the matrix."""
        rows = np.unique(np.fromiter(rows, dtype=np.intp))
        x = np.asarray(vectors)
        if len(rows) == 0:
            return self.matrix
        unit, exponents = self._unit, self._exponents  # kept by recompute for its metric
        missing = (self.metric == "cosine" and unit is None) or (self.metric == "dot" and exponents is None)
        if self.matrix.shape != (len(x), len(x)) or missing:
            return self.recompute(x)
        if self.metric == "cosine" and unit is not None:
            unit[rows] = unit_vectors(x[rows])
            block = unit[rows] @ unit.T
            _exact_near_parallel(block, unit, rows)
        elif self.metric == "dot" and exponents is not None:
            exponents[rows] = row_exponents(x[rows])
            block = dot_block(x[rows], x, exponents[rows], exponents)
        elif self.metric == "euclidean":
            block = euclidean_block(np.asarray(x, dtype=np.float64), rows)
        else:
            unit = unit_vectors(np.asarray(x, dtype=np.float64), shorten=False)
            block = _angle_block(unit, rows)
        block = block.astype(self.matrix.dtype, copy=False)
        self.matrix[rows, :] = block
        self.matrix[:, rows] = block.T
        if self.metric == "cosine" and unit is not None:
            defined = ~np.isnan(unit[rows, 0]) if x.shape[1] else np.zeros(len(rows), bool)
            self.matrix[rows, rows] = np.where(defined, 1.0, np.nan)
        return self.matrix
