"""Lengths, dot products and distances of vectors of any magnitude, exact to rounding.

A plain ``x @ y.T`` overflows for rows of 1e200 and underflows for rows of
1e-200, and scaling the whole table by its largest value (as once done here)
turns the ordinary rows beside such a row into zeros. Instead:

- a row's length scales the row by its own largest value first;
- dot products multiply moderate rows plainly, and scale each row of extreme
  size by its own power of two (exact), then round once;
- distances scale each pair by the larger of its two rows when the table's
  rows lie more than 2**400 apart, and compute near pairs from their
  difference directly instead of by cancellation.

:mod:`explorer.model.similarity` builds its scores on these.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def norms(vectors: np.ndarray) -> np.ndarray:
    """Euclidean length of each row, without overflow or underflow (inf only when the length itself
    is beyond float64, as |[1.7e308, 1.7e308]| is)."""
    x = np.atleast_2d(np.asarray(vectors))
    scale = np.max(np.abs(x), axis=1) if x.shape[1] else np.zeros(len(x), x.dtype)
    safe = np.where(scale > 0, scale, 1)
    with np.errstate(over="ignore"):
        result: np.ndarray = scale * np.sqrt(np.einsum("ij,ij->i", x / safe[:, None], x / safe[:, None]))
        return result


def norm(vector: npt.ArrayLike) -> float:
    """Euclidean length of one vector: |A| = sqrt(3^2 + 30^2) = 30.15."""
    return float(norms(np.asarray(vector, dtype=np.float64)[None, :])[0])


#: Rows scaled apart by more than this many powers of two are scored pair by pair (see euclidean_block).
EXPONENT_SPREAD = 400
#: Score blocks of extreme magnitudes are computed this many rows at a time (their exponents take memory).
EDGE_ROWS = 512


#: The exponent given to a zero row: below every other, so that it never sets a pair's scale.
ZERO_ROW = -4096


def row_exponents(x: np.ndarray) -> np.ndarray:
    """The power of two of each row's largest |value| (x / 2**e has its largest in [0.5, 1)); very low for zero rows."""
    if x.shape[1] == 0 or not len(x):
        return np.full(len(x), ZERO_ROW, np.int32)
    largest = np.maximum(x.max(axis=1), -x.min(axis=1))
    exponents: np.ndarray = np.frexp(largest)[1].astype(np.int32)
    exponents[largest == 0] = ZERO_ROW
    return exponents


def extreme(exponents: np.ndarray, dtype: npt.DTypeLike) -> np.ndarray:
    """Which rows are so large or so small that a plain product with them may overflow or underflow."""
    info = np.finfo(dtype)
    high, low = info.maxexp // 2 - 12, info.minexp // 2 + 30  # float64: 2**500 and 2**-480
    result: np.ndarray = (exponents != ZERO_ROW) & ((exponents > high) | (exponents < low))
    return result


def dot_block(
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
    left_e = row_exponents(left) if left_e is None else left_e
    right_e = row_exponents(right) if right_e is None else right_e
    kind: npt.DTypeLike = np.result_type(left, right)
    kind = kind if np.issubdtype(kind, np.floating) else np.float64
    odd_left, odd_right = extreme(left_e, kind), extreme(right_e, kind)
    if not (odd_left.any() or odd_right.any()) or not left.size:
        result: np.ndarray = left @ right.T
        return result
    left, right = left.astype(kind, copy=False), right.astype(kind, copy=False)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        out: np.ndarray = left @ right.T  # right for every pair of moderate rows; the extreme rows' pairs follow
        if odd_left.any():
            out[odd_left] = scaled_dot(left[odd_left], left_e[odd_left], right, right_e)
        if odd_right.any():
            out[:, odd_right] = scaled_dot(left, left_e, right[odd_right], right_e[odd_right])
    return out


def scaled_dot(left: np.ndarray, left_e: np.ndarray, right: np.ndarray, right_e: np.ndarray) -> np.ndarray:
    """``left @ right.T`` computed on rows scaled by their powers of two, a block of rows at a time."""
    left_y = np.ldexp(left, -left_e[:, None])  # exact; zero rows stay zero
    right_y = np.ldexp(right, -right_e[:, None]).T.copy()
    out = np.empty((len(left), len(right)), dtype=left.dtype)
    right_norms = np.sqrt(np.einsum("ji,ji->i", right_y, right_y))
    rounding = (left.shape[1] + 2) * np.finfo(left.dtype).eps
    for start in range(0, len(left), EDGE_ROWS):
        rows = slice(start, start + EDGE_ROWS)
        block = left_y[rows] @ right_y
        exponents = np.add.outer(left_e[rows], right_e)
        out[rows] = np.ldexp(block, exponents)
        # An overflow from a sum that cancels to within rounding (a multiply with FMA leaves
        # a residual such as 1e-17 where the terms cancel exactly) is summed again, exactly.
        bound = rounding * np.outer(np.sqrt(np.einsum("ij,ij->i", left_y[rows], left_y[rows])), right_norms)
        suspect_r, suspect_c = np.nonzero(np.isinf(out[rows]) & (np.abs(block) <= 2 * bound))
        if len(suspect_r):
            sums = exact_sums(left_y[rows][suspect_r], right_y.T[suspect_c])
            out[rows][suspect_r, suspect_c] = np.ldexp(sums, exponents[suspect_r, suspect_c])
    return out


def exact_sums(a: np.ndarray, b: np.ndarray) -> np.ndarray:
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
        out[start : start + 65536] = compensated_sum(ordered)
    return out


def compensated_sum(terms: np.ndarray) -> np.ndarray:
    """Kahan-Babuska (Neumaier) sum along each row."""
    total = np.zeros(len(terms), dtype=terms.dtype)
    carry = np.zeros_like(total)
    for column in terms.T:
        step = total + column
        big = np.abs(total) >= np.abs(column)
        carry += np.where(big, (total - step) + column, (column - step) + total)
        total = step
    return total + carry


def euclidean_block(x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Distances from the vectors at ``rows`` to all vectors, shape len(rows) x N.

    Computed on the table scaled by its largest value, unless the rows' sizes
    lie more than 2**400 apart (a vector of 1e200 beside A = [3, 30]): then
    each pair is scaled by the larger of its two rows, so |A - B| stays 28.64.
    """
    exponents = row_exponents(x)
    nonzero = exponents[exponents != ZERO_ROW]
    if len(nonzero) and int(nonzero.max()) - int(nonzero.min()) > EXPONENT_SPREAD:
        out: np.ndarray = np.empty((len(rows), len(x)))
        for start in range(0, len(rows), EDGE_ROWS):
            out[start : start + EDGE_ROWS] = euclidean_by_pairs(x, rows[start : start + EDGE_ROWS], exponents)
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
    near_pairs_directly(out, near, x, rows)
    return out


def near_pairs_directly(out: np.ndarray, near: np.ndarray, x: np.ndarray, rows: np.ndarray) -> None:
    """Where the gram form cancels, the distance of the difference itself (scaled by its own largest value)."""
    near_r, near_c = np.nonzero(near)
    if len(near_r):
        with np.errstate(over="ignore"):
            out[near_r, near_c] = norms(x[rows[near_r]] - x[near_c])


def euclidean_by_pairs(x: np.ndarray, rows: np.ndarray, exponents: np.ndarray) -> np.ndarray:
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
        out: np.ndarray = np.ldexp(np.sqrt(block), shared)
        near_pairs_directly(out, block < 1e-4 * (own + other), x, rows)
        return out
