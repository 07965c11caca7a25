"""What the plot draws, each a helper that the plot owns and feeds with coordinates.

- :class:`ArrowLayer`: arrows from the origin, one ``connect='pairs'`` curve per colour, so
  one edit rewrites one arrow's six points in one curve.
- :class:`PointLayer`: the tips as points (one ScatterPlotItem, which paints only what is in
  view), and above :data:`DENSITY_ABOVE` points in view a density image instead.
- :class:`Marks`: the selection's halo, neighbour lines and the arrows kept in a crowd of points.
- :class:`Overlay`: a place for constructions drawn over the vectors (expressions' sums and
  differences); it holds whatever items it is given, above the vectors, under the labels.

Each gets ``add`` and ``remove`` (the plot's ``addItem``/``removeItem``) and nothing else of the plot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from explorer.qt.plot.arrows import POINTS_PER_ARROW, arrow_segments
from explorer.qt.plot.tip_dots import TipDots

#: Above this many arrows they are drawn thin, translucent and without antialiasing.
CROWD = 5_000
#: Opacity (0-255) of crowded arrows, and of the others when the selection is isolated faintly.
CROWD_ALPHA = 60
FAINT_ALPHA = 35
#: Above this many points in view the points give way to a density image.
DENSITY_ABOVE = 200_000
#: Point size in pixels.
POINT_SIZE = 4
_HIGHLIGHT = QColor(255, 200, 0, 150)
#: Above this many selected vectors their tips get dots, not haloed arrows or rings (a search or Select All
#: can select 100,000: as arrows they took 3 s to paint, as rings 1 s to take).
MARKS_AS_DOTS_ABOVE = 1_000

_NONE = np.zeros((0, 2))

#: Takes an item out of the plot.
Remove = Callable[[QGraphicsItem], None]


class Add(Protocol):
    """Puts an item in the plot (pyqtgraph's ``PlotItem.addItem``); ``ignoreBounds`` keeps it out of zoom-to-fit."""

    def __call__(self, item: QGraphicsItem, *, ignoreBounds: bool = False) -> None: ...  # noqa: N803 - its name


class _ColourGroup:
    """The arrows of one colour: their rows and one curve drawing all of them.

    ``curve``: a curve of an earlier build to draw them with (adding and removing items from the
    scene costs more than drawing five arrows: about 0.5 ms a curve), else a new one; ``same``: it
    drew these segments in this style already (a vector added elsewhere leaves the others' colours).
    """

    def __init__(
        self,
        color: str,
        rows: list[int],
        segments: np.ndarray,
        crowded: bool,
        alpha: int | None,
        curve: pg.PlotCurveItem | None = None,
        same: bool = False,
    ):
        self.rows = rows
        self.segments = segments
        self.style = (color, crowded, alpha)
        if same and curve is not None:  # the curve of the last build, drawing these very segments in this style
            curve.setVisible(True)
            self.curve: pg.PlotCurveItem = curve
            return
        pen = pg.mkPen(color, width=2)
        if crowded or alpha is not None:
            # Thousands of arrows: thin translucent lines show where they crowd (solid ones make a blot),
            # and smooth edges cost more than they show.
            faint = QColor(color)
            faint.setAlpha(alpha if alpha is not None else CROWD_ALPHA)
            pen = pg.mkPen(faint, width=1 if crowded else 2)
        if curve is None:
            curve = pg.PlotCurveItem(segments[:, 0], segments[:, 1], connect="pairs", pen=pen, antialias=not crowded)
            # Unchanged colours are blitted from a pixmap; only the curve of a moved arrow is redrawn.
            curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        else:
            curve.setData(segments[:, 0], segments[:, 1], connect="pairs", pen=pen, antialias=not crowded)
            curve.setVisible(True)
        self.curve = curve


class ArrowLayer:
    """Arrows from the origin, grouped by colour.

    The curves of a build are kept, hidden, for the next build (a structural change rebuilds every
    arrow); each build stacks its colours in the order it meets them, as fresh curves would be.
    """

    #: Hidden curves kept beyond this many are taken out of the plot.
    SPARE = 16

    def __init__(self, add: Add, remove: Remove):
        self._add, self._remove = add, remove
        self.groups: dict[str, _ColourGroup] = {}
        self._slot: dict[int, tuple[str, int]] = {}
        self._spare: list[pg.PlotCurveItem] = []

    def clear(self) -> None:
        groups = self.groups.values()
        self.groups, self._slot = {}, {}
        self._hide(groups)

    def build(self, coords: np.ndarray, rows: np.ndarray, colours: Sequence[str], head: float, faint=None) -> None:
        """Arrows to ``coords[rows]`` in ``colours[row]``; rows in ``faint`` (a bool mask) drawn faintly."""
        previous = self.groups
        self.groups = {}
        self.clear()  # the curves of colours no longer drawn wait, hidden
        crowded = len(rows) > CROWD
        by_key: dict[tuple[str, bool], list[int]] = {}
        for row in rows.tolist():
            by_key.setdefault((colours[row], bool(faint is not None and faint[row])), []).append(row)
        keys = [colour + (" faint" if is_faint else "") for colour, is_faint in by_key]
        kept = {key: previous.pop(key) for key in keys if key in previous}  # each colour keeps its curve
        for index, (key, ((colour, is_faint), members)) in enumerate(zip(keys, by_key.items())):
            segments = arrow_segments(coords[members], head)
            alpha = FAINT_ALPHA if is_faint else None
            before = kept.get(key)
            same = False
            if before is not None:  # this colour's curve of the last build draws it again
                spare = before.curve
                same = before.style == (colour, crowded, alpha) and np.array_equal(before.segments, segments)
            else:
                spare = self._take_spare(previous)
            group = _ColourGroup(colour, members, segments, crowded, alpha, spare, same)
            # Below everything else in the plot, each colour above the ones met before it.
            z = -1.0 + 0.5 * index / len(by_key)
            if group.curve.zValue() != z:
                group.curve.setZValue(z)
            self.groups[key] = group
            for position, row in enumerate(members):
                self._slot[row] = (key, position)
            if spare is None:
                self._add(group.curve)
        self._hide(previous.values())

    def _take_spare(self, previous: dict[str, _ColourGroup]) -> pg.PlotCurveItem | None:
        """A hidden curve, or one of the last build's colours that this build does not draw."""
        if self._spare:
            return self._spare.pop()
        if previous:
            return previous.pop(next(reversed(previous))).curve
        return None

    def _hide(self, groups) -> None:
        for group in groups:
            group.curve.setVisible(False)
            if len(group.segments) > POINTS_PER_ARROW * 1000:
                group.curve.setData([], [])  # (thousands of arrows are not kept alive by a hidden curve)
            self._spare.append(group.curve)
        while len(self._spare) > self.SPARE:
            self._remove(self._spare.pop())

    def move(self, rows: Sequence[int], coords: np.ndarray, head: float) -> None:
        """Rewrite the arrows of ``rows`` only, in their colour's curve."""
        touched: set[str] = set()
        for row in rows:
            slot = self._slot.get(row)
            if slot is None:
                continue
            key, position = slot
            start = position * POINTS_PER_ARROW
            self.groups[key].segments[start : start + POINTS_PER_ARROW] = arrow_segments(coords[row], head)
            touched.add(key)
        for key in touched:
            segments = self.groups[key].segments
            self.groups[key].curve.setData(segments[:, 0], segments[:, 1])

    def refresh(self, coords: np.ndarray, head: float) -> None:
        """New coordinates for every arrow, keeping the items."""
        for group in self.groups.values():
            group.segments = arrow_segments(coords[group.rows], head)
            group.curve.setData(group.segments[:, 0], group.segments[:, 1])

    def __contains__(self, row: int) -> bool:
        return row in self._slot


class _Scatter(pg.ScatterPlotItem):
    """A ScatterPlotItem that can stop painting while staying visible, so that zooming to fit
    still counts its points while the density image is drawn in its place."""

    drawn = True

    def paint(self, painter, option, widget) -> None:
        if self.drawn:
            super().paint(painter, option, widget)


class PointLayer:
    """The tips as points, or a density image where more than :data:`DENSITY_ABOVE` are in view."""

    def __init__(self, add: Add, remove: Remove):
        self._add, self._remove = add, remove
        self.scatter = _Scatter(size=POINT_SIZE, pen=None, pxMode=True, hoverable=False)
        self.scatter.setZValue(1)
        self.density = pg.ImageItem(axisOrder="row-major")
        self.density.setZValue(0.5)
        self.density.setLookupTable(_density_lut())
        self._coords = np.zeros((0, 2))
        self._rows = np.zeros(0, dtype=np.int64)
        self._brushes: np.ndarray | None = None
        self._shown = False
        self.density_shown = False

    @property
    def active(self) -> bool:
        return self._shown

    def clear(self) -> None:
        if self._shown:
            self._remove(self.scatter)
            self._remove(self.density)
            self._shown = False
        self.scatter.clear()
        self._rows = np.zeros(0, dtype=np.int64)
        self.density_shown = False

    def build(self, coords: np.ndarray, rows: np.ndarray, brushes: np.ndarray) -> None:
        """Points at ``coords[rows]`` with one brush each (``brushes``, an object array like ``rows``)."""
        if not self._shown:
            self._add(self.scatter)
            self._add(self.density, ignoreBounds=True)  # it spans the view: zooming to fit must not count it
            self._shown = True
        self._rows = rows
        self._coords = np.ascontiguousarray(coords[rows])
        self._brushes = brushes
        self.scatter.setData(x=self._coords[:, 0], y=self._coords[:, 1], brush=brushes, data=rows)
        self.density.setVisible(False)
        self.scatter.drawn = True
        self.density_shown = False

    def move(self, rows: Sequence[int], coords: np.ndarray) -> None:
        """New places for a few rows (a drag): the positions are set again, brushes kept."""
        position = {int(r): i for i, r in enumerate(self._rows.tolist())} if len(rows) else {}
        for row in rows:
            i = position.get(int(row))
            if i is not None:
                self._coords[i] = coords[row]
        self.scatter.setData(x=self._coords[:, 0], y=self._coords[:, 1], brush=self._brushes, data=self._rows)

    def fit_to_view(self, x_range, y_range, pixels: tuple[int, int]) -> None:
        """Show points, or the density image when more than :data:`DENSITY_ABOVE` points are in view."""
        if not self._shown or not len(self._coords):
            return
        (x0, x1), (y0, y1) = x_range, y_range
        x, y = self._coords[:, 0], self._coords[:, 1]
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
        count = int(np.count_nonzero(inside))
        dense = count > DENSITY_ABOVE
        if dense:
            self._draw_density(x[inside], y[inside], x_range, y_range, pixels)
        if dense != self.density_shown:
            self.density.setVisible(dense)
            self.scatter.drawn = not dense
            self.scatter.update()
            self.density_shown = dense

    def _draw_density(self, x, y, x_range, y_range, pixels) -> None:
        (x0, x1), (y0, y1) = x_range, y_range
        width, height = max(1, pixels[0] // 2), max(1, pixels[1] // 2)  # a bin per 2 x 2 pixels
        col = np.minimum(((x - x0) * (width / max(x1 - x0, 1e-300))).astype(np.int64), width - 1)
        row = np.minimum(((y - y0) * (height / max(y1 - y0, 1e-300))).astype(np.int64), height - 1)
        counts = np.bincount(row * width + col, minlength=width * height).reshape(height, width)
        image = np.log1p(counts.astype(np.float32))
        self.density.setImage(image, autoLevels=False, levels=(0.0, max(float(image.max()), 1.0)))
        self.density.setRect(x0, y0, x1 - x0, y1 - y0)

    def row_near(self, x: float, y: float, sx: float, sy: float, reach: float) -> int | None:
        """The row whose point is within ``reach`` pixels of (x, y), or None."""
        if not len(self._coords):
            return None
        d2 = ((self._coords[:, 0] - x) / (sx or 1)) ** 2 + ((self._coords[:, 1] - y) / (sy or 1)) ** 2
        best = int(np.argmin(d2))
        return int(self._rows[best]) if d2[best] <= reach**2 else None


def _density_lut() -> np.ndarray:
    """White (no points) to dark blue (the most), for the density image."""
    t = np.linspace(0.0, 1.0, 256)[:, None]
    white, blue = np.array([255, 255, 255]), np.array([8, 48, 107])
    lut = (white + (blue - white) * np.sqrt(t)).astype(np.ubyte)
    alpha = np.where(t[:, 0] > 0, 255, 0).astype(np.ubyte)[:, None]
    return np.concatenate([lut, alpha], axis=1)


class Marks:
    """The selection's halo, arrows kept among points, and lines to the neighbours."""

    def __init__(self, add: Add):
        self.halo = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(_HIGHLIGHT, width=8))
        self.halo.setZValue(2)
        self.line = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen("#222222", width=1.5))
        self.line.setZValue(3)
        self.kept = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen("#444444", width=1.5))
        self.kept.setZValue(2.5)
        self.rings = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#222222", width=1.5), brush=pg.mkBrush(_HIGHLIGHT))
        self.rings.setZValue(3)
        self.links = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(QColor(40, 40, 40, 140), width=1))
        self.links.setZValue(2.2)
        self.dots = TipDots(QColor(215, 110, 0), size=5)
        self.dots.setZValue(3)
        for item in (self.halo, self.line, self.kept, self.rings, self.links, self.dots):
            add(item)
        self._shown: dict[int, np.ndarray] = {}  # id(item) -> the points it was given last

    def show(self, coords, selected, kept, query, neighbours, head: float, arrows: bool, line: bool) -> None:
        """Draw the ``selected`` rows (arrows with a halo, or rings when ``arrows`` is False), arrows
        for ``kept`` rows (neighbours and a dragged vector among points), and a line from ``query``
        to each of ``neighbours``."""
        selected = np.asarray(selected, dtype=np.intp)
        selected = selected[np.isfinite(coords[selected]).all(axis=1)] if len(selected) else selected
        many = len(selected) > MARKS_AS_DOTS_ABOVE
        self.dots.set_points(coords[selected] if many else np.zeros((0, 2)))
        if many:
            selected = selected[:0]
        segments = arrow_segments(coords[selected], head) if len(selected) and arrows else _NONE
        self._set(self.halo, segments)
        self._set(self.line, segments if line else _NONE)
        tips = coords[selected] if len(selected) and not arrows else _NONE
        self._set(self.rings, tips)
        kept = [r for r in kept if np.isfinite(coords[r]).all()]
        self._set(self.kept, arrow_segments(coords[kept], head) if kept and arrows else _NONE)
        ends = [r for r in neighbours if np.isfinite(coords[r]).all()]
        if query is not None and ends and np.isfinite(coords[query]).all():
            pairs = np.empty((2 * len(ends), 2))
            pairs[0::2] = coords[query]
            pairs[1::2] = coords[ends]
            self._set(self.links, pairs)
        else:
            self._set(self.links, _NONE)

    def _set(self, item: pg.PlotCurveItem | pg.ScatterPlotItem, points: np.ndarray) -> None:
        """Give ``item`` these points (k x 2), unless it shows them already: setting the same points again
        (most often none) costs as much as new ones, with the bounds of the view found again."""
        shown = self._shown.get(id(item))
        if shown is not None and shown.shape == points.shape and np.array_equal(shown, points):
            return
        self._shown[id(item)] = points.copy()
        item.setData(points[:, 0], points[:, 1])


class Overlay:
    """Constructions drawn over the vectors (an expression's sum tip-to-tail, a difference, a multiple).

    The plot owns one; whoever draws a construction gives it pyqtgraph items in data coordinates
    with :meth:`show` and takes them away with :meth:`clear`. Items sit above the vectors.
    """

    Z = 4

    def __init__(self, add: Add, remove: Remove):
        self._add, self._remove = add, remove
        self.items: list[QGraphicsItem] = []

    def show(self, items: Sequence[QGraphicsItem]) -> None:
        """Draw ``items`` instead of the construction shown before."""
        self.clear()
        for item in items:
            item.setZValue(self.Z)
            self._add(item)
            self.items.append(item)

    def clear(self) -> None:
        for item in self.items:
            self._remove(item)
        self.items = []
