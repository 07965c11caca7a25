"""``explorer explain`` and ``explorer check``: output and exit codes."""

import pytest

from explorer.cli import main


def test_explain_prints_the_working(capsys):
    assert main(["explain", "A", "B"]) == 0
    out = capsys.readouterr().out
    assert "|A| = √(3² + 30²) = √909 = 30.15" in out
    assert "165 / (30.15 × 15.52) = 0.353" in out


def test_explain_metric_markdown_and_file(tmp_path, capsys):
    path = tmp_path / "v.csv"
    path.write_text("label,x,y\nP,1,-2\nQ,-3,4\n", encoding="utf-8")
    assert main(["explain", "P", "Q", str(path), "--metric", "dot", "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("### P and Q: dot product: P·Q = -11")
    assert "`P·Q = 1×(-3) + (-2)×4 = -3 + (-8) = -11`" in out


def test_explain_unknown_label(capsys):
    assert main(["explain", "A", "F"]) == 1  # bad input, not usage: the one exit-code rule
    err = capsys.readouterr().err
    assert err == (
        "explorer: there is no vector labelled 'F' in the built-in materials; its labels are A, B, C, D, E\n"
    )


@pytest.mark.parametrize(
    "claim, code, start",
    [
        ("D = 2.5 A", 0, "✅ true: D = 2.5 A — D = 2.5 × A"),
        ("E = 0.5*B", 0, "✅ true: E = 0.5*B"),
        ("C = A", 0, "≈ approximately true: C = A — similar, not equal"),
        ("E = 2.5 A", 1, "❌ false: E = 2.5 A — E has 2.5 × A's mass but 0.067 × its volume"),
    ],
)
def test_check_verdicts_and_exit_codes(claim, code, start, capsys):
    assert main(["check", claim]) == code
    assert capsys.readouterr().out.startswith(start)


def test_check_strict_fails_approximate_claims(capsys):
    assert main(["check", "C = A", "--strict"]) == 1


def test_check_errors_exit_2(tmp_path, capsys):
    assert main(["check", "D = A +"]) == 2
    assert capsys.readouterr().err == (
        "explorer: 'D = A +', column 8: expected a vector, a number or '(' after '+', found the end of the claim\n"
    )
    assert main(["check", "D = A", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err
