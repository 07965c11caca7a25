"""Benchmark: the cosine and dot product matrices against a bare matrix multiply and scikit-learn.

Run: python tests/benchmarks/bench_similarity.py [--quick]

In one run, float32, N in {1000, 4000, 10000}, D in {2, 50, 300}:
  (a) bare multiply of two distinct arrays, X @ Y.T (the limit here),
  (b) sklearn.metrics.pairwise.cosine_similarity,
  (c) explorer.model.similarity.cosine_matrix,
  (d) explorer.model.similarity.dot_matrix (exact to rounding at any magnitude, issue 9).
Targets (issue 2): (c) <= 1.10x (a) and <= 0.6x (b) at every N >= 1000; (d)
<= 1.10x (a); a one-vector update at N=10000, D=300 >= 300x faster than the
full recompute, for the cosine and for the dot product; peak memory of the
10000 x 10000 float32 matrix <= 1.1x its 381 MiB.
Exits 1 when a target is missed, so it can fail.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

import numpy as np
from _targets import report  # tests/benchmarks/_targets.py, beside this script

from explorer.model.similarity import SimilarityMatrix, cosine_matrix, dot_matrix


def timed(fn, repeats: int) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
        del result
    return statistics.median(times)


def main(quick: bool = False) -> int:
    from sklearn.metrics.pairwise import cosine_similarity

    rng = np.random.default_rng(0)
    sizes = [1000, 4000] if quick else [1000, 4000, 10000]
    failures = []
    print(
        f"{'N':>6} {'D':>4} {'bare ms':>9} {'sklearn ms':>11} {'ours ms':>9} {'ours/bare':>10} {'ours/sklearn':>13}"
        f" {'dot ms':>8} {'dot/bare':>9}"
    )
    for n in sizes:
        for d in (2, 50, 300):
            x = rng.standard_normal((n, d)).astype(np.float32)
            y = x.copy()
            repeats = 7 if n <= 4000 else 5
            cosine_matrix(x), dot_matrix(x), x @ y.T  # warm up
            # interleave so that machine noise hits all four alike
            bare, ours, sk, dots = [], [], [], []
            for _ in range(repeats):
                bare.append(timed(lambda: x @ y.T, 1))
                ours.append(timed(lambda: cosine_matrix(x), 1))
                sk.append(timed(lambda: cosine_similarity(x), 1))
                dots.append(timed(lambda: dot_matrix(x), 1))
            b, o, s = statistics.median(bare), statistics.median(ours), statistics.median(sk)
            t = statistics.median(dots)
            print(f"{n:>6} {d:>4} {b:>9.1f} {s:>11.1f} {o:>9.1f} {o / b:>10.2f} {o / s:>13.2f} {t:>8.1f} {t / b:>9.2f}")
            if o / b > 1.10:
                failures.append(f"N={n} D={d}: {o / b:.2f}x the bare multiply (target <= 1.10)")
            if o / s > 0.6:
                failures.append(f"N={n} D={d}: {o / s:.2f}x scikit-learn (target <= 0.6)")
            if t / b > 1.10:
                failures.append(f"N={n} D={d}: dot product {t / b:.2f}x the bare multiply (target <= 1.10)")

    n, d = (4000, 300) if quick else (10000, 300)
    x = rng.standard_normal((n, d)).astype(np.float32)
    for metric in ("cosine", "dot"):
        cache = SimilarityMatrix(metric)
        full = timed(lambda: cache.recompute(x), 3)
        changed = x.copy()

        def one_update():
            changed[17] = rng.standard_normal(d).astype(np.float32)
            cache.update_rows(changed, [17])

        update = timed(one_update, 51)
        print(
            f"{metric}: one-vector update at N={n}, D={d}: {update:.3f} ms vs full {full:.1f} ms: "
            f"{full / update:.0f}x faster"
        )
        if full / update < 300:
            failures.append(
                f"{metric}: one-vector update only {full / update:.0f}x faster than the full recompute (target >= 300)"
            )

    if not quick:
        x = rng.standard_normal((10000, 300)).astype(np.float32)
        tracemalloc.start()
        matrix = cosine_matrix(x)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ideal = matrix.nbytes
        print(
            f"peak memory for the 10000 x 10000 float32 matrix: {peak / 2**20:.0f} MiB "
            f"({peak / ideal:.3f}x its {ideal / 2**20:.0f} MiB)"
        )
        if peak / ideal > 1.1:
            failures.append(f"peak memory {peak / ideal:.3f}x the matrix (target <= 1.1)")

    return report(failures)


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv))
