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
from explorer.qt.batch import Pending
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
        self._parts: list[Part] = []  # what each of the items draws
        self.construction: Construction | None = None
        self.chosen = ChosenArithmetic(context, claims, self.refresh)
        #: During a burst of changes (an undo of many steps) the construction is drawn once, at its end.
        self._pending = Pending(context.batch, self.refresh, owner=self)
        context.document.formulas.changed.connect(self._refresh_now_or_later)
        context.view.plot.changed.connect(lambda names: self._refresh_now_or_later())
        table = context.table
        for signal in (table.values_changed, table.labels_changed, table.rows_removed, table.rows_inserted):
            signal.connect(lambda *args: self._refresh_now_or_later())
        table.reset.connect(self._refresh_now_or_later)

    def _refresh_now_or_later(self, *args) -> None:
        if not self._pending.everything():
            self.refresh()

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
        parts = _parts(construction)
        if [kind for kind, _ in parts] == [kind for kind, _ in self._parts]:
            # The same arrows in new places (an edit of a vector it uses): the items move, none is made again.
            for item, (kind, where) in zip(self._items, parts, strict=True):
                _move(item, kind, where)
            self._parts = parts
            return
        for item in self._items:
            self._plot.removeItem(item)
        self._items, self._parts = [], parts
        for kind, where in parts:
            self._add(_make(kind, where))

    def _add(self, item) -> None:
        self._plot.addItem(item)
        self._items.append(item)


# What a construction is drawn with: (kind, where) for each item, in drawing order. The kind says what
# the item is and how it looks (it is made for that); where is what moves with the vectors.
Part = tuple[tuple, tuple]


def _parts(construction: Construction | None) -> list[Part]:
    if construction is None or not construction.arrows:
        return []
    parts: list[Part] = []
    if construction.parallelogram:
        parts.append((("polygon",), tuple(tuple(p) for p in construction.parallelogram)))
    for arrow in construction.arrows:
        (sx, sy), (ex, ey) = arrow.start, arrow.end
        parts.append((("shaft", arrow.role), (sx, sy, ex, ey)))
        if (sx, sy) != (ex, ey):
            parts.append((("head", arrow.role), (ex, ey, 180 - math.degrees(math.atan2(ey - sy, ex - sx)))))
        if arrow.text and arrow.role in ("term", "result", "scaled", "difference", "claimed"):
            parts.append((("label", arrow.role), ((sx + ex) / 2, (sy + ey) / 2, arrow.text)))
    if construction.note:
        result = next((a for a in construction.arrows if a.role in ("result", "scaled")), construction.arrows[-1])
        parts.append((("note",), (*result.end, construction.note)))
    return parts


def _pen(role: str):
    color, width, dashed = _STYLE.get(role, ("#000000", 2.0, False))
    return color, pg.mkPen(color=color, width=width, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)


def _make(kind: tuple, where: tuple):
    """A new item for one part of a construction."""
    if kind[0] == "polygon":
        polygon = QGraphicsPolygonItem(QPolygonF([QPointF(*p) for p in where]))
        polygon.setBrush(QBrush(QColor(0, 114, 178, 28)))
        polygon.setPen(QPen(Qt.PenStyle.NoPen))
        return polygon
    if kind[0] == "note":
        x, y, text = where
        note = pg.TextItem(text, color="#555555", anchor=(0, 0))
        note.setPos(x, y)
        return note
    color, pen = _pen(kind[1])
    if kind[0] == "shaft":
        sx, sy, ex, ey = where
        shaft = pg.PlotCurveItem([sx, ex], [sy, ey], pen=pen)
        shaft.setZValue(20)
        return shaft
    if kind[0] == "head":
        ex, ey, angle = where
        head = pg.ArrowItem(pos=(ex, ey), angle=angle, headLen=14, tipAngle=30, brush=color, pen=pen)
        head.setZValue(21)
        return head
    x, y, text = where
    label = pg.TextItem(text, color=color, anchor=(0.5, 1.2))
    label.setPos(x, y)
    label.setZValue(22)
    return label


def _move(item, kind: tuple, where: tuple) -> None:
    """Put an item made by :func:`_make` for ``kind`` where ``where`` says."""
    if kind[0] == "polygon":
        item.setPolygon(QPolygonF([QPointF(*p) for p in where]))
    elif kind[0] == "shaft":
        sx, sy, ex, ey = where
        item.setData([sx, ex], [sy, ey])
    elif kind[0] == "head":
        ex, ey, angle = where
        item.setStyle(angle=angle)
        item.setPos(ex, ey)
    else:  # a label or the note
        x, y, text = where
        if item.toPlainText() != text:
            item.setText(text)
        item.setPos(x, y)


def _read(plot, name: str, default):
    """What the plot shows (a property or a method on the plot), else ``default`` from the view state."""
    value = getattr(plot, name, default)
    return value() if callable(value) else value
