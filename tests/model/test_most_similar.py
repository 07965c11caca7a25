"""Nearest vectors to a label or an expression, by gensim's most_similar rules."""

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.expressions import ExpressionError
from explorer.model.glove import load_glove_sample
from explorer.model.most_similar import nearest


@pytest.fixture(scope="module")
def sample():
    return load_glove_sample()


def glove_nearest(sample, text, k=5, metric="cosine"):
    return nearest(text, sample.tokens, sample.vectors, k, metric, sample.index, sample.find, norms=sample.norms)


def test_king_minus_man_plus_woman_is_queen(sample):
    result = glove_nearest(sample, "king - man + woman")
    assert result.found[0][0] == "queen"
    assert result.found[0][1] == pytest.approx(0.8524, abs=1e-4)
    assert result.weights == {"king": 1.0, "man": -1.0, "woman": 1.0}
    assert not {"king", "man", "woman"} & {word for word, _ in result.found}  # the inputs are left out


def test_the_query_is_the_sum_of_unit_vectors_as_in_gensim(sample):
    result = glove_nearest(sample, "King − Man + Woman", k=20)
    assert result.query == "king - man + woman"  # spelled as the vocabulary spells them
    unit = {w: sample.vector(w) / np.linalg.norm(sample.vector(w)) for w in ("king", "man", "woman")}
    query = unit["king"] - unit["man"] + unit["woman"]
    query /= np.linalg.norm(query)
    for word, score in result.found:
        row = sample.vector(word)
        assert score == pytest.approx(float(row @ query / np.linalg.norm(row)), abs=1e-6)


def test_weights_of_a_longer_expression(sample):
    result = glove_nearest(sample, "(paris + berlin) / 2 - 0.5 france")
    assert result.weights == {"paris": 0.5, "berlin": 0.5, "france": -0.5}


def test_one_label_is_its_own_neighbours_without_itself(sample):
    result = glove_nearest(sample, "King", k=3)
    assert result.is_label and result.query == "king"
    assert [w for w, _ in result.found] == ["prince", "queen", "ii"]


def test_over_the_lessons_materials_by_each_metric():
    table = materials()
    found = nearest("A", table.labels, table.values, 4).found
    assert [label for label, _ in found] == ["D", "C", "B", "E"]
    assert found[0][1] == 1.0 and round(found[1][1], 5) == 0.99994
    by_distance = nearest("(A + E) / 2", table.labels, table.values, 3, "euclidean").found
    assert by_distance[0][0] == "C" and by_distance[0][1] == pytest.approx(np.hypot(5.25 - 3, 16 - 27))
    by_dot = nearest("B", table.labels, table.values, 2, "dot").found
    assert by_dot == [("D", 7.5 * 15 + 75 * 4), ("A", 3 * 15 + 30 * 4)]


def test_sentences_for_what_cannot_be_searched(sample):
    table = materials()
    with pytest.raises(ExpressionError, match="cancel out to the zero vector"):
        nearest("A - D", table.labels, table.values)  # D = 2.5 A: one direction
    with pytest.raises(ExpressionError, match="'Z' is a zero vector, which has no direction"):
        nearest("Z", ["Z", "A"], np.array([[0.0, 0.0], [1.0, 2.0]]))
    with pytest.raises(ExpressionError) as error:
        glove_nearest(sample, "king - qqqq")
    assert str(error.value) == "'king - qqqq', column 8: there is no vector labelled 'qqqq'"
    with pytest.raises(ExpressionError, match="cannot multiply two vectors"):
        glove_nearest(sample, "king queen")


def test_huge_values_have_neighbours_by_every_metric():
    labels, values = ["a", "b", "c"], np.array([[1e300, 1e300], [-1e300, 1e300], [2e300, 2.1e300]])
    assert nearest("a", labels, values, 1).found[0][0] == "c"
    assert nearest("a", labels, values, 1, "euclidean").found[0][0] == "c"
    assert nearest("b", labels, values, 2, "dot").found[0][0] == "a"  # 0 against -1e600 < 0


def test_vectors_without_dimensions_answer_by_dot_product_and_distance_without_crashing():
    labels, vectors = ["A", "B"], np.zeros((2, 0))
    assert nearest("A - A", labels, vectors, 5, "dot").found == [("B", 0.0)]
    assert nearest("-A", labels, vectors, 5, "euclidean").found == [("B", 0.0)]
    with pytest.raises(ExpressionError, match="zero vector"):
        nearest("A", labels, vectors, 5, "cosine")


def test_the_rows_of_the_answer_follow_the_found_labels():
    table = materials()
    result = nearest("D - A + B", table.labels, table.values, 4)
    assert result.found == [("E", pytest.approx(1.0)), ("C", pytest.approx(0.3628, abs=1e-4))]
    assert result.rows == (4, 2)  # D = 2.5 A cancel: along B, with D, A and B left out
