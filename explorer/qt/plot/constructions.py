"""Drawing the construction of the selected derived vector, or of the chosen claim, over the plot.

The geometry is :func:`explorer.model.constructions.construct` (pure numpy);
this only turns its arrows into pyqtgraph items on the plot: the terms of a sum
tip to tail, the parallelogram, a difference from tip to tip, a multiple over
its original with its factor. It follows the selection, the claims list, every
edit and the plot's view (two dimensions, or PCA, which it names).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from explorer.model.arithmetic import evaluate
from explorer.model.claims import ClaimError, parse_claim
from explorer.model.constructions import Arrow, Construction, construct, view_map
from explorer.model.expressions import Expression, ExpressionError, Label, parse_expression
from explorer.model.projection import pca
from explorer.qt.working.chosen import ChosenArithmetic

#: How each role is drawn: colour, width, dashed.
_STYLE = {
    "term": ("#0072B2", 2.5, False),
    "side": ("#7f7f7f", 1.5, True),
    "result": ("#000000", 3.0, False),
    "original": ("#7f7f7f", 2.5, False),
    "scaled": ("#D55E00", 3.0, False),
    "difference": ("#009E73", 3.0, False),
    "claimed": ("#CC79A7", 2.5, True),
}


class ConstructionOverlay(QObject):
    """Shows how the selected derived vector, or the claim chosen in the claims list, is made."""

    def __init__(self, context, plot, claims=None, parent: QObject | None = None):
        super().__init__(parent if parent is not None else plot)
        self._context = context
        self._plot = plot
        self._items: list = []
        self.construction: Construction | None = None
        self.chosen = ChosenArithmetic(context, claims, self.refresh)
        context.document.formulas.changed.connect(self.refresh)
        context.view.plot.changed.connect(lambda names: self.refresh())
        table = context.table
        for signal in (table.values_changed, table.labels_changed, table.rows_removed, table.rows_inserted):
            signal.connect(lambda *args: self.refresh())
        table.reset.connect(self.refresh)

    # --------------------------------------------------------------- drawing
    def refresh(self, *args) -> None:
        """Draw the construction again (the source, the vectors or the view changed)."""
        try:
            construction = self._build()
        except (ExpressionError, ValueError, IndexError):
            construction = None  # the claims list or the expression bar says why
        if construction == self.construction:
            return  # (an edit of a vector it does not use, a selection elsewhere: the items stay)
        self.construction = construction
        self._draw(construction)

    def _mapping(self) -> tuple[np.ndarray, str]:
        table = self._context.table
        mode = _read(self._plot, "mode", self._context.view.plot.mode)
        if mode == "pca":
            return view_map(table.dimension_count, "pca", components=pca(table.values).components), "PCA"
        x, y = _read(self._plot, "shown_dimensions", (self._context.view.plot.x, self._context.view.plot.y))
        return view_map(table.dimension_count, "dimensions", x, y), ""

    def _build(self) -> Construction | None:
        if self.chosen.source is None or self._context.table.dimension_count == 0:
            return None
        table = self._context.table
        rows = {label: row for row, label in enumerate(table.labels)}

        def value_of(node):
            return evaluate(Expression(to_source, node), lambda n: table.values[rows[n]] if n in rows else None, str)

        mapping, projected = self._mapping()
        kind, text = self.chosen.source
        to_source = text
        if kind == "vector":
            formula = self._context.document.formulas.get(text)
            if formula is None or text not in rows:
                return None
            to_source = formula.text
            return construct(parse_expression(formula.text, rows), value_of, mapping, projected)
        try:
            claim = parse_claim(text, rows)
        except ClaimError:
            return None
        made, other = claim.right, claim.left
        if isinstance(claim.right.root, Label) and not isinstance(claim.left.root, Label):
            made, other = claim.left, claim.right
        built = construct(made, value_of, mapping, projected)
        with np.errstate(over="ignore", invalid="ignore"):  # beyond float64: inf, which is not drawn
            end = mapping @ np.asarray(value_of(other.root), dtype=np.float64)
        claimed = Arrow((0.0, 0.0), (float(end[0]), float(end[1])), "claimed", other.text)
        return Construction((*built.arrows, claimed), built.note, built.parallelogram)

    def _draw(self, construction: Construction | None) -> None:
        for item in self._items:
            self._plot.removeItem(item)
        self._items = []
        if construction is None or not construction.arrows:
            return
        if construction.parallelogram:
            polygon = QGraphicsPolygonItem(QPolygonF([QPointF(*p) for p in construction.parallelogram]))
            polygon.setBrush(QBrush(QColor(0, 114, 178, 28)))
            polygon.setPen(QPen(Qt.PenStyle.NoPen))
            self._add(polygon)
        for arrow in construction.arrows:
            self._draw_arrow(arrow)
        if construction.note:
            result = next((a for a in construction.arrows if a.role in ("result", "scaled")), construction.arrows[-1])
            note = pg.TextItem(construction.note, color="#555555", anchor=(0, 0))
            note.setPos(*result.end)
            self._add(note)

    def _draw_arrow(self, arrow: Arrow) -> None:
        color, width, dashed = _STYLE.get(arrow.role, ("#000000", 2.0, False))
        pen = pg.mkPen(color=color, width=width, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        (sx, sy), (ex, ey) = arrow.start, arrow.end
        shaft = pg.PlotCurveItem([sx, ex], [sy, ey], pen=pen)
        shaft.setZValue(20)
        self._add(shaft)
        if (sx, sy) != (ex, ey):
            angle = math.degrees(math.atan2(ey - sy, ex - sx))
            head = pg.ArrowItem(pos=(ex, ey), angle=180 - angle, headLen=14, tipAngle=30, brush=color, pen=pen)
            head.setZValue(21)
            self._add(head)
        if arrow.text and arrow.role in ("term", "result", "scaled", "difference", "claimed"):
            label = pg.TextItem(arrow.text, color=color, anchor=(0.5, 1.2))
            label.setPos((sx + ex) / 2, (sy + ey) / 2)
            label.setZValue(22)
            self._add(label)

    def _add(self, item) -> None:
        self._plot.addItem(item)
        self._items.append(item)


def _read(plot, name: str, default):
    """What the plot shows (a property or a method on the plot), else ``default`` from the view state."""
    value = getattr(plot, name, default)
    return value() if callable(value) else value
