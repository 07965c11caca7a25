"""Word analogies scored as gensim 4's evaluate_word_analogies scores them.

``data/analogies_sample.txt`` holds the first 12 questions of each section of
gensim's ``questions-words.txt`` (from word2vec) whose four words are in the
GloVe sample that ships with the program. The counts asserted below are what
gensim 4.4 gives on the same vectors (``KeyedVectors.evaluate_word_analogies(...,
restrict_vocab=N, case_insensitive=True)``); the full comparison over GloVe 6B
is tests/benchmarks/bench_analogies.py.
"""

from pathlib import Path

import numpy as np
import pytest

from explorer.model import analogies
from explorer.model.analogies import evaluate_analogies, parse_questions, read_questions
from explorer.model.formats import FormatError
from explorer.model.glove import load_glove_sample

SAMPLE = Path(__file__).parent / "data" / "analogies_sample.txt"


@pytest.fixture(scope="module")
def sample():
    return load_glove_sample()


@pytest.mark.parametrize(
    "restrict, correct, evaluated, first_sections",
    [
        (None, 91, 168, [("capital-common-countries", 9, 12), ("capital-world", 11, 12), ("currency", 1, 12)]),
        (6000, 91, 168, [("capital-common-countries", 9, 12), ("capital-world", 11, 12), ("currency", 1, 12)]),
        (2000, 10, 22, [("capital-common-countries", 0, 0), ("capital-world", 0, 0), ("currency", 1, 10)]),
        (500, 0, 0, [("capital-common-countries", 0, 0), ("capital-world", 0, 0), ("currency", 0, 0)]),
    ],
)
def test_the_counts_gensim_gives(sample, restrict, correct, evaluated, first_sections):
    report = evaluate_analogies(sample.tokens, sample.vectors, read_questions(SAMPLE), restrict)
    assert (report.correct, report.evaluated, report.evaluated + report.skipped) == (correct, evaluated, 168)
    assert [(s.name, s.correct, s.evaluated) for s in report.sections[:3]] == first_sections
    assert len(report.sections) == 14


def test_every_prediction_is_the_one_gensims_arithmetic_makes(sample, monkeypatch):
    sections = read_questions(SAMPLE)
    quick = evaluate_analogies(sample.tokens, sample.vectors, sections)
    # A margin of 2 decides every question step by step, as gensim computes it, one at a time.
    monkeypatch.setattr(analogies, "TIE_MARGIN", 2.0)
    slow = evaluate_analogies(sample.tokens, sample.vectors, sections)
    assert (slow.near_ties, slow.tie_changes) == (168, 0)  # the matrix product chose as gensim does
    assert quick.predictions == slow.predictions
    family = {p[1:4]: p[4:] for p in quick.predictions if p[0] == 4}
    assert family[("BOY", "GIRL", "KING")] == ("QUEEN", "QUEEN")  # boy : girl = king : queen
    assert family[("BOY", "GIRL", "BROTHER")] == ("SISTER", "COUSIN")  # a miss, as gensim misses it


def test_blocks_of_questions_give_the_same_answers(sample, monkeypatch):
    sections = read_questions(SAMPLE)
    whole = evaluate_analogies(sample.tokens, sample.vectors, sections)
    monkeypatch.setattr(analogies, "BLOCK_BYTES", 4 * 6000 * 7)  # seven questions a block
    assert evaluate_analogies(sample.tokens, sample.vectors, sections).predictions == whole.predictions


def test_words_that_upper_case_alike_count_as_the_first_and_are_all_left_out():
    # gensim's ok_vocab keeps the first of "Paris"/"paris"; neither may be the answer to a question naming it
    tokens = ["a", "b", "c", "Paris", "paris", "d"]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [1, 1, 0.1], [0, 1, 0.2], [0, 1.0, 0.21], [0.1, 1, 0]], dtype=np.float32)
    sections = parse_questions(": s\na b paris d\na b c paris\n")
    report = evaluate_analogies(tokens, vectors, sections)
    assert [p[5] for p in report.predictions] == ["D", "PARIS"]
    assert report.predictions[1][5] == "PARIS"  # "Paris" (row 3) stands for both spellings


def test_a_question_with_a_word_outside_the_first_n_is_skipped(sample):
    sections = parse_questions(": family\nking queen man woman\nboy girl brother sister\n")
    rows = [sample.index[w] for w in ("king", "queen", "man", "woman", "boy", "girl", "brother", "sister")]
    restrict = max(rows[:4]) + 1
    report = evaluate_analogies(sample.tokens, sample.vectors, sections, restrict)
    assert report.skipped == (1 if max(rows[4:]) >= restrict else 0)
    assert report.restrict == restrict


def test_reading_a_questions_file_as_gensim_does(tmp_path):
    notes: list[str] = []
    sections = parse_questions(
        "\n: first section \nAthens Greece Baghdad Iraq\nonly three words\n\n:nospace a b c\n"
        ": second\nx y z w extra\nX Y Z W\r\n",
        tmp_path / "q.txt",
        notes,
    )
    assert [(s.name, s.questions) for s in sections] == [
        ("first section", [("ATHENS", "GREECE", "BAGHDAD", "IRAQ"), (":NOSPACE", "A", "B", "C")]),
        ("second", [("X", "Y", "Z", "W")]),
    ]
    assert notes == ["q.txt: 2 line(s) without four words were skipped (line 4, 8)"]
    with pytest.raises(FormatError) as error:
        parse_questions("king queen man woman\n", tmp_path / "q.txt")
    assert str(error.value) == "q.txt, line 1, column 1: a question comes before the first ': section' line"
    with pytest.raises(FormatError, match="holds no ': section' line"):
        parse_questions("\n\n", tmp_path / "q.txt")
