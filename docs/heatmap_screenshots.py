"""Render the README's heatmap pictures offscreen: ``python docs/heatmap_screenshots.py``.

Writes, in docs/:
- heatmap-materials.png: the panel on the lesson's materials A-E;
- heatmap-300.png: 300 embeddings, clustered, with the dendrogram (an export, 1000 x 1000 pixels);
- heatmap-glove-dendrogram.png (+ .svg, .pdf): 30 GloVe words, clustered with the dendrogram,
  the colours over the scores' range, a 16 x 14 cm figure at 200 DPI, as ``explorer export-heatmap`` writes it;
- window-1280x720.png and window-1920x1080.png: the whole window on the lesson at those sizes;
and, with ``--seaborn``, /tmp/seaborn-clustermap-30.png, seaborn's clustermap of the same words, to compare.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WORDS = [
    "cat",
    "dog",
    "horse",
    "bird",
    "fish",
    "car",
    "truck",
    "bus",
    "train",
    "plane",
    "ship",
    "king",
    "queen",
    "prince",
    "princess",
    "man",
    "woman",
    "paris",
    "london",
    "berlin",
    "rome",
    "france",
    "germany",
    "italy",
    "england",
    "apple",
    "bread",
    "cheese",
    "wine",
    "coffee",
]


def glove_words_csv(folder: Path) -> Path:
    """The 30 words' GloVe vectors (the shipped sample) as a CSV the command line reads."""
    from explorer.model.formats.delimited import write_delimited
    from explorer.model.glove import lesson_words_table

    path = folder / "glove-words.csv"
    path.write_bytes(write_delimited(lesson_words_table(WORDS)))
    return path


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from explorer.model.builtin import materials
    from explorer.model.document import Document
    from explorer.model.table import VectorTable
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings
    from explorer.qt.context import DocumentContext
    from explorer.qt.heatmap.export import HeatmapOptions, export_heatmap
    from explorer.qt.heatmap.panel import HeatmapPanel

    docs, folder = ROOT / "docs", Path(tempfile.mkdtemp())

    context = DocumentContext(Document(materials()))
    context.select_pair(0, 2)
    panel = HeatmapPanel(context)
    panel.resize(640, 540)
    panel.show()
    settle(app)
    panel.grab().save(str(docs / "heatmap-materials.png"))

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 50))
    values = centres[rng.integers(0, 6, 300)] + 0.8 * rng.normal(size=(300, 50))
    table = VectorTable([f"w{i}" for i in range(300)], [f"d{j}" for j in range(50)], values)
    options = HeatmapOptions(order="clustered", dendrogram=True, size=(1000, 1000), title="300 embeddings, clustered")
    export_heatmap(table, docs / "heatmap-300.png", options)

    source = glove_words_csv(folder)
    for suffix in (".png", ".svg", ".pdf"):
        out = docs / f"heatmap-glove-dendrogram{suffix}"
        command = [sys.executable, "-m", "explorer", "export-heatmap", str(source), "-o", str(out)]
        command += ["--dendrogram", "--range", "data", "--colormap", "viridis", "--size", "16cmx14cm", "--dpi", "200"]
        command += ["--title", "30 GloVe words"]
        subprocess.run(command, check=True, cwd=ROOT)

    for width, height in ((1280, 720), (1920, 1080)):
        window = MainWindow(settings=Settings(str(folder / f"window-{width}.ini")))
        window.show()
        window.resize(width, height)
        settle(app)
        window.context.select_pair(0, 1)
        settle(app)
        window.grab().save(str(docs / f"window-{width}x{height}.png"))
        window.close()

    if "--seaborn" in sys.argv:
        import matplotlib

        matplotlib.use("Agg")
        import seaborn as sns

        from explorer.model.glove import lesson_words_table
        from explorer.model.similarity import cosine_matrix

        words = lesson_words_table(WORDS)
        import pandas as pd

        frame = pd.DataFrame(cosine_matrix(words.values), index=words.labels, columns=words.labels)
        grid = sns.clustermap(
            frame, method="average", cmap="RdBu_r", center=0, annot=True, fmt=".2f", figsize=(6.3, 5.5)
        )
        grid.savefig("/tmp/seaborn-clustermap-30.png", dpi=200)
    written = ["heatmap-materials.png", "heatmap-300.png", "window-1280x720.png", "window-1920x1080.png"]
    written += [f"heatmap-glove-dendrogram{suffix}" for suffix in (".png", ".svg", ".pdf")]
    for name in written:
        path = docs / name
        if path.suffix == ".png" and path.stat().st_size > LIMIT:
            small(path)
        print("wrote", path.relative_to(ROOT), path.stat().st_size, "bytes")


LIMIT = 250_000  # bytes per README image


def small(path: Path) -> None:
    """Keep README images small: an adaptive palette of 256 colours (Pillow comes with matplotlib)."""
    try:
        from PIL import Image
    except ImportError:
        return
    Image.open(path).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


if __name__ == "__main__":
    main()
