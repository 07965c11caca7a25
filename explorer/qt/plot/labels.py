"""Labels at the arrow tips of ``vectorPlot``: which vectors get one, and where it sits.

A mixin of :class:`explorer.qt.plot.plot.VectorPlot`, which owns ``_labels`` (row ->
TextItem), ``_coords``, ``_slot``, ``_font``, ``_vb`` and ``_context``.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor

from explorer.qt.plot.arrows import label_anchors

#: Above this many vectors only the selected ones are labelled (the rest would be a blur).
LABEL_LIMIT = 150
#: Labels longer than this are shortened in the plot (the table and the tooltip show them whole).
LABEL_CHARS = 32
#: A pale backing that keeps a label readable in a crowd of arrows.
LABEL_FILL = QColor(255, 255, 255, 170)


def short_label(label: str) -> str:
    """``label``, shortened with an ellipsis past :data:`LABEL_CHARS` characters."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


class TipLabels:
    """Creates, places and anchors the tip labels."""

    def _relabel(self) -> None:
        for label in self._labels.values():
            self.removeItem(label)
        self._labels = {}
        table = self._context.table
        # A crowd: label only the selected, and at most LABEL_LIMIT of them (Select All must not add 100,000).
        rows = (
            list(self._slot)
            if len(self._slot) <= LABEL_LIMIT
            else [r for r in self._context.selection if r in self._slot][:LABEL_LIMIT]
        )
        # In a crowd (only the selected are labelled) a pale backing keeps the label readable.
        fill = LABEL_FILL if len(self._slot) > LABEL_LIMIT else None
        for row in rows:
            label = pg.TextItem(short_label(table.label(row)), color=table.color(row), fill=fill)
            label.setToolTip(table.label(row))
            label.setFont(self._font)
            label.setZValue(10)
            self._place_label(row, label)
            self._labels[row] = label
            self.addItem(label)

    def _place_label(self, row: int, label: pg.TextItem) -> None:
        x, y = self._coords[row]
        label.setPos(float(x), float(y))
        self._anchor_labels([(row, label)])

    def _fit_labels(self, *_) -> None:
        self._anchor_labels(list(self._labels.items()))

    def _anchor_labels(self, items) -> None:
        """Anchor labels beside their tips on the side where they fit in the view."""
        if not items:
            return
        sx, sy = self._vb.viewPixelSize()
        rects = [label.textItem.boundingRect() for _, label in items]
        sizes = [(r.width() * sx, r.height() * sy) for r in rects]
        x_range, y_range = self._vb.viewRange()
        anchors = label_anchors(self._coords[[row for row, _ in items]], sizes, x_range, y_range)
        for (_, label), (ax, ay) in zip(items, anchors):
            if (label.anchor.x(), label.anchor.y()) != (ax, ay):
                label.setAnchor((ax, ay))
