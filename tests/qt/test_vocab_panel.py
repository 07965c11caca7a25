"""The vocabulary panel driven as a user would: type, choose a level, select, decode, send."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QUrl

from explorer.model import glove
from explorer.model.progress import Cancelled, Progress
from explorer.model.tokenizers import CharacterTokenizer, WordTokenizer, encode_text
from explorer.qt.vocab import VocabPanel
from explorer.qt.vocab.token_model import TokenTableModel


@pytest.fixture
def panel(qtbot, materials_context):
    widget = VocabPanel(materials_context)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    yield widget
    widget.shutdown()


def type_text(qtbot, panel, text):
    panel.text_edit.clear()
    if len(text) < 200 and text.isascii():  # QTest cannot type characters beyond the BMP
        qtbot.keyClicks(panel.text_edit, text)
    else:
        panel.text_edit.setPlainText(text)
    with qtbot.waitSignal(panel.encoded, timeout=20_000):
        pass


def table_rows(panel):
    model = panel.proxy
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def click_row(qtbot, panel, token):
    model = panel.proxy
    for r in range(model.rowCount()):
        if model.index(r, 0).data() == token:
            rect = panel.token_view.visualRect(model.index(r, 0))
            qtbot.mouseClick(panel.token_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no row {token!r}")


def test_hello_at_character_level(panel):
    assert panel.objectName() == "vocabView"
    assert panel.level_box.currentText() == "characters"
    assert panel.text_edit.toPlainText() == "hello"
    assert panel.indices_edit.text() == "7, 4, 11, 11, 14"
    rows = table_rows(panel)
    assert rows[:2] == [("a", 0, 0), ("b", 1, 0)]
    assert rows[11] == ("l", 11, 2)
    assert rows[26] == ("<unk>", 26, 0)
    assert panel.status_label.text() == "5 tokens, 4 distinct, vocabulary of 27."
    html = panel.sequence_view.toHtml()
    assert 'href="t:7"' in html and 'href="t:14"' in html


def test_decode_back_and_bad_indices(qtbot, panel):
    qtbot.mouseClick(panel.decode_button, Qt.MouseButton.LeftButton)
    assert panel.decoded_label.text() == "Decoded: hello"
    panel.indices_edit.clear()
    qtbot.keyClicks(panel.indices_edit, "2, 0, 19")
    qtbot.keyClick(panel.indices_edit, Qt.Key.Key_Return)
    assert panel.decoded_label.text() == "Decoded: cat"
    panel.indices_edit.setText("7, 99")
    qtbot.mouseClick(panel.decode_button, Qt.MouseButton.LeftButton)
    assert "Cannot decode: index 99 is outside the vocabulary (0 to 26)." in panel.decoded_label.text()
    panel.indices_edit.setText("7, x")
    qtbot.mouseClick(panel.decode_button, Qt.MouseButton.LeftButton)
    assert "entry 2, 'x', is not a whole number" in panel.decoded_label.text()


def test_unknown_characters_until_added(qtbot, panel):
    type_text(qtbot, panel, "hi there!")
    assert panel.indices_edit.text() == "7, 8, 26, 19, 7, 4, 17, 4, 26"
    assert "2 not in the vocabulary (read <unk>)" in panel.status_label.text()
    qtbot.keyClicks(panel.symbols_edit, " !")
    assert panel.indices_edit.text() == "7, 8, 27, 19, 7, 4, 17, 4, 28"
    assert ("␣", 27, 1) in table_rows(panel)


def test_selecting_a_token_shows_its_row_and_neighbours_and_highlights_it(qtbot, panel):
    click_row(qtbot, panel, "l")
    assert panel.selected_tokens() == ["l"]
    row_text = panel.embeddings.row_label.text()
    assert "index 11 → row 11 of the random 27 × 8 matrix" in row_text
    expected = panel.embeddings.matrix.vector(11)
    assert f"|v| = {np.linalg.norm(expected):.3f}" in row_text
    assert f"[{expected[0]:.3f}, " in row_text
    assert len(panel.embeddings.neighbour_rows()) == 10
    assert "#ffd54f" in panel.sequence_view.toHtml().lower()
    panel.sequence_view.anchorClicked.emit(QUrl("t:7"))
    assert panel.selected_tokens() == ["h"]


def test_word_level_with_the_glove_sample(qtbot, panel):
    panel.set_level("word")
    type_text(qtbot, panel, "the king and the queen saw a cat, a dog and a car.")
    assert panel.indices_edit.text() == "1, 2, 3, 1, 4, 5, 6, 7, 8, 6, 9, 3, 6, 10, 11"
    panel.embeddings.set_source("sample")
    click_row(qtbot, panel, "king")
    assert "row 642 of GloVe sample (6,000 × 50)" in panel.embeddings.row_label.text()
    assert panel.embeddings.neighbour_rows()[:2] == [("prince", "0.824"), ("queen", "0.784")]
    click_row(qtbot, panel, ",")
    assert panel.embeddings.row_label.text() == "',' (index 8) has no row in GloVe sample."
    assert panel.embeddings.neighbour_rows() == []


def test_subword_level_respects_the_vocabulary_size(qtbot, panel):
    panel.set_level("subword")
    panel.size_box.setValue(30)
    type_text(qtbot, panel, "lower lowest newer newest wider widest")
    assert panel.token_model.rowCount() <= 30
    panel.decode()
    assert panel.decoded_label.text() == "Decoded: lower lowest newer newest wider widest"


@pytest.mark.parametrize("level", ["char", "word", "subword"])
@pytest.mark.parametrize("text", ["", "     ", "😀🎉 猫が好き"])
def test_empty_blank_emoji_and_cjk_text(qtbot, panel, level, text):
    panel.set_level(level)
    type_text(qtbot, panel, text) if text else panel.text_edit.clear()
    panel.retokenize()
    if not text.strip() and level == "word":
        assert panel.indices_edit.text() == ""
        assert "no tokens" in panel.sequence_view.toPlainText()
    assert panel.status_label.text().endswith(".")
    panel.decode()
    if level in ("subword", "word") and text.strip():
        assert panel.decoded_label.property("decoded").replace(" ", "") == text.replace(" ", "")


def test_one_megabyte_is_tokenized_off_the_interface_thread(qtbot, panel, monkeypatch):
    import threading

    from explorer.qt.vocab import panel as panel_module

    text = "the cat sat on the mat, and the dog barked at the cat. " * 19_000
    assert len(text) > 1_000_000
    panel.set_level("word")
    original, threads, release = panel_module.encode_text, [], threading.Event()

    def encode_when_released(*settings, **options):  # tokenizes only once the interface thread has gone on
        threads.append(threading.current_thread())
        release.wait(30)
        return original(*settings, **options)

    monkeypatch.setattr(panel_module, "encode_text", encode_when_released)
    panel.text_edit.setPlainText(text)
    panel.retokenize()  # returns while the text waits to be tokenized: the window stays responsive
    assert (not panel.progress_bar.isHidden()) and (not panel.cancel_button.isHidden())
    with qtbot.waitSignal(panel.encoded, timeout=30_000):
        release.set()
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert panel.progress_bar.isHidden()
    assert panel.status_label.text() == "285,000 tokens, 11 distinct, vocabulary of 12."


def test_long_text_can_be_cancelled(qtbot, panel):
    panel.set_level("subword")
    long_text = "abc def ghi " * 100_000
    panel.text_edit.setPlainText(long_text)
    panel.retokenize()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.status_label.text() == "Tokenizing cancelled."
    assert panel.shutdown()
    assert panel.status_label.text() == "Tokenizing cancelled."
    assert panel.encoding is None or panel.encoding.text != long_text  # the cancelled work never shows


def test_cancelled_tokenizing_stops_before_the_text_is_split():
    asked = []

    def cancel_while_learning(done, total):
        asked.append((done, total))
        if done == 0:  # Cancel pressed once the vocabulary is being learnt
            progress.cancel()

    progress = Progress(cancel_while_learning)
    with pytest.raises(Cancelled):
        encode_text("subword", "abc def ghi " * 100, False, None, "", progress=progress)
    assert asked == [(0, 2)]  # reported before learning; stopped before the text is split
    stopped = Progress(lambda done, total: asked.append((done, total)))
    stopped.cancel()
    with pytest.raises(Cancelled):  # cancelled before the work began: nothing is learnt
        encode_text("subword", "abc def ghi " * 100, False, None, "", progress=stopped)
    assert asked == [(0, 2)]
    tokenizer, encoding = encode_text("word", "abc def abc", False, None, "")
    assert encoding.tokens == ["abc", "def", "abc"] and len(tokenizer.vocabulary) == 3


def test_a_malformed_tokenizer_file_is_refused(qtbot, panel, tmp_path):
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{ nope", encoding="utf-8")
    assert not panel.load_tokenizer_file(bad)
    assert panel.status_label.text().startswith("Tokenizer not loaded: tokenizer.json, line 1")
    assert panel.level == "char"
    good = tmp_path / "vocab.txt"
    good.write_text("[UNK]\nhel\n##lo\n", encoding="utf-8")
    assert panel.load_tokenizer_file(good)
    assert panel.level_box.currentText() == "subwords from vocab.txt"
    assert panel.indices_edit.text() == "1, 2"


def test_token_table_model_passes_the_model_tester(qtmodeltester):
    model = TokenTableModel()
    qtmodeltester.check(model)
    tokenizer = CharacterTokenizer()
    model.set_vocabulary(tokenizer.vocabulary, tokenizer.encode("hello").counts())
    qtmodeltester.check(model)
    words = WordTokenizer.fit("the cat and the dog")
    model.set_vocabulary(words.vocabulary, words.encode("the cat and the dog").counts())
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "the" and model.index(1, 2).data() == 2
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).italic()
    assert model.rowCount(model.index(0, 0)) == 0


def test_send_to_table_replaces_as_one_undo_step(qtbot, panel, materials_context):
    before = materials_context.table.copy()
    panel.set_level("word")
    type_text(qtbot, panel, "cat dog car truck king queen")
    panel.embeddings.set_source("sample")
    panel.select_tokens(["cat", "dog", "car", "truck", "king", "queen"])
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert not panel.replace_bar.isHidden()
    assert panel.replace_label.text() == (
        "The table's 5 vectors have 2 dimensions; these embedding rows have 50. "
        "Replace the table's content with 6 token vectors? Undo brings it back."
    )
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert panel.replace_bar.isHidden()
    assert materials_context.table.same_content(before)
    assert materials_context.undo_stack.count() == 0
    assert panel.status_label.text() == "Nothing sent: the table keeps its vectors."
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(materials_context.message) as said:
        qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("Replaced the table's 5 vectors of 2 dimensions with 6 token vectors of 50")
    table = materials_context.table
    assert table.labels == ("cat", "dog", "car", "truck", "king", "queen")
    assert table.dimension_count == 50
    assert table.vector(4).tolist() == glove.load_glove_sample().vector("king").tolist()
    assert materials_context.undo_stack.count() == 1
    materials_context.undo_stack.undo()
    assert table.same_content(before)
    materials_context.undo_stack.redo()
    assert table.labels[0] == "cat"


def test_a_pending_replace_question_goes_away_when_the_text_changes(qtbot, panel, materials_context):
    panel.select_tokens(["h"])
    panel.send_to_table()
    assert not panel.replace_bar.isHidden()
    type_text(qtbot, panel, "help")
    assert panel.replace_bar.isHidden()
    assert not panel.replace_bar.replace()
    assert materials_context.undo_stack.count() == 0


def test_send_appends_when_dimensions_agree(qtbot, panel, materials_context):
    panel.set_level("word")
    type_text(qtbot, panel, "cat dog the")
    panel.embeddings.set_source("sample")
    panel.select_tokens(["cat"])
    panel.send_to_table()
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    panel.select_tokens(["cat", "dog"])
    assert panel.send_to_table()
    assert materials_context.table.labels == ("cat", "dog")
    assert panel.status_label.text() == "Added 1 token vector to the table (cat already there)."
    assert materials_context.undo_stack.count() == 2
    panel.select_tokens(["cat", "dog", ","])
    assert not panel.send_to_table()
    assert panel.status_label.text() == "Nothing sent: cat, dog are already in the table."
    type_text(qtbot, panel, "a truck, a car")
    panel.select_tokens(["truck", ","])
    assert panel.send_to_table()
    assert panel.status_label.text() == ("Added 1 token vector to the table. No row in GloVe sample for: ,.")


def test_random_rows_of_8_dimensions_go_to_the_table(qtbot, panel, materials_context):
    panel.select_tokens(["h", "e"])
    panel.send_to_table()
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    table = materials_context.table
    assert table.labels == ("e", "h") and table.dimension_count == 8
    assert table.vector(1).tolist() == panel.embeddings.matrix.vector(7).tolist()


@pytest.mark.skipif(not glove.glove_available(), reason=glove.INSTALL_HINT)
def test_opening_glove_shows_progress_and_can_be_cancelled(qtbot, panel):
    panel.set_level("word")
    type_text(qtbot, panel, "king")
    panel.select_tokens(["king"])
    with qtbot.waitSignal(panel.embeddings.progress, timeout=10_000):
        panel.embeddings.set_source("glove")
    assert not panel.progress_bar.isHidden()
    assert panel.progress_bar.format().startswith("Opening GloVe 6B")
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.embeddings.loading, timeout=10_000)
    assert panel.embeddings.source == "random"
    assert panel.embeddings.source_box.currentData() == "random"
    assert panel.status_label.text().startswith("Opening GloVe cancelled")
    with qtbot.waitSignal(panel.embeddings.source_changed, timeout=20_000):
        panel.embeddings.set_source("glove")
    assert panel.progress_bar.isHidden()
    assert "row 691 of GloVe 6B 50d (400,000 × 50)" in panel.embeddings.row_label.text()
    words = [w for w, _ in panel.embeddings.neighbour_rows()]
    assert "queen" in words or "prince" in words


def test_word_vectors_from_a_file_and_a_ragged_one(qtbot, panel, tmp_path):
    panel.set_level("word")
    type_text(qtbot, panel, "up right")
    ragged = tmp_path / "vectors.txt"
    ragged.write_text("up 0 1\nright 1 0\nleft -1\n", encoding="utf-8")
    with qtbot.waitSignal(panel.embeddings.message, timeout=10_000):
        panel.embeddings.open_file(ragged)
    assert panel.status_label.text() == (
        "Word vectors not opened: vectors.txt, line 3: has 1 numbers after 'left', but line 1 has 2; "
        "every word needs the same count."
    )
    assert panel.embeddings.source == "random"
    assert panel.progress_bar.isHidden()
    good = tmp_path / "good.txt"
    good.write_text("up 0 1\nright 1 0\nnorth 0 2\n", encoding="utf-8")
    with qtbot.waitSignal(panel.embeddings.source_changed, timeout=10_000):
        panel.embeddings.open_file(good)
    assert panel.embeddings.source_box.currentText() == "good.txt (3 words, 2 dimensions)"
    panel.select_tokens(["up"])
    assert "row 0 of good.txt (3 × 2)" in panel.embeddings.row_label.text()
    assert panel.embeddings.neighbour_rows() == [("north", "1.000"), ("right", "0.000")]


def test_the_analogy_box_shows_the_nearest_words_to_an_expression(qtbot, panel):
    from PySide6.QtWidgets import QLineEdit

    panel.embeddings.set_source("sample")
    box = panel.findChild(QLineEdit, "vocabExpression")
    qtbot.keyClicks(box, "king - man + woman")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert panel.embeddings.neighbour_rows()[:2] == [("queen", "0.852"), ("prince", "0.759")]
    assert "king, man, woman left out" in panel.embeddings.row_label.text()
    box.clear()
    qtbot.keyClicks(box, "king - qqqq")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert panel.embeddings.neighbour_rows() == []
    assert "column 8: 'qqqq' is not among the 6,000 words of GloVe sample" in panel.embeddings.row_label.text()


def test_tokens_already_in_the_table_are_selected_by_a_link(qtbot, panel, materials_context):
    link = panel.findChild(type(panel.replace_bar.existing_link), "vocabSelectExisting")
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_level("word")
    type_text(qtbot, panel, "cat dog the")
    panel.embeddings.set_source("sample")
    panel.select_tokens(["cat", "dog"])
    panel.send_to_table()
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)  # the table is now cat, dog
    assert link.isHidden()  # nothing was there before
    materials_context.select_rows([])
    panel.select_tokens(["cat", "the"])
    assert panel.send_to_table()
    assert panel.status_label.text() == "Added 1 token vector to the table (cat already there)."
    assert not link.isHidden() and link.text() == '<a href="select">Select the vector already in the table</a>'
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(12, link.height() // 2))
    assert materials_context.selection == [0]  # cat, not the "the" just added
    panel.select_tokens(["cat", "dog"])
    assert not panel.send_to_table()
    assert panel.status_label.text() == "Nothing sent: cat, dog are already in the table."
    assert "the 2 vectors" in link.text()
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(12, link.height() // 2))
    assert materials_context.selection == [0, 1]
