"""Vectors made from expressions: their formula, following their inputs or frozen, through commands and undo."""

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.commands import RemoveVectors, RenameVector, set_cell
from explorer.model.derived import Formula, SetFormula, new_from_expression
from explorer.model.document import Document
from explorer.model.expressions import ExpressionError
from explorer.model.formats.document_json import parse_document, write_document


class History:
    """A document and the inverses of what was applied, as the undo stack keeps them."""

    def __init__(self):
        self.document = Document(materials())
        self.undos = []

    def do(self, command):
        self.undos.append(self.document.apply(command))

    def undo(self):
        return self.document.apply(self.undos.pop())

    def vector(self, label):
        table = self.document.table
        return table.values[table.labels.index(label)].tolist()

    def snapshot(self):
        table = self.document.table
        return table.labels, table.values.copy(), self.document.formulas.items()


@pytest.fixture
def history():
    return History()


def test_a_new_vector_from_an_expression_keeps_its_formula_in_one_step(history):
    start = history.snapshot()
    history.do(new_from_expression(history.document.table, "(A+C)/2"))
    assert history.document.table.labels[-1] == "(A + C) / 2"
    assert history.vector("(A + C) / 2") == [3.0, 28.5]
    assert history.document.formulas.get("(A + C) / 2") == Formula("(A + C) / 2", True)
    history.undo()
    labels, values, formulas = history.snapshot()
    assert (labels, formulas) == (start[0], start[2]) and np.array_equal(values, start[1])


def test_a_following_vector_is_recomputed_in_the_same_step_and_undo_is_exact(history):
    history.do(new_from_expression(history.document.table, "(A + C) / 2", label="M"))
    before = history.snapshot()
    history.do(set_cell(0, 1, 40.0))  # A's volume 30 -> 40
    assert history.vector("M") == [3.0, 33.5]
    history.undo()  # one step: A and M together
    assert history.vector("A") == [3.0, 30.0] and history.vector("M") == [3.0, 28.5]
    assert history.snapshot()[2] == before[2]


def test_a_frozen_vector_keeps_its_numbers(history):
    history.do(new_from_expression(history.document.table, "A + E", follow=False, label="S"))
    history.do(set_cell(0, 0, 100.0))
    assert history.vector("S") == [10.5, 32.0]
    history.do(SetFormula("S", Formula("A + E", True)))  # follow again: recomputed at once
    assert history.vector("S") == [107.5, 32.0]
    history.undo()
    assert history.vector("S") == [10.5, 32.0] and not history.document.formulas.get("S").follow


def test_editing_a_following_vector_freezes_it(history):
    history.do(new_from_expression(history.document.table, "2 B", label="T"))
    row = history.document.table.labels.index("T")
    history.do(set_cell(row, 0, 1.0))
    assert history.vector("T") == [1.0, 8.0]
    assert history.document.formulas.get("T") == Formula("2 B", False)
    history.undo()
    assert history.document.formulas.get("T") == Formula("2 B", True) and history.vector("T") == [30.0, 8.0]


def test_renaming_an_input_rewrites_the_formula_and_undo_gives_it_back(history):
    history.do(new_from_expression(history.document.table, "(A + C) / 2", label="M"))
    history.do(RenameVector(0, "new york"))
    assert history.document.formulas.get("M").text == '("new york" + C) / 2'
    history.do(set_cell(0, 1, 40.0))
    assert history.vector("M") == [3.0, 33.5]  # it still follows its input, renamed
    history.undo()
    history.undo()
    assert history.document.formulas.get("M").text == "(A + C) / 2"


def test_renaming_and_removing_the_derived_vector(history):
    history.do(new_from_expression(history.document.table, "A - C", label="M"))
    row = history.document.table.labels.index("M")
    history.do(RenameVector(row, "Mid"))
    assert history.document.formulas.items() == [("Mid", Formula("A - C", True))]
    history.do(RemoveVectors(row))
    assert not history.document.formulas
    history.undo()
    assert history.document.formulas.items() == [("Mid", Formula("A - C", True))]


def test_a_vector_made_from_a_derived_one_follows_it(history):
    history.do(new_from_expression(history.document.table, "A + E", label="S"))
    history.do(new_from_expression(history.document.table, "2 S", label="T"))
    history.do(set_cell(4, 1, 3.0))  # E's volume 2 -> 3
    assert history.vector("S") == [10.5, 33.0] and history.vector("T") == [21.0, 66.0]


def test_an_input_removed_leaves_the_numbers_until_it_is_back(history):
    history.do(new_from_expression(history.document.table, "A + E", label="S"))
    history.do(RemoveVectors(0))  # A
    assert history.vector("S") == [10.5, 32.0]
    history.undo()
    history.do(set_cell(0, 0, 4.0))
    assert history.vector("S") == [11.5, 32.0]


@pytest.mark.parametrize(
    "text, label, message",
    [
        ("A B", None, "cannot multiply two vectors"),
        ("2 * 3", None, r"is a number \(6\), not a vector"),
        ("A + E", "C", "there is already a vector labelled 'C'"),
        ("A + E", " ", "needs a label that is not empty"),
    ],
)
def test_what_cannot_be_made_is_refused_in_a_sentence(history, text, label, message):
    with pytest.raises(ExpressionError, match=message):
        new_from_expression(history.document.table, text, label=label)


def test_formulas_are_saved_in_the_json_document_and_read_back(history):
    history.do(new_from_expression(history.document.table, "(A + C) / 2", label="M"))
    history.do(new_from_expression(history.document.table, "A + E", follow=False, label="S"))
    data = write_document(history.document.table, formulas=history.document.formulas)
    assert b'"formulas"' in data
    document = parse_document(data.decode("utf-8"))
    assert document.formulas.items() == [("M", Formula("(A + C) / 2", True)), ("S", Formula("A + E", False))]
    document.apply(set_cell(0, 1, 40.0))
    assert document.table.values[5].tolist() == [3.0, 33.5]


def test_formulas_in_a_file_are_read_tolerantly():
    text = (
        '{"format": "vector-explorer", "version": 2, "dimensions": [{"name": "x"}], '
        '"vectors": [{"label": "a", "values": [1]}, {"label": "m", "values": [2]}], '
        '"formulas": [{"label": "m", "expression": "2 a"}, {"label": "gone", "expression": "a"}, 7, '
        '{"label": "a", "expression": 3}]}'
    )
    assert parse_document(text).formulas.items() == [("m", Formula("2 a", True))]


def test_a_formula_that_leads_back_to_itself_is_never_followed():
    text = (
        '{"format": "vector-explorer", "version": 2, "dimensions": [{"name": "x"}], '
        '"vectors": [{"label": "a", "values": [1]}, {"label": "m", "values": [2]}, {"label": "n", "values": [4]}], '
        '"formulas": [{"label": "m", "expression": "m + a"}, {"label": "n", "expression": "2 m"}]}'
    )
    document = parse_document(text)
    for _ in range(3):
        document.apply(set_cell(0, 0, 5.0))
    assert document.table.values[:, 0].tolist() == [5.0, 2.0, 4.0]  # m = m + a would grow on every step
