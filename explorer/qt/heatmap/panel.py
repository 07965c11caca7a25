"""The similarity heatmap panel (``similarityHeatmap``), live on the open document.

It keeps one :class:`~explorer.model.similarity.SimilarityMatrix`: an edit of
some vectors recomputes their rows and columns only (``update_rows``), a
structural change or a metric change recomputes the whole matrix, and a
colour map, order or numbers change only restyles the picture.

A document with more vectors than :data:`~explorer.model.similarity.MATRIX_LIMIT`
gets no full matrix (100,000 vectors would need 80 GB): the panel shows the
first :data:`PREVIEW_ROWS` vectors, or the vectors the user selected and
asked for with *Show selected*, and a notice above the picture says which.

The clustered order of more than :data:`CLUSTER_IN_BACKGROUND` vectors (a few
seconds at 5,000) is computed on a worker thread: the picture stays as it
was, a busy bar says what is being done and *Cancel* keeps the order shown.
"""

from __future__ import annotations

import html
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QToolButton,
                               QToolTip, QVBoxLayout, QWidget)

from explorer.model import ordering
from explorer.model.similarity import MATRIX_LIMIT, METRIC_NAMES, METRICS, SimilarityMatrix, norms, matrix_size_text
from explorer.qt.heatmap import style
from explorer.qt.heatmap.data import HeatmapData
from explorer.qt.heatmap.figure import BACKGROUND, HeatmapFigure


#: Vectors shown when the document has too many for a full matrix and none were chosen.
PREVIEW_ROWS = 100
#: Above this many vectors the clustered order is computed off the interface thread.
CLUSTER_IN_BACKGROUND = 300


class _OrderSignals(QObject):
    """Carries a clustered order from its worker thread back to the panel."""

    ready = Signal(int, object)  # generation, order


class HeatmapPanel(QWidget):
    """Scores of every pair of vectors as coloured cells; hover tells, click selects the pair."""

    #: A clustered order computed in the background is now shown.
    order_ready = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("similarityHeatmap")
        self.context = context
        view = context.document.view
        self.similarity = SimilarityMatrix(context.metric)
        self.data = HeatmapData(metric=context.metric, annotate=True)
        self._colormaps = {m: style.default_colormap(m) for m in METRICS}
        if view.get("colormap") in style.available_colormaps():
            self._colormaps[context.metric] = view["colormap"]
        self.data.colormap = self._colormaps[context.metric]
        self._order = view.get("order") if view.get("order") in ordering.ORDERS else "original"
        #: The tooltip text for where the mouse is (a cell's pair and score, or a label).
        self.hover_text = ""
        #: Table rows shown, in table order, when the document is too large for all of them (else None).
        self._rows: np.ndarray | None = None
        self._chosen = False  # the rows were chosen with "Show selected" (not the first ones)
        self._shown_order = "original"  # the order data.order holds (differs from _order while clustering)
        self._order_generation = 0
        self._order_signals = _OrderSignals(self)
        self._order_signals.ready.connect(self._on_order_ready)

        self.metric_selector = QComboBox(objectName="metricSelector")
        for metric in METRICS:
            self.metric_selector.addItem(METRIC_NAMES[metric], metric)
        self.metric_selector.setToolTip("The score shown for each pair of vectors")
        self.order_selector = QComboBox(objectName="heatmapOrder")
        for key in ordering.ORDERS:
            self.order_selector.addItem(ordering.ORDER_NAMES[key], key)
        self.order_selector.setToolTip("Order of the rows and columns; changes the picture, not the scores")
        self.colormap_selector = QComboBox(objectName="heatmapColormap")
        self.colormap_selector.addItems(list(style.COLORMAPS))
        self.colormap_selector.setToolTip("Colour map (diverging maps suit cosine similarity)")
        self.numbers_check = QCheckBox("Numbers", objectName="heatmapNumbers", checked=True)
        self.numbers_check.setToolTip("Write the score in each cell when the cells are large enough")
        self.export_button = QToolButton(objectName="heatmapExportButton", text="Export…")
        self.export_button.setToolTip("Export the heatmap as PNG, SVG, PDF or CSV")

        self.graphics = pg.GraphicsView(background=BACKGROUND)
        self.graphics.setObjectName("heatmapView")
        self.figure = HeatmapFigure(self.data)
        self.graphics.setCentralItem(self.figure)
        self.graphics.setMouseTracking(True)

        self.notice = QLabel(objectName="heatmapNotice", wordWrap=True)
        self.notice.setStyleSheet("QLabel { background: #fff4ce; color: #3b2f00; padding: 4px; }")
        self.show_selected_button = QPushButton("Show selected", objectName="heatmapShowSelected")
        self.show_selected_button.setToolTip(f"Show the vectors selected in the table or plot (2 to {MATRIX_LIMIT:,})")
        self.show_selected_button.clicked.connect(self.show_selected)
        notice_row = QHBoxLayout()
        notice_row.setContentsMargins(0, 0, 0, 0)
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.show_selected_button)
        self._notice_widgets = (self.notice, self.show_selected_button)

        self.busy = QLabel(objectName="heatmapBusy")
        self.busy_bar = QProgressBar(objectName="heatmapProgress", minimum=0, maximum=0, textVisible=False)
        self.busy_bar.setMaximumWidth(120)
        self.cancel_order_button = QToolButton(objectName="heatmapCancelOrder", text="Cancel")
        self.cancel_order_button.setToolTip("Stop waiting for the clustered order and keep the order shown")
        self.cancel_order_button.clicked.connect(self.cancel_ordering)
        busy_row = QHBoxLayout()
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(self.busy_bar)
        busy_row.addWidget(self.busy, 1)
        busy_row.addWidget(self.cancel_order_button)
        self._busy_widgets = (self.busy, self.busy_bar, self.cancel_order_button)
        for widget in self._busy_widgets:
            widget.hide()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for label, widget in (("Score", self.metric_selector), ("Order", self.order_selector),
                              ("Colours", self.colormap_selector)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget)
        controls.addWidget(self.numbers_check)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addLayout(notice_row)
        layout.addLayout(busy_row)
        layout.addWidget(self.graphics, 1)

        self._sync_controls()
        self.metric_selector.currentIndexChanged.connect(self._on_metric_chosen)
        self.order_selector.currentIndexChanged.connect(self._on_order_chosen)
        self.colormap_selector.currentTextChanged.connect(self._on_colormap_chosen)
        self.numbers_check.toggled.connect(self._on_numbers_toggled)
        self.export_button.clicked.connect(self._on_export_clicked)
        context.metric_changed.connect(self._on_metric_change)
        context.pair_changed.connect(self._on_pair_change)
        context.document_replaced.connect(self._on_document_replaced)
        context.selection_changed.connect(self._on_selection_change)
        table = context.table
        links = [(table.values_changed, self._on_values_change), (table.labels_changed, self._on_labels_change)]
        links += [(signal, self._on_structure_change) for signal in (
            table.rows_inserted, table.rows_removed, table.rows_moved,
            table.columns_inserted, table.columns_removed, table.reset)]
        for signal, slot in links:
            signal.connect(slot)
        # The table may outlive the panel: stop listening when the widget goes.
        self.destroyed.connect(lambda *args, links=links: [s.disconnect(f) for s, f in links])
        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.graphics.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.graphics.viewport().installEventFilter(self)
        self.recompute()

    # ------------------------------------------------------------- reading
    @property
    def order(self) -> str:
        return self._order

    @property
    def colormap(self) -> str:
        return self.data.colormap

    def displayed_labels(self) -> list[str]:
        """Labels from top to bottom (and left to right) as the heatmap shows them."""
        return self.data.display_labels()

    def cell_tooltip(self, row: int, column: int) -> str:
        """The tooltip of the cell at display position (row, column)."""
        return self.data.cell_tooltip(row, column)

    def cell_position(self, row: int, column: int):
        """Where the cell at display (row, column) is, in the heatmap view's viewport coordinates."""
        scene = self.figure.cell_scene_center(row, column)
        return self.graphics.mapFromScene(scene)

    def shown_rows(self) -> list[int]:
        """The table rows the heatmap shows, in table order (all of them unless the document is too large)."""
        return list(range(len(self.context.table))) if self._rows is None else self._rows.tolist()

    # ------------------------------------------------------------ computing
    def _shown_values(self) -> np.ndarray:
        values = self.context.table.values
        return values if self._rows is None else values[self._rows]

    def _shown_labels(self) -> tuple[str, ...]:
        labels = self.context.table.labels
        return labels if self._rows is None else tuple(labels[i] for i in self._rows)

    def _choose_rows(self) -> None:
        """All rows when they fit in a matrix; else keep the chosen ones, or the first PREVIEW_ROWS."""
        n = len(self.context.table)
        if n <= MATRIX_LIMIT:
            self._rows, self._chosen = None, False
        elif self._rows is None or not self._chosen or (len(self._rows) and self._rows[-1] >= n):
            self._rows, self._chosen = np.arange(min(PREVIEW_ROWS, n), dtype=np.intp), False
        self._update_notice()

    def _update_notice(self) -> None:
        n = len(self.context.table)
        for widget in self._notice_widgets:
            widget.setVisible(self._rows is not None)
        if self._rows is None:
            self.notice.setText("")
            return
        size = matrix_size_text(n)
        if self._chosen:
            self.notice.setText(
                f"Showing the {len(self._rows):,} selected of {n:,} vectors (all of them would need {size}). "
                "Select others and press Show selected to compare them instead.")
        else:
            self.notice.setText(
                f"Showing the first {len(self._rows):,} of {n:,} vectors: a heatmap of all of them would need "
                f"{size}. Select 2 to {MATRIX_LIMIT:,} vectors in the table or plot and press Show selected.")
        self._on_selection_change(self.context.selection)

    def _on_selection_change(self, rows) -> None:
        if self._rows is not None:
            self.show_selected_button.setEnabled(2 <= len(rows) <= MATRIX_LIMIT)

    def show_selected(self) -> bool:
        """Show the selected vectors (a large document); False with a message when the selection does not fit."""
        rows = self.context.selection
        if not 2 <= len(rows) <= MATRIX_LIMIT:
            self.context.message.emit(
                f"Select 2 to {MATRIX_LIMIT:,} vectors to compare in the heatmap ({len(rows):,} are selected).")
            return False
        if self._rows is None:
            return False  # every vector is shown already
        self._rows, self._chosen = np.asarray(rows, dtype=np.intp), True
        self.recompute()
        return True

    def _positions(self, rows) -> np.ndarray:
        """Positions in the shown matrix of the table ``rows`` that are shown."""
        rows = np.fromiter(rows, dtype=np.intp)
        if self._rows is None:
            return rows
        return np.flatnonzero(np.isin(self._rows, rows))

    def recompute(self) -> None:
        """All N x N scores again (vectors added, removed, reordered; metric changed)."""
        self._choose_rows()
        values = self._shown_values()
        self.similarity.recompute(values, self.context.metric)
        self.data.labels = self._shown_labels()
        self.data.matrix = self.similarity.matrix
        self.data.zero = norms(values) == 0 if len(values) and values.shape[1] else np.ones(len(values), bool)
        self.data.metric = self.context.metric
        self.data.refresh_range()
        self._apply_order()
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))

    @property
    def ordering_busy(self) -> bool:
        """True while a clustered order is being computed in the background."""
        return self.busy.isVisibleTo(self)

    def _apply_order(self) -> None:
        """Put ``data.order`` in the chosen order, or start clustering in the background."""
        self._order_generation += 1
        n = self.data.n
        if self._order == "clustered" and n > CLUSTER_IN_BACKGROUND:
            if len(self.data.order) != n:  # new scores: the table order until the clusters are ready
                self.data.order, self._shown_order = np.arange(n, dtype=np.intp), "original"
            self._start_clustering()
            return
        self._set_busy("")
        self.data.order = ordering.order_rows(self._order, self.data.labels, self.data.matrix, self.data.metric)
        self._shown_order = self._order

    def _start_clustering(self) -> None:
        generation, signals = self._order_generation, self._order_signals
        matrix, metric = self.data.matrix, self.data.metric
        shown = "the picture keeps its order" if self._shown_order == "clustered" else \
            f"the picture shows them {ordering.ORDER_NAMES[self._shown_order]} until then"

        def work():
            order = ordering.clustered_order(matrix, metric)
            try:
                signals.ready.emit(generation, order)
            except RuntimeError:  # the panel went away meanwhile
                pass

        self._set_busy(f"Clustering {self.data.n:,} vectors; {shown}.")
        threading.Thread(target=work, name="heatmap-clustering", daemon=True).start()

    def _on_order_ready(self, generation: int, order) -> None:
        if generation != self._order_generation or len(order) != self.data.n:
            return  # overtaken by a newer order or new scores
        self._set_busy("")
        self.data.order, self._shown_order = order, "clustered"
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))
        self.order_ready.emit()

    def cancel_ordering(self) -> None:
        """Stop waiting for the clustered order: keep the order shown, and say so."""
        if not self.ordering_busy:
            return
        self._order_generation += 1
        self._set_busy("")
        self._order = self._shown_order
        self.context.document.view["order"] = self._order
        self._sync_controls()
        self.context.message.emit(
            f"Clustering cancelled; the heatmap stays {ordering.ORDER_NAMES[self._order]}.")

    def _set_busy(self, text: str) -> None:
        self.busy.setText(text)
        for widget in self._busy_widgets:
            widget.setVisible(bool(text))

    # -------------------------------------------------------- model events
    def _on_values_change(self, rows, columns) -> None:
        positions = self._positions(rows)
        if len(positions) == 0:
            return
        values = self._shown_values()
        self.similarity.update_rows(values, positions)
        self.data.matrix = self.similarity.matrix
        self.data.zero = norms(values) == 0
        if self.data.metric != "cosine":
            self.data.refresh_range()
        self.figure.scores_changed()

    def _on_labels_change(self, rows) -> None:
        self.data.labels = self._shown_labels()
        if self._order == "label":
            self._apply_order()
            self.figure.structure_changed()
        else:
            self.figure.labels_changed()

    def _on_structure_change(self, *args) -> None:
        self._chosen = False  # rows moved or went: back to the first ones (the notice says so)
        self.recompute()

    def _on_document_replaced(self) -> None:
        """Another file was opened: take its order and colour map, then show it."""
        view = self.context.document.view
        if view.get("order") in ordering.ORDERS:
            self._order = view["order"]
        self.data.metric = self.context.metric
        if view.get("colormap") in style.available_colormaps():
            self._colormaps[self.data.metric] = view["colormap"]
        self.data.colormap = self._colormaps[self.data.metric]
        self._sync_controls()
        self._chosen = False
        self.recompute()

    def _on_metric_change(self, metric: str) -> None:
        if metric == self.data.metric and self.similarity.matrix.shape[0] == self.data.n:
            return
        self.data.metric = metric
        self.data.colormap = self._colormaps[metric]
        self._sync_controls()
        self.recompute()

    def _on_pair_change(self, a: int, b: int) -> None:
        n = self.data.n
        if self._rows is not None:
            where = {int(row): position for position, row in enumerate(self._rows) if row in (a, b)}
            a, b = where.get(a, -1), where.get(b, -1)
        if not (0 <= a < n and 0 <= b < n):
            self.figure.outline.set_cells([], n)
            return
        position = np.empty(n, np.intp)
        position[self.data.order] = np.arange(n)
        pa, pb = int(position[a]), int(position[b])
        self.figure.outline.set_cells(sorted({(pa, pb), (pb, pa)}), n)

    # ------------------------------------------------------------ controls
    def _sync_controls(self) -> None:
        for combo, value in ((self.metric_selector, self.data.metric), (self.order_selector, self._order)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.colormap_selector.blockSignals(True)
        if self.colormap_selector.findText(self.data.colormap) < 0:
            self.colormap_selector.addItem(self.data.colormap)
        self.colormap_selector.setCurrentText(self.data.colormap)
        self.colormap_selector.blockSignals(False)

    def _on_metric_chosen(self, index: int) -> None:
        self.context.set_metric(self.metric_selector.itemData(index))

    def set_order(self, order: str) -> None:
        """Show the vectors in ``order``: restyles, does not recompute scores."""
        self._order = ordering.check_order(order)
        self.context.document.view["order"] = order
        self._sync_controls()
        self._apply_order()
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))

    def _on_order_chosen(self, index: int) -> None:
        self.set_order(self.order_selector.itemData(index))

    def set_colormap(self, name: str) -> None:
        """Colour the cells with ``name`` (for the current metric): restyles only."""
        self.data.colormap = style.check_colormap(name)
        self._colormaps[self.data.metric] = name
        self.context.document.view["colormap"] = name
        self._sync_controls()
        self.figure.restyle()

    def _on_colormap_chosen(self, name: str) -> None:
        self.set_colormap(name)

    def _on_numbers_toggled(self, checked: bool) -> None:
        self.data.annotate = bool(checked)
        self.figure.restyle()

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
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        """Give the cells (or the label edge) under the mouse the tooltip for that spot."""
        figure = self.figure
        cell = figure.cell_at(scene_pos)
        text, item = "", figure.cells
        if cell is not None:
            text = self.data.cell_tooltip(*cell)
        else:
            for axis in (figure.left, figure.bottom):
                if axis.sceneBoundingRect().contains(scene_pos):
                    text, item = axis.label_at(axis.mapFromScene(scene_pos)) or "", axis
        if "<" in text or "&" in text:  # a label like "<unk>" must not be read as HTML
            text = f"<p style='white-space:pre'>{html.escape(text)}</p>"
        self.hover_text = text
        for other in (figure.cells, figure.left, figure.bottom):
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
            if self._rows is not None:
                a, b = int(self._rows[a]), int(self._rows[b])
            self.context.select_pair(a, b)
