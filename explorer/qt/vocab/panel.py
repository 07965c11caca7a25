"""The vocabulary panel: text -> tokens -> indices -> embedding rows -> vectors in the table.

Everything it computes comes from :mod:`explorer.model` (tokenizers,
vocabulary, embeddings, GloVe); the panel only shows it. Long text is
tokenized and GloVe is opened on a thread pool, so the window stays
responsive; opening GloVe shows progress and can be cancelled. Sending tokens
to the vector table is one command pushed through the document context, so
it is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.model.formats.errors import FormatError
from explorer.model.tokenizers import LEVELS, SubwordTokenizer, TokenizerError
from explorer.qt.vocab.embedding_view import EmbeddingSection
from explorer.qt.vocab.send_bar import ReplaceBar
from explorer.qt.vocab.sequence import indices_text, parse_indices, sequence_html
from explorer.qt.vocab.token_model import TokenTableModel
from explorer.qt.vocab.workers import Job

#: Text longer than this is tokenized on the thread pool, not on the interface thread.
SYNC_LIMIT = 20_000
DEFAULT_TEXT = "hello"
FILE_LEVEL = "file"


def encode_text(level: str, text: str, lowercase: bool, vocab_size: int, symbols: str, loaded=None):
    """(tokenizer, encoding) for the panel's settings; runs on any thread (no Qt)."""
    from explorer.model.tokenizers import CharacterTokenizer, make_tokenizer

    if level == FILE_LEVEL:
        tokenizer = loaded
    elif level == "char":
        tokenizer = CharacterTokenizer([symbols], lowercase=lowercase)
    else:
        tokenizer = make_tokenizer(level, text, lowercase=lowercase, vocab_size=vocab_size)
    return tokenizer, tokenizer.encode(text)


class VocabPanel(QWidget):
    """``vocabView``: type text, pick a level, read tokens and indices, see embedding rows."""

    #: A new encoding is shown (after a text or setting change).
    encoded = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vocabView")
        self.context = context
        self.tokenizer = None
        self.encoding = None
        self._loaded_tokenizer = None
        self._generation = 0
        self._job: Job | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.retokenize)
        self.text_edit.textChanged.connect(self._debounce.start)
        self.level_box.currentIndexChanged.connect(self._on_level_change)
        self.lowercase_box.toggled.connect(self.retokenize)
        self.size_box.valueChanged.connect(self.retokenize)
        self.symbols_edit.textChanged.connect(self.retokenize)
        self.load_button.clicked.connect(self._choose_tokenizer_file)
        self.cancel_button.clicked.connect(self.cancel)
        self.decode_button.clicked.connect(self.decode)
        self.indices_edit.returnPressed.connect(self.decode)
        self.send_button.clicked.connect(self.send_to_table)
        self.sequence_view.anchorClicked.connect(self._on_sequence_click)
        self.token_view.selectionModel().selectionChanged.connect(self._on_selection_change)
        self.embeddings.message.connect(self._say)
        self.embeddings.source_changed.connect(self._show_selected)
        self.text_edit.setPlainText(DEFAULT_TEXT)
        self._on_level_change()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.text_edit = QPlainTextEdit(objectName="vocabText")
        self.text_edit.setPlaceholderText("Type or paste text to split into tokens")
        self.text_edit.setMaximumHeight(90)
        self.level_box = QComboBox(objectName="vocabLevel")
        for level, name in LEVELS.items():
            self.level_box.addItem(name, level)
        self.lowercase_box = QCheckBox("lower-case", objectName="vocabLowercase")
        self.size_box = QSpinBox(objectName="vocabSize", minimum=2, maximum=100_000, value=200)
        self.size_box.setPrefix("vocabulary ")
        self.size_box.setToolTip("Most entries the trained subword vocabulary may have")
        self.symbols_edit = QLineEdit(objectName="vocabSymbols")
        self.symbols_edit.setPlaceholderText("symbols to add after a..z, e.g. space . !")
        self.load_button = QPushButton("Load tokenizer…", objectName="vocabLoadTokenizer")
        self.load_button.setToolTip("Use a Hugging Face tokenizer.json or a WordPiece vocab.txt")
        controls = QHBoxLayout()
        for widget in (
            QLabel("Level"),
            self.level_box,
            self.lowercase_box,
            self.size_box,
            self.symbols_edit,
            self.load_button,
        ):
            controls.addWidget(widget)

        self.token_model = TokenTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.token_model)
        self.token_view = QTableView(objectName="vocabTokens")
        self.token_view.setModel(self.proxy)
        self.token_view.setSortingEnabled(True)
        self.token_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.token_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.token_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.token_view.verticalHeader().hide()
        header = self.token_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.token_view.setMinimumWidth(170)
        self.token_view.verticalHeader().setDefaultSectionSize(22)

        self.sequence_view = QTextBrowser(objectName="vocabSequence")
        self.sequence_view.setOpenLinks(False)
        self.sequence_view.setToolTip("Each token with its index below it; click one to select it")
        self.indices_edit = QLineEdit(objectName="vocabIndices")
        self.indices_edit.setToolTip("The encoded indices; edit them and decode")
        self.decode_button = QPushButton("Decode", objectName="vocabDecode")
        self.decoded_label = QLabel(objectName="vocabDecoded", wordWrap=True)
        self.decoded_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        decode_row = QHBoxLayout()
        decode_row.addWidget(QLabel("Indices"))
        decode_row.addWidget(self.indices_edit, 1)
        decode_row.addWidget(self.decode_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Encoded sequence"))
        right_layout.addWidget(self.sequence_view, 1)
        right_layout.addLayout(decode_row)
        right_layout.addWidget(self.decoded_label)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.token_view)
        upper.addWidget(right)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)

        self.embeddings = EmbeddingSection(self._pool, self)
        self.send_button = QPushButton("Send to vector table", objectName="vocabSend")
        self.send_button.setToolTip("The selected tokens' embedding rows become vectors in the document")
        self.embeddings.add_button(self.send_button)
        self.replace_bar = ReplaceBar(self.context, self._say)
        self.replace_label = self.replace_bar.label
        self.replace_button = self.replace_bar.replace_button
        self.keep_button = self.replace_bar.keep_button
        self.progress_bar = QProgressBar(objectName="vocabProgress")
        self.cancel_button = QPushButton("Cancel", objectName="vocabCancel")
        self.status_label = QLabel(objectName="vocabStatus", wordWrap=True)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.cancel_button)

        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(upper)
        lower.addWidget(self.embeddings)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit)
        layout.addLayout(controls)
        layout.addWidget(lower, 1)
        layout.addWidget(self.replace_bar)
        layout.addLayout(progress_row)
        layout.addWidget(self.status_label)
        self.embeddings.progress.connect(self._on_progress)
        self._set_busy(None)

    # ------------------------------------------------------------ tokenizing
    @property
    def level(self) -> str:
        return self.level_box.currentData()

    def set_level(self, level: str) -> None:
        """Choose the level by its key: char, word, subword (or file, once one is loaded)."""
        self.level_box.setCurrentIndex(self.level_box.findData(level))

    def _on_level_change(self) -> None:
        level = self.level
        self.size_box.setEnabled(level == "subword")
        self.symbols_edit.setEnabled(level == "char")
        self.lowercase_box.setEnabled(level != FILE_LEVEL)
        self.retokenize()

    def retokenize(self) -> None:
        """Split the text again with the current settings (on the pool when it is long)."""
        self._debounce.stop()
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None
        text = self.text_edit.toPlainText()
        settings = (
            self.level,
            text,
            self.lowercase_box.isChecked(),
            self.size_box.value(),
            self.symbols_edit.text(),
            self._loaded_tokenizer,
        )
        if len(text) <= SYNC_LIMIT:
            try:
                result = encode_text(*settings)
            except (TokenizerError, ValueError) as error:
                self._on_failed(self._generation, str(error))
                return
            self._show(result)
            return
        job = Job(self._generation, lambda: encode_text(*settings))
        job.signals.finished.connect(self._on_encoded)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._set_busy(f"Tokenizing {len(text):,} characters…")
        self._pool.start(job)

    def _on_encoded(self, generation: int, result) -> None:
        if generation == self._generation:
            self._job = None
            self._set_busy(None)
            self._show(result)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._job = None
            self._set_busy(None)
            self._say(message)

    def _show(self, result) -> None:
        previous = self.selected_tokens()
        self.tokenizer, self.encoding = result
        vocabulary = self.tokenizer.vocabulary
        self.token_model.set_vocabulary(vocabulary, self.encoding.counts())
        self.embeddings.set_vocabulary(vocabulary)
        self.indices_edit.setText(indices_text(self.encoding))
        self.decoded_label.clear()
        unknown = self.encoding.counts().get(vocabulary.unknown_index, 0) if vocabulary.unknown_index is not None else 0
        said = (
            f"{len(self.encoding):,} tokens, {len(self.encoding.counts()):,} distinct, "
            f"vocabulary of {len(vocabulary):,}"
        )
        if unknown:
            said += f"; {unknown:,} not in the vocabulary (read {vocabulary.unknown_token})"
        self._say(said + ".")
        self.select_tokens(previous)
        self._render_sequence()
        self._show_selected()
        self.encoded.emit()

    def _render_sequence(self) -> None:
        if self.encoding is None:
            return
        vocabulary = self.tokenizer.vocabulary
        self.sequence_view.setHtml(sequence_html(self.encoding, self.selected_indices(), vocabulary.unknown_index))

    # ------------------------------------------------------------- selection
    def selected_indices(self) -> list[int]:
        """Vocabulary indices of the selected token rows, in table order."""
        rows = self.token_view.selectionModel().selectedRows()
        return sorted(self.proxy.mapToSource(r).row() for r in rows)

    def selected_tokens(self) -> list[str]:
        vocabulary = self.token_model.vocabulary
        return [vocabulary.token(i) for i in self.selected_indices()]

    def select_tokens(self, tokens) -> None:
        """Select the rows of ``tokens`` (those the vocabulary holds)."""
        vocabulary = self.token_model.vocabulary
        self.select_indices([vocabulary.get(t) for t in tokens if vocabulary.get(t) is not None])

    def select_indices(self, indices) -> None:
        selection = self.token_view.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for index in indices:
            proxy_index = self.proxy.mapFromSource(self.token_model.index(index, 0))
            selection.select(proxy_index, flags)
        if indices:
            last = self.proxy.mapFromSource(self.token_model.index(indices[-1], 0))
            self.token_view.scrollTo(last)

    def _on_sequence_click(self, url) -> None:
        text = url.toString()
        if text.startswith("t:"):
            self.select_indices([int(text[2:])])

    def _on_selection_change(self, *_) -> None:
        self._render_sequence()
        self._show_selected()

    def _show_selected(self) -> None:
        self.replace_bar.keep(quietly=True)  # a pending question was about other rows
        indices = self.selected_indices()
        vocabulary = self.token_model.vocabulary
        if indices:
            self.embeddings.show_token(indices[-1], vocabulary.token(indices[-1]))
        else:
            self.embeddings.show_token(None, None)
        self.send_button.setEnabled(bool(indices))

    # --------------------------------------------------------------- decoding
    def decode(self) -> None:
        """Decode the indices typed in ``vocabIndices`` back into text."""
        if self.tokenizer is None:
            return
        try:
            text = self.tokenizer.decode(parse_indices(self.indices_edit.text()))
        except (ValueError, LookupError) as error:
            self.decoded_label.setText(f"<span style='color:#B00020'>Cannot decode: {error}.</span>")
            return
        self.decoded_label.setText(f"Decoded: {_escape(text)}" if text else "Decoded: (no text)")
        self.decoded_label.setProperty("decoded", text)

    # ------------------------------------------------------------ tokenizers
    def _choose_tokenizer_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Load tokenizer", "", "Tokenizers (tokenizer.json *.json vocab.txt *.txt);;All files (*)"
        )
        if path:
            self.load_tokenizer_file(path)

    def load_tokenizer_file(self, path) -> bool:
        """Use the tokenizer in ``path`` (tokenizer.json or vocab.txt); False with a message when refused."""
        try:
            tokenizer = SubwordTokenizer.from_file(path)
        except (FormatError, TokenizerError) as error:
            self._say(f"Tokenizer not loaded: {error}.")
            return False
        self._loaded_tokenizer = tokenizer
        name = f"subwords from {tokenizer.source}"
        found = self.level_box.findData(FILE_LEVEL)
        if found < 0:
            self.level_box.addItem(name, FILE_LEVEL)
        else:
            self.level_box.setItemText(found, name)
        if self.level == FILE_LEVEL:
            self.retokenize()
        else:
            self.set_level(FILE_LEVEL)
        return True

    # ------------------------------------------------------------ to the table
    def send_to_table(self) -> bool:
        """Put the selected tokens' embedding rows into the document as one undo step.

        When the table's vectors have another dimension count, nothing changes
        yet: a bar asks whether to replace the table's content (``vocabReplace``).
        """
        self.replace_bar.keep(quietly=True)
        tokens = self.selected_tokens()
        if not tokens:
            self._say("Select one or more tokens to send.")
            return False
        found, vectors, missing = self.embeddings.rows_for(self.selected_indices(), tokens)
        if not found:
            self._say(f"None of the selected tokens has a row in {self.embeddings.matrix_name}.")
            return False
        return self.replace_bar.offer(found, vectors, missing, self.embeddings.matrix_name)

    # -------------------------------------------------------------- progress
    def _set_busy(self, text: str | None, maximum: int = 0) -> None:
        busy = text is not None
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress_bar.setRange(0, maximum)
            self.progress_bar.setValue(0)
            self.progress_bar.setFormat(text + (" %p%" if maximum else ""))
            self._say(text)

    def _on_progress(self, text: str | None, done: int, total: int) -> None:
        if text is None:
            self._set_busy(None)
            return
        if self.progress_bar.isHidden() or self.progress_bar.maximum() != total or total == 0:
            self._set_busy(text, total)
        self.progress_bar.setValue(done)

    def cancel(self) -> None:
        """Stop the running work: opening GloVe, or tokenizing long text."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
            self._generation += 1
            self._set_busy(None)
            self._say("Tokenizing cancelled.")
        self.embeddings.cancel()

    def shutdown(self, milliseconds: int = 10_000) -> bool:
        """Cancel running work and wait for the pool (before the application quits)."""
        self.cancel()
        return self._pool.waitForDone(milliseconds)

    def _say(self, text: str) -> None:
        self.status_label.setText(text)


def _escape(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "⏎")
