"""Where the window reports a panel that failed to follow a change.

The model's signals report a listener's exception to
:data:`explorer.model.events.listener_error_hook` and carry on: the change
that triggered it stays a change, with its undo step. :func:`install` points
that hook here: the error is logged (with its traceback) and announced on
:attr:`ListenerErrors.reported` as one sentence, which the main window shows
in its status bar. Until then (in tests, for one) errors go to ``sys.excepthook``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from explorer.model import events

log = logging.getLogger("explorer")


class ListenerErrors(QObject):
    """Announces, as one sentence, that a view failed to follow a change."""

    reported = Signal(str)

    def report(self, error: BaseException, signal: str, listener: Callable) -> None:
        """Log ``error`` with its traceback and announce it."""
        where = getattr(listener, "__qualname__", None) or type(listener).__name__
        log.error("%s failed while following %s", where, signal or "a change", exc_info=error)
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        self.reported.emit(
            f"A panel could not follow this change ({type(error).__name__}: {reason}); "
            "the change itself was made and can be undone."
        )


_REPORTER: ListenerErrors | None = None


def reporter() -> ListenerErrors:
    """The one reporter of the program (created on first use)."""
    global _REPORTER
    if _REPORTER is None:
        _REPORTER = ListenerErrors()
    return _REPORTER


def install() -> Callable:
    """Send model listener errors to the log and the status bar; returns the hook it replaced."""
    previous = events.listener_error_hook
    events.listener_error_hook = reporter().report
    return previous
