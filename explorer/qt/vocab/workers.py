"""Work off the interface thread: tokenizing long text, opening 400,000 word vectors.

A :class:`Job` runs one function on a QThreadPool and reports back through
queued signals, tagged with a generation number so that the panel can drop
results that a newer request has overtaken. A job that accepts ``progress``
and ``cancelled`` keywords reports progress and stops when cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from explorer.model.embeddings import LoadCancelled


class JobSignals(QObject):
    """What a job reports: its result, a one-sentence failure, progress, a cancellation."""

    finished = Signal(int, object)  # generation, result
    failed = Signal(int, str)  # generation, message
    progress = Signal(int, int, int)  # generation, done, total
    cancelled = Signal(int)  # generation


class Job(QRunnable):
    """Run ``function`` once on a pool thread; ``cancel()`` asks it to stop."""

    def __init__(self, generation: int, function: Callable, reports_progress: bool = False):
        super().__init__()
        self.setAutoDelete(False)
        self.generation = generation
        self.signals = JobSignals()
        self._function = function
        self._reports_progress = reports_progress
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        signals, generation = self.signals, self.generation
        try:
            if self._reports_progress:
                result = self._function(
                    progress=lambda done, total: signals.progress.emit(generation, done, total),
                    cancelled=self._cancel.is_set,
                )
            else:
                result = self._function()
        except LoadCancelled:
            signals.cancelled.emit(generation)
        except (ValueError, LookupError, RuntimeError, OSError) as error:
            signals.failed.emit(generation, str(error))
        except Exception as error:  # noqa: BLE001 - a worker must never die silently
            signals.failed.emit(generation, f"{type(error).__name__}: {error}")
        else:
            signals.finished.emit(generation, result)
