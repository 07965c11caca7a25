"""The real GloVe 6B 50d vectors (the `glove` extra; CI installs it with the `test` extra)."""

import numpy as np
import pytest

from explorer.model import glove
from explorer.model.vocabulary import MissingTokenError

pytestmark = pytest.mark.skipif(not glove.glove_available(), reason=glove.INSTALL_HINT)


@pytest.fixture(scope="module")
def vectors():
    return glove.load_glove()


def test_glove_is_400000_words_of_50_numbers_memory_mapped(vectors):
    assert vectors.shape == (400_000, 50)
    assert isinstance(vectors.vectors, np.memmap)
    assert vectors.tokens[:3] == ["the", ",", "."]
    assert vectors.row_of("king") == 691


def test_neighbours_of_king_include_queen_or_prince(vectors):
    words = [w for w, _ in vectors.nearest("king", k=10)]
    assert "queen" in words or "prince" in words
    assert words[0] == "prince"
    assert round(vectors.nearest("king", 1)[0][1], 3) == 0.824


def test_king_minus_man_plus_woman_is_queen(vectors):
    top5 = [w for w, _ in vectors.analogy("king", "man", "woman", k=5)]
    assert "queen" in top5
    assert top5[0] == "queen"


def test_cat_is_closer_to_dog_than_to_car(vectors):
    assert vectors.cosine("cat", "dog") > vectors.cosine("cat", "car")
    assert round(vectors.cosine("cat", "dog"), 3) == 0.922
    assert round(vectors.cosine("cat", "car"), 3) == 0.364


def test_a_word_missing_from_glove(vectors):
    with pytest.raises(MissingTokenError) as error:
        vectors.nearest("qwzxqwzx")
    assert str(error.value) == "'qwzxqwzx' is not among the 400,000 words of GloVe 6B 50d"


def test_the_sample_agrees_with_the_package(vectors):
    sample = glove.load_glove_sample()
    assert np.array_equal(sample.vector("queen"), vectors.vector("queen"))


def test_opening_reports_progress_and_stops_when_cancelled():
    from explorer.model.progress import Cancelled, Progress

    reports = []
    glove.load_glove(Progress(lambda done, total: reports.append((done, total))))
    assert reports[-1] == (800_000, 800_000)  # the row lengths, then the word index
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)

    stopping = Progress(lambda done, total: stopping.cancel() if done >= 200_000 else None)
    with pytest.raises(Cancelled):
        glove.load_glove(stopping)
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):  # cancelled before it began: nothing is opened
        glove.load_glove(cancelled)
