"""The vocabulary panel's background work through the program's one worker: a newer text overtakes an
older one, Cancel while GloVe opens keeps the rows where they were, and closing never waits on a load."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from explorer.model import glove
from explorer.model.embeddings import EmbeddingMatrix
from explorer.qt.vocab import VocabPanel

#: Longer than the panel's SYNC_LIMIT (20,000 characters): tokenized on a worker thread.
FIRST = "the cat sat on the mat. " * 1_000
SECOND = "a dog barked at a car. " * 1_000


@pytest.fixture
def panel(qtbot, materials_context):
    widget = VocabPanel(materials_context)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_a_newer_text_overtakes_an_older_one_whose_result_is_never_shown(qtbot, panel, monkeypatch):
    from explorer.qt.vocab import panel as panel_module

    original, events, release = panel_module.encode_text, [], threading.Event()

    def encode(level, text, *settings, **options):
        name = {FIRST: "first", SECOND: "second"}.get(text)
        if name is None:  # a short text, split on the interface thread
            return original(level, text, *settings, **options)
        events.append(f"{name} starts")
        if name == "first":  # finishes whatever the interface asks meanwhile, and never looks at Cancel
            release.wait(30)
            result = original(level, text, *settings)
        else:
            result = original(level, text, *settings, **options)
        events.append(f"{name} ends")
        return result

    monkeypatch.setattr(panel_module, "encode_text", encode)
    panel.set_level("word")
    shown = []
    panel.encoded.connect(lambda: shown.append(panel.encoding.tokens[:3]))
    panel.text_edit.setPlainText(FIRST)
    panel.retokenize()
    qtbot.waitUntil(lambda: events == ["first starts"], timeout=10_000)
    panel.text_edit.setPlainText(SECOND)
    panel.retokenize()  # the first is cancelled; the second waits for it to stop
    assert not panel.progress_bar.isHidden()
    assert panel.progress_bar.format() == f"Tokenizing {len(SECOND):,} characters…"
    with qtbot.waitSignal(panel.encoded, timeout=20_000):
        release.set()
    assert events == ["first starts", "first ends", "second starts", "second ends"]  # one at a time
    assert shown == [["a", "dog", "barked"]]  # the first text's tokens were never shown
    assert panel.status_label.text() == "7,000 tokens, 6 distinct, vocabulary of 7."
    assert panel.progress_bar.isHidden()


def test_a_text_short_enough_to_split_at_once_overtakes_a_long_one(qtbot, panel, monkeypatch):
    from explorer.qt.vocab import panel as panel_module

    original, release, ended = panel_module.encode_text, threading.Event(), threading.Event()

    def encode(level, text, *settings, **options):
        if text == FIRST:
            release.wait(30)
            try:
                return original(level, text, *settings)
            finally:
                ended.set()
        return original(level, text, *settings, **options)

    monkeypatch.setattr(panel_module, "encode_text", encode)
    panel.set_level("word")
    panel.text_edit.setPlainText(FIRST)
    panel.retokenize()
    panel.text_edit.setPlainText("one two")
    panel.retokenize()  # split on the interface thread at once; the long text's work is cancelled
    assert panel.progress_bar.isHidden()
    assert panel.status_label.text() == "2 tokens, 2 distinct, vocabulary of 3."
    release.set()
    qtbot.waitUntil(ended.is_set, timeout=10_000)
    assert panel.shutdown(10_000)
    QApplication.processEvents()  # the cancelled task's outcome arrives and is dropped
    assert panel.encoding.tokens == ["one", "two"]
    assert panel.status_label.text() == "2 tokens, 2 distinct, vocabulary of 3."


def fake_glove(monkeypatch, load):
    """The GloVe source opens with ``load(progress)`` instead of the installed package."""
    monkeypatch.setattr(glove, "glove_available", lambda: True)
    monkeypatch.setattr(glove, "load_glove", load)


def test_cancel_while_glove_opens_keeps_the_previous_rows_and_says_so(qtbot, panel, monkeypatch):
    release = threading.Event()

    def load(progress):  # reports, then returns a matrix without looking at Cancel again
        progress(0, 4)
        release.wait(30)
        return EmbeddingMatrix(["king"], [[1.0, 0.0]], "not wanted")

    fake_glove(monkeypatch, load)
    panel.set_level("word")
    panel.text_edit.setPlainText("king")
    panel.retokenize()
    panel.embeddings.set_source("sample")
    sample = panel.embeddings.matrix
    panel.select_tokens(["king"])
    with qtbot.waitSignal(panel.embeddings.progress, check_params_cb=lambda text, done, total: total == 4):
        panel.embeddings.set_source("glove")
    assert panel.progress_bar.text() == "Opening GloVe 6B: 400,000 words… 0%"
    assert not panel.embeddings.source_box.isEnabled()
    panel.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not panel.embeddings.loading, timeout=10_000)
    assert panel.status_label.text() == "Opening GloVe cancelled; the rows still come from GloVe sample."
    assert panel.embeddings.matrix is sample
    assert (panel.embeddings.source, panel.embeddings.source_box.currentData()) == ("sample", "sample")
    assert panel.embeddings.source_box.isEnabled()
    assert panel.progress_bar.isHidden()
    assert "row 642 of GloVe sample (6,000 × 50)" in panel.embeddings.row_label.text()


def test_a_failed_glove_open_is_one_sentence_in_the_panel(qtbot, panel, monkeypatch):
    def load(progress):
        raise OSError("glove_6B_50d_emb.npy cannot be read.")  # a sentence already ends: no second full stop

    fake_glove(monkeypatch, load)
    with qtbot.waitSignal(panel.embeddings.message, timeout=10_000):
        panel.embeddings.set_source("glove")
    assert panel.status_label.text() == "Word vectors not opened: glove_6B_50d_emb.npy cannot be read."
    assert panel.embeddings.source == "random" and not panel.embeddings.loading


def chunked_load(reached: list[int], stopped: threading.Event, chunks: int = 10_000):
    """A GloVe open of ``chunks`` chunks of 10 ms (100 s in all) that stops at a report when cancelled."""

    def load(progress):
        pace = threading.Event()
        try:
            for chunk in range(chunks):
                progress(chunk, chunks)
                reached.append(chunk)
                pace.wait(0.01)
        finally:
            stopped.set()
        return EmbeddingMatrix(["king"], [[1.0, 0.0]], "not wanted")

    return load


def test_shutdown_while_glove_opens_stops_it_and_returns(qtbot, panel, monkeypatch):
    reached, stopped = [], threading.Event()
    fake_glove(monkeypatch, chunked_load(reached, stopped))
    said = []
    panel.embeddings.message.connect(said.append)
    with qtbot.waitSignal(panel.embeddings.progress, check_params_cb=lambda text, done, total: total == 10_000):
        panel.embeddings.set_source("glove")
    assert panel.shutdown(10_000)  # the load would take 100 s unless it stopped at Cancel
    assert stopped.is_set() and reached[-1] < 9_999
    QApplication.processEvents()  # the cancelled outcome arrives after the wait: nothing is shown
    assert said == [] and panel.embeddings.source == "random"


def test_closing_the_window_while_glove_opens_neither_hangs_nor_crashes(qtbot, window, monkeypatch):
    reached, stopped = [], threading.Event()
    fake_glove(monkeypatch, chunked_load(reached, stopped))
    vocab = window.vocab
    with qtbot.waitSignal(vocab.embeddings.progress, check_params_cb=lambda text, done, total: total == 10_000):
        vocab.embeddings.set_source("glove")
    window.context.undo_stack.setClean()
    assert window.close()
    assert stopped.is_set() and reached[-1] < 9_999  # close waited for the load to stop, not to finish
    QApplication.processEvents()
    assert vocab.embeddings.source == "random"


def test_cancel_while_a_word_vector_file_is_read_keeps_the_rows_and_says_so(qtbot, panel, monkeypatch, tmp_path):
    from explorer.model.formats import wordvectors

    release, original = threading.Event(), wordvectors.read_word_vectors

    def read(path, metadata=None):  # reads the whole file whatever the interface asks meanwhile
        release.wait(30)
        return original(path, metadata)

    monkeypatch.setattr(wordvectors, "read_word_vectors", read)
    good = tmp_path / "good.txt"
    good.write_text("up 0 1\nright 1 0\n", encoding="utf-8")
    panel.embeddings.open_file(good)
    assert panel.progress_bar.format() == "Reading good.txt…" and panel.embeddings.loading
    panel.cancel_button.click()
    with qtbot.waitSignal(panel.embeddings.message, timeout=10_000):
        release.set()
    assert panel.status_label.text() == "Reading good.txt cancelled; the rows still come from the random 27 × 8 matrix."
    assert panel.embeddings.source == "random" and panel.embeddings.source_box.currentIndex() == 0
    assert panel.progress_bar.isHidden()
