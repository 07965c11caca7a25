"""The encoded sequence as rich text (each token above its index, one colour per token), and its pane with Decode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from explorer.model.vocabulary import Encoding, display_token
from explorer.qt.names import named
from explorer.qt.text import escape_html

#: Tokens shown in the sequence view; the rest are counted, not drawn.
MAX_SHOWN = 1500

#: Pixel size given to the index subscripts: Qt draws sub- and superscripts at 2/3 of their font's size
#: (QTextEngine), so 15 px are drawn at 10 px, the least that reads well (the default was about 8 px).
SUBSCRIPT_PX = 15

_SHADES = ("#dbe9f6", "#fbe3d3")  # alternate so neighbouring tokens stay apart
_SELECTED = "#ffd54f"
_UNKNOWN = "#f4c7c3"


def sequence_html(encoding: Encoding, selected=(), unknown: int | None = None, limit: int = MAX_SHOWN) -> str:
    """HTML for a QTextBrowser: every token as a link ``t:INDEX`` with its index below.

    Occurrences of the ``selected`` indices are highlighted; the ``unknown`` index is tinted.
    """
    selected = set(selected)
    parts = ['<div style="font-family: monospace; line-height: 160%;">']
    count = len(encoding)
    for k in range(min(count, limit)):
        index = int(encoding.indices[k])
        token = escape_html(display_token(encoding.tokens[k]))
        if index in selected:
            shade = _SELECTED
        elif index == unknown:
            shade = _UNKNOWN
        else:
            shade = _SHADES[k % 2]
        parts.append(
            f'<a href="t:{index}" style="text-decoration: none; color: #000000;">'
            f'<span style="background-color: {shade};">&nbsp;{token}&nbsp;</span>'
            f'<sub style="color: #0072B2; font-size: {SUBSCRIPT_PX}px;">{index}</sub></a> '
        )
    if count > limit:
        parts.append(f'<span style="color: #808080;"> … and {count - limit:,} more tokens</span>')
    if count == 0:
        parts.append('<span style="color: #808080;">no tokens: type some text above</span>')
    parts.append("</div>")
    return "".join(parts)


def indices_text(encoding: Encoding, limit: int = 20_000) -> str:
    """The indices as ``7, 4, 11, 11, 14`` (the first ``limit`` of them)."""
    return ", ".join(str(int(i)) for i in encoding.indices[:limit])


def parse_indices(text: str) -> list[int]:
    """``"7, 4 11"`` -> [7, 4, 11]; ValueError with a sentence naming the bad entry."""
    cleaned = text.replace("[", " ").replace("]", " ").replace(",", " ").split()
    out = []
    for position, part in enumerate(cleaned, start=1):
        try:
            out.append(int(part))
        except ValueError:
            raise ValueError(f"entry {position}, '{part}', is not a whole number") from None
    return out


class SequencePane(QWidget):
    """The encoded sequence (``vocabSequence``), its indices to edit (``vocabIndices``) and Decode."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = named(QTextBrowser(), "vocabSequence")
        self.view.setOpenLinks(False)
        self.view.setToolTip("Each token with its index below it; click one to select it")
        self.indices_edit = named(QLineEdit(), "vocabIndices")
        self.indices_edit.setToolTip("The encoded indices; edit them and decode")
        self.decode_button = named(QPushButton("Decode"), "vocabDecode")
        self.decoded_label = named(QLabel(wordWrap=True), "vocabDecoded")
        self.decoded_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        decode_row = QHBoxLayout()
        decode_row.addWidget(QLabel("Indices"))
        decode_row.addWidget(self.indices_edit, 1)
        decode_row.addWidget(self.decode_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Encoded sequence"))
        layout.addWidget(self.view, 1)
        layout.addLayout(decode_row)
        layout.addWidget(self.decoded_label)

    def decode(self, tokenizer) -> None:
        """Decode the indices typed in ``vocabIndices`` with ``tokenizer`` and show the text."""
        try:
            text = tokenizer.decode(parse_indices(self.indices_edit.text()))
        except (ValueError, LookupError) as error:
            self.decoded_label.setText(f"<span style='color:#B00020'>Cannot decode: {error}.</span>")
            return
        shown = escape_html(text, mark_newlines=True)
        self.decoded_label.setText(f"Decoded: {shown}" if text else "Decoded: (no text)")
        self.decoded_label.setProperty("decoded", text)
