"""How long the working panel takes to follow one step of a drag (a script, not a test).

Run: ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/working_panel_refresh.py``.
Prints milliseconds per drag step (working re-written and the claims re-checked)
and the ratio to a 60 Hz frame (16.7 ms): below 1 keeps up with the mouse.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
from PySide6.QtWidgets import QApplication

from explorer.model.builtin import materials
from explorer.model.commands import set_vector
from explorer.model.document import Document
from explorer.model.table import VectorTable
from explorer.qt.context import DocumentContext
from explorer.qt.working.panel import WorkingPanel

FRAME_MS = 1000 / 60


def per_step(table: VectorTable, claims=(), steps: int = 50) -> float:
    context = DocumentContext(Document(table))
    panel = WorkingPanel(context)
    for claim in claims:
        panel.claims.add_claim(claim)
    context.select_pair(0, 1)
    start = table.vector(1)
    t0 = time.perf_counter()
    for i in range(steps):
        context.apply_live(set_vector(table, 1, start * (1 + 0.01 * i)))
        QApplication.processEvents()
    elapsed = (time.perf_counter() - t0) / steps * 1000
    panel.deleteLater()
    return elapsed


def main() -> None:
    QApplication([])
    rng = np.random.default_rng(0)
    cases = [
        ("materials A-E, 2 dimensions, 6 claims", materials(), ()),
        (
            "2 vectors, 50 dimensions",
            VectorTable(["u", "v"], [f"d{i}" for i in range(50)], rng.normal(size=(2, 50))),
            (),
        ),
        (
            "100 000 vectors, 50 dimensions, 6 claims",
            VectorTable(
                [f"w{i}" for i in range(100_000)], [f"d{i}" for i in range(50)], rng.normal(size=(100_000, 50))
            ),
            ("w1 = w0", "w2 ≈ 2 w0", "w99999 = 0.5 w3", "w5 = w6", "w7 = -w8", "w9 = 3 w10"),
        ),
    ]
    for name, table, claims in cases:
        ms = per_step(table, claims)
        print(f"{name}: {ms:.2f} ms per drag step, {ms / FRAME_MS:.2f} of a 60 Hz frame")


if __name__ == "__main__":
    main()
