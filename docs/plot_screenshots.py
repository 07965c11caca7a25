"""Render the plot's README screenshots offscreen at 1280 x 720: ``python docs/plot_screenshots.py [NAME ...]``.

Needs the glove extra. Writes (or only those named: 400k, tsne, kinds, materials):
- docs/plot-glove-20k-tsne.png: GloVe's 20,000 most frequent words in a t-SNE map (seed 0),
  coloured by |v| (a numeric column; GloVe's frequent words are the shorter vectors), with
  "king" selected and its 10 nearest (cosine, in the 50 dimensions) listed and linked;
- docs/plot-glove-20k-tsne-kinds.png: the same map coloured by a metadata column, "kind"
  (docs/glove_kinds.py: number, punctuation, country, month or day, first name, animal, or no
  value), with "france" found by the search box (whole words) and its 10 nearest words linked;
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

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

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
    app = QApplication.instance()
    settle(app)  # the first layout fits the window to the (800 x 800 offscreen) screen: size it again after
    window.resize(1280, 720)
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


def tsne_document(n: int = 20_000):
    """GloVe's first ``n`` words with their t-SNE map (seed 0) stored, as if computed in the window."""
    from explorer.model.nonlinear import project
    from explorer.model.projection_store import StoredProjection, fingerprint

    document = glove_document(n)
    values = document.table.values
    if CACHE.exists() and np.load(CACHE).shape == (len(values), 2):
        coords = np.load(CACHE)
    else:
        coords = project("tsne", values, 0).coordinates
        np.save(CACHE, coords)
    document.view.projections.put(StoredProjection("tsne", 0, fingerprint(values), coords, None, {}))
    return document


def main(names) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])

    if "400k" in names:
        document = glove_document(400_000)
        document.view.plot.update(projection="pca")
        window = window_on(document)
        settle(app)
        window.context.select_rows([document.table.index_of("paris")])
        window.plot.fit_view()
        settle(app)
        window.grab().save(str(OUT / "plot-glove-400k.png"))
        window.close()

    if "tsne" in names:
        document = tsne_document()
        document.view.plot.update(projection="tsne", color_by="|v|")
        window = window_on(document)
        settle(app)
        window.context.select_rows([document.table.index_of("king")])
        settle(app)
        window.grab().save(str(OUT / "plot-glove-20k-tsne.png"))
        window.close()

    if "kinds" in names:
        from glove_kinds import word_kind

        from explorer.model.metadata_commands import InsertMetadataColumns

        document = tsne_document()
        table = document.table
        InsertMetadataColumns(0, ["kind"], [tuple(word_kind(w) for w in table.labels)]).apply(table)
        document.view.plot.update(projection="tsne", color_by="kind")
        window = window_on(document)
        settle(app)
        window.search_bar.start()
        window.search_bar.word_button.setChecked(True)
        window.search_bar.box.setText("france")
        settle(app)
        window.resize(1280, 720)  # (the search bar's first show fits the window to the screen again)
        settle(app)
        window.grab().save(str(OUT / "plot-glove-20k-tsne-kinds.png"))
        window.close()

    if "materials" in names:
        from explorer.model.builtin import materials
        from explorer.model.document import Document

        window = window_on(Document(materials()))
        settle(app)
        window.plot_panel.grab().save(str(OUT / "plot-materials.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ("400k", "tsne", "kinds", "materials")))
