"""The one background-work mechanism: results, failures, progress, partial results and Cancel,
each delivered on the interface thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread

from explorer.model.progress import Cancelled
from explorer.qt.worker import run_task


def test_a_task_delivers_its_result_and_progress_on_the_interface_thread(qtbot):
    main = QThread.currentThread()
    seen = []

    def work(progress):
        assert threading.current_thread() is not threading.main_thread()
        for done in range(1, 4):
            progress(done, 3)
        progress.partial("half")
        return 42

    task = run_task(work, "count")
    task.progressed.connect(lambda done, total: seen.append((done, total, QThread.currentThread() is main)))
    task.partial.connect(lambda value: seen.append((value, QThread.currentThread() is main)))
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert (task.outcome, task.result) == ("finished", 42)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True), ("half", True)]


def test_a_failure_arrives_as_one_sentence(qtbot):
    task = run_task(lambda progress: int("abc"), "bad")
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert blocker.args == ["invalid literal for int() with base 10: 'abc'"]
    assert task.outcome == "failed"


def test_cancel_stops_the_work_at_its_next_report_and_nothing_is_delivered(qtbot):
    started = threading.Event()
    stopped = []

    def work(progress):
        started.set()
        try:
            for step in range(1000):
                progress(step, 1000)
                time.sleep(0.005)
        except Cancelled:
            stopped.append(step)
            raise
        return "all done"

    task = run_task(work, "long")
    assert started.wait(5)
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert task.outcome == "cancelled" and task.result is None
    assert stopped and stopped[0] < 1000


def test_a_result_that_comes_back_after_cancel_is_not_delivered(qtbot):
    release = threading.Event()

    def work(progress):
        release.wait(5)
        return "too late"

    task = run_task(work, "ignores cancel")
    finished = []
    task.finished.connect(finished.append)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.ended, timeout=5000):
        pass
    assert task.outcome == "cancelled" and finished == []
