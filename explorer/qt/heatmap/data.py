"""What a heatmap shows: scores, labels, order and style, without any drawing.

The panel and the export both fill one :class:`HeatmapData` and hand it to a
:class:`~explorer.qt.heatmap.figure.HeatmapFigure`; the items read it when they
paint. Scores stay in table order; ``order`` says which table row is shown at
each position, so changing the order never touches the scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from explorer.model.similarity import METRIC_SYMBOLS
from explorer.qt.heatmap import style


@dataclass
class HeatmapData:
    """Scores (table order), labels, the display order and how to colour them."""

    labels: tuple[str, ...] = ()
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    order: np.ndarray = field(default_factory=lambda: np.zeros(0, np.intp))
    zero: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    metric: str = "cosine"
    colormap: str = "CET-CBD1"
    annotate: bool = True
    title: str = ""
    lo: float = -1.0
    hi: float = 1.0
    decimals: int = 3
    #: Bumped on every change of scores, order or style; items key their caches on it.
    version: int = 0

    @property
    def n(self) -> int:
        return len(self.labels)

    def changed(self) -> None:
        """Note that scores or style changed (invalidates the painted caches)."""
        self.version += 1

    def refresh_range(self) -> None:
        """Colour range and cell decimals for the current scores and metric."""
        self.lo, self.hi = style.value_range(self.metric, self.matrix)
        self.decimals = style.cell_decimals(self.metric, self.matrix)

    def display_labels(self) -> list[str]:
        return [self.labels[i] for i in self.order]

    def display_scores(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Scores at display positions ``rows`` x ``columns`` (index arrays)."""
        n = len(self.order)
        if n and self.order[0] == 0 and self.order[-1] == n - 1 and np.array_equal(self.order, np.arange(n)):
            rows_as, cols_as = _as_slice(rows), _as_slice(columns)
            if rows_as is not None and cols_as is not None:
                return self.matrix[rows_as, cols_as]  # a view: no copy in table order
        return self.matrix.take(self.order[rows], axis=0).take(self.order[columns], axis=1)

    def table_rows(self, row: int, column: int) -> tuple[int, int]:
        """The table rows of the cell at display position (row, column)."""
        return int(self.order[row]), int(self.order[column])

    def cell_tooltip(self, row: int, column: int) -> str:
        """'cos(A, B) = 0.353', or why the score is undefined."""
        a, b = self.table_rows(row, column)
        name_a, name_b = self.labels[a], self.labels[b]
        value = float(self.matrix[a, b])
        symbol = METRIC_SYMBOLS[self.metric]
        if np.isnan(value):
            zeros = [self.labels[i] for i in dict.fromkeys((a, b)) if self.zero[i]]
            if len(zeros) > 1:
                why = f"{' and '.join(zeros)} are zero vectors, which have no direction"
            else:
                why = f"{zeros[0] if zeros else 'one of them'} is a zero vector, which has no direction"
            return f"{symbol}({name_a}, {name_b}) is undefined: {why}"
        unit = "°" if self.metric == "angle" else ""
        return f"{symbol}({name_a}, {name_b}) = {style.score_text(value)}{unit}"


def _as_slice(index: np.ndarray):
    """``index`` as a slice when it is a run of consecutive positions, else None."""
    index = np.asarray(index)
    if len(index) and index[-1] - index[0] == len(index) - 1 and (len(index) < 2 or np.all(np.diff(index) == 1)):
        return slice(int(index[0]), int(index[-1]) + 1)
    return None
