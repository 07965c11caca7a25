"""Benchmark: searching 400,000 labels (GloVe 6B's words) as the search box does.

Run from the repository root:  python tests/benchmarks/bench_search.py [--repeat 15]

For each query, the median time of ``LabelIndex.search`` (the index built once,
as the window keeps it while the labels do not change) against the plain Python
reference ``[i for i, w in enumerate(words) if q in w.lower()]`` in the same run;
both must give the same rows. Target (issue 11): every substring search <= 30 ms.
Also reported: building the index (once per change of labels), and whole-word and
regular-expression searches (no target; they run with a time limit).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from _targets import report  # noqa: E402 - tests/benchmarks/_targets.py, beside this script

TARGET_MS = 30.0
SUBSTRINGS = ("king", "e", "ing", "qu", "international", "zzqx")


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    import pyarrow.parquet as pq

    from explorer.model.glove import INDEX_FILE, glove_directory
    from explorer.model.search import LabelIndex, Query

    words = pq.read_table(glove_directory() / INDEX_FILE).column(0).to_pylist()
    start = time.perf_counter()
    index = LabelIndex(words)
    index.search(Query("x"))
    build = time.perf_counter() - start
    print(f"{len(words):,} labels; index built in {1000 * build:.0f} ms (once per change of labels)")
    print(f"{'query':>15} {'rows':>8} {'ours ms':>8} {'python ms':>10} {'ratio':>6}")
    missed = []
    for text in SUBSTRINGS:
        rows = index.search(Query(text))
        expected = [i for i, w in enumerate(words) if text in w.lower()]
        if list(rows) != expected:
            missed.append(f"'{text}': {len(rows)} rows, the reference finds {len(expected)}")
        ours = median_ms(lambda text=text: index.search(Query(text)), args.repeat)
        plain = median_ms(lambda text=text: [i for i, w in enumerate(words) if text in w.lower()], 3)
        print(f"{text:>15} {len(rows):>8,} {ours:>8.1f} {plain:>10.1f} {ours / plain:>6.2f}")
        if ours > TARGET_MS:
            missed.append(f"searching '{text}' took {ours:.1f} ms (target <= {TARGET_MS:.0f} ms)")
    for query in (Query("queen", "word"), Query(r"^k.*g$", "regex")):
        rows = index.search(query)
        ms = median_ms(lambda query=query: index.search(query), 3)
        print(f"{query.text:>15} {len(rows):>8,} {ms:>8.1f}   ({query.mode})")
    return report(missed)


if __name__ == "__main__":
    sys.exit(main())
