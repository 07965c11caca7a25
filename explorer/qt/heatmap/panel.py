"""The similarity heatmap panel (``similarityHeatmap``), live on the open document.

It keeps one :class:`~explorer.model.similarity.SimilarityMatrix`: an edit of
some vectors recomputes their rows and columns only (``update_rows``), a
structural change or a metric change recomputes the whole matrix, and a
colour map, order or numbers change only restyles the picture.

Large documents (a subset shown, clustering in the background) are handled
by :class:`~explorer.qt.heatmap.large.LargeDocuments`.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolButton, QToolTip, QVBoxLayout, QWidget

from explorer.model import ordering
from explorer.model.similarity import METRIC_NAMES, METRICS, SimilarityMatrix, norms
from explorer.qt.heatmap import style
from explorer.qt.heatmap.data import HeatmapData
from explorer.qt.heatmap.figure import BACKGROUND, HeatmapFigure
from explorer.qt.heatmap.large import CLUSTER_IN_BACKGROUND, PREVIEW_ROWS, LargeDocuments, OrderSignals

__all__ = ["CLUSTER_IN_BACKGROUND", "PREVIEW_ROWS", "HeatmapPanel"]


class HeatmapPanel(LargeDocuments, QWidget):
    """Scores of every pair of vectors as coloured cells; hover tells, click selects the pair."""

    #: A clustered order computed in the background is now shown.
    order_ready = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("similarityHeatmap")
        self.context = context
        #: Metric, order, colour map and numbers: owned by the document's view state.
        self.state = context.view.heatmap
        self.similarity = SimilarityMatrix(context.metric)
        self.data = HeatmapData(metric=context.metric, annotate=self.state.annotate)
        self.data.colormap = self._state_colormap()
        #: The tooltip text for where the mouse is (a cell's pair and score, or a label).
        self.hover_text = ""
        #: Table rows shown, in table order, when the document is too large for all of them (else None).
        self._rows: np.ndarray | None = None
        self._chosen = False  # the rows were chosen with "Show selected" (not the first ones)
        self._shown_order = "original"  # the order data.order holds (differs from _order while clustering)
        self._order_generation = 0
        self._order_signals = OrderSignals(self)
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
        self.numbers_check = QCheckBox("Numbers", objectName="heatmapNumbers", checked=self.state.annotate)
        self.numbers_check.setToolTip("Write the score in each cell when the cells are large enough")
        self.export_button = QToolButton(objectName="heatmapExportButton", text="Export…")
        self.export_button.setToolTip("Export the heatmap as PNG, SVG, PDF or CSV")

        self.graphics = pg.GraphicsView(background=BACKGROUND)
        self.graphics.setObjectName("heatmapView")
        self.figure = HeatmapFigure(self.data)
        self.graphics.setCentralItem(self.figure)
        self.graphics.setMouseTracking(True)

        notice_row, busy_row = self._build_large_rows()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("Score", self.metric_selector),
            ("Order", self.order_selector),
            ("Colours", self.colormap_selector),
        ):
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
        self.state.changed.connect(self._on_state_change)
        context.pair_changed.connect(self._on_pair_change)
        context.document_replaced.connect(self._on_document_replaced)
        context.selection_changed.connect(self._on_selection_change)
        table = context.table
        links = [(table.values_changed, self._on_values_change), (table.labels_changed, self._on_labels_change)]
        links += [
            (signal, self._on_structure_change)
            for signal in (
                table.rows_inserted,
                table.rows_removed,
                table.rows_moved,
                table.columns_inserted,
                table.columns_removed,
                table.reset,
            )
        ]
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
        return self.state.order

    @property
    def _order(self) -> str:
        return self.state.order

    def _state_colormap(self) -> str:
        """The state's colour map when the program has it, else the metric's default."""
        name = self.state.colormap
        return name if name in style.available_colormaps() else style.default_colormap(self.state.metric)

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

    # ------------------------------------------------------------ computing
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
        self.data.metric = self.context.metric
        self.data.colormap = self._state_colormap()
        self.data.annotate = self.state.annotate
        self._sync_controls()
        self._chosen = False
        self.recompute()

    def _on_metric_change(self, metric: str) -> None:
        if metric == self.data.metric and self.similarity.matrix.shape[0] == self.data.n:
            return
        self.data.metric = metric
        self.data.colormap = self._state_colormap()
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
        self.numbers_check.blockSignals(True)
        self.numbers_check.setChecked(self.state.annotate)
        self.numbers_check.blockSignals(False)
        self.colormap_selector.blockSignals(True)
        if self.colormap_selector.findText(self.data.colormap) < 0:
            self.colormap_selector.addItem(self.data.colormap)
        self.colormap_selector.setCurrentText(self.data.colormap)
        self.colormap_selector.blockSignals(False)

    def _on_metric_chosen(self, index: int) -> None:
        self.context.set_metric(self.metric_selector.itemData(index))

    def set_order(self, order: str) -> None:
        """Show the vectors in ``order``: restyles, does not recompute scores."""
        self.state.order = ordering.check_order(order)  # the state's event shows it

    def _show_order(self) -> None:
        self._sync_controls()
        self._apply_order()
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))

    def _on_state_change(self, names) -> None:
        """The view state changed (here, in the export dialog, or from a file): restyle what it names."""
        if self.context.replacing:
            return  # the table's reset redraws everything
        if "order" in names:
            if self.order == self._shown_order:  # back to the order shown (clustering stopped)
                self._order_generation += 1
                self._set_busy("")
                self._sync_controls()
            else:
                self._show_order()
        if "colormap" in names:
            self.data.colormap = self._state_colormap()
            self._sync_controls()
            self.figure.restyle()
        if "annotate" in names:
            self.data.annotate = self.state.annotate
            self._sync_controls()
            self.figure.restyle()

    def _on_order_chosen(self, index: int) -> None:
        self.set_order(self.order_selector.itemData(index))

    def set_colormap(self, name: str) -> None:
        """Colour the cells with ``name`` (for the current metric): restyles only."""
        self.state.colormap = style.check_colormap(name)  # the state's event restyles

    def _on_colormap_chosen(self, name: str) -> None:
        self.set_colormap(name)

    def _on_numbers_toggled(self, checked: bool) -> None:
        self.state.annotate = bool(checked)  # the state's event restyles

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
