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


def test_a_task_run_after_another_starts_once_that_one_has_ended(qtbot):
    release, events = threading.Event(), []

    def first(progress):
        events.append("first starts")
        release.wait(5)
        events.append("first ends")
        return 1

    def second(progress):
        events.append("second starts")
        return 2

    older = run_task(first, "first")
    newer = run_task(second, "second", after=older)
    assert newer.running
    with qtbot.waitSignal(newer.ended, timeout=5000):
        release.set()
    assert events == ["first starts", "first ends", "second starts"]
    assert (older.outcome, newer.outcome, newer.result) == ("finished", "finished", 2)


def test_a_task_cancelled_while_it_waits_never_runs(qtbot):
    release, ran = threading.Event(), []
    older = run_task(lambda progress: release.wait(5), "older")
    waiting = run_task(lambda progress: ran.append("waiting"), "waiting", after=older)
    waiting.cancel()
    assert waiting.wait(0)  # it will never run: nothing to wait for
    with qtbot.waitSignal(waiting.cancelled, timeout=5000):
        release.set()
    assert ran == [] and waiting.outcome == "cancelled"


def test_the_latest_task_counts_and_shutdown_blocks_until_every_thread_has_returned(qtbot):
    from explorer.qt.worker import LatestTask

    release, returned = threading.Event(), []

    def slow(progress):
        release.wait(5)
        returned.append("slow")
        return "slow"

    latest = LatestTask()
    older = latest.start(slow, "older")
    newer = latest.start(lambda progress: "newer", "newer")
    assert latest.is_current(newer) and not latest.is_current(older)
    assert not latest.finish(older) and latest.current is newer
    assert not latest.shutdown(0)  # the older one's thread is still in its function
    release.set()
    assert latest.shutdown(5000) and returned == ["slow"]
    assert latest.current is None  # shutdown cancelled it: its outcome no longer counts
    with qtbot.waitSignal(older.ended, timeout=5000):
        pass
    assert older.outcome == "cancelled"
