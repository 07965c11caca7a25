"""The similarity heatmap panel (``similarityHeatmap``), live on the open document.

It keeps one :class:`~explorer.model.similarity.SimilarityMatrix`: an edit of
some vectors recomputes their rows and columns only (``update_rows``), a
structural change or a metric change recomputes the whole matrix, and a
colour map, range, order or numbers change only restyles the picture.

The panel owns three helpers and talks to each through a few methods:
:class:`~explorer.qt.heatmap.controls.HeatmapControls` (the choosers, which
reflect and set ``context.view.heatmap``),
:class:`~explorer.qt.heatmap.large.ShownRows` (all vectors, the first ones of
a large document, or the selected ones) and
:class:`~explorer.qt.heatmap.clustering.BackgroundOrder` (clustering many
vectors on a worker, with Cancel).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QFontInfo, QGuiApplication
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from explorer.model import ordering
from explorer.model.heatmap import HeatmapScores
from explorer.model.similarity import SimilarityMatrix, norms
from explorer.qt.batch import Pending
from explorer.qt.heatmap.clustering import CLUSTER_IN_BACKGROUND, BackgroundOrder
from explorer.qt.heatmap.controls import HeatmapControls
from explorer.qt.heatmap.figure import BACKGROUND, HeatmapFigure
from explorer.qt.heatmap.large import PREVIEW_ROWS, ShownRows
from explorer.qt.text import escape_html

__all__ = ["CLUSTER_IN_BACKGROUND", "PREVIEW_ROWS", "HeatmapPanel"]


class HeatmapPanel(QWidget):
    """Scores of every pair of vectors as coloured cells; hover tells, click selects the pair."""

    #: A clustered order computed in the background is now shown.
    order_ready = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("similarityHeatmap")
        self.context = context
        #: Metric, order, colour map, range, numbers...: owned by the document's view state.
        self.state = context.view.heatmap
        self.similarity = SimilarityMatrix(context.metric)
        self.data = HeatmapScores(metric=context.metric)
        self._shown_order = "original"  # the order data.order holds (differs from the state's while clustering)

        self.controls = HeatmapControls(context)
        self.shown = ShownRows(context, self.controls.show_selected_button, self.recompute)
        self.background = BackgroundOrder(self._on_order_ready, self._on_order_stopped)
        # The choosers and rows by their old names (tests and other panels use them).
        self.metric_selector = self.controls.metric_selector
        self.order_selector = self.controls.order_selector
        self.colormap_selector = self.controls.colormap_selector
        self.numbers_check = self.controls.numbers_check
        self.dendrogram_check = self.controls.dendrogram_check
        self.export_button = self.controls.export_button
        self.show_selected_button = self.controls.show_selected_button
        self.notice = self.shown.notice
        self.busy = self.background.busy
        self.cancel_order_button = self.background.cancel_button

        self.graphics = pg.GraphicsView(background=BACKGROUND)
        self.graphics.setObjectName("heatmapView")
        self.graphics.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # On screen the labels keep the application's text size at most; an export grows with its page.
        self.figure = HeatmapFigure(self.data, max_px=max(11.0, QFontInfo(QGuiApplication.font()).pixelSize()))
        self.graphics.setCentralItem(self.figure)
        self.graphics.setMouseTracking(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.controls)
        layout.addWidget(self.shown.widget)
        layout.addWidget(self.background.widget)
        layout.addWidget(self.graphics, 1)

        #: During a burst of changes (an undo of many steps) the scores are computed once, at its end.
        self._pending = Pending(context.batch, self.recompute, self._show_values, owner=self)
        self.export_button.clicked.connect(self._on_export_clicked)
        context.metric_changed.connect(self._on_metric_change)
        self.state.changed.connect(self._on_state_change)
        context.pair_changed.connect(self._on_pair_change)
        context.document_replaced.connect(self._on_document_replaced)
        table = context.table
        links = [(table.values_changed, self._on_values_change), (table.labels_changed, self._on_labels_change)]
        links += [(signal, self._on_structure_change) for signal in table.structure_signals()]
        for signal, slot in links:
            signal.connect(slot)
        # The table may outlive the panel: stop listening when the widget goes.
        self.destroyed.connect(lambda *args, links=links: [s.disconnect(f) for s, f in links])
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.graphics.viewport().installEventFilter(self)
        self.figure.view.sigRangeChanged.connect(self._update_numbers_note)
        self.figure.view.sigResized.connect(self._update_numbers_note)
        self._take_style()
        self.recompute()

    # ------------------------------------------------------------- reading
    @property
    def order(self) -> str:
        return self.state.order

    @property
    def colormap(self) -> str:
        return self.data.colormap

    @property
    def ordering_busy(self) -> bool:
        """True while a clustered order is being computed in the background."""
        return self.background.running

    def displayed_labels(self) -> list[str]:
        """Labels from top to bottom (and left to right) as the heatmap shows them."""
        return self.data.display_labels()

    def cell_tooltip(self, row: int, column: int) -> str:
        """The tooltip of the cell at display position (row, column)."""
        return self.data.cell_tooltip(row, column)

    def cell_position(self, row: int, column: int):
        """Where the cell at display (row, column) is, in the heatmap view's viewport coordinates."""
        return self.graphics.mapFromScene(self.figure.cell_scene_center(row, column))

    def shown_rows(self) -> list[int]:
        """The table rows the heatmap shows, in table order."""
        return self.shown.shown_rows()

    def show_selected(self) -> bool:
        """Compare the selected vectors only (see :class:`~explorer.qt.heatmap.large.ShownRows`)."""
        return self.shown.show_selected()

    def numbers_note(self) -> str:
        """'numbers hidden: cells too small' while the numbers asked for do not fit, else ''."""
        return self.controls.numbers_note.text() if self.controls.numbers_note.isVisibleTo(self) else ""

    # ------------------------------------------------------------ computing
    def recompute(self) -> None:
        """All N x N scores again (vectors added, removed, reordered; metric changed)."""
        self.shown.choose()
        values = self.shown.values()
        self.similarity.recompute(values, self.context.metric)
        self.data.labels = self.shown.labels()
        self.data.matrix = self.similarity.matrix
        self.data.zero = norms(values) == 0 if len(values) and values.shape[1] else np.ones(len(values), bool)
        self.data.metric = self.context.metric
        self.data.clustering = None
        self.data.order = np.arange(self.data.n, dtype=np.intp)
        self._shown_order = "original"
        self._take_style()
        self._apply_order()
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))
        self._update_numbers_note()

    def _take_style(self) -> None:
        """Colours, range, centre, decimals, numbers, title and dendrogram from the view state."""
        state, data = self.state, self.data
        data.colormap = self.controls.colormap()
        data.annotate, data.title, data.dendrogram = state.annotate, state.title, state.dendrogram
        data.range, data.centre, data.digits = state.range, state.centre, state.digits
        data.refresh_range()

    def _apply_order(self) -> None:
        """Put ``data.order`` in the chosen order, or start clustering in the background."""
        order, n = self.state.order, self.data.n
        if order == "clustered" and n > CLUSTER_IN_BACKGROUND:
            shown = (
                "the picture keeps its order"
                if self._shown_order == "clustered"
                else f"the picture shows them {ordering.ORDER_NAMES[self._shown_order]} until then"
            )
            self.background.start(self.data.matrix, self.data.metric, f"Clustering {n:,} vectors; {shown}.")
            return
        self.background.stop()
        self.data.apply_order(order)
        self._shown_order = order

    def _on_order_ready(self, clustering: ordering.Clustering) -> None:
        if len(clustering.order) != self.data.n:
            return
        self.data.clustering, self.data.order = clustering, clustering.order
        self._shown_order = "clustered"
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))
        self.order_ready.emit()

    def _on_order_stopped(self, reason: str) -> None:
        """Clustering was cancelled or failed: back to the order shown, and say why."""
        self.state.order = self._shown_order
        self.context.message.emit(f"{reason}; the heatmap stays {ordering.ORDER_NAMES[self._shown_order]}.")

    def cancel_ordering(self) -> None:
        """Stop waiting for the clustered order: keep the order shown, and say so."""
        self.background.cancel()

    # -------------------------------------------------------- model events
    def _on_values_change(self, rows, columns) -> None:
        if not self._pending.values_of(rows, columns):
            self._show_values(rows, columns)

    def _show_values(self, rows, columns) -> None:
        """Score the rows and columns of ``rows`` again (one row and one column each, not all N x N)."""
        positions = self.shown.positions(rows)
        if len(positions) == 0:
            return
        values = self.shown.values()
        self.similarity.update_rows(values, positions)
        self.data.matrix = self.similarity.matrix
        self.data.zero = norms(values) == 0
        self.data.refresh_range()
        if self.state.order == "clustered":  # the tree follows the scores
            self._apply_order()
            self.figure.structure_changed()
            self._on_pair_change(*(self.context.pair or (-1, -1)))
        else:
            self.figure.scores_changed()
        self._update_numbers_note()

    def _on_labels_change(self, rows) -> None:
        if self._pending.everything():
            return
        self.data.labels = self.shown.labels()
        if self.state.order == "label":
            self._apply_order()
            self.figure.structure_changed()
        else:
            self.figure.labels_changed()

    def _on_structure_change(self, *args) -> None:
        self.shown.forget_choice()  # rows moved or went: the choice no longer names the same vectors
        if not self._pending.everything():
            self.recompute()

    def _on_document_replaced(self) -> None:
        """Another file was opened: take its view state, then show it."""
        self.controls.sync()
        self.shown.forget_choice()
        if not self._pending.everything():
            self.recompute()

    def _on_metric_change(self, metric: str) -> None:
        if metric == self.data.metric and self.similarity.matrix.shape[0] == self.data.n:
            return
        self.controls.sync()
        self.recompute()

    def _on_pair_change(self, a: int, b: int) -> None:
        if self._pending.all_waiting:
            return  # the scores are computed again at the batch's end, and the pair outlined then
        n = self.data.n
        a, b = self.shown.position_of(a) if a >= 0 else -1, self.shown.position_of(b) if b >= 0 else -1
        if not (0 <= a < n and 0 <= b < n):
            self.figure.outline.set_cells([], n)
            return
        position = np.empty(n, np.intp)
        position[self.data.order] = np.arange(n)
        pa, pb = int(position[a]), int(position[b])
        self.figure.outline.set_cells(sorted({(pa, pb), (pb, pa)}), n)

    def _on_state_change(self, names) -> None:
        """The view state changed (here, in the export dialog, or from a file): restyle what it names."""
        if self.context.replacing:
            return  # the table's reset redraws everything
        self.controls.sync()
        if "metric" in names:
            return  # metric_changed recomputes
        self._take_style()
        if "order" in names or ("dendrogram" in names and self.state.order == "clustered"):
            if self.state.order == self._shown_order and not self.background.running:
                self.figure.restyle()
            elif self.state.order == self._shown_order:  # back to the order shown (clustering stopped)
                self.background.stop()
            else:
                self._apply_order()
                self.figure.structure_changed()
                self._on_pair_change(*(self.context.pair or (-1, -1)))
        else:
            self.figure.restyle()
        self._update_numbers_note()

    # ------------------------------------------------------------ controls
    def set_order(self, order: str) -> None:
        """Show the vectors in ``order``: restyles, does not recompute scores."""
        self.state.order = ordering.check_order(order)  # the state's event shows it

    def set_colormap(self, name: str) -> None:
        """Colour the cells with ``name`` (for the current metric): restyles only."""
        from explorer.model.colormaps import check_colormap

        self.state.colormap = check_colormap(name)  # the state's event restyles

    def _update_numbers_note(self, *args) -> None:
        self.controls.set_numbers_note(self.figure.numbers_note())

    def _on_export_clicked(self) -> None:
        from explorer.qt.heatmap.export_dialog import export_heatmap_interactive

        export_heatmap_interactive(self, self.context, self.shown_rows())

    # --------------------------------------------------------------- mouse
    def eventFilter(self, watched, event) -> bool:
        if watched is self.graphics.viewport():
            if event.type() == QEvent.Type.MouseButtonDblClick:
                self.figure.show_all()  # back to the whole matrix after zooming
            elif event.type() == QEvent.Type.ToolTip:
                # pyqtgraph drops fast mouse moves: fit the tooltip to where the mouse rests now.
                self._on_mouse_moved(self.graphics.mapToScene(event.pos()))
            elif event.type() == QEvent.Type.Leave:
                self.figure.highlight(None)
            elif event.type() == QEvent.Type.Show:
                self.figure.view_shown()
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        """Give the cells (or the label edge) under the mouse the tooltip for that spot; highlight
        the row's and the column's labels."""
        figure = self.figure
        cell = figure.cell_at(scene_pos)
        figure.highlight(cell)
        text, item = "", figure.cells
        if cell is not None:
            text = self.data.cell_tooltip(*cell)
        else:
            for axis in (figure.rows, figure.columns):
                if axis.sceneBoundingRect().contains(scene_pos):
                    text, item = axis.label_at(axis.mapFromScene(scene_pos)) or "", axis
        if "<" in text or "&" in text:  # a label like "<unk>" must not be read as HTML
            text = f"<p style='white-space:pre'>{escape_html(text)}</p>"
        for other in (figure.cells, figure.rows, figure.columns):
            other.setToolTip(text if other is item else "")
        if QToolTip.isVisible():  # follow the mouse from cell to cell
            view = self.graphics
            QToolTip.showText(view.viewport().mapToGlobal(view.mapFromScene(scene_pos)), text, view.viewport())

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.figure.cell_at(event.scenePos())
        if cell is not None and not event.double():
            event.accept()
            a, b = self.data.table_rows(*cell)
            self.context.select_pair(self.shown.table_row(a), self.shown.table_row(b))
