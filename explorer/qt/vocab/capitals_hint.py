"""The hint under the vocabulary's controls when capitals became ``<unk>`` (``vocabCapitalsHint``).

The lesson's vocabulary is a..z: "Hello" reads ``<unk> e l l o``. When a
capital letter became unknown but its lower case is in the vocabulary
(:func:`explorer.model.tokenizers.unknown_capitals`), the hint says so and
offers a button (``vocabLowercaseText``) that lower-cases the text; Ctrl+Z in
the text field gives the capitals back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QWidget

from explorer.model.text_safety import shown
from explorer.model.tokenizers import unknown_capitals
from explorer.qt.names import named


class CapitalsHint(QWidget):
    """ "H is not in the vocabulary (capitals read <unk>) [Lower-case the text]", shown only when it helps."""

    def __init__(self, text_edit: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("vocabCapitalsHint")
        self._text_edit = text_edit
        self.label = named(QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText), "vocabCapitalsText")
        self.button = named(QPushButton("Lower-case the text"), "vocabLowercaseText")
        self.button.setToolTip("Replace the text by its lower case (Ctrl+Z in the text brings the capitals back)")
        self.button.clicked.connect(self.lower_case_text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_for(self, tokenizer, encoding) -> None:
        """Show the hint when ``encoding`` has capitals that lower case would make known; hide it otherwise."""
        capitals = unknown_capitals(tokenizer, encoding) if tokenizer is not None and encoding is not None else []
        if not capitals:
            self.hide()
            return
        unknown = tokenizer.vocabulary.unknown_token
        if len(capitals) == 1:
            capital = shown(capitals[0])
            said = f"{capital} is not in the vocabulary and reads {unknown}; lower-case {capital.lower()} is in it."
        else:
            named = [shown(c) for c in capitals[:5]]
            letters = ", ".join(named[:-1]) + " and " + named[-1] if len(capitals) <= 5 else ", ".join(named) + ", …"
            said = f"{letters} are not in the vocabulary and read {unknown}; their lower case is in it."
        self.label.setText(said)
        self.show()

    def lower_case_text(self) -> None:
        """Lower-case the text being tokenized, as one step of the text field's own undo."""
        text = self._text_edit.toPlainText()
        lowered = text.lower()
        if lowered == text:
            return
        cursor = self._text_edit.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(lowered)
