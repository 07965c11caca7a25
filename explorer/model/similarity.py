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


def norms(vectors: np.ndarray) -> np.ndarray:
    """Euclidean length of each row, without overflow or underflow (inf only when the length itself
    is beyond float64, as |[1.7e308, 1.7e308]| is)."""
    x = np.atleast_2d(np.asarray(vectors))
    scale = np.max(np.abs(x), axis=1) if x.shape[1] else np.zeros(len(x), x.dtype)
    safe = np.where(scale > 0, scale, 1)
    with np.errstate(over="ignore"):
        return scale * np.sqrt(np.einsum("ij,ij->i", x / safe[:, None], x / safe[:, None]))


def norm(vector) -> float:
    """Euclidean length of one vector: |A| = sqrt(3^2 + 30^2) = 30.15."""
    return float(norms(np.asarray(vector, dtype=np.float64)[None, :])[0])


def unit_vectors(vectors: np.ndarray, shorten: bool = True) -> np.ndarray:
    """Each row divided by its length (NaN rows for zero vectors), in the input's float type.

    With ``shorten`` the rows are made shorter by the matrix multiply's rounding
    bound so that products of two of them never exceed 1 in magnitude.
    """
    return _unit_vectors(vectors, shorten)[0]


def _unit_vectors(vectors, shorten: bool) -> tuple[np.ndarray, bool]:
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


def cosine(a, b) -> float:
    """Cosine similarity of two vectors; NaN when either is a zero vector."""
    u = unit_vectors(np.array([a, b], dtype=np.float64), shorten=False)
    return float(np.clip(u[0] @ u[1], -1.0, 1.0))


def angle(a, b) -> float:
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


def dot(a, b) -> float:
    """Plain dot product sum(a_i b_i)."""
    return float(_dot_block(np.asarray(a, dtype=np.float64)[None, :], np.asarray(b, dtype=np.float64)[None, :])[0, 0])


def euclidean(a, b) -> float:
    """Euclidean distance |a - b|, without overflow (inf only when the distance is beyond float64)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = float(max(np.max(np.abs(a), initial=0.0), np.max(np.abs(b), initial=0.0)))
    if scale == 0:
        return 0.0
    with np.errstate(over="ignore"):  # scaled first, so only a distance beyond float64 is inf
        return float(norms((a / scale - b / scale)[None, :])[0] * scale)


# --------------------------------------------------------------- matrices
def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N cosine similarities, in the input's float type (float32 stays float32)."""
    return _cosine_and_units(vectors)[0]


def _cosine_and_units(vectors) -> tuple[np.ndarray, np.ndarray]:
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
    return _dot_block(x, x.copy())


#: Rows scaled apart by more than this many powers of two are scored pair by pair (see _euclidean_block).
_EXPONENT_SPREAD = 400
#: Score blocks of extreme magnitudes are computed this many rows at a time (their exponents take memory).
_EDGE_ROWS = 512


#: The exponent given to a zero row: below every other, so that it never sets a pair's scale.
_ZERO_ROW = -4096


def _row_exponents(x: np.ndarray) -> np.ndarray:
    """The power of two of each row's largest |value| (x / 2**e has its largest in [0.5, 1)); very low for zero rows."""
    if x.shape[1] == 0 or not len(x):
        return np.full(len(x), _ZERO_ROW, np.int32)
    largest = np.maximum(x.max(axis=1), -x.min(axis=1))
    exponents = np.frexp(largest)[1].astype(np.int32)
    exponents[largest == 0] = _ZERO_ROW
    return exponents


def _extreme(exponents: np.ndarray, dtype) -> np.ndarray:
    """Which rows are so large or so small that a plain product with them may overflow or underflow."""
    info = np.finfo(dtype)
    high, low = info.maxexp // 2 - 12, info.minexp // 2 + 30  # float64: 2**500 and 2**-480
    return (exponents != _ZERO_ROW) & ((exponents > high) | (exponents < low))


def _dot_block(
    left: np.ndarray, right: np.ndarray, left_e: np.ndarray | None = None, right_e: np.ndarray | None = None
) -> np.ndarray:
    """``left @ right.T``, exact to rounding at any magnitude: extreme rows are scaled per row, never by the table.

    Pairs of moderate rows are one plain multiply. A row of extreme size is
    scaled by a power of two (exact) so that its largest value is below 1,
    and its sums are multiplied back by 2**(e_i + e_j), which rounds once. So
    A.A stays 909 beside a vector of -1e200, [1e300, 1e300] . [-1e300, 1e300]
    is 0 as it truly is, and a sum beyond the float range is +-inf (an
    overflow, shown as such), never 0. ``left_e`` and ``right_e`` are the
    rows' exponents when the caller keeps them (a one-row update).
    """
    left_e = _row_exponents(left) if left_e is None else left_e
    right_e = _row_exponents(right) if right_e is None else right_e
    kind = np.result_type(left, right)
    kind = kind if np.issubdtype(kind, np.floating) else np.float64
    odd_left, odd_right = _extreme(left_e, kind), _extreme(right_e, kind)
    if not (odd_left.any() or odd_right.any()) or not left.size:
        return left @ right.T
    left, right = left.astype(kind, copy=False), right.astype(kind, copy=False)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        out = left @ right.T  # right for every pair of moderate rows; the extreme rows' pairs follow
        if odd_left.any():
            out[odd_left] = _scaled_dot(left[odd_left], left_e[odd_left], right, right_e)
        if odd_right.any():
            out[:, odd_right] = _scaled_dot(left, left_e, right[odd_right], right_e[odd_right])
    return out


def _scaled_dot(left: np.ndarray, left_e: np.ndarray, right: np.ndarray, right_e: np.ndarray) -> np.ndarray:
    """``left @ right.T`` computed on rows scaled by their powers of two, a block of rows at a time."""
    left_y = np.ldexp(left, -left_e[:, None])  # exact; zero rows stay zero
    right_y = np.ldexp(right, -right_e[:, None]).T.copy()
    out = np.empty((len(left), len(right)), dtype=left.dtype)
    right_norms = np.sqrt(np.einsum("ji,ji->i", right_y, right_y))
    rounding = (left.shape[1] + 2) * np.finfo(left.dtype).eps
    for start in range(0, len(left), _EDGE_ROWS):
        rows = slice(start, start + _EDGE_ROWS)
        block = left_y[rows] @ right_y
        exponents = np.add.outer(left_e[rows], right_e)
        out[rows] = np.ldexp(block, exponents)
        # An overflow from a sum that cancels to within rounding (a multiply with FMA leaves
        # a residual such as 1e-17 where the terms cancel exactly) is summed again, exactly.
        bound = rounding * np.outer(np.sqrt(np.einsum("ij,ij->i", left_y[rows], left_y[rows])), right_norms)
        suspect_r, suspect_c = np.nonzero(np.isinf(out[rows]) & (np.abs(block) <= 2 * bound))
        if len(suspect_r):
            sums = _exact_sums(left_y[rows][suspect_r], right_y.T[suspect_c])
            out[rows][suspect_r, suspect_c] = np.ldexp(sums, exponents[suspect_r, suspect_c])
    return out


def _exact_sums(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """sum(a_k b_k) of each row pair, the products kept exact (Dekker's two-product), rounded about once.

    So 0.7466 x -0.7466 + 0.7466 x 0.7466 is exactly 0 whatever the multiply's rounding.
    """
    info = np.finfo(a.dtype)
    factor = a.dtype.type(2.0 ** ((info.nmant + 2) // 2) + 1)
    out = np.empty(len(a), dtype=a.dtype)
    for start in range(0, len(a), 65536):
        x, y = a[start : start + 65536], b[start : start + 65536]
        products = x * y
        t = factor * x
        x_high = t - (t - x)
        x_low = x - x_high
        t = factor * y
        y_high = t - (t - y)
        y_low = y - y_high
        errors = ((x_high * y_high - products) + x_high * y_low + x_low * y_high) + x_low * y_low
        # Largest terms first cancel before the small ones are added.
        terms = np.concatenate([products, errors], axis=1)
        order = np.argsort(-np.abs(terms), axis=1)
        ordered = np.take_along_axis(terms, order, axis=1)
        out[start : start + 65536] = _compensated_sum(ordered)
    return out


def _compensated_sum(terms: np.ndarray) -> np.ndarray:
    """Kahan-Babuska (Neumaier) sum along each row."""
    total = np.zeros(len(terms), dtype=terms.dtype)
    carry = np.zeros_like(total)
    for column in terms.T:
        step = total + column
        big = np.abs(total) >= np.abs(column)
        carry += np.where(big, (total - step) + column, (column - step) + total)
        total = step
    return total + carry


def euclidean_matrix(vectors: np.ndarray) -> np.ndarray:
    """N x N Euclidean distances; near pairs are computed directly, not by cancellation."""
    x = np.asarray(vectors, dtype=np.float64)
    return _euclidean_block(x, np.arange(len(x)))


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


def score(a, b, metric: str = "cosine") -> float:
    """The score of one pair for ``metric``."""
    check_metric(metric)
    return {"cosine": cosine, "dot": dot, "euclidean": euclidean, "angle": angle}[metric](a, b)


def _euclidean_block(x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Distances from the vectors at ``rows`` to all vectors, shape len(rows) x N.

    Computed on the table scaled by its largest value, unless the rows' sizes
    lie more than 2**400 apart (a vector of 1e200 beside A = [3, 30]): then
    each pair is scaled by the larger of its two rows, so |A - B| stays 28.64.
    """
    exponents = _row_exponents(x)
    nonzero = exponents[exponents != _ZERO_ROW]
    if len(nonzero) and int(nonzero.max()) - int(nonzero.min()) > _EXPONENT_SPREAD:
        out = np.empty((len(rows), len(x)))
        for start in range(0, len(rows), _EDGE_ROWS):
            out[start : start + _EDGE_ROWS] = _euclidean_by_pairs(x, rows[start : start + _EDGE_ROWS], exponents)
        return out
    scale = float(np.max(np.abs(x))) if x.size else 0.0
    if scale == 0:
        return np.zeros((len(rows), len(x)))
    y = x / scale
    sq = np.einsum("ij,ij->i", y, y)
    block = sq[rows, None] + sq[None, :] - 2.0 * (y[rows] @ y.T)
    np.maximum(block, 0.0, out=block)
    near = block < 1e-4 * (sq[rows, None] + sq[None, :])
    with np.errstate(over="ignore"):  # a distance beyond float64 is inf
        out = np.sqrt(block) * scale
    _near_pairs_directly(out, near, x, rows)
    return out


def _near_pairs_directly(out: np.ndarray, near: np.ndarray, x: np.ndarray, rows: np.ndarray) -> None:
    """Where the gram form cancels, the distance of the difference itself (scaled by its own largest value)."""
    near_r, near_c = np.nonzero(near)
    if len(near_r):
        with np.errstate(over="ignore"):
            out[near_r, near_c] = norms(x[rows[near_r]] - x[near_c])


def _euclidean_by_pairs(x: np.ndarray, rows: np.ndarray, exponents: np.ndarray) -> np.ndarray:
    """Distances of ``rows`` to all, each pair scaled by 2**s, s the larger of its rows' exponents."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        y = np.ldexp(x, -exponents[:, None])  # exact: every row's largest value in [0.5, 1)
        sq = np.einsum("ij,ij->i", y, y)
        mine = exponents[rows][:, None]
        shared = np.maximum(mine, exponents[None, :])
        # |a - b|^2 / 4**s = |y_a|^2 4**(e_a - s) + |y_b|^2 4**(e_b - s) - 2 (y_a . y_b) 2**(e_a + e_b - 2s)
        own = np.ldexp(sq[rows][:, None], 2 * (mine - shared))
        other = np.ldexp(sq[None, :], 2 * (exponents[None, :] - shared))
        block = own + other - 2.0 * np.ldexp(y[rows] @ y.T, mine + exponents[None, :] - 2 * shared)
        np.maximum(block, 0.0, out=block)
        out = np.ldexp(np.sqrt(block), shared)
        _near_pairs_directly(out, block < 1e-4 * (own + other), x, rows)
        return out


def _angle_block(unit: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Angles from the unit vectors at ``rows`` to all, shape len(rows) x N, in degrees."""
    if unit.shape[1] == 0:  # no dimensions: every vector is a zero vector
        return np.full((len(rows), len(unit)), np.nan)
    with np.errstate(invalid="ignore"):
        cos = np.clip(unit[rows] @ unit.T, -1.0, 1.0)
        block = np.degrees(np.arccos(cos))
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
            self._exponents = _row_exponents(x)
            self.matrix = _dot_block(x, x.copy(), self._exponents, self._exponents)
        else:
            self.matrix = similarity_matrix(x, self.metric)
        return self.matrix

    def update_rows(self, vectors: np.ndarray, rows: Iterable[int]) -> np.ndarray:
        """Recompute the rows and columns of ``rows`` in place; return the matrix."""
        rows = np.unique(np.fromiter(rows, dtype=np.intp))
        x = np.asarray(vectors)
        if len(rows) == 0:
            return self.matrix
        if self.matrix.shape != (len(x), len(x)):
            return self.recompute(x)
        if self.metric == "cosine":
            self._unit[rows] = unit_vectors(x[rows])
            block = self._unit[rows] @ self._unit.T
            _exact_near_parallel(block, self._unit, rows)
        elif self.metric == "dot":
            self._exponents[rows] = _row_exponents(x[rows])
            block = _dot_block(x[rows], x, self._exponents[rows], self._exponents)
        elif self.metric == "euclidean":
            block = _euclidean_block(np.asarray(x, dtype=np.float64), rows)
        else:
            unit = unit_vectors(np.asarray(x, dtype=np.float64), shorten=False)
            block = _angle_block(unit, rows)
        block = block.astype(self.matrix.dtype, copy=False)
        self.matrix[rows, :] = block
        self.matrix[:, rows] = block.T
        if self.metric == "cosine":
            defined = ~np.isnan(self._unit[rows, 0]) if x.shape[1] else np.zeros(len(rows), bool)
            self.matrix[rows, rows] = np.where(defined, 1.0, np.nan)
        return self.matrix
