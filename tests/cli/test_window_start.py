"""Starting the whole program in a subprocess on the offscreen platform."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parents[2]


def run_explorer(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EXPLORER_EXIT_AFTER_SHOWN": "1",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_explorer_opens_the_window_on_the_built_in_materials(tmp_path):
    result = run_explorer(tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "shown\n"
    assert "Traceback" not in result.stderr


def test_explorer_file_opens_the_window_on_that_file(tmp_path):
    data = tmp_path / "words.csv"
    data.write_text("label,x,y\nking,0.9,0.8\nqueen,0.85,0.9\n")
    result = run_explorer(str(data), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    settings = list((tmp_path / ".config").rglob("*.conf"))
    assert settings and "words.csv" in settings[0].read_text()  # it became a recent file


def test_explorer_with_a_bad_file_opens_the_materials_and_says_where_in_a_dialog_and_on_stderr(tmp_path):
    """From a desktop launcher nobody reads stderr: the window opens anyway and a dialog says why."""
    data = tmp_path / "bad.csv"
    data.write_text("label,x,y\nking,0.9,oops\nqueen,1,2\n")
    result = run_explorer(str(data), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    # (the offscreen platform adds its own notes after it)
    assert result.stderr.splitlines()[0] == "explorer: bad.csv, line 2, column 3: 'oops' is refused: it is not a number"
    assert result.stdout.splitlines() == [
        "shown",
        "dialog: Could not open bad.csv, line 2, column 3: 'oops' is refused: it is not a number. "
        "The window shows the built-in materials A–E instead.",
    ]


def test_explorer_with_a_missing_file_opens_the_materials_and_says_so(tmp_path):
    result = run_explorer(str(tmp_path / "nowhere.csv"), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("explorer: nowhere.csv") and "Traceback" not in result.stderr
    shown, dialog = result.stdout.splitlines()
    assert shown == "shown" and dialog.startswith("dialog: Could not open nowhere.csv")
    assert dialog.endswith("The window shows the built-in materials A–E instead.")


def test_a_subcommand_with_a_bad_file_keeps_stderr_and_exit_code_1(tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("label,x,y\nking,0.9,oops\nqueen,1,2\n")
    result = run_explorer("similarity", str(data), tmp_path=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "explorer: bad.csv, line 2, column 3: 'oops' is refused: it is not a number"


def test_explorer_opens_a_glove_text_file(tmp_path):
    data = tmp_path / "glove.txt"
    data.write_text("king 0.9 0.8\nqueen 0.85 0.9\nking 1 1\n")
    result = run_explorer(str(data), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "shown\n" and "Traceback" not in result.stderr
