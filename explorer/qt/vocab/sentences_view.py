"""The vocabulary panel's Sentences level: one sentence a line becomes one vector of a sentence model.

For each line the table shows the tokens the model reads and the nearest other
sentence; for the selected sentence, its WordPiece pieces over their ids (the
lesson's token indices, in a real model's vocabulary of 30,522), the first
numbers of its vector and every other sentence ranked by cosine. Loading the
model and encoding run on the background worker (:func:`explorer.qt.worker.run_task`)
with progress and Cancel; "Send to vector table" makes the sentences vectors
of the document, in one undo step, through the panel's :class:`ReplaceBar`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.qt.names import named
from explorer.qt.text import escape_html
from explorer.qt.vocab.score_table import fill_scores, shown_scores

if TYPE_CHECKING:  # imported when sentences are encoded (start-up time)
    from explorer.model.sentences import SentenceModel
    from explorer.qt.worker import Task

#: Numbers of a sentence vector shown before "…".
SHOWN_NUMBERS = 6
#: Other sentences listed for the selected one, nearest first.
SHOWN_NEIGHBOURS = 100
#: Pieces drawn for the selected sentence (a model reads at most 256 or 512).
_SHADES = ("#dbe9f6", "#fbe3d3")
_SPECIAL = "#e0e0e0"


class _ModelCache:
    """Loads a sentence model once per folder, on whichever thread asks first."""

    def __init__(self):
        self._lock = threading.Lock()
        self._models: dict[object, object] = {}

    def get(self, folder):
        from explorer.model.sentences import SentenceModel

        with self._lock:
            if folder not in self._models:
                self._models[folder] = SentenceModel.load(folder)
            return self._models[folder]


class SentencesView(QWidget):
    """``vocabSentences``: sentences, their pieces and nearest neighbours, and sending them to the table."""

    message = Signal(str)
    #: (text or None when done, done, total) while the model loads and encodes.
    progress = Signal(object, int, int)
    #: New sentence vectors are shown.
    encoded = Signal()

    def __init__(self, replace_bar, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vocabSentences")
        self._replace_bar = replace_bar
        self._models = _ModelCache()
        self.folder = None  # None: the installed model package
        self.model: SentenceModel | None = None
        self.sentences: list[str] = []
        self.tokens: list = []
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self._nearest = (np.zeros(0, dtype=np.int64), np.zeros(0))
        self._task: Task | None = None
        self._wanted: list[str] | None = None
        #: sentence -> (its pieces, its vector) for the model in use, so that a new line encodes one sentence.
        self._known: dict[str, tuple] = {}
        self.model_label = named(QLabel(wordWrap=True), "vocabSentenceModel")
        self.folder_button = named(QPushButton("Model folder…"), "vocabSentenceModelFolder")
        self.folder_button.setToolTip(
            "Use another sentence-transformers model folder (BERT family), e.g. a Hugging Face snapshot"
        )
        self.table = named(QTableWidget(0, 4), "vocabSentenceTable")
        self.table.setHorizontalHeaderLabels(["sentence", "tokens", "nearest other", "cosine"])
        self.pieces_view = named(QTextBrowser(), "vocabSentencePieces")
        self.pieces_view.setToolTip("The pieces the model reads, each over its id in the model's vocabulary")
        self.vector_label = named(QLabel(wordWrap=True), "vocabSentenceVector")
        self.vector_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.neighbours = named(QTableWidget(0, 2), "vocabSentenceNeighbours")
        self.neighbours.setHorizontalHeaderLabels(["the others, nearest first", "cosine"])
        for view in (self.table, self.neighbours):
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(20)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            for column in range(view.columnCount()):
                header = view.horizontalHeaderItem(column)
                stretch = header is not None and header.text() in (
                    "sentence",
                    "nearest other",
                    "the others, nearest first",
                )
                mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
                view.horizontalHeader().setSectionResizeMode(column, mode)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.send_button = named(QPushButton("Send to vector table"), "vocabSentencesSend")
        self.send_button.setToolTip("Every sentence becomes a vector of the document (one undo step)")
        self.send_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.model_label, 1)
        top.addWidget(self.folder_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(QLabel("Pieces the model reads (id below each)"))
        detail_layout.addWidget(self.pieces_view, 2)
        detail_layout.addWidget(self.vector_label)
        detail_layout.addWidget(self.neighbours, 3)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.folder_button.clicked.connect(self._choose_folder)
        self.send_button.clicked.connect(self.send_to_table)
        self._describe_model()

    # ------------------------------------------------------------- the model
    def _describe_model(self) -> None:
        from explorer.model import sentences

        if self.model is not None:
            m = self.model
            text = f"<b>{escape_html(m.name)}</b>: {m.dimension_count} numbers a sentence, {escape_html(m.describe())}"
        elif self.folder is None and not sentences.model_available():
            hint = sentences.INSTALL_HINT
            text = f"<span style='color:#B00020'>{escape_html(hint[:1].upper() + hint[1:])}.</span>"
        else:
            text = f"Model: {escape_html(str(self.folder or sentences.PACKAGE_MODEL_NAME))} (loaded on first use)"
        self.model_label.setText(text)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Sentence-transformers model folder")
        if folder:
            self.use_folder(folder)

    def use_folder(self, folder) -> None:
        """Encode with the model in ``folder`` from now on (None: the installed package's)."""
        self.folder = folder
        self.model = None
        self._known = {}
        self._describe_model()
        wanted, self.sentences = self.sentences, []
        self.set_sentences(wanted)

    # -------------------------------------------------------------- encoding
    def set_text(self, text: str) -> None:
        """Encode the lines of ``text`` (blank lines and repeats are left out)."""
        from explorer.model.send_sentences import split_sentences

        sentences, _blank, repeated = split_sentences(text)
        self.set_sentences(sentences)
        if repeated:
            self.message.emit(f"{repeated} repeated line{'s' * (repeated != 1)} left out: a sentence is one vector.")

    def set_sentences(self, sentences: list[str]) -> None:
        """Encode ``sentences`` on the worker (the previous encoding, if running, is cancelled)."""
        if sentences == self.sentences and self._task is None:
            return
        if sentences == self._wanted and self._task is not None:
            return
        self.cancel(quietly=True)
        if not sentences:
            self._show_result(self.model, [], [], np.zeros((0, 0), dtype=np.float32))
            self.message.emit("Type sentences, one a line, to see them as vectors.")
            return
        from explorer.qt.worker import run_task

        folder, models, known = self.folder, self._models, dict(self._known)

        def work(progress):  # on the worker thread: encode only the sentences not encoded before
            model = models.get(folder)
            missing = [s for s in sentences if s not in known]
            made = zip(missing, zip(model.tokenize(missing), model.encode(missing, progress=progress)))
            known.update(made)
            vectors = np.array([known[s][1] for s in sentences], dtype=np.float32)
            return model, sentences, [known[s][0] for s in sentences], vectors

        self._wanted = sentences
        task = run_task(work, "encode sentences")
        self._task = task
        what = f"Encoding {len(sentences):,} sentence{'s' * (len(sentences) != 1)}…"
        self.progress.emit(what, 0, 0)
        task.progressed.connect(lambda done, total: self.progress.emit(what, done, total) if total > 1 else None)
        task.finished.connect(lambda result: self._on_encoded(task, result))
        task.failed.connect(lambda message: self._on_ended(task, f"Sentences not encoded: {message}."))
        task.cancelled.connect(lambda: self._on_ended(task, None))

    @property
    def busy(self) -> bool:
        """True while the model loads or encodes."""
        return self._task is not None

    def cancel(self, quietly: bool = False) -> None:
        """Stop the encoding under way; the sentences shown stay as they were."""
        task, self._task, self._wanted = self._task, None, None
        if task is not None:
            task.cancel()
            self.progress.emit(None, 0, 0)
            if not quietly:
                self.message.emit("Encoding cancelled; the sentences shown are the ones encoded before.")

    def _on_encoded(self, task, result) -> None:
        if task is not self._task:
            return
        self._task = self._wanted = None
        self.progress.emit(None, 0, 0)
        self._show_result(*result)
        n, model = len(self.sentences), self.model
        if model is None:  # not reached: _show_result has just set it
            return
        cut = sum(t.truncated for t in self.tokens)
        plural = "s" * (n != 1)
        said = f"{n:,} sentence{plural} → {n:,} vector{plural} of {model.dimension_count} numbers ({model.name})"
        if cut:
            said += f"; {cut} cut at {model.max_length} tokens"
        self.message.emit(said + ".")

    def _on_ended(self, task, message: str | None) -> None:
        if task is not self._task:
            return
        self._task = self._wanted = None
        self.progress.emit(None, 0, 0)
        if message:
            self.message.emit(message)

    def _show_result(self, model, sentences, tokens, vectors) -> None:
        from explorer.model.sentences import nearest_others

        previous = self.selected_row()
        self.model, self.sentences, self.tokens, self.vectors = model, list(sentences), list(tokens), vectors
        if len(self._known) > 20_000:
            self._known = {}
        self._known.update(zip(self.sentences, zip(self.tokens, self.vectors)))
        self._describe_model()
        self._nearest = nearest_others(vectors) if len(sentences) else self._nearest
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.sentences))
        best, scores = self._nearest
        for row, (sentence, pieces) in enumerate(zip(self.sentences, self.tokens)):
            other = self.sentences[best[row]] if best[row] >= 0 else "—"
            cells = (sentence, f"{len(pieces.ids)}{' (cut)' * pieces.truncated}", other, _cosine(scores[row]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (1, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.send_button.setEnabled(bool(self.sentences))
        if self.sentences:
            self.table.selectRow(min(previous if previous is not None else 0, len(self.sentences) - 1))
        self._show_selected()
        self.encoded.emit()

    # ------------------------------------------------------------- selection
    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select(self, row: int) -> None:
        """Select the sentence at ``row``: its pieces, vector and neighbours are shown."""
        self.table.selectRow(row)

    def _show_selected(self) -> None:
        row = self.selected_row()
        self.neighbours.setRowCount(0)
        if row is None or row >= len(self.sentences):
            self.pieces_view.setHtml(
                "<p style='color:#808080'>Select a sentence to see the pieces the model reads.</p>"
            )
            self.vector_label.setText("")
            return
        self.pieces_view.setHtml(pieces_html(self.tokens[row]))
        vector = self.vectors[row]
        numbers = ", ".join(f"{v:.3f}" for v in vector[:SHOWN_NUMBERS])
        self.vector_label.setText(f"[{numbers}, … {len(vector)} numbers]    |v| = {float(np.linalg.norm(vector)):.3f}")
        if len(self.sentences) < 2:
            return
        unit = self.vectors / np.maximum(np.linalg.norm(self.vectors, axis=1, keepdims=True), 1e-30)
        scores = unit @ unit[row]
        order = [int(i) for i in np.argsort(-scores, kind="stable") if i != row][:SHOWN_NEIGHBOURS]
        fill_scores(self.neighbours, ((self.sentences[i], _cosine(scores[i])) for i in order))

    def neighbour_rows(self) -> list[tuple[str, str]]:
        """What the neighbours table shows, as (sentence, cosine text) pairs."""
        return shown_scores(self.neighbours)

    # ---------------------------------------------------------- to the table
    def send_to_table(self) -> bool:
        """Make every sentence shown a vector of the document (one undo step; asks before replacing)."""
        from explorer.model.send_sentences import sentence_kind

        if self.model is None or not self.sentences or self._task is not None:
            self.message.emit("Wait for the sentences to be encoded, then send them.")
            return False
        kind = sentence_kind(self.model)
        return self._replace_bar.offer(self.sentences, self.vectors.astype(np.float64), [], self.model.name, kind)


def _cosine(score: float) -> str:
    return "—" if score != score else f"{score:.3f}"


def pieces_html(tokens) -> str:
    """Each piece the model reads over its id; [CLS], [SEP] and [UNK] in grey."""
    parts = ['<div style="font-family: monospace; line-height: 160%;">']
    for k, (piece, index) in enumerate(zip(tokens.pieces, tokens.ids)):
        shade = _SPECIAL if piece.startswith("[") and piece.endswith("]") else _SHADES[k % 2]
        parts.append(
            f'<span style="background-color: {shade};">&nbsp;{escape_html(piece)}&nbsp;</span>'
            f'<sub style="color: #0072B2;">{index}</sub> '
        )
    if tokens.truncated:
        parts.append(
            f'<span style="color: #B00020;"> cut here: the model reads at most {len(tokens.ids)} tokens</span>'
        )
    parts.append("</div>")
    return "".join(parts)
