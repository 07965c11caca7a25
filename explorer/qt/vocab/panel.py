"""The vocabulary panel: text -> tokens -> indices -> embedding rows -> vectors in the table.

Everything it computes comes from :mod:`explorer.model` (tokenizers,
vocabulary, embeddings, GloVe, sentence models); the panel only shows it. At
the Sentences level each line of the text becomes one vector of a sentence
model (:class:`SentencesView`, encoded on the background worker). Long text is
tokenized and GloVe is opened through the program's one worker
(:func:`explorer.qt.worker.run_task`), one task of each kind at a time, so the
window stays responsive; a newer request cancels the older task and its result
is never shown; opening GloVe shows progress and can be cancelled. Sending tokens
to the vector table is one command pushed through the document context, so
it is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QDeadlineTimer, QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.model.formats.errors import FormatError
from explorer.model.tokenizers import (
    FILE_LEVEL,
    LEVELS,
    SubwordTokenizer,
    TextTokenizer,
    TokenizerError,
    encode_text,
)
from explorer.model.vocabulary import Encoding
from explorer.qt.names import named
from explorer.qt.vocab.capitals_hint import CapitalsHint
from explorer.qt.vocab.embedding_view import EmbeddingSection
from explorer.qt.vocab.progress_row import ProgressRow
from explorer.qt.vocab.send_bar import ReplaceBar
from explorer.qt.vocab.sentences_view import SentencesView
from explorer.qt.vocab.sequence import SequencePane, indices_text, sequence_html
from explorer.qt.vocab.token_model import TokenTableModel, token_table_view
from explorer.qt.worker import LatestTask, Task

#: Text longer than this is tokenized on a worker thread, not on the interface thread.
SYNC_LIMIT = 20_000
DEFAULT_TEXT = "hello"
#: The vocabulary size box's lowest value, shown as "auto" (the size auto_vocab_size picks).
AUTO_SIZE = 1
SENTENCES_LEVEL = "sentences"
PLACEHOLDERS = ("Type or paste text to split into tokens", "Type or paste sentences, one a line")


class VocabPanel(QWidget):
    """``vocabView``: type text, pick a level, read tokens and indices, see embedding rows."""

    #: A new encoding is shown (after a text or setting change).
    encoded = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vocabView")
        self.context = context
        self.tokenizer: TextTokenizer | None = None
        self.encoding: Encoding | None = None
        self._loaded_tokenizer: SubwordTokenizer | None = None
        #: Tokenizing long text: the newest request's task is current, older ones are cancelled.
        self._tokenizing = LatestTask()
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
        self.text_edit = named(QPlainTextEdit(), "vocabText")
        self.text_edit.setPlaceholderText(PLACEHOLDERS[0])
        self.text_edit.setMaximumHeight(90)
        self.level_box = named(QComboBox(), "vocabLevel")
        for level, name in LEVELS.items():
            self.level_box.addItem(name, level)
        self.level_box.addItem("sentences (a sentence model)", SENTENCES_LEVEL)
        self.level_box.setItemData(
            self.level_box.count() - 1, "One sentence a line becomes one vector", Qt.ItemDataRole.ToolTipRole
        )
        self.lowercase_box = named(QCheckBox("lower-case"), "vocabLowercase")
        # The lowest value, 1, reads "auto": half-way from characters to whole words (auto_vocab_size).
        self.size_box = named(QSpinBox(minimum=AUTO_SIZE, maximum=100_000, value=AUTO_SIZE), "vocabSize")
        self.size_box.setPrefix("vocabulary ")
        self.size_box.setSpecialValueText("vocabulary: auto")
        self.size_box.setToolTip(
            "Most entries the trained subword vocabulary may have; auto stops half-way from single "
            "characters to whole words, so that words split into subwords"
        )
        self.symbols_edit = named(QLineEdit(), "vocabSymbols")
        self.symbols_edit.setPlaceholderText("symbols to add after a..z, e.g. space . !")
        self.load_button = named(QPushButton("Load tokenizer…"), "vocabLoadTokenizer")
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

        self.capitals_hint = CapitalsHint(self.text_edit)
        self.token_model = TokenTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.token_model)
        self.token_view = token_table_view(self.proxy)
        self.sequence = SequencePane()
        self.sequence_view = self.sequence.view
        self.indices_edit = self.sequence.indices_edit
        self.decode_button = self.sequence.decode_button
        self.decoded_label = self.sequence.decoded_label
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.token_view)
        upper.addWidget(self.sequence)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)

        self.embeddings = EmbeddingSection(self)
        self.send_button = named(QPushButton("Send to vector table"), "vocabSend")
        self.send_button.setToolTip("The selected tokens' embedding rows become vectors in the document")
        self.embeddings.add_button(self.send_button)
        self.replace_bar = ReplaceBar(self.context, self._say)
        self.replace_label = self.replace_bar.label
        self.replace_button = self.replace_bar.replace_button
        self.keep_button = self.replace_bar.keep_button
        self.status_label = named(QLabel(wordWrap=True), "vocabStatus")
        self.progress_row = ProgressRow(self._say)
        self.progress_bar = self.progress_row.progress_bar
        self.cancel_button = self.progress_row.cancel_button
        self.sentences = SentencesView(self.replace_bar)

        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(upper)
        lower.addWidget(self.embeddings)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.stack = QStackedWidget()
        self._tokens_page = lower
        self.stack.addWidget(lower)
        self.stack.addWidget(self.sentences)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit)
        layout.addLayout(controls)
        layout.addWidget(self.capitals_hint)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.replace_bar)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.replace_bar.existing_link)
        self.embeddings.progress.connect(self.progress_row.report)
        self.sentences.progress.connect(self.progress_row.report)
        self.sentences.message.connect(self._say)

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
        self.lowercase_box.setEnabled(level not in (FILE_LEVEL, SENTENCES_LEVEL))
        for widget in (self.lowercase_box, self.size_box, self.symbols_edit, self.load_button):
            widget.setVisible(level != SENTENCES_LEVEL)  # the sentence model has its own tokenizer
        self.stack.setCurrentWidget(self.sentences if level == SENTENCES_LEVEL else self._tokens_page)
        self._debounce.setInterval(400 if level == SENTENCES_LEVEL else 150)  # encoding costs more than splitting
        if level != SENTENCES_LEVEL:
            self.sentences.cancel(quietly=True)
        self.text_edit.setPlaceholderText(PLACEHOLDERS[level == SENTENCES_LEVEL])
        self.retokenize()

    def retokenize(self) -> None:
        """Split the text again with the current settings (on a worker when it is long);
        at the Sentences level, encode its lines with the sentence model."""
        self._debounce.stop()
        if self._tokenizing.drop():
            self._set_busy(None)
        text = self.text_edit.toPlainText()
        if self.level == SENTENCES_LEVEL:
            self.sentences.set_text(text)
            return
        settings = (
            self.level,
            text,
            self.lowercase_box.isChecked(),
            self.vocab_size(),
            self.symbols_edit.text(),
            self._loaded_tokenizer,
        )
        if len(text) <= SYNC_LIMIT:
            try:
                result = encode_text(*settings)
            except (TokenizerError, ValueError) as error:
                self._say(str(error))
                return
            self._show(result)
            return
        task = self._tokenizing.start(lambda progress: encode_text(*settings, progress=progress), "tokenizing")
        task.finished.connect(lambda result: self._on_encoded(task, result))
        task.failed.connect(lambda message: self._on_failed(task, message))
        self._set_busy(f"Tokenizing {len(text):,} characters…")

    def vocab_size(self) -> int | None:
        """The subword vocabulary size chosen, or None for auto."""
        value = self.size_box.value()
        return None if value == AUTO_SIZE else value

    def _on_encoded(self, task: Task, result) -> None:
        if self._tokenizing.finish(task):  # else a newer request overtook it
            self._set_busy(None)
            self._show(result)

    def _on_failed(self, task: Task, message: str) -> None:
        if self._tokenizing.finish(task):
            self._set_busy(None)
            self._say(message)

    def _show(self, result) -> None:
        previous = self.selected_tokens()
        tokenizer, encoding = result
        self.tokenizer, self.encoding = tokenizer, encoding
        vocabulary = tokenizer.vocabulary
        self.token_model.set_vocabulary(vocabulary, encoding.counts())
        self.embeddings.set_vocabulary(vocabulary)
        self.indices_edit.setText(indices_text(encoding))
        self.decoded_label.clear()
        unknown = encoding.counts().get(vocabulary.unknown_index, 0) if vocabulary.unknown_index is not None else 0
        said = f"{len(encoding):,} tokens, {len(encoding.counts()):,} distinct, vocabulary of {len(vocabulary):,}"
        if unknown:
            said += f"; {unknown:,} not in the vocabulary (read {vocabulary.unknown_token})"
        self._say(said + ".")
        self.capitals_hint.show_for(self.tokenizer, self.encoding)
        self.select_tokens(previous)
        self._render_sequence()
        self._show_selected()
        self.encoded.emit()

    def _render_sequence(self) -> None:
        if self.encoding is None or self.tokenizer is None:  # set together
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
        if self.tokenizer is not None:
            self.sequence.decode(self.tokenizer)

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
        self.progress_row.set_busy(text, maximum)

    def cancel(self) -> None:
        """Stop the running work: opening GloVe, tokenizing long text, or encoding sentences."""
        if self._tokenizing.drop():
            self._set_busy(None)
            self._say("Tokenizing cancelled.")
        self.embeddings.cancel()
        self.sentences.cancel()

    def shutdown(self, milliseconds: int = 10_000) -> bool:
        """Cancel running work and wait up to ``milliseconds`` for its threads to stop (before the window
        closes); True when they have. Outcomes that arrive afterwards are not shown."""
        self.cancel()
        deadline = QDeadlineTimer(milliseconds)
        stopped = self._tokenizing.shutdown(deadline.remainingTime())
        return self.embeddings.shutdown(deadline.remainingTime()) and stopped

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
