"""Sentence vectors into the table: one undo step, the table says what they are, nothing mixes models."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.formats import write_table_bytes
from explorer.model.formats.document_json import parse_document
from explorer.model.send_sentences import send_sentences_command, short_labels, split_sentences
from explorer.model.send_tokens import DimensionMismatch
from explorer.model.vector_kind import VectorKind

MINILM = VectorKind("sentence", "all-MiniLM-L6-v2", "the mean of its token vectors after 6 layers, normalised", True)


def unit_rows(n: int, d: int = 4, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, d))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_one_sentence_a_line_without_blanks_or_repeats():
    text = "I love pizza.\n\n  Pizza is my favourite food.  \nI love pizza.\r\n\t\n"
    assert split_sentences(text) == (["I love pizza.", "Pizza is my favourite food."], 2, 1)
    assert split_sentences("") == ([], 0, 0)
    assert split_sentences("a  b\na\tb") == (["a b"], 0, 1), "the same words are the same sentence (and label)"


def test_replacing_the_materials_is_one_step_that_undo_reverses_with_the_kind():
    table = materials()
    before = table.copy()
    with pytest.raises(DimensionMismatch, match="5 vectors of unknown origin with 2 dimensions"):
        send_sentences_command(table, ["a b", "c d"], unit_rows(2), MINILM)
    command, said = send_sentences_command(table, ["I love pizza.", "Pizza is my favourite food."], unit_rows(2),
                                           MINILM, replace=True)  # fmt: skip
    inverse = command.apply(table)
    assert table.labels == ("I love pizza.", "Pizza is my favourite food.")
    assert [d.name for d in table.dimensions] == ["d1", "d2", "d3", "d4"] and table.kind == MINILM
    assert said.startswith("Replaced the table's 5 vectors of 2 dimensions with 2 sentence vectors of 4")
    inverse.apply(table)
    assert table.same_content(before) and table.kind is None


def test_appending_to_sentences_of_the_same_model_skips_those_already_there():
    table = materials()
    send_sentences_command(table, ["one", "two"], unit_rows(2), MINILM, replace=True)[0].apply(table)
    command, said = send_sentences_command(table, ["two", "three"], unit_rows(2, seed=1), MINILM)
    command.apply(table)
    assert table.labels == ("one", "two", "three") and said == "Added 1 sentence vector to the table (1 already there)."
    other = VectorKind("sentence", "paraphrase-MiniLM-L3-v2", "", True)
    with pytest.raises(DimensionMismatch, match="sentence vectors of all-MiniLM-L6-v2 with 4 dimensions"):
        send_sentences_command(table, ["four"], unit_rows(1), other)


def test_csv_labels_are_cut_and_unique_and_the_json_keeps_sentences_whole():
    long = "word " * 40
    labels = short_labels([long + "one", long + "two", "a\tb  c", "a b c"])
    assert len(labels[0]) == 80 and labels[0].endswith("…") and labels[1] == labels[0] + " (2)"
    assert labels[2:] == ["a b c", "a b c (2)"]
    table = materials()
    send_sentences_command(table, [long + "one", "short"], unit_rows(2), MINILM, replace=True)[0].apply(table)
    document = parse_document(write_table_bytes(table, ".json").decode())
    assert document.table.labels[0] == " ".join((long + "one").split()) and document.table.kind == MINILM
    assert parse_document(write_table_bytes(materials(), ".json").decode()).table.kind is None


def test_the_kind_describes_a_pair_only_when_the_model_could_have_made_it():
    a, b = unit_rows(2)
    assert MINILM.made_these(a, b) and not MINILM.made_these(a, 2 * b) and not MINILM.made_these(np.zeros(4))
    text = MINILM.describe_pair("I love pizza.", "Pizza is my favourite food.", 0.8753)
    assert text.startswith("“I love pizza.” and “Pizza is my favourite food.” are sentence vectors of all-MiniLM-L6-v2")
    assert "each is the mean of its token vectors after 6 layers, normalised." in text
    assert "cos = 0.875 reads as the lesson reads its cosines: the closer to 1, the more alike the direction" in text
    assert VectorKind.from_dict({"stands_for": "sentence", "model": 3}) is None
    assert VectorKind.from_dict(MINILM.to_dict()) == MINILM
