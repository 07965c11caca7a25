"""Embedding matrices: rows by token, nearest neighbours, analogies, sending to the table."""

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.embeddings import EmbeddingMatrix
from explorer.model.glove import load_glove_sample
from explorer.model.progress import Cancelled, Progress
from explorer.model.send_tokens import DimensionMismatch, send_tokens_command
from explorer.model.table import VectorTable
from explorer.model.vocabulary import MissingTokenError


@pytest.fixture
def small():
    # Four words in 2-D: cat and dog point the same way, car at 90 degrees, kitten near cat.
    return EmbeddingMatrix(
        ["cat", "dog", "car", "kitten", "zero"], [[1, 0], [2, 0.5], [0, 3], [1, 0.1], [0, 0]], "small"
    )


def test_row_i_is_the_vector_of_token_i(small):
    assert small.shape == (5, 2)
    assert small.row_of("car") == 2
    assert small.vector("car").tolist() == [0.0, 3.0]
    assert small.norm("car") == 3.0


def test_cosine_of_tokens(small):
    assert small.cosine("cat", "car") == 0.0
    assert small.cosine("cat", "dog") == pytest.approx(2 / np.sqrt(4.25))
    assert np.isnan(small.cosine("cat", "zero"))


def test_nearest_ranks_by_cosine_and_leaves_the_word_out(small):
    result = small.nearest("cat", k=3)
    assert [w for w, _ in result] == ["kitten", "dog", "car"]
    assert result[0][1] == pytest.approx(1 / np.sqrt(1.01), rel=1e-6)
    assert result[2][1] == 0.0
    assert round(result[1][1], 3) == 0.970
    assert len(small.nearest("cat", k=100)) == 3  # not itself, not the zero vector
    assert np.isnan(small.scores("cat")[4])
    assert small.nearest([0, 1], k=1) == [("car", 1.0)]


def test_a_word_missing_from_the_vectors_is_one_sentence(small):
    with pytest.raises(MissingTokenError) as error:
        small.nearest("truck")
    assert str(error.value) == "'truck' is not among the 5 words of small"
    with pytest.raises(MissingTokenError):
        small.vector("truck")


def test_the_zero_vector_has_no_neighbours(small):
    with pytest.raises(ValueError, match="zero vector"):
        small.nearest("zero")


def test_find_tries_lowercase_and_subword_marks(small):
    assert small.find("Cat") == 0
    assert small.find("▁dog") == 1
    assert small.find("##car") == 2
    assert small.find("truck") is None


def test_random_rows_are_seeded_and_stable_as_the_vocabulary_grows():
    a = EmbeddingMatrix.random(["x", "y"], 8, seed=3)
    b = EmbeddingMatrix.random(["x", "y", "z"], 8, seed=3)
    assert np.array_equal(a.vectors, b.vectors[:2])
    assert not np.array_equal(a.vectors, EmbeddingMatrix.random(["x", "y"], 8, seed=4).vectors)


def test_opening_reports_progress_and_can_be_cancelled():
    vectors = np.ones((50_000, 3), dtype=np.float32)
    tokens = [f"w{i}" for i in range(50_000)]
    seen = []
    EmbeddingMatrix(tokens, vectors, progress=Progress(lambda done, total: seen.append((done, total))))
    assert seen[-1] == (100_000, 100_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    stopping = Progress(lambda done, total: stopping.cancel())  # Cancel pressed at the first report
    with pytest.raises(Cancelled):
        EmbeddingMatrix(tokens, vectors, progress=stopping)


def test_the_glove_sample_ships_real_vectors():
    sample = load_glove_sample()
    assert sample.shape == (6000, 50)
    assert sample.cosine("cat", "dog") > sample.cosine("cat", "car")
    assert round(sample.cosine("cat", "dog"), 3) == 0.922
    assert "queen" in [w for w, _ in sample.analogy("king", "man", "woman", k=5)]


def test_the_built_in_word_vectors_table():
    from explorer.model import similarity
    from explorer.model.glove import lesson_words_table

    table = lesson_words_table()
    assert table.labels == ("cat", "dog", "car", "truck", "king", "queen")
    assert table.dimension_count == 50 and table.dimensions[49].name == "d50"
    m = similarity.cosine_matrix(table.values)
    assert round(m[0, 1], 3) == 0.922  # cat, dog
    assert round(m[0, 2], 3) == 0.364  # cat, car
    assert m[4, 5] > m[4, 0]  # king is closer to queen than to cat


def test_send_tokens_appends_when_dimensions_agree():
    table = VectorTable(["x"], ["d1", "d2"], [[1.0, 2.0]])
    command, said = send_tokens_command(table, ["cat", "x", " "], [[1, 0], [5, 5], [0, 1]])
    inverse = command.apply(table)
    assert table.labels == ("x", "cat", "␣")
    assert table.vector(1).tolist() == [1.0, 0.0]
    assert said == "Added 2 token vectors to the table (x already there)."
    inverse.apply(table)
    assert table.labels == ("x",)


def test_the_rows_of_tokens_already_in_the_table():
    from explorer.model.send_tokens import rows_in_table

    table = VectorTable(["cat", "␣", "x", "dog"], ["d1"], [[1.0], [2.0], [3.0], [4.0]])
    assert rows_in_table(table, ["dog", "␣", "bird", "cat"]) == [0, 1, 3]
    assert rows_in_table(table, []) == []


def test_send_tokens_of_another_dimension_count_replaces_only_when_asked():
    table = materials()
    table.metadata.insert_columns(0, ["density"], [["light", "dense", "light", "light", "dense"]])
    before = table.copy()
    sample = load_glove_sample()
    words = ["cat", "dog", "car", "truck", "king", "queen"]
    with pytest.raises(DimensionMismatch, match="have 2 dimensions and the embedding rows have 50"):
        send_tokens_command(table, words, sample.subset(words))
    command, said = send_tokens_command(table, words, sample.subset(words), replace=True)
    assert said.startswith("Replaced the table's 5 vectors of 2 dimensions with 6 token vectors of 50")
    inverse = command.apply(table)
    assert table.labels == tuple(words) and table.dimension_count == 50
    assert table.dimensions[0].name == "d1" and len(table.metadata) == 0  # the materials' density went too
    assert table.vector(0).tolist() == sample.vector("cat").tolist()
    inverse.apply(table)
    assert table.same_content(before)


def test_a_repeated_token_keeps_its_first_row():
    vectors = EmbeddingMatrix(["a", "b", "a"], [[1, 0], [0, 1], [5, 5]])
    assert vectors.row_of("a") == 0
    assert vectors.vector("a").tolist() == [1.0, 0.0]
