"""``vectorPlot``: every visible vector as an arrow from the origin, labelled at its tip.

Arrows of one colour share one ``connect='pairs'`` curve; a changed vector
rewrites its own six points in its colour's array and that curve alone is
redrawn, so one edit moves one arrow. Axes keep equal scale and the origin in
view. Dragging a tip (in the dimensions view) edits the vector live through
``context.apply_live`` and becomes one undo step on release.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem

from explorer.model.projection import pca, select_dimensions
from explorer.qt.plot.arrows import POINTS_PER_ARROW, arrow_segments
from explorer.qt.plot.drag import TipDragging
from explorer.qt.plot.labels import LABEL_LIMIT, TipLabels, short_label

#: Above this many vectors arrows are drawn without antialiasing.
CROWD = 5_000
#: Opacity (0-255) of crowded arrows.
CROWD_ALPHA = 60
#: How near (in pixels) a press must be to a tip to grab it.
GRAB_PIXELS = 10
_HIGHLIGHT = QColor(255, 200, 0, 150)


class _ColourGroup:
    """The arrows of one colour: their rows and one curve drawing all of them."""

    def __init__(self, color: str, rows: list[int], segments: np.ndarray, crowded: bool = False):
        self.rows = rows
        self.segments = segments
        # Thousands of arrows: thin, translucent lines show where they crowd (solid ones make a black blot),
        # and smooth edges cost more than they show (a repaint of 100,000 takes 3x longer).
        pen = pg.mkPen(color, width=2)
        if crowded:
            faint = QColor(color)
            faint.setAlpha(CROWD_ALPHA)
            pen = pg.mkPen(faint, width=1)
        self.curve = pg.PlotCurveItem(segments[:, 0], segments[:, 1], connect="pairs", pen=pen, antialias=not crowded)
        # Unchanged colours are blitted from a pixmap; only the curve of a moved arrow is redrawn.
        self.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class VectorPlot(TipLabels, TipDragging, pg.PlotWidget):
    """The arrow plot of a document context (``vectorPlot``)."""

    #: The projection or the dimensions shown changed: mode, x, y.
    projection_changed = Signal(str, int, int)

    def __init__(self, context, parent=None):
        super().__init__(parent, background="w")
        self.setObjectName("vectorPlot")
        self._context = context
        self._state = context.view.plot  # projection and shown dimensions: owned by the view state
        self._syncing = False  # the plot itself is writing the state: do not react to it
        self._coords = np.zeros((0, 2))
        self._groups: dict[str, _ColourGroup] = {}
        self._slot: dict[int, tuple[str, int]] = {}
        self._labels: dict[int, pg.TextItem] = {}
        self._head = 1.0
        self._extent = 1.0
        self._explained = (0.0, 0.0)
        self._drag: dict | None = None
        self._dimension_count = self._arriving_dimension_count()
        self._font = QFont()
        self._font.setPointSizeF(max(self._font.pointSizeF(), 9.0))

        item = self.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setMenuEnabled(False)
        item.hideButtons()
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTextPen("#333333")
            axis.setPen("#888888")
            # The grid belongs to the axes; keep it as a pixmap so a moved arrow does not redraw it.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            # Plain numbers on the axes: "(x0.001)" beside a dimension's name reads as part of its unit.
            axis.enableAutoSIPrefix(False)
            # Grid lines at the major and minor ticks only: the finest level added ~40 faint lines
            # that cost 10 ms per axis whenever an edit changes the range (the lesson's D, say).
            axis.setStyle(maxTickLevel=1)
        self._vb = item.getViewBox()
        self._vb.setAspectLocked(True, ratio=1.0)
        self._vb.setDefaultPadding(0.12)
        self._vb.sigRangeChangedManually.connect(self._keep_origin_in_view)
        # Labels near an edge flip to the side with room whenever the range or the size changes.
        self._vb.sigTransformChanged.connect(self._fit_labels)
        self._origin = pg.ScatterPlotItem([0.0], [0.0], size=6, brush=pg.mkBrush("#444444"), pen=None)
        self._origin.setZValue(5)
        self.addItem(self._origin)
        # Selected arrows: a wide halo, and a dark line on top so they stand out in a crowd.
        self._highlight = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(_HIGHLIGHT, width=8))
        self._highlight.setZValue(2)
        self.addItem(self._highlight)
        self._highlight_line = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen("#222222", width=1.5))
        self._highlight_line.setZValue(3)
        self.addItem(self._highlight_line)
        self.setMouseTracking(True)

        table = context.table
        table.values_changed.connect(self._on_values_change)
        table.labels_changed.connect(self._on_labels_change)
        table.styles_changed.connect(lambda rows: self.rebuild())
        table.dimensions_changed.connect(lambda columns: self._update_axis_titles())
        for signal in (table.rows_inserted, table.rows_removed, table.rows_moved):
            signal.connect(self._on_structure_change)
        table.columns_inserted.connect(self._on_columns_inserted)
        table.columns_removed.connect(self._on_columns_removed)
        table.reset.connect(self._on_document_replaced)
        context.selection_changed.connect(self._on_selection_change)
        self._state.changed.connect(self._on_state_change)
        self.rebuild()

    # ---------------------------------------------------------- projection
    @property
    def _mode(self) -> str:
        return self._state.mode

    @property
    def _x(self) -> int:
        return self._shown()[0]

    @property
    def _y(self) -> int:
        return self._shown()[1]

    def _shown(self) -> tuple[int, int]:
        """The state's dimensions, kept inside the table (a table of fewer dimensions shows the first two)."""
        d = self._context.table.dimension_count
        if d <= 1:
            return 0, 1
        x, y = min(self._state.x, d - 1), min(self._state.y, d - 1)
        if x == y and x == d - 1 and (self._state.x, self._state.y) != (x, y):
            x = 0
        return x, y

    def _write_state(self, **values) -> None:
        """Change the plot's view state without reacting to the change (the caller redraws)."""
        self._syncing = True
        try:
            self._state.update(**values)
        finally:
            self._syncing = False

    def _on_state_change(self, names) -> None:
        """Another widget (or a file) chose a projection or dimensions: show them."""
        if self._syncing or self._context.replacing:
            return  # the plot wrote it, or a new document is arriving (the table's reset redraws)
        self.rebuild()
        self._vb.enableAutoRange()
        self.projection_changed.emit(self._mode, self._x, self._y)

    @property
    def mode(self) -> str:
        """``"dimensions"`` (two chosen dimensions) or ``"pca"``."""
        return self._mode

    @property
    def shown_dimensions(self) -> tuple[int, int]:
        return self._x, self._y

    @property
    def explained_variance(self) -> tuple[float, float]:
        """The fraction of the variance along each PCA axis (PCA view only)."""
        return self._explained

    def set_projection(self, mode: str, x: int | None = None, y: int | None = None) -> None:
        """Show dimensions ``x`` and ``y``, or the PCA projection (``mode="pca"``)."""
        if mode not in ("dimensions", "pca"):
            raise ValueError(f"unknown projection '{mode}'")
        values = {"projection": mode}
        if x is not None:
            values["x"] = int(x)
        if y is not None:
            values["y"] = int(y)
        self._write_state(**values)
        self.rebuild()
        self._vb.enableAutoRange()
        self.projection_changed.emit(self._mode, self._x, self._y)

    def fit_view(self) -> None:
        """Zoom so that every visible arrow and the origin are in view, and follow changes again."""
        self._vb.enableAutoRange()

    def _project(self) -> np.ndarray:
        table = self._context.table
        values = table.values
        if table.dimension_count == 0 or table.row_count == 0:
            self._explained = (0.0, 0.0)
            return np.zeros((table.row_count, 2))
        if self._mode == "pca":
            projection = pca(values)
            self._explained = projection.explained
            return projection.coordinates
        if table.dimension_count == 1:
            return np.stack([values[:, 0], np.zeros(table.row_count)], axis=1)
        return select_dimensions(values, self._x, self._y)

    def _update_axis_titles(self) -> None:
        item = self.getPlotItem()
        dims = self._context.table.dimensions
        if self._mode == "pca":
            ex, ey = self._explained
            item.setLabel("bottom", f"PC1 ({100 * ex:.1f}% of variance)")
            item.setLabel("left", f"PC2 ({100 * ey:.1f}% of variance)")
        elif not dims:
            item.setLabel("bottom", "(no dimensions)")
            item.setLabel("left", "")
        else:
            item.setLabel("bottom", dims[self._x].title)
            item.setLabel("left", dims[self._y].title if len(dims) > 1 else "(none)")

    # ------------------------------------------------------------ building
    def rebuild(self) -> None:
        """Recreate every arrow (after a structural change, a new colour or projection)."""
        mode_changed = self._follow_dimension_count()
        for group in self._groups.values():
            self.removeItem(group.curve)
        for label in self._labels.values():
            self.removeItem(label)
        self._groups, self._slot, self._labels = {}, {}, {}
        table = self._context.table
        self._coords = self._project()
        self._set_head_size()
        rows_by_color: dict[str, list[int]] = {}
        for row, (color, shown) in enumerate(zip(table.colors, table.visible)):
            if shown:
                rows_by_color.setdefault(color, []).append(row)
        for color, rows in rows_by_color.items():
            group = _ColourGroup(
                color, rows, arrow_segments(self._coords[rows], self._head), crowded=len(table) > CROWD
            )
            self._groups[color] = group
            for position, row in enumerate(rows):
                self._slot[row] = (color, position)
            self.addItem(group.curve)
        self._relabel()
        self._update_axis_titles()
        self._update_highlight()
        if mode_changed:
            self._vb.enableAutoRange()
            self.projection_changed.emit(self._mode, self._x, self._y)

    def _arriving_dimension_count(self) -> int:
        """The dimension count a document's table counts as coming from: 0 (a table arriving
        whole, like token vectors sent from the vocabulary) unless its view chose a projection,
        so that a file of more than two dimensions opens in PCA."""
        return self._context.table.dimension_count if self._state.projection else 0

    def _follow_dimension_count(self) -> bool:
        """PCA when a table's dimensions are replaced by more than two (embedding rows sent from
        the vocabulary); back to two dimensions when at most two remain. True when the mode changed."""
        before, now = self._dimension_count, self._context.table.dimension_count
        self._dimension_count = now
        mode = self._mode
        if mode == "dimensions" and before == 0 and now > 2:
            mode = "pca"
        elif mode == "pca" and now <= 2:
            mode = "dimensions"
        if mode == self._mode:
            return False
        self._write_state(projection=mode)
        return True

    def _set_head_size(self) -> None:
        visible = [r for r, shown in enumerate(self._context.table.visible) if shown]
        lengths = np.hypot(*self._coords[visible].T) if visible else np.zeros(0)
        self._extent = float(lengths.max()) if len(lengths) and lengths.max() > 0 else 1.0
        self._head = 0.045 * self._extent

    def _refresh_all(self) -> None:
        """New coordinates for every arrow, keeping the items (PCA after an edit)."""
        self._coords = self._project()
        self._set_head_size()
        for group in self._groups.values():
            group.segments = arrow_segments(self._coords[group.rows], self._head)
            group.curve.setData(group.segments[:, 0], group.segments[:, 1])
        for row, label in self._labels.items():
            self._place_label(row, label)
        self._update_axis_titles()
        self._update_highlight()

    def _move_rows(self, rows) -> None:
        """Move the arrows of ``rows`` only: rewrite their points in their colour's curve."""
        table = self._context.table
        values = table.values
        touched: set[str] = set()
        for row in rows:
            if self._context.table.dimension_count == 1:
                self._coords[row] = (values[row, 0], 0.0)
            else:
                self._coords[row] = (values[row, self._x], values[row, self._y])
            slot = self._slot.get(row)
            if slot is None:
                continue
            color, position = slot
            group = self._groups[color]
            start = position * POINTS_PER_ARROW
            group.segments[start : start + POINTS_PER_ARROW] = arrow_segments(self._coords[row], self._head)
            touched.add(color)
            if row in self._labels:
                self._place_label(row, self._labels[row])
        for color in touched:
            segments = self._groups[color].segments
            self._groups[color].curve.setData(segments[:, 0], segments[:, 1])
        if any(r in self._context.selection for r in rows):
            self._update_highlight()

    def _update_highlight(self) -> None:
        rows = [r for r in self._context.selection if r in self._slot]
        segments = arrow_segments(self._coords[rows], self._head) if rows else np.zeros((0, 2))
        self._highlight.setData(segments[:, 0], segments[:, 1])
        if len(self._slot) > LABEL_LIMIT:
            self._highlight_line.setData(segments[:, 0], segments[:, 1])
        else:
            self._highlight_line.setData([], [])

    # ------------------------------------------------------- model events
    def _on_values_change(self, rows, columns) -> None:
        if self._drag is None and self._context.table.row_count != len(self._coords):
            self.rebuild()
            return
        if self._mode == "pca":
            self._refresh_all()
            return
        if self._context.table.dimension_count > 1 and not {self._x, self._y} & set(columns):
            return
        lengths = (
            np.hypot(*self._context.table.values[list(rows)][:, [self._x, self._y]].T)
            if self._context.table.dimension_count > 1
            else np.abs(self._context.table.values[list(rows), 0])
        )
        few_within_extent = len(rows) <= 64 and lengths.max(initial=0) <= 1.5 * self._extent
        if self._drag is not None or few_within_extent:
            self._move_rows(rows)
        else:
            self._refresh_all()

    def _on_labels_change(self, rows) -> None:
        table = self._context.table
        for row in rows:
            if row in self._labels:
                self._labels[row].setText(short_label(table.label(row)))
                self._labels[row].setToolTip(table.label(row))

    def _on_structure_change(self, *args) -> None:
        self.rebuild()

    def _on_columns_inserted(self, start: int, count: int) -> None:
        """Keep showing the same dimensions when others are added before them."""
        self._follow_columns(lambda c: c + count if c >= start else c, count)

    def _on_columns_removed(self, start: int, count: int) -> None:
        """Keep showing the same dimensions when others before them go (a removed one is replaced)."""
        self._follow_columns(lambda c: c - count if c >= start + count else min(c, start), -count)

    def _follow_columns(self, new_column, added: int) -> None:
        d = self._context.table.dimension_count
        if d > 1 and d - added > 1:  # there were two dimensions to show before, and are after
            x, y = new_column(self._x), new_column(self._y)
            if x == y and self._x != self._y:  # both went to one column: show two different ones
                y = (x + 1) % d
            self._write_state(x=x, y=y)
        self.rebuild()

    def _on_document_replaced(self) -> None:
        self._dimension_count = self._arriving_dimension_count()
        self.rebuild()
        self._vb.enableAutoRange()
        self.projection_changed.emit(self._mode, self._x, self._y)

    def _on_selection_change(self, rows) -> None:
        if len(self._slot) > LABEL_LIMIT:
            self._relabel()
        self._update_highlight()

    # ----------------------------------------------------------- geometry
    def tip(self, row: int) -> tuple[float, float]:
        """The plotted tip of ``row`` in data coordinates."""
        x, y = self._coords[row]
        return float(x), float(y)

    def tip_viewport_pos(self, row: int):
        """Where the tip of ``row`` is on the viewport, in pixels (a QPoint)."""
        x, y = self.tip(row)
        scene = self._vb.mapViewToScene(QPointF(x, y))
        return self.mapFromScene(scene)

    def data_at(self, position) -> tuple[float, float]:
        """The data coordinates under a viewport position."""
        point = self._vb.mapSceneToView(self.mapToScene(position))
        return point.x(), point.y()

    def row_at(self, position) -> int | None:
        """The visible vector whose tip is within GRAB_PIXELS of a viewport position."""
        if not self._slot:
            return None
        rows = np.fromiter(self._slot, dtype=int)
        x, y = self.data_at(position)
        sx, sy = self._vb.viewPixelSize()
        tips = self._coords[rows]
        d2 = ((tips[:, 0] - x) / (sx or 1)) ** 2 + ((tips[:, 1] - y) / (sy or 1)) ** 2
        best = int(np.argmin(d2))
        return int(rows[best]) if d2[best] <= GRAB_PIXELS**2 else None

    def _keep_origin_in_view(self, *_) -> None:
        (x0, x1), (y0, y1) = self._vb.viewRange()
        # Shift the view so that the origin sits just inside the edge it left by.
        dx = 0.0 if x0 <= 0 <= x1 else (-x0 - 0.05 * (x1 - x0) if x0 > 0 else -x1 + 0.05 * (x1 - x0))
        dy = 0.0 if y0 <= 0 <= y1 else (-y0 - 0.05 * (y1 - y0) if y0 > 0 else -y1 + 0.05 * (y1 - y0))
        if dx or dy:
            self._vb.setRange(xRange=(x0 + dx, x1 + dx), yRange=(y0 + dy, y1 + dy), padding=0)
