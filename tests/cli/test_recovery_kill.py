"""kill -9 after edits, then ``explorer --recover``: the real program, in subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parents[2]


def environment(tmp_path: Path, actions: list) -> dict:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        "XDG_DATA_HOME": str(tmp_path / ".local" / "share"),
        "PYTHONPATH": str(ROOT),
        "EXPLORER_TEST_ACTIONS": json.dumps(actions),
    }


def edit_then_kill(tmp_path: Path, *args: str, actions: list) -> None:
    """Start explorer, make the edits, wait until they are journaled, then SIGKILL it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", *args],
        cwd=tmp_path,
        env=environment(tmp_path, [*actions, {"journaled": True}]),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.strip() == "journaled" or not line:
                break
        assert line.strip() == "journaled", process.stderr.read() if process.poll() is not None else "no answer"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()


def recovered(tmp_path: Path) -> dict:
    """Start ``explorer --recover`` and read back what its window holds."""
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--recover"],
        cwd=tmp_path,
        env=environment(tmp_path, [{"report": True}, {"quit": True}]),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_kill_9_after_edits_then_recover_gives_back_the_edits_and_claims(tmp_path):
    edit_then_kill(
        tmp_path,
        actions=[
            {"set": [0, 0, 1e308]},
            {"set": [1, 1, 1e-308]},
            {"add_vector": "F"},
            {"set": [5, 0, -1e308]},
            {"claim": "F = -1 A"},
        ],
    )
    state = recovered(tmp_path)
    assert state["labels"] == ["A", "B", "C", "D", "E", "F"]
    assert state["values"][0] == [1e308, 30.0] and state["values"][1] == [15.0, 1e-308]
    assert state["values"][5] == [-1e308, 0.0]
    assert state["claims"][-1] == "F = -1 A" and len(state["claims"]) == 7
    assert state["modified"] is True and state["path"] is None


def test_kill_9_keeps_the_file_path_of_the_document(tmp_path):
    data = tmp_path / "words.csv"
    data.write_text("label,x,y\nking,0.9,0.8\nqueen,0.85,0.9\n")
    edit_then_kill(tmp_path, str(data), actions=[{"set": [1, 0, 2.5]}, {"claim": "queen = king"}])
    state = recovered(tmp_path)
    assert state["path"] == str(data.resolve())
    assert state["title"].startswith("words.csv") and state["modified"] is True
    assert state["values"] == [[0.9, 0.8], [2.5, 0.9]] and state["claims"] == ["queen = king"]
    again = recovered(tmp_path)  # quit without saving keeps the journal: still there next time
    assert again["values"] == [[0.9, 0.8], [2.5, 0.9]]


def test_recover_with_a_file_is_refused_in_one_sentence(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--recover", "x.csv"],
        cwd=tmp_path,
        env=environment(tmp_path, []),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "explorer: --recover opens the window on the last unsaved work; open the file from there afterwards\n"
    )
