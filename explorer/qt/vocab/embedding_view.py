"""The embedding half of the vocabulary panel: a token's row and its nearest neighbours.

Three sources of rows: a seeded random matrix over the text's vocabulary (what
an untrained model starts with: row i is token i's), the GloVe sample that
ships with the program, and the full GloVe 6B (400,000 words, opened on a
worker thread through :func:`explorer.qt.worker.run_task`, with progress and
Cancel), or a word-vector file (read on a worker thread the same way).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.model import glove
from explorer.model.embeddings import EmbeddingMatrix
from explorer.model.vocabulary import Vocabulary, display_token
from explorer.qt.names import named
from explorer.qt.text import error_html, escape_html
from explorer.qt.vocab.score_table import fill_scores, shown_scores
from explorer.qt.worker import LatestTask, Task

RANDOM, SAMPLE, FULL, FILE = "random", "sample", "glove", "file"
FILE_FILTER = "Word vectors (*.txt *.vec *.tsv *.npy *.npz);;All files (*)"
RANDOM_DIMENSIONS = 8
RANDOM_SEED = 0
#: Numbers of a row shown before "…".
SHOWN_NUMBERS = 8


class EmbeddingSection(QWidget):
    """Choose where embedding rows come from; show a token's row, norm and neighbours."""

    message = Signal(str)
    #: The rows now come from another source (or it finished opening).
    source_changed = Signal()
    #: (text or None when done, done, total) while GloVe opens.
    progress = Signal(object, int, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._vocabulary = Vocabulary()
        self._random: EmbeddingMatrix | None = None
        self._glove: dict[str, EmbeddingMatrix] = {}
        #: Opening GloVe or reading a word-vector file: the newest request's task is current.
        self._loading = LatestTask()
        self._source = RANDOM
        self.source_box = named(QComboBox(), "vocabEmbeddingSource")
        self.source_box.addItem(f"random, {RANDOM_DIMENSIONS} dimensions (seed {RANDOM_SEED})", RANDOM)
        self.source_box.addItem("GloVe sample (6,000 words, 50 dimensions)", SAMPLE)
        self.source_box.addItem("GloVe 6B (400,000 words, 50 dimensions)", FULL)
        self.source_box.addItem("word-vector file…", FILE)
        self.source_box.setItemData(
            3,
            "GloVe / word2vec text, TensorBoard vectors.tsv + metadata.tsv, .npy or .npz",
            Qt.ItemDataRole.ToolTipRole,
        )
        if not glove.glove_available():
            model = self.source_box.model()
            item = model.item(2) if isinstance(model, QStandardItemModel) else None
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(glove.INSTALL_HINT)
        self.k_box = named(QSpinBox(minimum=1, maximum=100, value=10), "vocabNeighbourCount")
        self.k_box.setPrefix("k = ")
        self.expression = named(QLineEdit(), "vocabExpression")
        self.expression.setPlaceholderText("Analogy or expression, e.g. king - man + woman, and press Enter")
        self.expression.setToolTip(
            "The nearest words to an expression over these rows, as gensim's most_similar finds them:\n"
            "each word's vector unit length, weighted and summed; the expression's own words left out."
        )
        self.expression.setClearButtonEnabled(True)
        self.row_label = named(QLabel(wordWrap=True), "vocabRow")
        self.row_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.neighbours = named(QTableWidget(0, 2), "vocabNeighbours")
        self.neighbours.setHorizontalHeaderLabels(["nearest", "cosine"])
        self.neighbours.verticalHeader().hide()
        self.neighbours.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.neighbours.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.neighbours.verticalHeader().setDefaultSectionSize(20)
        top = QHBoxLayout()
        top.addWidget(QLabel("Embedding rows from"))
        top.addWidget(self.source_box, 1)
        top.addWidget(self.k_box)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.expression)
        layout.addWidget(self.row_label)
        layout.addWidget(self.neighbours, 1)
        layout.addLayout(self._buttons)
        self._token: tuple[int, str] | None = None
        self.source_box.currentIndexChanged.connect(self._on_source_change)
        self.k_box.valueChanged.connect(self._refresh)
        self.expression.returnPressed.connect(self._on_expression)
        self._query: str | None = None  # the expression whose neighbours are shown, or None for a token

    def add_button(self, button) -> None:
        self._buttons.addWidget(button)

    # ---------------------------------------------------------------- sources
    @property
    def source(self) -> str:
        return self._source

    @property
    def matrix(self) -> EmbeddingMatrix | None:
        """The matrix rows come from now (None until it has opened)."""
        if self._source == RANDOM:
            return self._random
        return self._glove.get(self._source)

    @property
    def matrix_name(self) -> str:
        matrix = self.matrix
        return matrix.name if matrix is not None else "the embeddings"

    def set_source(self, source: str) -> None:
        """Choose random, sample or glove (the key, not the text)."""
        self.source_box.setCurrentIndex(self.source_box.findData(source))

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """The text's vocabulary changed: the random matrix gets one row per token."""
        self._vocabulary = vocabulary
        self._random = EmbeddingMatrix.random(vocabulary.tokens, RANDOM_DIMENSIONS, RANDOM_SEED)
        self._random.name = f"the random {len(vocabulary)} × {RANDOM_DIMENSIONS} matrix"

    def _on_source_change(self) -> None:
        source = self.source_box.currentData()
        if source == FULL and not glove.glove_available():
            self.message.emit(glove.INSTALL_HINT + ".")
            self._revert()
            return
        if source == FILE:
            self._revert()
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getOpenFileName(self, "Open word vectors", "", FILE_FILTER)
            if path:
                self.open_file(path)
            return
        if source in (SAMPLE, FULL) and source not in self._glove:
            self._open(source)
            return
        self._source = source
        self.source_changed.emit()

    def _revert(self) -> None:
        self.source_box.blockSignals(True)
        self.source_box.setCurrentIndex(self.source_box.findData(self._source))
        self.source_box.blockSignals(False)

    def _open(self, source: str) -> None:
        if source == SAMPLE:
            self._glove[SAMPLE] = glove.load_glove_sample()
            self._source = SAMPLE
            self.source_changed.emit()
            return
        task = self._loading.start(glove.load_glove, "opening GloVe")
        task.progressed.connect(lambda done, total: self._on_load_progress(task, done, total))
        task.finished.connect(lambda matrix: self._on_loaded(task, matrix))
        task.failed.connect(lambda message: self._on_load_failed(task, message))
        task.cancelled.connect(lambda: self._on_load_cancelled(task, "Opening GloVe"))
        self.source_box.setEnabled(False)
        self.progress.emit("Opening GloVe 6B: 400,000 words…", 0, 1)

    def open_file(self, path) -> None:
        """Read word vectors from ``path`` on a worker thread; a bad file gives a message naming the line."""
        from pathlib import Path

        from explorer.model.formats.wordvectors import read_word_vectors

        task = self._loading.start(lambda progress: read_word_vectors(path), f"reading {Path(path).name}")
        task.finished.connect(lambda matrix: self._on_file_read(task, matrix))
        task.failed.connect(lambda message: self._on_load_failed(task, message))
        task.cancelled.connect(lambda: self._on_load_cancelled(task, f"Reading {Path(path).name}"))
        self.source_box.setEnabled(False)
        self.progress.emit(f"Reading {Path(path).name}…", 0, 0)

    def _on_file_read(self, task: Task, matrix) -> None:
        if not self._loading.finish(task):
            return
        self._finish_load()
        self._glove[FILE] = matrix
        self._source = FILE
        self.source_box.blockSignals(True)
        self.source_box.setItemText(3, f"{matrix.name} ({len(matrix):,} words, {matrix.dimension_count} dimensions)")
        self.source_box.setCurrentIndex(3)
        self.source_box.blockSignals(False)
        self.message.emit(f"Read {len(matrix):,} word vectors of {matrix.dimension_count} numbers from {matrix.name}.")
        self.source_changed.emit()

    def _on_load_progress(self, task: Task, done: int, total: int) -> None:
        if self._loading.is_current(task):
            self.progress.emit("Opening GloVe 6B: 400,000 words…", done, total)

    def _finish_load(self) -> None:
        self.source_box.setEnabled(True)
        self.progress.emit(None, 0, 0)

    def _on_loaded(self, task: Task, matrix) -> None:
        if not self._loading.finish(task):
            return
        self._finish_load()
        self._glove[FULL] = matrix
        self._source = FULL
        self.message.emit(f"GloVe 6B is open: {len(matrix):,} words of {matrix.dimension_count} numbers.")
        self.source_changed.emit()

    def _on_load_failed(self, task: Task, message: str) -> None:
        if self._loading.finish(task):
            self._finish_load()
            self._revert()
            self.message.emit(f"Word vectors not opened: {message.rstrip('.')}.")

    def _on_load_cancelled(self, task: Task, what: str) -> None:
        if self._loading.finish(task):
            self._finish_load()
            self._revert()
            self.message.emit(f"{what} cancelled; the rows still come from {self.matrix_name}.")

    def cancel(self) -> None:
        """Stop opening GloVe or reading a file (the worker stops at its next chunk); the rows
        keep coming from where they came from, and the panel says so once the work has stopped."""
        if self._loading.current is not None:
            self._loading.current.cancel()

    def shutdown(self, milliseconds: int) -> bool:
        """Cancel the opening under way and wait up to ``milliseconds`` for its thread to stop
        (the window is closing: its outcome is not shown); True when it has."""
        return self._loading.shutdown(milliseconds)

    @property
    def loading(self) -> bool:
        """True while GloVe or a word-vector file is being opened."""
        return self._loading.current is not None

    # ------------------------------------------------------------------ rows
    def _row_of(self, index: int, token: str) -> int | None:
        matrix = self.matrix
        if matrix is None:
            return None
        if self._source == RANDOM:
            return index if 0 <= index < len(matrix) else None
        return matrix.find(token)

    def rows_for(self, indices, tokens) -> tuple[list[str], np.ndarray, list[str]]:
        """(labels found, their rows as an array, tokens without a row) for sending to the table."""
        matrix = self.matrix
        found, rows, missing = [], [], []
        for index, token in zip(indices, tokens):
            row = self._row_of(index, token)
            if row is None or matrix is None:
                missing.append(display_token(token))
            else:
                found.append(token if self._source == RANDOM else matrix.tokens[row])
                rows.append(row)
        width = matrix.dimension_count if matrix is not None else 0
        vectors = (
            np.array(matrix.vectors[rows], dtype=np.float64) if rows and matrix is not None else np.zeros((0, width))
        )
        return found, vectors, missing

    def show_token(self, index: int | None, token: str | None) -> None:
        """Show the row and the nearest neighbours of the token at vocabulary ``index``."""
        self._token = None if index is None or token is None else (index, token)
        self._query = None
        self._refresh()

    def show_expression(self, text: str) -> None:
        """Show the nearest words to an expression such as ``king - man + woman`` (gensim's most_similar)."""
        self.expression.setText(text)
        self._on_expression()

    def _on_expression(self) -> None:
        self._query = self.expression.text().strip() or None
        self._refresh()

    def _refresh(self) -> None:
        self.neighbours.setRowCount(0)
        matrix = self.matrix
        if self._query is not None and matrix is not None:
            self._show_query(matrix, self._query)
            return
        if self._token is None or matrix is None:
            self.row_label.setText("Select a token to see its embedding row and its nearest neighbours.")
            return
        index, token = self._token
        shown = display_token(token)
        row = self._row_of(index, token)
        if row is None:
            self.row_label.setText(f"'{shown}' (index {index}) has no row in {matrix.name}.")
            return
        vector = matrix.vector(row)
        numbers = ", ".join(f"{v:.3f}" for v in vector[:SHOWN_NUMBERS])
        more = ", …" if len(vector) > SHOWN_NUMBERS else ""
        where = (
            f"index {index} → row {row} of {matrix.name}"
            if self._source == RANDOM
            else f"index {index} here → row {row:,} of {matrix.name} ({len(matrix):,} × {matrix.dimension_count})"
        )
        self.row_label.setText(
            f"<b>{escape_html(shown)}</b>: {where}<br>[{numbers}{more}] &nbsp; |v| = {float(matrix.norms[row]):.3f}"
        )
        self.row_label.setProperty("row", row)
        try:
            found = matrix.nearest(matrix.tokens[row], self.k_box.value())
        except ValueError as error:
            self.message.emit(str(error))
            return
        self._fill(found)

    def _show_query(self, matrix: EmbeddingMatrix, text: str) -> None:
        from explorer.model.expressions import ExpressionError
        from explorer.model.most_similar import nearest

        def missing(name: str) -> str:
            return f"'{name}' is not among the {len(matrix):,} words of {matrix.name}"

        try:
            result = nearest(
                text,
                matrix.tokens,
                matrix.vectors,
                self.k_box.value(),
                "cosine",
                matrix.index,
                matrix.find,
                missing,
                matrix.norms,
            )
        except ExpressionError as error:
            self.row_label.setText(error_html(str(error)))
            self.message.emit(str(error))
            return
        left_out = ", ".join(result.weights)
        query, name = escape_html(result.query), escape_html(matrix.name)
        self.row_label.setText(
            f"<b>{query}</b>: the nearest of {len(matrix):,} words of {name} by cosine, "
            f"each word's vector unit length first (as gensim's most_similar); {escape_html(left_out)} left out"
        )
        self._fill(result.found)

    def _fill(self, found) -> None:
        fill_scores(self.neighbours, ((display_token(word), f"{score:.3f}") for word, score in found))

    def neighbour_rows(self) -> list[tuple[str, str]]:
        """What the neighbours table shows, as (word, score text) pairs."""
        return shown_scores(self.neighbours)
