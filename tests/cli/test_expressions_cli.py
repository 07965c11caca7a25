"""``explorer eval``, ``explorer check`` with sums, ``explorer neighbours`` of an expression, ``explorer analogies``."""

from pathlib import Path

import pytest

from explorer.cli import main
from explorer.model import glove

SAMPLE_QUESTIONS = Path(__file__).parents[1] / "model" / "data" / "analogies_sample.txt"


def test_eval_prints_the_vector_with_its_dimensions(capsys):
    assert main(["eval", "(A + C) / 2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "(A + C) / 2 = [3, 28.5]",
        "  mass (kg)   3",
        "  volume (l)  28.5",
        "  |v|         28.6575",
    ]


def test_eval_over_a_file_and_a_number(tmp_path, capsys):
    path = tmp_path / "words.csv"
    path.write_text('label,x,y\n"new york",1,2\nusa,0.5,0.5\nfrance,0.25,1\n', encoding="utf-8")
    assert main(["eval", '"new york" - usa + france', str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == '"new york" - usa + france = [0.75, 2.5]'
    assert main(["eval", "2 * 3"]) == 0
    assert capsys.readouterr().out == "2 * 3 = 6 (a number, not a vector)\n"


@pytest.mark.parametrize(
    "expression, message",
    [
        (
            "A B",
            "'A B', column 3: cannot multiply two vectors (A × B); a vector is multiplied by a number, as in 2.5 A",
        ),
        ("A +", "'A +', column 4: expected a vector, a number or '(' after '+', found the end of the expression"),
        ("F", "'F', column 1: there is no vector labelled 'F'; the labels are A, B, C, D, E"),
        (
            "1e308 A * 10",
            "'1e308 A * 10', column 7: 1e308 * A is too large to store (the largest number is about 1.8e308)",
        ),
    ],
)
def test_eval_refuses_in_one_sentence(expression, message, capsys):
    assert main(["eval", expression]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"explorer: {message}\n" and captured.out == ""


@pytest.mark.parametrize(
    "claim, code, start",
    [
        ("A + E = C", 1, "❌ false: A + E = C — A + E = [10.5 kg, 32 l] but C = [3 kg, 27 l]"),
        ("E = B - E", 0, "✅ true: E = B - E — E = B - E = [7.5 kg, 2 l]"),
        ("2*B - B = B", 0, "✅ true: 2*B - B = B"),
        ("D = A + A + A/2", 0, "✅ true: D = A + A + A/2 — D = A + A + A/2 = [7.5 kg, 75 l]"),
        ("(A + C)/2 = C", 0, "≈ approximately true: (A + C)/2 = C — similar, not equal"),
    ],
)
def test_check_sums_and_differences(claim, code, start, capsys):
    assert main(["check", claim]) == code
    assert capsys.readouterr().out.startswith(start)


def test_check_exit_2_when_a_claim_cannot_be_computed(capsys):
    assert main(["check", "D = A B"]) == 2
    assert "cannot multiply two vectors" in capsys.readouterr().err


def test_neighbours_of_an_expression_over_a_file(capsys):
    path = Path(__file__).parents[2] / "resources" / "materials.csv"
    assert main(["neighbours", "(A + E)/2", str(path), "--metric", "euclidean", "-k", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "nearest 2 of 5 vectors to '(A + E) / 2' by Euclidean distance (materials.csv; A and E left out)",
        "  1  C  11.2278",
        "  2  B  15.4616",
    ]


def test_neighbours_of_king_minus_man_plus_woman_from_the_sample(capsys):
    assert main(["neighbours", "king - man + woman", "-k", "2", "--sample"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "nearest 2 of 6,000 words to 'king - man + woman' by cosine similarity "
        "(GloVe sample; unit vectors, as gensim's most_similar; king, man and woman left out)",
        "  1  queen   0.8524",
        "  2  prince  0.7592",
    ]


@pytest.mark.skipif(not glove.glove_available(), reason=glove.INSTALL_HINT)
def test_king_minus_man_plus_woman_is_queen_over_glove_6b(capsys):
    assert main(["neighbours", "king - man + woman", "-k", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == ["1", "queen", "0.8524"]


def test_analogies_over_the_sample(capsys):
    assert main(["analogies", str(SAMPLE_QUESTIONS), "--sample", "--restrict", "2000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "analogies from analogies_sample.txt over GloVe sample, the first 2,000 words"
    assert out[1] == "capital-common-countries: 0 / 0 correct (0.0%)"
    assert out[3] == "currency: 1 / 10 correct (10.0%)"
    assert out[-2] == "skipped 146 of 168 questions with a word that is not among the first 2,000 words"
    assert out[-1] == "total: 10 / 22 correct (45.5%)"


def test_analogies_refuses_in_one_sentence(tmp_path, capsys):
    assert main(["analogies", str(tmp_path / "missing.txt"), "--sample"]) == 1
    assert capsys.readouterr().err == "explorer: missing.txt: no such file\n"
    bad = tmp_path / "bad.txt"
    bad.write_text("king queen man woman\n", encoding="utf-8")
    assert main(["analogies", str(bad), "--sample"]) == 1
    assert capsys.readouterr().err == (
        "explorer: bad.txt, line 1, column 1: a question comes before the first ': section' line\n"
    )
    assert main(["analogies", str(SAMPLE_QUESTIONS), "--sample", "--restrict", "0"]) == 2
