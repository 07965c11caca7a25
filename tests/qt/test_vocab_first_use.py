"""The vocabulary panel as a first user meets it: subwords at the default size, ▁ on every word,
a hint to lower-case when capitals read <unk>, and index subscripts large enough to read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from explorer.qt.vocab import VocabPanel
from explorer.qt.vocab.sequence import sequence_html
from tests.qt.test_vocab_panel import type_text


@pytest.fixture
def panel(qtbot, materials_context):
    widget = VocabPanel(materials_context)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    widget.shutdown()


def shown_tokens(panel) -> list[str]:
    return [panel.tokenizer.vocabulary.token(int(i)) for i in panel.encoding.indices]


def test_subwords_at_the_default_size_split_the_default_text(qtbot, panel):
    panel.set_level("subword")
    assert panel.size_box.text() == "vocabulary: auto" and panel.vocab_size() is None
    assert panel.text_edit.toPlainText() == "hello"
    assert shown_tokens(panel) == ["▁", "hel", "lo"]
    assert panel.status_label.text() == "3 tokens, 3 distinct, vocabulary of 9."
    type_text(qtbot, panel, "the cat sat on the mat")
    tokens = shown_tokens(panel)
    assert tokens[0].startswith("▁") and len(tokens) > 6  # the first word too, and some words in pieces
    panel.size_box.setValue(200)  # a size chosen by hand is used as it is: every word whole
    assert shown_tokens(panel) == ["▁the", "▁cat", "▁sat", "▁on", "▁the", "▁mat"]


def test_capitals_that_read_unk_get_a_hint_whose_button_lower_cases_the_text(qtbot, panel):
    hint = panel.findChild(QWidget, "vocabCapitalsHint")
    assert not hint.isVisible()  # "hello" has no capital
    type_text(qtbot, panel, "Hello World")
    assert hint.isVisible()
    assert panel.findChild(QLabel, "vocabCapitalsText").text() == (
        "H and W are not in the vocabulary and read <unk>; their lower case is in it."
    )
    with qtbot.waitSignal(panel.encoded, timeout=5000):
        qtbot.mouseClick(panel.findChild(QPushButton, "vocabLowercaseText"), Qt.MouseButton.LeftButton)
    assert panel.text_edit.toPlainText() == "hello world"
    assert panel.indices_edit.text() == "7, 4, 11, 11, 14, 26, 22, 14, 17, 11, 3"  # the space is still <unk>
    assert not hint.isVisible()
    panel.text_edit.undo()  # the text field's own undo brings the capitals back
    assert panel.text_edit.toPlainText() == "Hello World"


def test_one_capital_is_named_with_its_lower_case_and_the_lower_case_box_hides_the_hint(qtbot, panel):
    type_text(qtbot, panel, "Hi")
    assert panel.capitals_hint.label.text() == "H is not in the vocabulary and reads <unk>; lower-case h is in it."
    panel.lowercase_box.setChecked(True)
    assert not panel.capitals_hint.isVisible()


def subscript_pixels(html: str) -> list[float]:
    """The pixel size each index subscript is drawn at: Qt draws sub- and superscripts at 2/3 of the
    font size they are given (QTextEngine::font)."""
    document = QTextDocument()
    document.setHtml(html)
    found = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            style = fragment.charFormat()
            if style.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSubScript:
                font = style.font()
                pixels = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
                found.append(pixels * 2 / 3)
            fragments += 1
        block = block.next()
    return found


def test_index_subscripts_are_drawn_at_10_px_or_more(panel):
    sizes = subscript_pixels(panel.sequence_view.toHtml())
    assert len(sizes) == 5 and min(sizes) >= 10
    assert min(subscript_pixels(sequence_html(panel.encoding))) >= 10
