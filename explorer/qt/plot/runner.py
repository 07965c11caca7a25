"""t-SNE and UMAP runs for the plot: the estimate before, progress and Cancel during, the map after.

:class:`ProjectionBar` sits above the plot. When the view shows a map that has not been computed
for these vectors it says so with an estimate and offers to compute it on every vector, on the
selection or on the first 5,000 (saying which); a run it expects to be short starts at once. While
a run goes on it shows the iteration and a Cancel button, and the plot shows the positions as
they move. The run goes through :func:`explorer.qt.worker.run_task`; the result is stored in the
document (``view.projections``), so saving keeps it.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from explorer.model.nonlinear import LONG_RUN_SECONDS, METHOD_NAMES, describe_seconds, estimate_seconds, project
from explorer.qt.names import named
from explorer.qt.worker import Task, run_task

#: The least time between two redraws of a map that is being computed.
PARTIAL_SECONDS = 0.25
#: The size of "a subset" offered for a long run: the first this many vectors, in table order.
SUBSET = 5_000


class ProjectionBar(QWidget):
    """The note above the plot, with Compute / Selection / Subset, or progress and Cancel."""

    def __init__(self, context, plot, parent=None):
        super().__init__(parent)
        self.setObjectName("projectionBar")
        self._context, self._plot = context, plot
        self.task: Task | None = None
        self._method = ""
        self._count = 0
        self._shown_at = 0.0
        self.text = named(QLabel(), "plotNote")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.compute = named(QPushButton("Compute"), "computeProjection")
        self.selected = named(QPushButton(), "computeSelected")
        self.subset = named(QPushButton(), "computeSubset")
        self.progress = named(QProgressBar(), "projectionProgress")
        self.progress.setMaximumWidth(160)
        self.cancel = named(QPushButton("Cancel"), "cancelProjection")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.text, 1)
        for widget in (self.compute, self.selected, self.subset, self.progress, self.cancel):
            layout.addWidget(widget)
        self.compute.clicked.connect(lambda: self.start(None))
        self.selected.clicked.connect(lambda: self.start(list(self._context.selection)))
        self.subset.clicked.connect(lambda: self.start(list(range(min(SUBSET, len(self._context.table))))))
        self.cancel.clicked.connect(self.stop)
        plot.note_changed.connect(lambda note: self.refresh())
        context.selection_changed.connect(lambda rows: self.refresh())
        self.refresh()

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def missing(self) -> str | None:
        """The method shown whose map is missing for these vectors, or None."""
        mode = self._plot.mode
        if mode not in ("tsne", "umap"):
            return None
        view = self._context.view
        return mode if view.projections.current(mode, self._context.table.values, view.plot.seed) is None else None

    def refresh(self) -> None:
        """Show the note and the offers that fit; start a short run at once."""
        running = self.running
        method = self.missing()
        table = self._context.table
        n, d = table.row_count, table.dimension_count
        note = self._plot.note
        if method and not running:
            seconds = estimate_seconds(method, n, d)
            name = METHOD_NAMES[method]
            if seconds <= LONG_RUN_SECONDS and n >= 5:
                self.start(None)
                return
            note = f"{name} of all {n:,} vectors takes {describe_seconds(seconds)} here. {note}"
            chosen = len(self._context.selection)
            self.selected.setText(f"The {chosen:,} selected")
            self.selected.setToolTip(
                f"{name} of the selected vectors only ({describe_seconds(estimate_seconds(method, chosen, d))})"
            )
            self.selected.setVisible(chosen >= 5)
            self.subset.setText(f"First {min(SUBSET, n):,}")
            about = describe_seconds(estimate_seconds(method, SUBSET, d))
            self.subset.setToolTip(f"{name} of the first {SUBSET:,} vectors in table order ({about})")
            self.subset.setVisible(n > SUBSET)
            self.compute.setText(f"All {n:,}")
        else:
            self.selected.setVisible(False)
            self.subset.setVisible(False)
        self.compute.setVisible(bool(method) and not running)
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        if running:
            note = f"{METHOD_NAMES[self._method]} is running on {self._count:,} vectors…"
        self.text.setText(note)
        self.setVisible(bool(note) or running)

    def start(self, rows: list[int] | None) -> None:
        """Compute the shown map on every vector (``rows`` None) or on ``rows``."""
        method = self._plot.mode
        if method not in ("tsne", "umap") or self.running:
            return
        table = self._context.table
        values = np.array(table.values)  # the worker's own copy: the table may change meanwhile
        seed = self._context.view.plot.seed
        rows = None if rows is None or len(rows) == len(table) else sorted(rows)
        self._method, self._count = method, len(table) if rows is None else len(rows)
        task = run_task(lambda progress: project(method, values, seed, rows, progress), f"{method} projection")
        self.task = task
        task.progressed.connect(self._on_progress)
        task.partial.connect(lambda positions: self._show_partial(method, positions, rows))
        task.finished.connect(self._context.view.projections.put)
        task.failed.connect(lambda text: self._context.message.emit(f"{METHOD_NAMES[method]} failed: {text}"))
        task.cancelled.connect(lambda: self._context.message.emit(f"{METHOD_NAMES[method]} was cancelled."))
        task.ended.connect(self._on_ended)
        self.progress.setRange(0, 0)
        self.refresh()

    def _show_partial(self, method: str, positions, rows) -> None:
        """Redraw with the positions as they move, at most every PARTIAL_SECONDS (the run comes first)."""
        now = time.monotonic()
        if now - self._shown_at >= PARTIAL_SECONDS:
            self._shown_at = now
            self._plot.show_live(method, positions, rows)

    def stop(self) -> None:
        """Cancel the run under way; the view goes back to what it showed."""
        if self.task is not None:
            self.task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"%v of {total}")

    def _on_ended(self) -> None:
        self.task = None
        self._plot.show_live(self._method, None, None)
        self.refresh()
