"""Whole-process start to the window shown, against a bare Qt + pyqtgraph window.

Run: ``python tests/benchmarks/bench_startup.py [repeats]``. Alternates, in the
same run, ``python -m explorer`` (built-in materials, offscreen,
``EXPLORER_EXIT_AFTER_SHOWN=1``) with a bare script that opens a QApplication,
a QMainWindow and a pyqtgraph PlotWidget and quits the same way. Prints the
medians and their ratio; the target is a ratio of at most 1.3. Each time runs
from starting the process to the moment it reports the window shown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.show()
def shown_then_quit():
    print("shown", flush=True)
    app.quit()
QTimer.singleShot(0, shown_then_quit)
sys.exit(app.exec())
"""


def timed(command: list[str], env: dict) -> float:
    """Milliseconds from starting the process to its "shown" line (its exit is not counted)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, text=True)
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    process.communicate()
    if line.strip() != "shown" or process.returncode != 0:
        raise RuntimeError(f"{command[-1][:40]!r} did not show its window")
    return elapsed


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    home = tempfile.mkdtemp()
    # As an installed program runs: with its bytecode cached (pip compiles it on install;
    # a checkout writes it on the first run), which the warm-up run below makes sure of.
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "QT_QPA_PLATFORM": "offscreen",
        "EXPLORER_EXIT_AFTER_SHOWN": "1",
        "HOME": home,
        "XDG_CONFIG_HOME": str(Path(home) / ".config"),
        "PYTHONPATH": str(ROOT),
    }
    explorer = [sys.executable, "-m", "explorer"]
    bare = [sys.executable, "-c", BARE]
    timed(explorer, env), timed(bare, env)  # warm the file cache
    ours, reference = [], []
    for _ in range(repeats):
        ours.append(timed(explorer, env))
        reference.append(timed(bare, env))
    a, b = statistics.median(ours), statistics.median(reference)
    print(f"start to window shown, median of {repeats}:")
    print(f"  explorer (materials A-E):              {a:7.1f} ms")
    print(f"  bare QApplication+QMainWindow+PlotWidget: {b:7.1f} ms")
    print(f"  ratio: {a / b:.2f} (target <= 1.3)")
    return 0 if a / b <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
