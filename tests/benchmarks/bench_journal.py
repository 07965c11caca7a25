"""What crash recovery costs: the journal's cost per edit, how far behind it runs, and restoring.

Run: ``python tests/benchmarks/bench_journal.py [N ...]`` (default N = 1,000 and 100,000; D = 50).

1. **Cost per edit on the interface thread.** A cell edit pushed through
   ``DocumentContext.push`` with the window's :class:`RecoveryRecorder`
   attached, against the same push without it (the reference), in one run.
   The difference is what the journal adds to an edit; target under 1 ms at
   N = 1,000 (the recorder only queues the command, so it should not grow with N).
2. **How far behind.** After each of the edits, the time until the journal's
   thread has written it (``flush``, which also fsyncs): the most that a
   kill -9 could lose at that moment. Target well under 2 s.
3. **A saved point.** The snapshot the recorder copies when the document is
   opened or saved (on the interface thread; the writing is on the journal's).
4. **Restore.** A 100,000 x 50 document with 1,000 journaled edits restored
   from its journal, against reading the same document from CSV (what File >
   Open does); target at most 2 s.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from tests.benchmarks._targets import report

D = 50


class FakeFiles(QObject):
    """What the recorder listens to on the window's file controller."""

    saved = Signal(object)


def make_context(n: int, seed: int = 0):
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.context import DocumentContext

    rng = np.random.default_rng(seed)
    table = VectorTable([f"w{i}" for i in range(n)], [f"d{j}" for j in range(D)], rng.normal(size=(n, D)))
    return DocumentContext(Document(table))


def per_edit(app, n: int, folder: Path, edits: int = 1000, journal: bool = True) -> tuple[list[float], list[float]]:
    """Per-edit push times (ms) and, with the journal, the write lag after each edit (ms)."""
    from explorer.model.commands import set_cell
    from explorer.qt.app.recovery import RecoveryRecorder

    context = make_context(n)
    files = FakeFiles(context)
    recorder = RecoveryRecorder(context, files, folder, parent=context) if journal else None
    rng = np.random.default_rng(1)
    rows, columns, values = rng.integers(0, n, edits), rng.integers(0, D, edits), rng.normal(size=edits)
    pushes, lags = [], []
    for i in range(edits):
        command = set_cell(int(rows[i]), int(columns[i]), float(values[i]))
        start = time.perf_counter()
        context.push(command)
        pushes.append((time.perf_counter() - start) * 1000)
        if recorder is not None and i % 10 == 0:
            start = time.perf_counter()
            recorder.journal.flush()
            lags.append((time.perf_counter() - start) * 1000)
    if recorder is not None:
        recorder.close(remove=True)
    return pushes, lags


def saved_point(n: int) -> float:
    from explorer.model.journal import Snapshot

    context = make_context(n)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        Snapshot.of(context.document)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def restore_time(n: int, folder: Path, edits: int = 1000) -> tuple[float, float]:
    """(restore from the journal, read the same document from CSV) in seconds."""
    from explorer.model.commands import set_cell
    from explorer.model.formats import read_table, write_table_bytes
    from explorer.model.journal import Journal, Snapshot
    from explorer.model.journal_recovery import restore

    context = make_context(n, seed=2)
    document = context.document
    journal = Journal(folder)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    rng = np.random.default_rng(3)
    for i in range(edits):
        context.push(set_cell(int(rng.integers(n)), int(rng.integers(D)), float(i)))
    assert journal.flush(120)
    start = time.perf_counter()
    back = restore(journal.path)
    restored = time.perf_counter() - start
    assert back.table.same_content(document.table), "the restored document differs"
    journal.close(remove=True)
    csv = folder / "same.csv"
    csv.write_bytes(write_table_bytes(document.table, ".csv"))
    start = time.perf_counter()
    read_table(csv)
    read = time.perf_counter() - start
    return restored, read


def main(sizes: list[int]) -> int:
    app = QApplication.instance() or QApplication([])
    missed: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="bench-journal-"))
    print(f"D = {D}; times in ms unless said; the machine may be shared, so compare within a line")
    for n in sizes:
        without, _ = per_edit(app, n, folder, journal=False)
        with_journal, lags = per_edit(app, n, folder, journal=True)
        base, cost = statistics.median(without), statistics.median(with_journal)
        p90 = float(np.percentile(with_journal, 90)) - float(np.percentile(without, 90))
        print(
            f"N = {n:>7,}: push {base:.4f} -> {cost:.4f} with the journal "
            f"(+{cost - base:.4f} median, +{p90:.4f} at the 90th percentile, x{cost / base:.2f}); "
            f"written {statistics.median(lags):.2f} after an edit (max {max(lags):.1f}); "
            f"snapshot at a saved point {saved_point(n):.1f}"
        )
        if n <= 1000 and cost - base >= 1.0:
            missed.append(f"journal cost per edit at N = {n:,}: {cost - base:.3f} ms (target < 1 ms)")
        if max(lags) >= 2000:
            missed.append(f"journal behind by {max(lags):.0f} ms at N = {n:,} (target < 2 s)")
    n = max(sizes)
    restored, read = restore_time(n, folder)
    print(f"restore {n:,} x {D} with 1,000 edits: {restored:.2f} s (reading the same as CSV: {read:.2f} s)")
    if restored > 2.0:
        missed.append(f"restore of {n:,} x {D}: {restored:.2f} s (target <= 2 s)")
    app.processEvents()
    return report(missed)


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1000, 100_000]))
