"""The selection: which vectors are selected and which pair is compared, with one policy for both.

Rows are kept as :class:`Rows` (a checked, ascending tuple with a read-only NumPy
copy) so that selecting 100,000 rows (a search, Select All) is checked once, not
row by row. :func:`row_runs` gives the runs of consecutive rows a table selects
as ranges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from explorer.model.state import Field, State


class Rows(tuple[int, ...]):
    """Selected rows: a tuple of distinct rows in ascending order, checked once, with the same rows
    as a read-only NumPy array (``array``) for views that work on 100,000 of them at once."""

    array: np.ndarray

    @classmethod
    def of(cls, array: np.ndarray) -> Rows:
        rows = cls(array.tolist())
        rows.array = array if array.dtype == object else array.astype(np.intp, copy=False)
        rows.array.flags.writeable = False
        return rows


def _rows(value: Any) -> Rows:
    """Distinct rows in ascending order. Whole numbers in a NumPy array or a list are checked
    at once: selecting 100,000 rows (a search, Select All) must not check them one by one."""
    if isinstance(value, Rows):
        return value  # checked when it was made
    if isinstance(value, range) and value.step == 1:
        if len(value) and value.start < 0:
            raise ValueError(f"{value.start} is not a row")
        return Rows.of(np.arange(value.start, value.stop, dtype=np.intp))
    items = value if isinstance(value, (np.ndarray, list, tuple)) else list(value)
    if not isinstance(items, np.ndarray):
        if not items:
            return Rows.of(np.zeros(0, dtype=np.intp))
        if bool in set(map(type, items)):  # NumPy would take True for 1
            raise ValueError(f"{next(v for v in items if isinstance(v, bool))!r} is not a row")
    array = np.asarray(items)
    if array.ndim == 1 and array.dtype.kind in "iu":
        if len(array) and array.min() < 0:
            raise ValueError(f"{int(array.min())} is not a row")
        return Rows.of(_ascending_distinct(array))
    # Anything else (floats, text, huge numbers, bools in an array) is checked one by one.
    checked = sorted({_row(r) for r in (array.tolist() if isinstance(items, np.ndarray) else items)})
    return Rows.of(np.asarray(checked, dtype=object if checked and checked[-1] >= 2**62 else np.intp))


def _ascending_distinct(array: np.ndarray) -> np.ndarray:
    """``array`` sorted without repeats; rows that come sorted (a search's, Select All's) are only checked
    (NumPy's unique hashes: 0.6 s for 400,000 rows)."""
    if len(array) > 1 and not (array[1:] > array[:-1]).all():
        array = np.sort(array)
        array = array[np.concatenate(([True], array[1:] != array[:-1]))]
    return array


def row_runs(rows: Iterable[int]) -> np.ndarray:
    """The runs of consecutive rows in ascending ``rows``: a k x 2 array of each run's first and last row.
    (Rows 2, 3, 4, 9 make two runs, [2, 4] and [9, 9]: a table selects each run as one range.)"""
    array = np.asarray(rows if isinstance(rows, np.ndarray) else list(rows), dtype=np.int64)
    if not len(array):
        return np.zeros((0, 2), dtype=np.int64)
    breaks = np.flatnonzero(np.diff(array) != 1)
    firsts = np.concatenate(([array[0]], array[breaks + 1]))
    lasts = np.concatenate((array[breaks], [array[-1]]))
    return np.stack([firsts, lasts], axis=1)


def _row(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a row")
    return int(value)


def _pair(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    a, b = value
    return _row(a), _row(b)


class Selection(State):
    """The selected vectors and the pair compared, with one policy for both.

    - Selecting two or more rows compares the first two of them.
    - Choosing a pair (a heatmap cell) selects its two rows and compares them in
      the order chosen (row, then column).
    - Selecting one row or none keeps the pair compared before.
    - Rows follow insertions, removals and moves; a pair with a removed row ends.
    """

    rows = Field(Rows.of(np.zeros(0, dtype=np.intp)), _rows, "the selected rows, in table order (a Rows tuple)")
    pair = Field(None, _pair, "the two rows compared (a, b), or None")

    def select_rows(self, rows: Iterable[int]) -> None:
        """Select ``rows``; two or more also become the compared pair (the first two)."""
        chosen = _rows(rows)
        if len(chosen) >= 2:
            pair = self.pair if self.pair is not None and sorted(self.pair) == list(chosen[:2]) else chosen[:2]
            self.update(rows=chosen, pair=pair)
        else:
            self.update(rows=chosen)

    def select_pair(self, a: int, b: int) -> None:
        """Compare ``a`` with ``b`` and select both."""
        self.update(rows=(a, b), pair=(a, b))

    def remap(self, new_row: Callable[[int], int | None]) -> None:
        """Follow a structural change: ``new_row(old)`` is the row's new index, or None when it went."""
        rows = [r for r in (new_row(r) for r in self.rows) if r is not None]
        pair = None
        if self.pair is not None:
            a, b = (new_row(r) for r in self.pair)
            pair = None if a is None or b is None else (a, b)
        self.update(rows=rows, pair=pair)

    def limit(self, count: int) -> None:
        """Drop rows at or past ``count`` (a table that holds fewer rows than a file said)."""
        self.remap(lambda r: r if r < count else None)
