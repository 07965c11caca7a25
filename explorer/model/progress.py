"""How long work reports progress and learns that it should stop, without Qt.

A long model function takes a ``progress`` argument: call ``progress(done,
total)`` between chunks of work. It reports, and raises :class:`Cancelled`
when the user has asked to stop, so the function ends there without a
half-made result. ``progress.cancelled()`` asks without reporting, and
``progress.partial(value)`` hands over an intermediate result (t-SNE
positions while the optimisation runs). :data:`NO_PROGRESS` does nothing and
never cancels, for callers that wait.

The Qt side runs such functions with :func:`explorer.qt.worker.run_task`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class Cancelled(Exception):
    """The user stopped the work; nothing it would have made exists."""


class Progress:
    """Progress reports and a cancel flag, shared by a job and whoever waits for it."""

    def __init__(
        self,
        report: Callable[[int, int], None] | None = None,
        partial: Callable[[Any], None] | None = None,
    ):
        self._report = report
        self._partial = partial
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; raise :class:`Cancelled` when asked to stop."""
        if self._cancel.is_set():
            raise Cancelled
        if self._report is not None:
            self._report(int(done), int(total))

    def cancel(self) -> None:
        """Ask the job to stop at its next report."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` when asked to stop (without reporting)."""
        if self._cancel.is_set():
            raise Cancelled

    def partial(self, value: Any) -> None:
        """Hand over an intermediate result (shown while the job goes on)."""
        if self._partial is not None:
            self._partial(value)


#: Progress that reports nowhere and never cancels.
NO_PROGRESS = Progress()
