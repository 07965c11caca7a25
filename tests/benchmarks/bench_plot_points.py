"""Pan/zoom repaint of the vector plot against a bare pyqtgraph ScatterPlotItem of the same points.

Run: ``python tests/benchmarks/bench_plot_points.py [--sizes 100000 400000 1000000] [--glove]``.

For each size N (random 2-D points, or with ``--glove`` the PCA of GloVe's first N words, the
full 400,000 included), in ONE run and alternating:

- reference: a PlotWidget holding one ScatterPlotItem (size 4, no pen, one brush) of the points;
- ours: ``VectorPlot`` on a document of those vectors (points above 2,000; a density image
  while more than 200,000 are in view);

each pans and zooms through the same ranges, and every step is timed from the range change
to the viewport painted (a synchronous ``repaint``), whole view and zoomed in to about 5 % of
the points. Prints medians and the ratio; the target at 400,000 is ours <= 1.5 x the bare item.

``--threshold`` also times arrows against points at 500 to 8,000 vectors: the count above
which points repaint faster is where "auto" switches (POINTS_ABOVE in qt/plot/plot.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from _targets import report  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SIZE = (900, 700)


def points(n: int, glove: bool) -> tuple[list[str], np.ndarray]:
    if glove:
        from explorer.model.glove import load_glove

        matrix = load_glove()
        n = min(n, len(matrix))
        return list(matrix.tokens[:n]), np.asarray(matrix.vectors[:n], dtype=np.float64)
    rng = np.random.default_rng(n)
    centres = rng.normal(scale=8, size=(30, 2))
    values = centres[rng.integers(0, 30, n)] + rng.normal(size=(n, 2))
    return [f"p{i}" for i in range(n)], values


def ranges(coords: np.ndarray):
    """Pan and zoom steps: the whole cloud shifted a little, then a window around its middle."""
    lo, hi = np.percentile(coords, [0.5, 99.5], axis=0)
    middle, span = (lo + hi) / 2, hi - lo
    steps = []
    for i in range(8):  # pans over the whole cloud
        shift = span * 0.02 * (i - 4)
        steps.append(("whole", lo + shift, hi + shift))
    for i in range(8):  # zoomed in: ~5 % of the area
        shift = span * 0.01 * (i - 4)
        steps.append(("zoomed", middle - span * 0.11 + shift, middle + span * 0.11 + shift))
    return steps


def timed_steps(app, widget, view_box, steps, repeats: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"whole": [], "zoomed": []}
    viewport = widget.viewport()
    for _ in range(repeats):
        for kind, (x0, y0), (x1, y1) in steps:
            start = time.perf_counter()
            view_box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            app.processEvents()  # the range change's signals (the plot's density follows the view)
            viewport.repaint()
            times[kind].append((time.perf_counter() - start) * 1000)
    return times


def bare(app, coords: np.ndarray):
    widget = pg.PlotWidget(background="w")
    widget.resize(*SIZE)
    item = pg.ScatterPlotItem(x=coords[:, 0], y=coords[:, 1], size=4, pen=None, brush=pg.mkBrush("#0072B2"))
    widget.addItem(item)
    widget.getPlotItem().getViewBox().setAspectLocked(True)
    widget.show()
    app.processEvents()
    return widget, widget.getPlotItem().getViewBox()


def ours(app, labels, values):
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.context import DocumentContext
    from explorer.qt.plot.plot import VectorPlot

    dims = [f"d{i + 1}" for i in range(values.shape[1])]
    table = VectorTable(labels, dims, values)
    document = Document(table)
    if values.shape[1] > 2:
        document.view.plot.update(projection="pca")
    start = time.perf_counter()
    widget = VectorPlot(DocumentContext(document))
    widget.resize(*SIZE)
    widget.show()
    app.processEvents()
    built = time.perf_counter() - start
    return widget, widget.getViewBox(), built


def threshold(app) -> None:
    """Arrows against points at a few counts: where points start to repaint faster."""
    print("\narrows against points, repaint of a pan (median ms):")
    for n in (500, 1000, 2000, 4000, 8000):
        labels, values = points(n, False)
        results = {}
        for draw in ("arrows", "points"):
            widget, view_box, _ = ours(app, labels, values)
            widget._state.update(draw=draw)
            app.processEvents()
            steps = [s for s in ranges(values) if s[0] == "whole"]
            results[draw] = statistics.median(timed_steps(app, widget, view_box, steps, 3)["whole"])
            widget.close()
            widget.deleteLater()
            app.processEvents()
        print(f"  {n:6,}: arrows {results['arrows']:7.1f}   points {results['points']:7.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--glove", action="store_true", help="GloVe's first N words (PCA) instead of random points")
    parser.add_argument("--threshold", action="store_true", help="also time arrows against points at 500-8,000")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    os.environ.setdefault("HOME", tempfile.mkdtemp())
    missed = []
    print(f"pan/zoom repaint, median ms over {args.repeats} x 8 steps each, {SIZE[0]} x {SIZE[1]} view:")
    print(f"{'N':>10} {'view':>7} {'bare':>8} {'ours':>8} {'ratio':>6}   (ours built in)")
    for n in args.sizes:
        labels, values = points(n, args.glove)
        widget, view_box, built = ours(app, labels, values)
        coords = np.array([widget.tip(r) for r in range(0, len(labels))]) if len(labels) <= 2_000 else None
        if coords is None:
            coords = widget._placement.coords
        reference, reference_box = bare(app, coords)
        steps = ranges(coords)
        mine = {"whole": [], "zoomed": []}
        theirs = {"whole": [], "zoomed": []}
        for _ in range(args.repeats):  # alternate, so that both see the same machine
            for kind, values_ in timed_steps(app, reference, reference_box, steps, 1).items():
                theirs[kind] += values_
            for kind, values_ in timed_steps(app, widget, view_box, steps, 1).items():
                mine[kind] += values_
        for kind in ("whole", "zoomed"):
            a, b = statistics.median(theirs[kind]), statistics.median(mine[kind])
            note = f"   ({built:.2f} s)" if kind == "whole" else ""
            print(f"{len(labels):>10,} {kind:>7} {a:8.1f} {b:8.1f} {b / a:6.2f}{note}")
            if len(labels) == 400_000 and b / a > 1.5:
                missed.append(f"repaint at 400,000 ({kind}) is {b / a:.2f} x the bare ScatterPlotItem (target <= 1.5)")
        for w in (widget, reference):
            w.close()
            w.deleteLater()
        app.processEvents()
    if args.threshold:
        threshold(app)
    return report(missed)


if __name__ == "__main__":
    sys.exit(main())
