"""Metadata columns at scale: reading a CSV with a column of words, and colouring by one.

Run: ``python tests/benchmarks/bench_metadata.py [N] [D]`` (default 100000 50).

- Reading N x D numbers plus a ``category`` column of words against the same file without it
  (the numbers-only file takes the fast path, parsed in C). Target: at most 1.5x; the careful
  cell-by-cell reader that such files took before the fast path learned about columns of text is
  printed beside it.
- Colouring 4N vectors by a metadata column of words (the colours and the legend) against
  colouring them by |v|, a numeric column. Target: at most 10x (the categories are counted in
  Python; |v| is one NumPy call).

Ratios are measured in one run, so a busy machine slows both sides alike. Exits 1 when a target is missed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np

from tests.benchmarks._targets import report

READ_RATIO = 1.5
COLOUR_RATIO = 10.0


def best_of(function, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    d = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    from explorer.model.columns import categorical_colours, find_column, numeric_positions
    from explorer.model.formats import delimited, read_table
    from explorer.model.table import VectorTable

    folder = Path(tempfile.mkdtemp())
    rng = np.random.default_rng(0)
    values = rng.normal(size=(n, d)).round(5)
    lines = [f"w{i}," + ",".join(f"{v:g}" for v in row) for i, row in enumerate(values)]
    header = "label," + ",".join(f"d{k + 1}" for k in range(d))
    plain, words = folder / "plain.csv", folder / "words.csv"
    plain.write_text(header + "\n" + "\n".join(lines) + "\n")
    kinds = ("metal", "wood", "glass", "stone", "")
    words.write_text(
        header + ",category\n" + "\n".join(f"{line},{kinds[i % 5]}" for i, line in enumerate(lines)) + "\n"
    )
    table = read_table(words)
    assert len(table.metadata) == 1 and table.dimension_count == d  # the words are metadata, the numbers stay

    print(f"Reading {n:,} x {d} numbers ({plain.stat().st_size / 1e6:.0f} MB), best of 3")
    t_plain = best_of(lambda: read_table(plain))
    t_words = best_of(lambda: read_table(words))
    original = delimited._fast_table
    delimited._fast_table = lambda *args: None
    try:
        t_careful = best_of(lambda: read_table(words), 1)
    finally:
        delimited._fast_table = original
    print(f"  numbers only            {t_plain:7.2f} s")
    print(f"  with a column of words  {t_words:7.2f} s  ({t_words / t_plain:.2f}x; target {READ_RATIO}x)")
    print(f"  the careful reader      {t_careful:7.2f} s  ({t_careful / t_plain:.2f}x)")

    big = 4 * n
    table = VectorTable(
        [f"w{i}" for i in range(big)],
        ["x", "y"],
        rng.normal(size=(big, 2)),
        metadata=[("category", [kinds[i % 5] for i in range(big)])],
    )
    t_by_words = best_of(lambda: categorical_colours(find_column(table, "category").values))
    t_by_length = best_of(lambda: numeric_positions(find_column(table, "|v|").values))
    print(f"Colouring {big:,} vectors")
    print(f"  by |v|                  {t_by_length * 1000:7.1f} ms")
    print(
        f"  by a column of words    {t_by_words * 1000:7.1f} ms  ({t_by_words / t_by_length:.1f}x; "
        f"target {COLOUR_RATIO}x)"
    )
    missed = []
    if t_words > READ_RATIO * t_plain:
        missed.append(f"reading with a column of words took {t_words / t_plain:.2f}x the numbers only")
    if t_by_words > COLOUR_RATIO * t_by_length:
        missed.append(f"colouring by words took {t_by_words / t_by_length:.1f}x colouring by |v|")
    return report(missed)


if __name__ == "__main__":
    sys.exit(main())
