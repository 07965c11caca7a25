"""Labels at the tips of ``vectorPlot``: which vectors get one, what it says and where it sits.

:class:`TipLabeller` is a helper the plot owns: the plot tells it which rows to label, with
what text and colour, and where the tips are; it places each label beside its tip, off the
other arrowheads and the labels placed before it, and inside the view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

from explorer.model.display import shown_text
from explorer.qt.plot.arrows import place_labels

#: Above this many vectors only the selected ones (and their neighbours) are labelled.
LABEL_LIMIT = 150
#: Labels longer than this are shortened in the plot (the table and the tooltip show them whole).
LABEL_CHARS = 32
#: A pale backing that keeps a label readable in a crowd of arrows.
LABEL_FILL = QColor(255, 255, 255, 170)


def short_label(label: str) -> str:
    """``label``, shortened with an ellipsis past :data:`LABEL_CHARS` characters."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def crowd_labels(coords: np.ndarray, selected: np.ndarray, neighbours: Sequence[int]) -> list[int]:
    """The rows labelled in a crowd: the placed selected ones, then their neighbours (at most LABEL_LIMIT)."""
    finite = np.isfinite(coords).all(axis=1)
    selected = selected[selected < len(finite)]
    chosen = selected[finite[selected]][:LABEL_LIMIT].tolist()  # (not a Python pass over 100,000)
    near = [r for r in neighbours if r < len(finite) and finite[r]]
    return list(dict.fromkeys([*chosen, *near]))[:LABEL_LIMIT]


class TipLabeller:
    """The tip labels of one plot (``labels``: row -> TextItem)."""

    def __init__(self, add: Callable, remove: Callable, view_box: pg.ViewBox):
        self._add, self._remove, self._vb = add, remove, view_box
        self.labels: dict[int, pg.TextItem] = {}
        self._spare: list[pg.TextItem] = []  # hidden labels, to be given new text
        self._coords = np.zeros((0, 2))
        self._head = 0.0
        self.font = QFont()
        self.font.setPointSizeF(max(self.font.pointSizeF(), 9.0))

    def show(
        self, rows: Sequence[int], texts: Sequence[str], tooltips: Sequence[str], colours, crowded: bool, place=True
    ) -> None:
        """Label ``rows`` with ``texts`` (a pale backing when ``crowded``); ``place=False`` when :meth:`follow`
        comes next and places them (placing 150 labels off the arrowheads takes a tenth of a second).

        Labels made before are given the new text (making a TextItem costs about a millisecond,
        and a search typed in a crowd labels 150 other vectors at each key); unused ones wait hidden.
        """
        wanted = set(rows)
        previous = self.labels
        # A row labelled before keeps its label (most of a rebuild's labels say what they said);
        # the others take labels that are no longer needed.
        free = [label for row, label in previous.items() if row not in wanted] + self._spare
        free.reverse()
        self.labels, self._spare = {}, []
        fill = None
        for row, text, tip, colour in zip(rows, texts, tooltips, colours):
            text, tooltip = short_label(text), shown_text(tip)  # a 1 MB label is not a tooltip
            label = previous.get(row)
            if label is None and free:
                label = free.pop()
            if label is None:
                label = pg.TextItem(text, color=colour)
                label.setFont(self.font)
                label.setZValue(10)
                label.shown_as = (text, colour, False, "")
                self._add(label)
            was_text, was_colour, was_crowded, was_tooltip = label.shown_as
            if (was_text, was_colour) != (text, colour):
                label.setText(text, colour)
            if was_crowded != crowded:
                fill = fill or pg.mkBrush(LABEL_FILL if crowded else None)
                label.fill = fill
                label.update()
            if was_tooltip != tooltip:
                label.setToolTip(tooltip)
            if not label.isVisible():
                label.setVisible(True)
            label.shown_as = (text, colour, crowded, tooltip)
            self.labels[row] = label
        for label in free:
            label.setVisible(False)
            self._spare.append(label)
        if place:
            self.place()

    def set_text(self, row: int, text: str, tooltip: str) -> None:
        if row in self.labels:
            label = self.labels[row]
            text, tooltip = short_label(text), shown_text(tooltip)
            label.setText(text)
            label.setToolTip(tooltip)
            label.shown_as = (text, *label.shown_as[1:3], tooltip)

    def follow(self, coords: np.ndarray, head: float) -> None:
        """The tips are at ``coords`` (N x 2) with arrowheads ``head`` long: place the labels there."""
        self._coords, self._head = coords, head
        self.place()

    def place(self, *_) -> None:
        """Anchor every label beside its tip, off the arrowheads and each other, inside the view."""
        items = [(row, label) for row, label in self.labels.items() if row < len(self._coords)]
        if not items:
            return
        sx, sy = self._vb.viewPixelSize()
        rects = [label.textItem.boundingRect() for _, label in items]
        sizes = [(r.width() * sx, r.height() * sy) for r in rects]
        tips = self._coords[[row for row, _ in items]]
        x_range, y_range = self._vb.viewRange()
        anchors = place_labels(tips, sizes, self._head, x_range, y_range)
        for (_row, label), (x, y), (ax, ay) in zip(items, tips, anchors):
            label.setPos(float(x), float(y))
            if (label.anchor.x(), label.anchor.y()) != (ax, ay):
                label.setAnchor((float(ax), float(ay)))
