"""Render the README screenshots of the main window offscreen: ``python docs/screenshots_window.py``.

Writes docs/window.png (materials A-E at the default size), docs/window-500.png
(500 vectors, one selected) and docs/window-long-labels.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def shoot(window, name: str) -> None:
    window.resize(window.sizeHint())
    window.show()
    window.restore_layout()
    for _ in range(5):
        QApplication.processEvents()
    path = ROOT / "docs" / name
    image = window.grab().toImage()
    image.save(str(path))
    if path.stat().st_size > 200_000:  # keep README images small: 256 colours
        image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither).save(str(path))
    print("wrote", ROOT / "docs" / name)


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from explorer.model.document import Document
    from explorer.model.table import Dimension, VectorTable
    from explorer.qt.context import DocumentContext
    from explorer.qt.main_window import MainWindow
    from explorer.qt.settings import Settings

    folder = Path(tempfile.mkdtemp())
    window = MainWindow(settings=Settings(str(folder / "a.ini")))
    window.context.select_rows([0, 1])
    shoot(window, "window.png")

    rng = np.random.default_rng(7)
    angles = rng.uniform(0, 2 * np.pi, 500)
    radii = rng.gamma(4, 2.5, 500)
    values = np.stack([radii * np.cos(angles), radii * np.sin(angles)], axis=1).round(2)
    table = VectorTable([f"word{i}" for i in range(500)], [Dimension("x"), Dimension("y")], values)
    many = MainWindow(DocumentContext(Document(table)), Settings(str(folder / "b.ini")))
    many.context.select_rows([int(np.argmax(radii))])
    shoot(many, "window-500.png")

    labels = [
        "Aluminium alloy 6061-T6 (extruded profile)",
        "Borosilicate glass, laboratory grade",
        "Cross-laminated timber panel",
        "Dense polyethylene foam, closed cell",
        "Expanded polystyrene, 20 kg/m³",
    ]
    long_table = VectorTable(labels, [Dimension("mass", "kg"), Dimension("volume", "l")],
                             [[3, 30], [15, 4], [3, 27], [7.5, 75], [7.5, 2]])
    long = MainWindow(DocumentContext(Document(long_table)), Settings(str(folder / "c.ini")))
    shoot(long, "window-long-labels.png")
    del app


if __name__ == "__main__":
    main()
