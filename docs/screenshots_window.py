"""Render the README screenshots of the whole window offscreen: ``python docs/screenshots_window.py``.

Every panel is in the pictures (table, plot, heatmap, working, claims), at the
default size 1440 x 900. Writes docs/screenshot.png (materials A-E, the pair
A, B chosen), docs/window-500.png (500 vectors in 2-D) and
docs/window-long-labels.png (labels of 40+ characters). With ``--all`` also
writes the 300-vectors-in-50-D and 2-vector windows to /tmp for a look.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LIMIT = 250_000  # bytes per README image


def shoot(window, path: Path) -> None:
    window.show()  # at its first start the window fits the screen: set the size after
    window.resize(1440, 900)
    for _ in range(10):
        QApplication.processEvents()
    image = window.grab().toImage()
    image.save(str(path))
    if path.stat().st_size > LIMIT:  # keep README images small: 256 colours
        try:  # an adaptive palette (Pillow comes with matplotlib) keeps the colour maps smooth
            from PIL import Image

            Image.open(path).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
        except ImportError:
            image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither).save(str(path))
    print("wrote", path, path.stat().st_size, "bytes")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from explorer.model.document import Document
    from explorer.model.table import Dimension, VectorTable
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings
    from explorer.qt.context import DocumentContext

    folder = Path(tempfile.mkdtemp())
    docs = ROOT / "docs"

    def window_on(table, name):
        context = DocumentContext(Document(table)) if table is not None else None
        return MainWindow(context, Settings(str(folder / f"{name}.ini")))

    lesson = window_on(None, "lesson")
    lesson.context.select_pair(0, 1)
    shoot(lesson, docs / "screenshot.png")

    rng = np.random.default_rng(7)
    angles = rng.uniform(0, 2 * np.pi, 500)
    radii = rng.gamma(4, 2.5, 500)
    values = np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=1).round(2)
    many = window_on(VectorTable([f"word{i}" for i in range(500)], [Dimension("x"), Dimension("y")], values), "many")
    biggest = np.argsort(radii)[-2:]
    many.context.select_pair(int(biggest[0]), int(biggest[1]))
    shoot(many, docs / "window-500.png")

    labels = [
        "Aluminium alloy 6061-T6, extruded profile",
        "Borosilicate glass, laboratory grade 3.3",
        "Cross-laminated timber panel, five layers",
        "Dense polyethylene foam, closed cell, black",
        "Expanded polystyrene board, 20 kg per m³",
    ]
    materials = [[3, 30], [15, 4], [3, 27], [7.5, 75], [7.5, 2]]
    long = window_on(VectorTable(labels, [Dimension("mass", "kg"), Dimension("volume", "l")], materials), "long")
    long.context.select_pair(0, 3)
    shoot(long, docs / "window-long-labels.png")

    if "--all" in sys.argv:
        wide = window_on(
            VectorTable(
                [f"v{i}" for i in range(300)],
                [Dimension(f"d{i + 1}") for i in range(50)],
                rng.normal(size=(300, 50)).round(4),
            ),
            "wide",
        )
        shoot(wide, Path("/tmp/window-300x50.png"))
        two = window_on(
            VectorTable(["A", "B"], [Dimension("mass", "kg"), Dimension("volume", "l")], materials[:2]), "two"
        )
        shoot(two, Path("/tmp/window-2.png"))
    del app


if __name__ == "__main__":
    main()
