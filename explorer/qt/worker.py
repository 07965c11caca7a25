"""The one way the window runs long work: off the interface thread, with progress and Cancel.

``task = run_task(function, name)`` calls ``function(progress)`` on a worker
thread, where ``progress`` is a :class:`explorer.model.progress.Progress`.
The task's signals arrive on the interface thread:

- ``progressed(done, total)`` for each report,
- ``partial(value)`` for intermediate results,
- then exactly one of ``finished(result)``, ``failed(message)`` (one
  sentence) or ``cancelled()``, and after it ``ended()``.

``task.cancel()`` asks the function to stop at its next progress report; the
task then ends as cancelled even if the function returned meanwhile, so a
result the user no longer wants is never delivered. ``run_task(function,
name, after=older)`` starts once ``older`` has ended, so that work of one kind
runs one task at a time (a newer request cancels the older one and waits for
it to stop); a task cancelled while it waits never runs. ``task.wait(ms)``
blocks until the function has returned on its thread, for a widget that must
not outlive its work (the application quitting). :func:`wait_with_dialog`
shows a progress dialog (after a delay, with Cancel) and runs a local event
loop until the task ends, for work that must finish before the caller goes on
(opening the file named on the command line).

Tasks live in a pool of their own, so that a long projection does not make a
file wait for a free thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from explorer.model.progress import Cancelled, Progress

_POOL: QThreadPool | None = None
#: Tasks under way: kept alive here until they end (their QObject must outlive the thread).
_RUNNING: set[Task] = set()


def pool() -> QThreadPool:
    """The worker threads of long tasks (at least four, whatever the core count)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
    return _POOL


class Task(QObject):
    """One function run on a worker thread; its outcome arrives as signals on the interface thread."""

    progressed = Signal(int, int)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, function: Callable[[Progress], Any], name: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.function = function
        self.progress = Progress(self._relay_progress, self._relay_partial)
        self.result: Any = None
        self.error = ""
        self.outcome = ""  # "finished", "failed" or "cancelled" once ended
        self._started = False
        self._returned = threading.Event()  # set on the worker thread once the function has returned
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # Emitted on the worker thread; queued to the interface thread.
    _relay = Signal(str, object)

    def cancel(self) -> None:
        """Ask the function to stop; the task ends as cancelled."""
        self.progress.cancel()

    @property
    def running(self) -> bool:
        return not self.outcome

    def wait(self, milliseconds: int) -> bool:
        """Block up to ``milliseconds`` until the function has returned on its thread (or, cancelled
        before it started, will never run); True when so. Its outcome still arrives as a signal later."""
        if not self._started and self.progress.cancelled():
            return True
        return self._returned.wait(max(0, milliseconds) / 1000)

    def _start(self) -> None:
        """Hand the function to a worker thread, unless it was cancelled while it waited."""
        if self._started or self.outcome:
            return
        self._started = True
        if self.progress.cancelled():
            self._returned.set()
            self._deliver("cancelled", None)
            return
        pool().start(_Runner(self))

    def _relay_progress(self, done: int, total: int) -> None:
        self._relay.emit("progress", (done, total))

    def _relay_partial(self, value: Any) -> None:
        self._relay.emit("partial", value)

    def run(self) -> None:
        """The worker thread's part: call the function and relay how it ended."""
        try:
            result = self.function(self.progress)
        except Cancelled:
            self._relay.emit("cancelled", None)
        except MemoryError:
            self._relay.emit("failed", "there is not enough memory for it")
        except Exception as error:  # noqa: BLE001 - a worker must never die silently
            self._relay.emit("failed", _sentence(error))
        else:
            self._relay.emit("finished", result)
        finally:
            self._returned.set()

    def _deliver(self, kind: str, value: Any) -> None:
        if self.outcome:
            return
        if kind == "progress":
            if not self.progress.cancelled():
                self.progressed.emit(*value)
            return
        if kind == "partial":
            if not self.progress.cancelled():
                self.partial.emit(value)
            return
        if self.progress.cancelled():
            kind = "cancelled"  # asked to stop: whatever came back is not wanted
        self.outcome = kind
        if kind == "finished":
            self.result = value
            self.finished.emit(value)
        elif kind == "failed":
            self.error = value
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.ended.emit()
        _RUNNING.discard(self)


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()


def run_task(function: Callable[[Progress], Any], name: str = "", after: Task | None = None) -> Task:
    """Start ``function(progress)`` on a worker thread; connect to the returned task's signals.

    With ``after`` still running, the new task waits for it to end first (one task of a kind at a time).
    """
    task = Task(function, name)
    _RUNNING.add(task)
    if after is not None and after.running:
        after.ended.connect(task._start)
    else:
        task._start()
    return task


class LatestTask:
    """Work of one kind where only the newest request counts (tokenizing the text as it is now).

    ``start`` cancels the task whose result was wanted and starts the new one once the
    older has stopped, so one task of the kind runs at a time; ``is_current(task)`` tells a
    handler whether its outcome is still wanted. ``shutdown`` cancels them all and blocks until
    every task started has returned on its thread (closing the window).
    """

    def __init__(self) -> None:
        #: The task whose outcome is wanted, or None.
        self.current: Task | None = None
        self._last: Task | None = None
        self._unended: set[Task] = set()

    def start(self, function: Callable[[Progress], Any], name: str = "") -> Task:
        """Cancel the current task and run ``function(progress)`` after the last one started."""
        self.drop()
        task = run_task(function, name, after=self._last)
        self.current = self._last = task
        self._unended.add(task)
        task.ended.connect(lambda: self._ended(task))
        return task

    def _ended(self, task: Task) -> None:
        self._unended.discard(task)
        if self._last is task:
            self._last = None  # nothing to wait for; and its result is not kept here

    def is_current(self, task: Task) -> bool:
        return task is self.current

    def finish(self, task: Task) -> bool:
        """True (and no task is current any more) when ``task`` is the current one, whose outcome counts."""
        if task is not self.current:
            return False
        self.current = None
        return True

    def drop(self) -> bool:
        """Cancel the current task, whose outcome will not count; True when there was one."""
        task, self.current = self.current, None
        if task is None:
            return False
        task.cancel()
        return True

    def shutdown(self, milliseconds: int) -> bool:
        """Cancel every task started and block up to ``milliseconds`` until each has returned on its thread."""
        self.drop()
        deadline = QDeadlineTimer(milliseconds)
        tasks = list(self._unended)
        for task in tasks:
            task.cancel()
        return all(task.wait(deadline.remainingTime()) for task in tasks)


def wait_with_dialog(
    task: Task,
    label: str,
    parent: QWidget | None = None,
    delay_ms: int = 1000,
    describe: Callable[[int, int], str] | None = None,
    object_name: str = "taskProgress",
    on_dialog: Callable[[QProgressDialog], None] | None = None,
) -> Task:
    """Wait for ``task`` in a local event loop, showing a progress dialog with Cancel after ``delay_ms``.

    ``describe(done, total)`` gives the dialog's text for a report;
    ``on_dialog(dialog)`` is called before the wait begins (to follow or test
    it). Returns the ended task (see its ``outcome``).
    """
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle("Vector Explorer")
    dialog.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(task.cancel)
    connect_dialog(task, dialog, describe)
    if on_dialog is not None:
        on_dialog(dialog)
    loop = QEventLoop()
    task.ended.connect(loop.quit)
    try:
        if task.running:
            loop.exec()
        QApplication.processEvents()
    finally:
        dialog.canceled.disconnect(task.cancel)
        dialog.close()
        dialog.deleteLater()
    return task


def connect_dialog(task: Task, dialog: QProgressDialog, describe: Callable[[int, int], str] | None = None) -> None:
    """Show ``task``'s reports in ``dialog`` (its range, value and, with ``describe``, its text)."""

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            if describe is not None:
                dialog.setLabelText(describe(done, total))
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    task.progressed.connect(on_progress)


def _sentence(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text
