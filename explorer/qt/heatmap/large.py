"""What the heatmap panel does for large documents: show a chosen subset, cluster in the background.

A document with more vectors than :data:`~explorer.model.similarity.MATRIX_LIMIT`
gets no full matrix (100,000 vectors would need 80 GB): the panel shows the
first :data:`PREVIEW_ROWS` vectors, or the vectors the user selected and
asked for with *Show selected*, and a notice above the picture says which.

The clustered order of more than :data:`CLUSTER_IN_BACKGROUND` vectors (a few
seconds at 5,000) is computed on a worker thread: the picture stays as it
was, a busy bar says what is being done and *Cancel* keeps the order shown.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QToolButton

from explorer.model import ordering
from explorer.model.similarity import MATRIX_LIMIT, matrix_size_text

#: Vectors shown when the document has too many for a full matrix and none were chosen.
PREVIEW_ROWS = 100
#: Above this many vectors the clustered order is computed off the interface thread.
CLUSTER_IN_BACKGROUND = 300


class OrderSignals(QObject):
    """Carries a clustered order from its worker thread back to the panel."""

    ready = Signal(int, object)  # generation, order


class LargeDocuments:
    """Mixin of :class:`~explorer.qt.heatmap.panel.HeatmapPanel` for documents too large to show whole."""

    def _build_large_rows(self):
        """The notice row (subset shown) and the busy row (clustering), both hidden at first."""
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
        return notice_row, busy_row

    def shown_rows(self) -> list[int]:
        """The table rows the heatmap shows, in table order (all of them unless the document is too large)."""
        return list(range(len(self.context.table))) if self._rows is None else self._rows.tolist()

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
                "Select others and press Show selected to compare them instead."
            )
        else:
            self.notice.setText(
                f"Showing the first {len(self._rows):,} of {n:,} vectors: a heatmap of all of them would need "
                f"{size}. Select 2 to {MATRIX_LIMIT:,} vectors in the table or plot and press Show selected."
            )
        self._on_selection_change(self.context.selection)

    def _on_selection_change(self, rows) -> None:
        if self._rows is not None:
            self.show_selected_button.setEnabled(2 <= len(rows) <= MATRIX_LIMIT)

    def show_selected(self) -> bool:
        """Show the selected vectors (a large document); False with a message when the selection does not fit."""
        rows = self.context.selection
        if not 2 <= len(rows) <= MATRIX_LIMIT:
            self.context.message.emit(
                f"Select 2 to {MATRIX_LIMIT:,} vectors to compare in the heatmap ({len(rows):,} are selected)."
            )
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
        shown = (
            "the picture keeps its order"
            if self._shown_order == "clustered"
            else f"the picture shows them {ordering.ORDER_NAMES[self._shown_order]} until then"
        )

        def work():
            try:
                result = ordering.clustered_order(matrix, metric)
            except MemoryError:
                result = "there is not enough memory for it"
            except Exception as error:  # noqa: BLE001 - say it rather than wait forever
                result = f"{type(error).__name__}: {error}"
            with contextlib.suppress(RuntimeError):  # the panel went away meanwhile
                signals.ready.emit(generation, result)

        self._set_busy(f"Clustering {self.data.n:,} vectors; {shown}.")
        threading.Thread(target=work, name="heatmap-clustering", daemon=True).start()

    def _on_order_ready(self, generation: int, order) -> None:
        if generation != self._order_generation:
            return  # overtaken by a newer order or new scores
        if isinstance(order, str):
            self._stop_ordering(
                f"Could not cluster the vectors ({order}); the heatmap stays {ordering.ORDER_NAMES[self._shown_order]}."
            )
            return
        if len(order) != self.data.n:
            return
        self._set_busy("")
        self.data.order, self._shown_order = order, "clustered"
        self.figure.structure_changed()
        self._on_pair_change(*(self.context.pair or (-1, -1)))
        self.order_ready.emit()

    def cancel_ordering(self) -> None:
        """Stop waiting for the clustered order: keep the order shown, and say so."""
        if self.ordering_busy:
            self._stop_ordering(f"Clustering cancelled; the heatmap stays {ordering.ORDER_NAMES[self._shown_order]}.")

    def _stop_ordering(self, message: str) -> None:
        """Go back to the order shown, and say why."""
        self._order_generation += 1
        self._set_busy("")
        self.state.order = self._shown_order
        self._sync_controls()
        self.context.message.emit(message)

    def _set_busy(self, text: str) -> None:
        self.busy.setText(text)
        for widget in self._busy_widgets:
            widget.setVisible(bool(text))
