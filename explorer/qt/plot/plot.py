"""``vectorPlot``: every visible vector as an arrow from the origin (or a point), labelled at its tip.

The plot reads what to show from ``context.view.plot`` (a PlotState), decides what to draw
after each change, and owns helpers that do it: the axes and view box (:class:`PlotFrame`:
equal scale, the origin in view, pixels to data), arrows (:class:`ArrowLayer`), points or a
density image (:class:`PointLayer`), the selection, kept arrows and neighbour lines
(:class:`Marks`), tip labels (:class:`TipLabeller`), a place for constructions
(:class:`Overlay`) and the drag of a tip (:class:`TipDrag`). One edit moves one arrow.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal

from explorer.model.columns import follows_values
from explorer.qt.batch import Pending
from explorer.qt.plot.colouring import Legend, background_first, brushes_for, label_texts, row_colours
from explorer.qt.plot.drag import TipDrag
from explorer.qt.plot.frame import PlotFrame
from explorer.qt.plot.geometry import (
    DimensionFollower,
    Placement,
    longest_arrow,
    nearest_tip,
    place,
    shown_dimensions,
)
from explorer.qt.plot.labels import LABEL_LIMIT, TipLabeller, crowd_labels
from explorer.qt.plot.layers import FAINT_ALPHA, ArrowLayer, Marks, Overlay, PointLayer

#: Above this many drawn vectors they are drawn as points ("auto"); measured with
#: tests/benchmarks/bench_plot_points.py: arrows repaint slower than points from about this count on.
POINTS_ABOVE = 2_000
#: How near (in pixels) a press must be to a tip to grab it.
GRAB_PIXELS = 10


class VectorPlot(pg.PlotWidget):
    """The vector plot of a document context (``vectorPlot``)."""

    #: The projection or the dimensions shown changed: mode, x, y.
    projection_changed = Signal(str, int, int)
    #: The sentence about the view changed ("" when there is none).
    note_changed = Signal(str)
    #: What the colours mean changed.
    legend_changed = Signal(object)

    def __init__(self, context, parent=None):
        # No pyqtgraph context menu (the frame turns it off too): built and then dropped, it cost ~6 ms a window.
        super().__init__(parent, background="w", enableMenu=False)
        self.setObjectName("vectorPlot")
        self._context = context
        self._state = context.view.plot  # what to show: owned by the view state
        self._syncing = False  # the plot itself is writing the state: do not react to it
        self._placement = Placement(np.zeros((0, 2)), ("", ""))
        self._titles: tuple[str, str] | None = None  # the axis titles shown
        self._drawn = np.zeros(0, dtype=np.int64)
        self._colours: list[str] = []
        self._head = 1.0
        self._extent = 1.0
        self._live = None
        self._query: int | None = None
        self._neighbours: list[int] = []
        self.legend = Legend()
        self.note = ""
        self._dimensions = DimensionFollower(self._state, context.table, self._write_state)
        self._mode_followed = False  # the projection changed with the dimensions during a batch: fit at its end

        #: The axes, the view box and the origin: what is in view, and pixels to data.
        self.frame = PlotFrame(self, lambda: self._placement.linear)
        self.arrows = ArrowLayer(self.addItem, self.removeItem)
        self.points = PointLayer(self.addItem, self.removeItem)
        self.marks = Marks(self.addItem)
        self.labeller = TipLabeller(self.addItem, self.removeItem, self.frame.box)
        self.overlay = Overlay(self.addItem, self.removeItem)
        self.drag = TipDrag(self, context)
        #: During a burst of changes (an undo of many steps) the plot draws once, at its end.
        self._pending = Pending(context.batch, self.rebuild, self._show_values, owner=self)
        # Labels near an edge or an arrowhead move whenever the range or the size changes; so does the density.
        self.frame.box.sigTransformChanged.connect(self._on_view_change)
        self.setMouseTracking(True)

        table = context.table
        table.values_changed.connect(self._on_values_change)
        table.labels_changed.connect(self._on_labels_change)
        table.styles_changed.connect(lambda rows: self._rebuild_now_or_later())
        table.dimensions_changed.connect(lambda columns: self._rebuild_now_or_later())
        for signal in (table.rows_inserted, table.rows_removed, table.rows_moved):
            signal.connect(lambda *_: self._rebuild_now_or_later())
        table.columns_inserted.connect(self._dimensions.columns_inserted)
        table.columns_removed.connect(self._dimensions.columns_removed)
        for signal in (table.columns_inserted, table.columns_removed):
            signal.connect(lambda *_: self._rebuild_now_or_later())
        table.reset.connect(self._on_document_replaced)
        metadata = table.metadata
        for signal in (metadata.values_changed, metadata.names_changed, metadata.columns_inserted):
            signal.connect(lambda *_: self._on_metadata_change())
        metadata.columns_removed.connect(lambda *_: self._on_metadata_change())
        context.selection_changed.connect(self._on_selection_change)
        self._state.changed.connect(self._on_state_change)
        context.view.projections.changed.connect(self._on_stored_change)
        self.rebuild()

    # ---------------------------------------------------------- the view
    @property
    def mode(self) -> str:
        """The projection shown: one of the view state's PROJECTIONS."""
        return self._state.mode

    @property
    def shown_dimensions(self) -> tuple[int, int]:
        return shown_dimensions(self._state, self._context.table.dimension_count)

    @property
    def explained_variance(self) -> tuple[float, float]:
        """The fraction of the variance along each PCA axis (PCA view only)."""
        return self._placement.explained

    @property
    def drawn_rows(self) -> list[int]:
        """The rows drawn now (visible, placed, and not hidden by Isolate)."""
        return self._drawn.tolist()

    @property
    def as_points(self) -> bool:
        """True when the vectors are drawn as points (chosen, a non-linear map, or many vectors)."""
        draw = self._state.draw
        return draw == "points" or not self._placement.linear or (draw == "auto" and len(self._drawn) > POINTS_ABOVE)

    def set_projection(self, mode: str, x: int | None = None, y: int | None = None) -> None:
        """Show dimensions ``x`` and ``y``, or a projection (``"pca"``, ``"tsne"``, ``"umap"``, ``"axes"``)."""
        values: dict = {"projection": mode}
        if x is not None:
            values["x"] = int(x)
        if y is not None:
            values["y"] = int(y)
        self._state.update(**values)

    def fit_view(self) -> None:
        """Zoom so that every drawn vector and the origin are in view, and follow changes again."""
        self.frame.fit()

    def zoom_to_rows(self, rows, centre: int | None = None) -> None:
        """Zoom so that the tips of ``rows`` fill the view (with the origin, where arrows start); or, with
        ``centre``, keep the zoom and put the tip of row ``centre`` in the middle (the search's Enter)."""
        self.frame.zoom_to(self._placement.coords, rows, centre)

    def show_live(self, method: str, positions: np.ndarray, rows) -> None:
        """Show a map's positions while it is computed (``None`` positions: back to the stored view)."""
        self._live = None if positions is None else (method, positions, rows)
        self.rebuild()
        if positions is not None:
            self.frame.fit()

    def set_neighbours(self, query: int | None, rows) -> None:
        """Draw lines from ``query`` to its neighbour ``rows`` (and keep their arrows among points)."""
        rows = list(rows)
        if (query, rows) == (self._query, self._neighbours) and len(self._placement.coords) == len(self._context.table):
            return  # the same lines: the plot redraws its own marks when the tips move or the selection changes
        self._query, self._neighbours = query, rows
        if len(self._placement.coords) != len(self._context.table):
            return  # rows are arriving or going: the rebuild that follows draws them
        if self._state.isolate != "off":
            self.rebuild()
        else:
            if self._labelled_rows() != list(self.labeller.labels):  # (150 selected leave no room for them)
                self._relabel()
            self._update_marks()

    def _write_state(self, **values) -> None:
        self._syncing = True
        try:
            self._state.update(**values)
        finally:
            self._syncing = False

    def _on_state_change(self, names) -> None:
        if self._syncing or self._context.replacing:
            return  # the plot wrote it, or a new document is arriving (the table's reset redraws)
        if names & {"neighbours"} == names:
            return
        self.rebuild()
        if names & {"projection", "x", "y", "axes", "seed"}:
            self.frame.fit()
            self.projection_changed.emit(self.mode, *self.shown_dimensions)

    def _on_stored_change(self, method) -> None:
        if method == self.mode and not self._context.replacing:
            self._live = None
            self.rebuild()
            self.frame.fit()

    # ------------------------------------------------------------ building
    def rebuild(self) -> None:
        """Place and draw every vector again (a structural change, a new colour or projection)."""
        mode_changed = self._dimensions.follow_count() or self._mode_followed
        self._mode_followed = False
        table = self._context.table
        self._placement = place(table, self._state, self._context.view.projections, self._live)
        coords = self._placement.coords
        shown = np.fromiter(table.visible, dtype=bool, count=len(table)) & np.isfinite(coords).all(axis=1)
        focus = self._focus()
        faint = None
        if focus and self._state.isolate != "off":
            in_focus = np.zeros(len(table), dtype=bool)
            in_focus[list(focus)] = True
            if self._state.isolate == "hidden":
                shown &= in_focus
            else:
                faint = ~in_focus
        self._drawn = np.flatnonzero(shown)
        self._colours, self.legend, note = row_colours(table, self._state.color_by)
        self._set_head_size()
        drawn = self._drawn if self._state.color_by is None else background_first(self._drawn, self._colours)
        if self.as_points:
            self.arrows.clear()
            self.points.clear()
            self.points.build(coords, drawn, brushes_for(self._colours, drawn, faint, FAINT_ALPHA))
            self._on_view_change()
        else:
            self.points.clear()
            self.arrows.build(coords, drawn, self._colours, self._head, faint)  # (reusing the curves it drew)
        self.frame.origin.setVisible(self._placement.linear)
        self._relabel()
        if self._titles != self._placement.titles:  # (an axis title set again is laid out again)
            self._titles = self._placement.titles
            item = self.getPlotItem()
            item.setLabel("bottom", self._titles[0])
            item.setLabel("left", self._titles[1])
        self._update_marks()
        self._set_note(note or self._placement.note)
        self.legend_changed.emit(self.legend)
        if mode_changed:
            self.frame.fit()
            self.projection_changed.emit(self.mode, *self.shown_dimensions)

    def _set_note(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self.note_changed.emit(note)

    def _focus(self) -> set[int]:
        rows = set(self._context.selection) | set(self._neighbours)
        if self.drag.row is not None:
            rows.add(self.drag.row)
        return {r for r in rows if r < len(self._context.table)}

    def _set_head_size(self) -> None:
        self._extent = longest_arrow(self._placement.coords[self._drawn])
        self._head = 0.045 * self._extent

    def _labelled_rows(self) -> list[int]:
        """Every drawn vector, or in a crowd the selected ones and their neighbours (at most LABEL_LIMIT)."""
        if len(self._drawn) <= LABEL_LIMIT and not self.as_points:
            return self._drawn.tolist()
        return crowd_labels(self._placement.coords, self._context.selection_array, self._neighbours)

    def _relabel(self) -> None:
        """Label every drawn vector, or in a crowd the selected ones and their neighbours."""
        table = self._context.table
        drawn = self._drawn
        rows = self._labelled_rows()
        texts = self._label_texts(rows)
        colours = [table.color(r) if self._state.color_by is None else self._colours[r] for r in rows]
        tooltips = [table.label(r) for r in rows]
        self.labeller.show(rows, texts, tooltips, colours, len(drawn) > LABEL_LIMIT, place=False)
        self.labeller.follow(self._placement.coords, self._head)  # places them

    def _label_texts(self, rows) -> list[str]:
        return label_texts(self._context.table, self._state.label_by, rows)

    def _update_marks(self) -> None:
        coords = self._placement.coords
        n = len(coords)
        selected = self._context.selection_array
        selected = selected[selected < n]
        as_points = self.as_points
        kept = [r for r in self._neighbours if r < n] if as_points else []
        if self.drag.row is not None and as_points:
            kept.append(self.drag.row)
        query = self._query if self._query is not None and self._query < n else None
        arrows = self._placement.linear
        ends = [r for r in self._neighbours if r < n]
        crowded = len(self._drawn) > LABEL_LIMIT
        self.marks.show(coords, selected, kept, query, ends, self._head, arrows, crowded)

    # ------------------------------------------------------- model events
    def _rebuild_now_or_later(self) -> None:
        if not self._pending.everything():
            self.rebuild()
            return
        # The projection follows every step's dimension count (two, none, then 50: PCA), as a rebuild would.
        self._mode_followed |= self._dimensions.follow_count()

    def _on_values_change(self, rows, columns) -> None:
        if not self._pending.values_of(rows, columns):
            self._show_values(rows, columns)

    def _show_values(self, rows, columns) -> None:
        """Move the arrows of ``rows`` (or draw everything again when that is simpler)."""
        table = self._context.table
        if table.row_count != len(self._placement.coords):
            self.rebuild()
            return
        mode = self.mode
        x, y = self.shown_dimensions
        # Colours by a metadata column stay as they are when values change; by |v| or a dimension they follow.
        fixed = not follows_values(table, self._state.color_by)
        unseen = mode == "dimensions" and table.dimension_count > 1 and not {x, y} & set(columns)
        if unseen and fixed:
            if follows_values(table, self._state.label_by):
                self._relabel()  # tips that say |v| or a value say the new one
            return
        moving = self.drag.active or (len(rows) <= 64 and mode == "dimensions" and fixed)
        if moving and mode == "dimensions":
            placed = place(table, self._state, self._context.view.projections, self._live).coords
            with np.errstate(over="ignore"):  # inf for a tip beyond float64: redrawn whole below
                lengths = np.hypot(*placed[list(rows)].T)
            if self.drag.active or lengths.max(initial=0) <= 1.5 * self._extent:
                self._placement.coords[list(rows)] = placed[list(rows)]
                if self.as_points:
                    self.points.move(rows, self._placement.coords)
                else:
                    self.arrows.move(rows, self._placement.coords, self._head)
                if follows_values(table, self._state.label_by):
                    self._relabel()
                else:
                    self.labeller.follow(self._placement.coords, self._head)
                self._update_marks()
                return
        self.rebuild()

    def _on_labels_change(self, rows) -> None:
        if self._pending.everything():
            return
        table = self._context.table
        for row in rows:
            self.labeller.set_text(row, self._label_texts([row])[0], table.label(row))

    def _on_metadata_change(self) -> None:
        """Colours and tip texts taken from a column follow its edits (a metadata column's, or its removal)."""
        if self._state.color_by is not None or self._state.label_by is not None:
            self._rebuild_now_or_later()

    def _on_document_replaced(self) -> None:
        self._dimensions.arrived()
        self._live, self._query, self._neighbours = None, None, []
        self.rebuild()
        self.frame.fit()
        self.projection_changed.emit(self.mode, *self.shown_dimensions)

    def _on_selection_change(self, rows) -> None:
        if self._pending.all_waiting or len(self._placement.coords) != len(self._context.table):
            return  # rows are arriving or going: the rebuild that follows draws them
        if self._state.isolate != "off":
            self.rebuild()
            return
        if len(self._drawn) > LABEL_LIMIT or self.as_points:
            self._relabel()
        self._update_marks()

    def _on_view_change(self, *_) -> None:
        self.labeller.place()
        if self.points.active:
            size = self.frame.box.size()
            self.points.fit_to_view(*self.frame.box.viewRange(), (int(size.width()), int(size.height())))

    # ----------------------------------------------------------- geometry
    def tip(self, row: int) -> tuple[float, float]:
        """The plotted tip of ``row`` in data coordinates."""
        x, y = self._placement.coords[row]
        return float(x), float(y)

    def tip_viewport_pos(self, row: int):
        """Where the tip of ``row`` is on the viewport, in pixels (a QPoint)."""
        return self.frame.position_of(*self.tip(row))

    def data_at(self, position) -> tuple[float, float]:
        """The data coordinates under a viewport position."""
        return self.frame.data_at(position)

    def pixel_size(self) -> tuple[float, float]:
        return self.frame.pixel_size()

    def row_at(self, position) -> int | None:
        """The drawn vector whose tip is within GRAB_PIXELS of a viewport position."""
        if not len(self._drawn):
            return None
        best, pixels = nearest_tip(self._placement.coords[self._drawn], self.data_at(position), self.pixel_size())
        return int(self._drawn[best]) if pixels <= GRAB_PIXELS else None

    # ------------------------------------------------- what a drag needs
    def drag_axes(self):
        """The dimensions a drag edits, or the sentence saying why it cannot."""
        return self._placement.drag

    def hold_range(self) -> None:
        """Keep the view's range from now on (a drag must not make it jump)."""
        self.frame.hold()

    def drag_ended(self) -> None:
        self._set_head_size()
        if self.as_points:
            self.rebuild()
        else:
            self.arrows.refresh(self._placement.coords, self._head)
            self.labeller.follow(self._placement.coords, self._head)
            self._update_marks()

    # -------------------------------------------------------------- mouse
    def mousePressEvent(self, event) -> None:
        if self.drag.press(event.position().toPoint(), event.button(), event.modifiers()):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        position = event.position().toPoint()
        if self.drag.move(position, event.buttons()):
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton and len(self._drawn) <= 50_000:
            over = self.row_at(position) is not None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self.drag.release():
            event.accept()
            return
        super().mouseReleaseEvent(event)
