"""``explorer similarity`` prints the lesson's numbers; failures are one sentence."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main

ROOT = Path(__file__).resolve().parents[2]


def parse(out: str):
    lines = out.strip().splitlines()
    header = lines[1].split()
    rows = {}
    for line in lines[2:]:
        parts = line.split()
        rows[parts[0]] = dict(zip(header, parts[1:]))
    return rows


def test_lesson_numbers_on_the_builtin_materials(capsys):
    assert main(["similarity"]) == 0
    rows = parse(capsys.readouterr().out)
    assert round(float(rows["A"]["B"]), 3) == 0.353
    assert rows["A"]["D"] == "1.00000" and rows["B"]["E"] == "1.00000"
    assert rows["A"]["C"] == "0.99994"
    assert round(float(rows["A"]["|v|"]), 2) == 30.15
    assert round(float(rows["B"]["|v|"]), 2) == 15.52


def test_angle_metric_gives_exact_zero_for_parallel(capsys):
    assert main(["similarity", "--metric", "angle", "--digits", "3"]) == 0
    rows = parse(capsys.readouterr().out)
    assert rows["B"]["E"] == "0.000" and rows["A"]["D"] == "0.000"


def test_zero_vector_prints_undefined(tmp_path, capsys):
    path = tmp_path / "z.csv"
    path.write_text("label,x,y\nZ,0,0\nA,3,30\n")
    assert main(["similarity", str(path)]) == 0
    rows = parse(capsys.readouterr().out)
    assert rows["Z"]["A"] == "undefined" and rows["A"]["A"] == "1.00000"


def test_bad_file_is_one_sentence_naming_line_and_column(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("label,x,y\nA,3,abc\nB,1,2\n")
    assert main(["similarity", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == "explorer: bad.csv, line 2, column 3: 'abc' is refused: it is not a number\n"


def test_subprocess_never_prints_a_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x00\x01binary")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "similarity", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "explorer: bad.csv: is not a text table: it holds binary data"
    assert "Traceback" not in result.stderr


def test_window_without_display_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "explorer"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "no display is available" in result.stderr
    assert "explorer similarity" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("argv", [["similarity", "--metric", "manhattan"], ["--bogus"], ["a.csv", "b.csv"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        code = main(argv)
        raise SystemExit(code)
    assert info.value.code == 2


def test_closed_pipe_is_not_an_error():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        f'"{sys.executable}" -m explorer similarity | head -1',
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.stdout == "cosine similarity of 5 vectors\n"
    assert "Traceback" not in result.stderr


def test_one_run_leaves_nothing_behind_for_the_next(capsys):
    # The parser is built once and kept: options given to one run, or a usage error, never reach the next.
    assert main(["similarity"]) == 0
    plain = capsys.readouterr().out
    assert main(["similarity", "--metric", "angle", "--digits", "3"]) == 0
    angles = capsys.readouterr().out
    assert main(["similarity", "--digits", "x"]) == 2
    assert "invalid int value" in capsys.readouterr().err
    assert main(["similarity"]) == 0
    assert capsys.readouterr().out == plain != angles
    assert parse(plain)["A"]["D"] == "1.00000" and parse(angles)["A"]["D"] == "0.000"
