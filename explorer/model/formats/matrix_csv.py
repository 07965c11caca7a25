"""A score matrix as CSV: the square matrix with labels, or one line per pair.

Scores are written at full precision (Python's shortest round-trip ``repr``),
so reading them back gives the very same floats. An undefined score (a zero
vector's cosine or angle) is an empty cell, never 0 or 'nan'; a dot product
beyond the float range is ``inf`` or ``-inf``. Labels a spreadsheet would run
as formulas are written with a leading apostrophe (see
:mod:`explorer.model.text_safety`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence

import numpy as np

from explorer.model.text_safety import neutralise_formula


def _cell(value: float) -> str:
    return "" if math.isnan(value) else repr(value)


def _row_text(values: np.ndarray) -> list[str]:
    if np.isnan(values).any():
        return [_cell(v) for v in values.tolist()]
    return list(map(repr, values.tolist()))


def write_matrix_csv(labels: Sequence[str], matrix: np.ndarray, corner: str = "") -> bytes:
    """The N x N ``matrix`` with a header row and a first column of ``labels`` (UTF-8).

    ``corner`` is the top-left cell, e.g. the metric's name.
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    _check_shape(labels, matrix)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # so that a carriage return in a label is quoted too
    safe = [neutralise_formula(label) for label in labels]
    writer.writerow([neutralise_formula(corner), *safe])
    for label, row in zip(safe, matrix):
        writer.writerow([label, *_row_text(row)])
    return out.getvalue().encode("utf-8")


def write_pairs_csv(labels: Sequence[str], matrix: np.ndarray, header: Sequence[str] = ("a", "b", "score")) -> bytes:
    """Long form, one line ``a,b,score`` per pair with a <= b in ``labels``' order (diagonal included)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    _check_shape(labels, matrix)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # so that a carriage return in a label is quoted too
    writer.writerow([neutralise_formula(name) for name in header])
    safe = [neutralise_formula(label) for label in labels]
    for i, a in enumerate(safe):
        row = _row_text(matrix[i, i:])
        writer.writerows([a, b, text] for b, text in zip(safe[i:], row))
    return out.getvalue().encode("utf-8")


def _check_shape(labels: Sequence[str], matrix: np.ndarray) -> None:
    if matrix.shape != (len(labels), len(labels)):
        raise ValueError(f"a {matrix.shape} matrix does not match {len(labels)} labels")
