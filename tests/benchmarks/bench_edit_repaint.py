"""Edit-to-repaint latency: from a cell edit in ``vectorTable`` to ``vectorPlot`` repainted.

Run: ``python tests/benchmarks/bench_edit_repaint.py``. For N = 10, 1000 and
5000 vectors with D = 2 it types a new value into a random cell through the
table model (the path the cell editor takes) and waits until the plot's
viewport has painted. Prints the median and the 90th percentile in ms; the
target is a median of at most 16 ms at N = 1000.

The whole window is measured: the heatmap and the working panel listen to the
same edit. A random row rarely belongs to the pair the working panel writes
out (rows 1 and 2 until one is chosen), so a second line edits only those
rows: the working is rewritten on every such edit, as in a drag of one of them.
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
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class PaintCounter(QObject):
    """Counts paint events reaching a widget."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def measure(app, n: int, repeats: int = 60, pair_only: bool = False) -> list[float]:
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings
    from explorer.qt.context import DocumentContext

    rng = np.random.default_rng(n)
    table = VectorTable([f"w{i}" for i in range(n)], ["x", "y"], rng.normal(size=(n, 2)) * 10)
    settings = Settings(str(Path(tempfile.mkdtemp()) / "bench.ini"))
    window = MainWindow(DocumentContext(Document(table)), settings)
    window.resize(1200, 760)
    window.show()
    for _ in range(5):
        app.processEvents()
    counter = PaintCounter()
    viewport = window.plot.viewport()
    viewport.installEventFilter(counter)
    model = window.table_view.model()
    times = []
    for _i in range(repeats):
        row, column = int(rng.integers(2 if pair_only else n)), int(rng.integers(1, 3))
        value = f"{rng.normal() * 10:.3f}"
        painted = counter.count
        start = time.perf_counter()
        model.setData(model.index(row, column), value)
        while counter.count == painted:
            app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    viewport.removeEventFilter(counter)
    window.context.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()
    return times


def main() -> None:
    app = QApplication.instance() or QApplication([])
    print("edit-to-repaint latency (cell edit -> plot painted), D = 2")
    for pair_only, title in ((False, "a random row"), (True, "a row of the pair in the working panel")):
        print(f" editing {title}:")
        for n in (10, 1000, 5000):
            times = measure(app, n, pair_only=pair_only)
            p90 = float(np.percentile(times, 90))
            print(
                f"  N = {n:5d}: median {statistics.median(times):6.2f} ms   p90 {p90:6.2f} ms"
                f"   ({statistics.median(times) / 16:.2f} x the 16 ms target)"
            )


if __name__ == "__main__":
    main()
