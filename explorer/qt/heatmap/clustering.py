"""The clustered order of many vectors, computed in the background with the program's one worker.

Clustering more than :data:`CLUSTER_IN_BACKGROUND` vectors (a few seconds at
5,000) runs through :func:`explorer.qt.worker.run_task`: the picture keeps
its order meanwhile, a busy bar says what is being done, and *Cancel* keeps
the order shown. :class:`BackgroundOrder` is owned by the panel; it hands
the finished :class:`~explorer.model.ordering.Clustering` to ``on_ready`` and
a one-sentence reason to ``on_stopped`` when there is none.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from explorer.model import ordering
from explorer.qt.names import named
from explorer.qt.worker import Task, run_task

#: Above this many vectors the clustered order is computed off the interface thread.
CLUSTER_IN_BACKGROUND = 300


class BackgroundOrder:
    """One clustering at a time on a worker thread, with a busy row and Cancel."""

    def __init__(self, on_ready: Callable[[ordering.Clustering], None], on_stopped: Callable[[str], None]):
        self._on_ready = on_ready
        self._on_stopped = on_stopped
        #: The task under way (None when idle).
        self.task: Task | None = None
        self.busy = named(QLabel(), "heatmapBusy")
        self.busy_bar = named(QProgressBar(minimum=0, maximum=0, textVisible=False), "heatmapProgress")
        self.busy_bar.setMaximumWidth(120)
        self.cancel_button = named(QToolButton(), "heatmapCancelOrder")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop waiting for the clustered order and keep the order shown")
        self.cancel_button.clicked.connect(self.cancel)
        #: The busy row, for the panel's layout (hidden while idle).
        self.widget = named(QWidget(), "heatmapBusyRow")
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.busy_bar)
        row.addWidget(self.busy, 1)
        row.addWidget(self.cancel_button)
        self.widget.hide()

    @property
    def running(self) -> bool:
        """True while a clustered order is being computed."""
        return self.task is not None

    def start(self, scores: np.ndarray, metric: str, text: str) -> None:
        """Cluster ``scores`` (a copy is taken) on a worker; ``text`` says what the picture does meanwhile."""
        self.stop()
        matrix = np.array(scores, copy=True)
        task = run_task(lambda progress: ordering.cluster(matrix, metric, progress), "heatmap clustering")
        self.task = task
        task.finished.connect(lambda result, task=task: self._finished(task, result))
        task.failed.connect(lambda message, task=task: self._failed(task, message))
        task.progressed.connect(self._progressed)
        self.busy.setText(text)
        self.busy_bar.setRange(0, 0)
        self.widget.show()

    def stop(self) -> None:
        """Drop the clustering under way without a word (new scores or another order overtook it)."""
        if self.task is not None:
            self.task.cancel()
        self.task = None
        self.widget.hide()

    def cancel(self) -> None:
        """The user stopped waiting: keep the order shown, and say so."""
        if self.task is not None:
            self.stop()
            self._on_stopped("Clustering cancelled")

    def _progressed(self, done: int, total: int) -> None:
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)

    def _finished(self, task: Task, result: ordering.Clustering) -> None:
        if task is self.task:
            self.task = None
            self.widget.hide()
            self._on_ready(result)

    def _failed(self, task: Task, message: str) -> None:
        if task is self.task:
            self.task = None
            self.widget.hide()
            self._on_stopped(f"Could not cluster the vectors ({message})")
