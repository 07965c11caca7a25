"""300+ malformed files through the reader, the command line and the window's reading path.

Each is answered with a whole document or one sentence: no traceback, no
hang (every read has a timeout), nothing unpickled. A document that opens
can be saved as JSON and CSV and read back. All files go through the model's
reader (what File > Open runs on its worker thread) and the in-process
command line; the most hostile (a pipe, a device, deep nesting, a pickle, a
zip bomb) go through real ``explorer`` processes, and two of each category
through the window's own background reader.
Run ``pytest -s tests/test_malformed_corpus.py`` to see the outcomes by category.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.model.formats import FormatError, read_by_suffix, read_table, write_table_bytes
from tests.malformed_corpus import Case, build_corpus

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 20


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Case]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(autouse=True)
def _in_the_corpus_folder(corpus, monkeypatch):
    # A pickle that ran would create UNPICKLED in the working folder.
    monkeypatch.chdir(corpus[0].path.parent)
    yield
    assert not (corpus[0].path.parent / "UNPICKLED").exists(), "a pickle was loaded"


@pytest.fixture(scope="module")
def outcomes(corpus) -> dict[Path, dict]:
    """What reading each file gave (see :func:`_read`)."""
    return {case.path: _read(case.path) for case in corpus}


def _read(path: Path) -> dict:
    """Read on a worker thread, as File > Open does; what came out, within TIMEOUT seconds."""
    outcome: dict = {}

    def work():
        try:
            outcome["document"] = read_by_suffix(path, outcome.setdefault("notes", []))
        except FormatError as error:
            outcome["sentence"] = str(error)
        except BaseException as error:  # noqa: BLE001 - the test reports whatever escaped
            outcome["escaped"] = f"{type(error).__name__}: {error}"

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    if worker.is_alive():
        outcome["escaped"] = "hang"
    return outcome


def _one_sentence(text: str) -> bool:
    return bool(text) and "\n" not in text.strip() and "Traceback" not in text and len(text) < 400


def test_every_file_is_a_document_or_one_sentence(corpus, outcomes, tmp_path):
    counts: Counter = Counter()
    failures = []
    for case in corpus:
        result = outcomes[case.path]
        if "escaped" in result:
            failures.append(f"{case.path.name}: {result['escaped']}")
        elif "sentence" in result:
            counts[case.category, "one sentence"] += 1
            if not _one_sentence(result["sentence"]):
                failures.append(f"{case.path.name}: not one sentence: {result['sentence'][:200]!r}")
        else:
            counts[case.category, "document"] += 1
            document = result["document"]
            for suffix in (".json", ".csv"):  # whatever opens can be saved and read back
                saved = tmp_path / f"saved{suffix}"
                saved.write_bytes(write_table_bytes(document.table, suffix, document.view))
                try:
                    back = read_table(saved)
                except FormatError as error:
                    failures.append(f"{case.path.name}: saved as {suffix}, it does not open again: {error}")
                    continue
                if not (back.labels == document.table.labels and back.dimensions == document.table.dimensions):
                    failures.append(f"{case.path.name}: saved as {suffix}, labels or dimensions came back changed")
                elif back.metadata.items() != document.table.metadata.items():
                    failures.append(f"{case.path.name}: saved as {suffix}, its metadata came back changed")
    categories = sorted({case.category for case in corpus})
    print(f"\n{len(corpus)} files in {len(categories)} categories")
    for category in categories:
        print(
            f"  {category:14} {counts[category, 'document']:4} documents  "
            f"{counts[category, 'one sentence']:4} one sentence"
        )
    assert not failures, "\n".join(failures)
    assert len(corpus) >= 300 and len(categories) >= 15


def test_the_command_line_answers_every_file(corpus, outcomes, tmp_path, capsys):
    # Every file through `similarity`; `export-heatmap` reads the same way, so it gets every file
    # that opens and one refused file of each category.
    opened = {path for path, outcome in outcomes.items() if "document" in outcome}
    exported = opened | {case.path for case in _one_per_category(corpus)}
    failures = []
    for case in corpus:
        runs = [["similarity", str(case.path)]]
        if case.path in exported:
            runs.append(["export-heatmap", str(case.path), "-o", str(tmp_path / "h.csv")])
        for argv in runs:
            outcome: dict = {}

            def run(argv=argv, outcome=outcome):
                outcome["code"] = main(argv)

            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            worker.join(TIMEOUT)
            _out, err = capsys.readouterr()
            if worker.is_alive():
                failures.append(f"{argv[0]} {case.path.name}: hangs")
            elif outcome.get("code") not in (0, 1):
                failures.append(f"{argv[0]} {case.path.name}: exit code {outcome.get('code')} ({err.strip()[:100]})")
            elif outcome["code"] == 1 and not _refusal(err):
                failures.append(f"{argv[0]} {case.path.name}: {err[:200]!r}")
    assert not failures, "\n".join(failures)


def _refusal(err: str) -> bool:
    """One sentence on stderr, after any notes (an encoding guessed, repeated words left out)."""
    *notes, last = err.strip().split("\n")
    return all(note.startswith("note: ") for note in notes) and last.startswith("explorer: ") and _one_sentence(last)


def _one_per_category(corpus, count=1) -> list[Case]:
    chosen: dict[str, list[Case]] = {}
    for case in corpus:
        if len(chosen.setdefault(case.category, [])) < count:
            chosen[case.category].append(case)
    return [case for cases in chosen.values() for case in cases]


def test_real_processes_answer_in_one_sentence(corpus, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    by_name = {case.path.name: case for case in corpus}
    pipe, zero, good = by_name["pipe.csv"], by_name["zero.npy"], by_name["001-encodings.csv"]
    # The most hostile of their kinds: 100,000-deep JSON, a zip bomb of words, a pickle.
    first = {category: next(c for c in corpus if c.category == category) for category in ("nesting", "pickles")}
    bomb = next(c for c in corpus if c.category == "archives" and b"U1000000" in c.path.read_bytes())
    runs = [["similarity", str(case.path)] for case in (pipe, zero, first["nesting"], first["pickles"], bomb)]
    runs += [
        ["export-heatmap", str(good.path), "-o", str(tmp_path / "good.png"), "--size", "300x200"],
        ["export-heatmap", str(pipe.path), "-o", str(tmp_path / "pipe.png")],
    ]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "explorer", *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for argv in runs
    ]
    failures = []
    for argv, process in zip(runs, processes):
        try:
            _out, err = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            failures.append(f"{' '.join(argv)}: hangs")
            continue
        text = err.decode("utf-8", "replace")
        if process.returncode not in (0, 1) or (process.returncode and not _refusal(text)):
            failures.append(f"{' '.join(argv)}: exit {process.returncode}: {text[:300]!r}")
    assert not failures, "\n".join(failures)
    assert (tmp_path / "good.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_windows_reading_path_answers_in_one_sentence(corpus, outcomes, qapp):
    from explorer.qt.app.files import read_in_background

    for case in _one_per_category(corpus, 2) + [c for c in corpus if c.path.name == "pipe.npz"]:
        result = read_in_background(case.path, delay_ms=60_000)
        expected = outcomes[case.path]
        if result.document is None:
            assert result.error == expected.get("sentence"), case.path.name
        else:
            assert result.document.table.same_content(expected["document"].table), case.path.name
