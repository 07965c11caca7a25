"""The command line's shared rules: --version, [FILE] in the usage, one exit-code rule, safe output.

Exit codes: 0 ok, 1 bad input or failed output, 2 usage; ``check`` keeps its
own (0 true or ≈, 1 false, 2 cannot check, a missing file included).
"""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

import explorer
from explorer.cli import main
from tests.cli.run import in_process, real_processes

ROOT = Path(__file__).resolve().parents[2]


def run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's --help
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, err = run(["--version"], capsys)
    assert (code, out, err) == (0, f"explorer {explorer.__version__}\n", "")


def test_usage_lines_show_the_optional_file(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    usage = out.split("\n\n")[0]
    assert "explorer [FILE]" in usage and "explorer COMMAND" in usage and "--version" in out
    for command in ("similarity", "export-heatmap", "explain", "check", "eval", "neighbours", "analogies"):
        code, out, _ = run([command, "--help"], capsys)
        assert code == 0 and "[FILE]" in out.split("\n\n")[0], command
    code, out, _ = run(["project", "--help"], capsys)  # project needs its file
    assert code == 0 and out.split("\n\n")[0].endswith(" FILE")


@pytest.fixture
def files(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("label,x,y\nA,3,abc\nB,1,2\n")
    good = tmp_path / "good.csv"
    good.write_text("label,x,y\nA,3,30\nB,15,4\n")
    questions = tmp_path / "questions.txt"
    questions.write_text(": family\nking queen man woman\n")
    return {
        "bad": str(bad),
        "good": str(good),
        "missing": str(tmp_path / "missing.csv"),
        "questions": str(questions),
        "tmp": tmp_path,
    }


#: (argv, expected exit code): ok, bad input or failed output, usage, for every subcommand.
CASES = [
    (["similarity"], 0),
    (["similarity", "{bad}"], 1),
    (["similarity", "{missing}"], 1),
    (["similarity", "--metric", "manhattan"], 2),
    (["similarity", "--digits", "40"], 2),
    (["similarity", "--first", "1"], 2),
    (["similarity", "-o", "{tmp}/no/such/folder/s.txt"], 1),
    (["export-heatmap", "-o", "{tmp}/h.csv"], 0),
    (["export-heatmap", "{bad}", "-o", "{tmp}/h.csv"], 1),
    (["export-heatmap", "-o", "{tmp}/no/such/folder/h.csv"], 1),
    (["export-heatmap", "-o", "{tmp}/h.xlsx"], 1),
    (["export-heatmap"], 2),
    (["export-heatmap", "-o", "{tmp}/h.csv", "--size", "big"], 2),
    (["explain", "A", "B"], 0),
    (["explain", "A", "F"], 1),
    (["explain", "A", "B", "{bad}"], 1),
    (["explain", "A"], 2),
    (["check", "D = 2.5 A"], 0),
    (["check", "C = A"], 0),
    (["check", "E = 2.5 A"], 1),
    (["check", "C = A", "--strict"], 1),
    (["check", "D = A +"], 2),
    (["check", "D = A", "{missing}"], 2),
    (["check"], 2),
    (["vocab", "hello"], 0),
    (["vocab", "   "], 1),
    (["vocab", "hello", "--tokenizer", "{missing}", "--level", "subword"], 1),
    (["vocab", "hello", "--vocab-size", "5"], 2),
    (["vocab", "hello", "--level", "sentence"], 2),
    (["eval", "(A + C) / 2"], 0),
    (["eval", "A +"], 1),
    (["eval", "A", "{missing}"], 1),
    (["eval"], 2),
    (["analogies", "{questions}", "--sample"], 0),
    (["analogies", "{missing}", "--sample"], 1),
    (["analogies", "{questions}", "--sample", "--restrict", "0"], 2),
    (["project", "{good}", "--method", "pca", "-o", "{tmp}/p.csv"], 0),
    (["project", "{bad}", "--method", "pca", "-o", "{tmp}/p.csv"], 1),
    (["project", "{good}", "--method", "pca", "-o", "{tmp}/no/such/folder/p.csv"], 1),
    (["project", "{good}", "--method", "mds", "-o", "{tmp}/p.csv"], 2),
    (["sentences", "{tmp}/missing.txt", "--similarity"], 1),
    (["sentences", "a b"], 2),
    (["sentences", "a", "--similarity", "--digits", "40"], 2),
    (["sentences"], 2),
    (["neighbours", "king", "--sample"], 0),
    (["neighbours", "qwertyuiop", "--sample"], 1),
    (["neighbours", "king", "--sample", "-k", "0"], 2),
    (["frobnicate"], 2),
    (["a.csv", "b.csv"], 2),
]


@pytest.mark.parametrize("argv, expected", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_one_exit_code_rule_for_every_subcommand(argv, expected, files, capsys):
    argv = [a.format(**files) for a in argv]
    code, _out, err = run(argv, capsys)
    assert code == expected, err
    if (expected != 0 and argv[0] != "check") or expected == 2:
        assert err.startswith("explorer") and err.count("\n") == 1 and "Traceback" not in err, err


def test_a_usage_error_is_one_sentence_that_points_to_help(capsys):
    code, _out, err = run(["similarity", "--metric", "manhattan"], capsys)
    assert code == 2
    choices = err.split("(choose from ")[1].split(")")[0].replace("'", "")  # Python 3.12.8 dropped the quotes
    assert choices == "cosine, dot, euclidean, angle"
    assert err.startswith("explorer similarity: argument --metric: invalid choice: 'manhattan' (choose from ")
    assert err.endswith("); see 'explorer similarity --help'\n") and err.count("\n") == 1


# ------------------------------------------------------------- output safety
def test_control_characters_in_labels_are_escaped_on_the_terminal(tmp_path, capsys):
    path = tmp_path / "hostile.csv"
    path.write_text("label,x,y\n\x1b]0;pwned\x07A,3,30\nB\x1b[2J,15,4\n", encoding="utf-8")
    code, out, _ = run(["similarity", str(path)], capsys)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07A" in out and "B\\x1b[2J" in out
    code, _, err = run(["explain", "A\x1b[31m", "B", str(path)], capsys)
    assert code == 1 and "\x1b" not in err and "'A\\x1b[31m'" in err
    code, out, _ = run(["explain", "\x1b]0;pwned\x07A", "B\x1b[2J", str(path)], capsys)
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_a_file_name_with_control_characters_is_escaped(tmp_path, capsys):
    path = tmp_path / "evil\x1b[2J.csv"
    path.write_text("label,x\nA,oops\n")
    code, _, err = run(["similarity", str(path)], capsys)
    assert code == 1 and "\x1b" not in err and "evil\\x1b[2J.csv, line 2, column 2" in err


# -------------------------------------------------------------- what it says
def test_export_heatmap_says_what_it_wrote(tmp_path, capsys):
    code, out, _ = run(["export-heatmap", "-o", str(tmp_path / "scores.csv")], capsys)
    size = (tmp_path / "scores.csv").stat().st_size
    assert (code, out) == (0, f"wrote {tmp_path / 'scores.csv'} (CSV of the scores, 5 x 5, {size} bytes)\n")
    code, out, _ = run(["export-heatmap", "-o", str(tmp_path / "pairs.csv"), "--long"], capsys)
    assert out.startswith(f"wrote {tmp_path / 'pairs.csv'} (CSV of the scores, 15 pairs, ")


def test_export_heatmap_png_says_its_pixels(tmp_path, qapp):
    out = tmp_path / "heat.png"
    result = in_process("export-heatmap", "-o", str(out), "--size", "400x300")
    size = out.stat().st_size
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (PNG image, 400 x 300 pixels, {size / 1e3:.3g} kB)\n"


def _many(tmp_path, n=60) -> Path:
    path = tmp_path / "many.csv"
    path.write_text("label,x,y\n" + "".join(f"v{i},{i},{i + 1}\n" for i in range(n)))
    return path


def test_similarity_of_more_than_50_vectors_asks_for_a_file_on_a_terminal(tmp_path, monkeypatch, capsys):
    path = _many(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(["similarity", str(path)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "explorer: many.csv holds 60 vectors, a 60 x 60 matrix too large to read on a terminal; write it to a "
        "file with -o FILE (.txt or .csv), or show the first vectors with --first 50\n"
    )
    assert run(["similarity", str(path), "--first", "50"], capsys)[0] == 0


def test_similarity_of_many_vectors_still_prints_when_piped(tmp_path, capsys):
    code, out, _ = run(["similarity", str(_many(tmp_path))], capsys)
    assert code == 0 and out.startswith("cosine similarity of 60 vectors\n") and out.count("\n") == 62


def test_similarity_writes_text_or_csv_with_o(tmp_path, capsys):
    path = _many(tmp_path)
    code, out, _ = run(["similarity", str(path), "-o", str(tmp_path / "s.txt")], capsys)
    text = (tmp_path / "s.txt").read_text()
    assert code == 0 and text.startswith("cosine similarity of 60 vectors\n")
    assert out == f"wrote {tmp_path / 's.txt'} (cosine similarity of 60 vectors, text, {len(text) / 1e3:.3g} kB)\n"
    code, out, _ = run(["similarity", "-o", str(tmp_path / "s.csv"), "--metric", "dot"], capsys)
    rows = (tmp_path / "s.csv").read_text().splitlines()
    assert code == 0 and rows[0] == "dot product,A,B,C,D,E" and rows[1].split(",")[:3] == ["A", "909.0", "165.0"]


def test_the_terminal_check_in_a_real_terminal(tmp_path):
    path = _many(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "similarity", str(path)],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
    )
    os.close(follower)
    os.close(leader)
    assert result.returncode == 2
    assert b"too large to read on a terminal" in result.stderr


def test_dot_products_beside_a_huge_vector_and_an_overflow(tmp_path, capsys):
    path = tmp_path / "edge.csv"
    path.write_text("label,mass,volume\nA,3,30\nB,15,4\nZ,-1e200,5\n")
    code, out, _ = run(["similarity", str(path), "--metric", "dot"], capsys)
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    assert code == 0
    assert rows["A"][:2] == ["909.00000", "165.00000"]  # not 0, as when the table's largest value scaled every pair
    assert rows["Z"][2] == "overflow"


def test_written_files_keep_their_permissions(tmp_path, capsys):
    for argv in (["export-heatmap", "-o"], ["similarity", "-o"], ["similarity", "--metric", "dot", "-o"]):
        target = tmp_path / "private.csv"
        target.write_text("old")
        target.chmod(0o600)
        assert run([*argv, str(target)], capsys)[0] == 0
        assert target.stat().st_mode & 0o777 == 0o600 and target.read_text() != "old"
        assert [p.name for p in tmp_path.iterdir()] == ["private.csv"]  # no part file left


def test_a_range_or_centre_below_zero_needs_no_equals_sign(tmp_path, capsys):
    from explorer.cli import join_negative_values

    assert join_negative_values(["x", "--range", "-1:1", "--centre", "-.5", "--", "--range", "-1:1"]) == [
        "x",
        "--range=-1:1",
        "--centre=-.5",
        "--",
        "--range",
        "-1:1",
    ]
    materials = str(ROOT / "resources" / "materials.csv")
    out = tmp_path / "heat.svg"
    code, _, err = run(["export-heatmap", materials, "-o", str(out), "--range", "-1:1", "--centre", "-0.2"], capsys)
    assert (code, err) == (0, "")
    assert out.stat().st_size > 0


def test_an_expression_that_starts_with_a_minus_is_told_to_go_after_the_double_dash(capsys):
    materials = str(ROOT / "resources" / "materials.csv")
    code, _, err = run(["neighbours", "-A", materials], capsys)
    assert code == 2 and "'--'" in err and err.count("\n") == 1
    code, out, _ = run(["neighbours", "--", "-A", materials], capsys)
    assert code == 0 and out.splitlines()[1].split()[:2] == ["1", "B"]


#: A refusal of each subcommand that no other test starts as a real process (similarity, vocab, project and
#: export-heatmap have theirs): the words its one sentence holds, and its exit code.
REAL_REFUSALS = [
    (["explain", "A", "Z"], 1, "there is no vector labelled 'Z' in the built-in materials"),
    (["check", "A + E = C", "nosuch.csv"], 2, "nosuch.csv: no such file"),
    (["eval", "A +"], 1, "expected a vector, a number or '(' after '+'"),
    (["neighbours", "Z", str(ROOT / "resources" / "materials.csv")], 1, "there is no vector labelled 'Z'"),
    (["analogies", "nosuch.txt"], 1, "nosuch.txt: no such file"),
    (["sentences", "--model", "nosuch", "--tokens", "I love pizza."], 1, "nosuch is not a folder"),
]


def test_every_other_subcommand_refuses_in_one_sentence_from_a_real_process(tmp_path):
    results = real_processes(*(argv for argv, _code, _words in REAL_REFUSALS), cwd=tmp_path, display=False)
    for (argv, code, words), result in zip(REAL_REFUSALS, results):
        assert (result.returncode, result.stdout) == (code, ""), (argv, result.stderr)
        assert result.stderr.startswith("explorer: ") and result.stderr.count("\n") == 1, (argv, result.stderr)
        assert words in result.stderr and "Traceback" not in result.stderr, (argv, result.stderr)
