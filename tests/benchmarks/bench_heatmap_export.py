"""Benchmark: heatmap PNG export against matplotlib and seaborn, repaint with numbers, one edit at N = 4000.

Run: python tests/benchmarks/bench_heatmap_export.py [--quick]   (needs the bench extra: matplotlib, seaborn)
Prints the figures; exits 1 when a target is missed.

1. PNG export of a 1000 x 1000 and a 4000 x 4000 cosine matrix at 1000 x 1000
   pixels, against matplotlib imshow + savefig of the same matrix at the same
   pixel size (and, for information, with a colour bar like ours). Target: at
   least 5x faster at both.
2. The clustered figure with its dendrogram at N = 300 (1000 x 1000 pixels),
   from the vectors (scores, clustering, layout, PNG), against seaborn's
   clustermap of the same scores + savefig. Target: at least 5x faster.
3. Repaint of a 50 x 50 heatmap with all 2500 numbers painted. Target <= 20 ms.
4. One vector edited at N = 4000 until the panel has repainted. Target <= 50 ms.

``--quick`` measures smaller sizes (N = 300 and 1000 for 1.) with fewer repeats,
to see the script work; its ratios are not the targets' sizes.
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
from _targets import report  # tests/benchmarks/_targets.py, beside this script


def vectors(n: int, dim: int = 50, seed: int = 0) -> np.ndarray:
    """Embeddings with structure: 25 clusters plus noise."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(25, dim))
    return centres[rng.integers(0, 25, n)] + 0.8 * rng.normal(size=(n, dim))


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    quick = "--quick" in sys.argv
    repeats = 2 if quick else 3
    missed = []

    app = QApplication.instance() or QApplication([])
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns

    from explorer.model import similarity
    from explorer.model.commands import set_vector
    from explorer.model.document import Document
    from explorer.model.heatmap import HeatmapScores, heatmap_scores
    from explorer.model.table import VectorTable
    from explorer.qt.context import DocumentContext
    from explorer.qt.heatmap.panel import HeatmapPanel
    from explorer.qt.heatmap.render import render_png

    target = os.path.join(tempfile.gettempdir(), "bench_heatmap_reference.png")
    print(f"1. PNG export at 1000 x 1000 pixels (best of {repeats}, median in brackets)")
    for n in (300, 1000) if quick else (1000, 4000):
        matrix = similarity.cosine_matrix(vectors(n))
        data = HeatmapScores(labels=tuple(f"w{i}" for i in range(n)), matrix=matrix, order=np.arange(n))
        data.zero = np.zeros(n, bool)
        data.refresh_range()

        def ours(data=data):
            return render_png(data, (1000, 1000))

        def reference(colorbar=False, matrix=matrix):
            fig = plt.figure(figsize=(10, 10), dpi=100)
            ax = fig.add_subplot()
            image = ax.imshow(matrix, cmap="RdBu_r", vmin=-1, vmax=1)
            if colorbar:
                fig.colorbar(image, ax=ax, label="cosine similarity")
            fig.savefig(target, dpi=100)
            plt.close(fig)

        ours()  # warm up fonts and caches
        size = len(ours())
        ours_best, ours_median = best_of(ours, repeats)
        ref_best, ref_median = best_of(reference, repeats)
        bar_best, _ = best_of(lambda: reference(colorbar=True), repeats)
        print(
            f"   N={n}: ours {ours_best * 1e3:.0f} ms ({ours_median * 1e3:.0f}), {size // 1024} KB; "
            f"matplotlib imshow+savefig {ref_best * 1e3:.0f} ms ({ref_median * 1e3:.0f}); "
            f"ratio {ref_best / ours_best:.1f}x (target >= 5x); "
            f"with a colour bar like ours {bar_best * 1e3:.0f} ms, {bar_best / ours_best:.1f}x"
        )
        if ref_best / ours_best < 5:
            missed.append(f"PNG export at N={n} only {ref_best / ours_best:.1f}x faster than matplotlib")

    n = 300
    print(f"2. Clustered figure with dendrograms, N = {n}, 1000 x 1000 pixels (best of {repeats})")
    x = vectors(n, seed=4)
    table = VectorTable([f"w{i}" for i in range(n)], [f"d{j}" for j in range(x.shape[1])], x)
    matrix = similarity.cosine_matrix(x)

    def ours_clustered():
        scores = heatmap_scores(table, "cosine", "clustered", dendrogram=True)
        return render_png(scores, (1000, 1000))

    def seaborn_clustermap():
        grid = sns.clustermap(matrix, method="average", cmap="RdBu_r", vmin=-1, vmax=1, figsize=(10, 10))
        grid.savefig(target, dpi=100)
        plt.close(grid.figure)

    ours_clustered()
    ours_best, ours_median = best_of(ours_clustered, repeats)
    sns_best, sns_median = best_of(seaborn_clustermap, repeats)
    print(
        f"   ours (scores, clustering with optimal leaf order, layout, PNG) {ours_best * 1e3:.0f} ms "
        f"({ours_median * 1e3:.0f}); seaborn clustermap+savefig {sns_best * 1e3:.0f} ms ({sns_median * 1e3:.0f}); "
        f"ratio {sns_best / ours_best:.1f}x (target >= 5x)"
    )
    if sns_best / ours_best < 5:
        missed.append(f"clustered export at N={n} only {sns_best / ours_best:.1f}x faster than seaborn's clustermap")

    print("3. Repaint of a 50 x 50 heatmap with every number painted")
    x = vectors(50, seed=1)
    context = DocumentContext(Document(VectorTable([f"w{i}" for i in range(50)], [f"d{j}" for j in range(50)], x)))
    panel = HeatmapPanel(context)
    panel.resize(2300, 2300)
    panel.show()
    app.processEvents()
    viewport = panel.graphics.viewport()
    viewport.repaint()
    count = panel.figure.numbers.last_count
    best, median = best_of(viewport.repaint, 20)
    print(f"   {count} numbers painted; repaint {best * 1e3:.1f} ms (median {median * 1e3:.1f}) (target <= 20 ms)")
    if count < 2500:
        missed.append(f"only {count} of 2500 numbers painted")
    if median > 0.020:
        missed.append(f"50 x 50 repaint median {median * 1e3:.1f} ms > 20 ms")

    def relayout():
        panel.figure.scores_changed()  # as after an edit: every text formatted and laid out again
        viewport.repaint()

    best, median = best_of(relayout, 10)
    print(f"   first repaint after the scores changed {best * 1e3:.1f} ms (median {median * 1e3:.1f})")
    panel.close()

    print("4. One vector edited at N = 4000, until repainted")
    n = 4000
    x = vectors(n, seed=2)
    context = DocumentContext(Document(VectorTable([f"w{i}" for i in range(n)], [f"d{j}" for j in range(50)], x)))
    panel = HeatmapPanel(context)
    panel.resize(900, 800)
    panel.show()
    app.processEvents()
    viewport = panel.graphics.viewport()
    viewport.repaint()
    rng = np.random.default_rng(3)

    def edit():
        row = int(rng.integers(0, n))
        context.push(set_vector(context.table, row, rng.normal(size=50)))
        viewport.repaint()

    best, median = best_of(edit, 10)
    print(f"   edit + repaint {best * 1e3:.1f} ms (median {median * 1e3:.1f}) (target <= 50 ms)")
    if median > 0.050:
        missed.append(f"one-vector edit at N=4000 median {median * 1e3:.1f} ms > 50 ms")
    return report(missed)


if __name__ == "__main__":
    raise SystemExit(main())
