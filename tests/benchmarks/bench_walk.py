"""CPU of the seeded random walk (tests/qt/random_actions.py), this tree against a reference commit.

Run: ``python tests/benchmarks/bench_walk.py [REFERENCE] [COUNT] [REPEATS]`` (defaults: ``49f764f``,
the last commit before bursts of changes refreshed each panel once, 2000 actions, 1 repeat). The reference commit is
extracted with ``git archive`` into a temporary folder; the two trees then run
``python -m tests.qt.random_actions 20240917 COUNT`` by turns, each in its own process, so a busy
machine slows both alike. Prints the CPU seconds (user + system) of each run, the medians, and their
ratio; a walk whose checks fail stops the benchmark. The target: this tree's walk takes at most
``TARGET`` of the reference's CPU.

Besides the walk, it times one cell edit with its repaint on tables of 5 and 1,000 rows, in both trees.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _targets import report

ROOT = Path(__file__).resolve().parents[2]
SEED = 20240917
#: This tree's walk takes at most this share of BEFORE's CPU (the goal; not met yet: 0.73 measured, medians
#: of three walks each, 26.7 s against 36.4 s, on a shared 2-core machine). The earlier goal, 1/3 of 51138f4
#: (the last commit before the walk was first made cheaper), was not met either (0.84 then).
TARGET = 0.5
#: The last commit before bursts of changes (undo steps, an undo of everything) refreshed each panel once.
BEFORE = "49f764f"
#: Table sizes at which one cell edit is timed.
ROWS = (5, 1000)


def extract(commit: str, into: Path) -> Path:
    """The files of ``commit`` in a folder of their own."""
    archive = into / "reference.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def walk_cpu(tree: Path, count: int) -> float:
    """CPU seconds of one walk of ``count`` actions run from ``tree``'s sources; raises when it fails."""
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "tests.qt.random_actions", str(SEED), str(count)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"the walk from {tree} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_ms(rows: int, edits: int = 60) -> float:
    """Milliseconds of CPU per cell edit (through the table model, as typed) in a window of ``rows`` vectors."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
    import numpy as np
    from PySide6.QtWidgets import QApplication

    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    app = QApplication.instance() or QApplication([])
    window = MainWindow(settings=Settings(os.path.join(tempfile.mkdtemp(), "bench.ini")))
    window.resize(1280, 800)
    window.show()
    rng = np.random.default_rng(1)
    table = VectorTable([f"v{i}" for i in range(rows)], ["x", "y", "z"], rng.normal(size=(rows, 3)))
    window.context.replace_document(Document(table))
    app.processEvents()
    model = window.table_view.model()
    start = time.process_time()
    for i in range(edits):
        model.setData(model.index(i % min(rows, 5), 1 + i % 3), repr(float(rng.normal())))
        app.processEvents()  # as a user's next key would: painting included
    elapsed = (time.process_time() - start) * 1000 / edits
    window.context.undo_stack.setClean()  # closing asks nothing
    window.close()
    return elapsed


def edits_cpu(tree: Path) -> dict[int, float]:
    """{rows: ms per cell edit} measured in a process running ``tree``'s sources."""
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, __file__, "--rows"], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    return {int(rows): float(ms) for rows, ms in (line.split() for line in done.stdout.splitlines() if line.strip())}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--rows":
        for rows in ROWS:
            print(rows, edit_ms(rows))
        return 0
    reference = argv[0] if argv else BEFORE
    count = int(argv[1]) if len(argv) > 1 else 2000
    repeats = int(argv[2]) if len(argv) > 2 else 1
    with tempfile.TemporaryDirectory() as folder:
        ref_tree = extract(reference, Path(folder))
        ours, theirs = [], []
        for _ in range(repeats):
            theirs.append(walk_cpu(ref_tree, count))
            ours.append(walk_cpu(ROOT, count))
            print(f"walk of {count:,} actions: reference {theirs[-1]:.1f} s CPU, this tree {ours[-1]:.1f} s CPU")
        for rows, (ref_ms, our_ms) in zip(ROWS, zip(edits_cpu(ref_tree).values(), edits_cpu(ROOT).values())):
            print(f"one cell edit and its repaint, {rows:,} rows: reference {ref_ms:.1f} ms, this tree {our_ms:.1f} ms")
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"medians: reference {statistics.median(theirs):.1f} s, this tree {statistics.median(ours):.1f} s")
    print(f"ratio {ratio:.2f} (target at most {TARGET:.2f})")
    missed = [] if ratio <= TARGET else [f"the walk takes {ratio:.2f} of {reference}'s CPU (target {TARGET:.2f})"]
    return report(missed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
