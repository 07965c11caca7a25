"""Test set-up shared by every test: no display, no real settings on disk, the slowest tests first."""

from __future__ import annotations

import json
import os
import tempfile

import pytest

# The offscreen platform, with a 1920 x 1200 screen (its own default is 800 x 800, smaller than the
# window's 1440 x 900, which the window would shrink to fit at its first start).
_SCREEN = os.path.join(tempfile.gettempdir(), f"vector-explorer-test-screen-{os.getuid()}.json")
# Written whole, then renamed into place: the suite's workers (pytest-xdist) start at once, and one must
# never read the file while another is writing it.
with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(_SCREEN), suffix=".json", delete=False) as _stream:
    json.dump({"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96}]}, _stream)
os.replace(_stream.name, _SCREEN)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

# One thread for numpy's and scipy's OpenBLAS, in this process and the programs the tests start: the suite
# already runs one worker per core (pytest-xdist), and an OpenBLAS thread per core in each worker spins while it
# waits for the others (tests/model/test_sentences.py took 46 s of CPU with them on a busy machine, 7 s without).
# Set before numpy is first imported, which is after this file is read.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

#: Test files that take seconds each (the 2,000-action walk first), in the order they start.
SLOW_FIRST = (
    "tests/qt/test_random_actions.py",
    "tests/model/test_sentences.py",
    "tests/cli/test_recovery_kill.py",
    "tests/cli/test_export_heatmap.py",
    "tests/test_malformed_corpus.py",
    "tests/cli/test_window_start.py",
    "tests/model/test_tokenizers.py",
)


def pytest_collection_modifyitems(config, items):
    """Start the slowest tests first, dealt in turn to each worker, so that none is left running alone at the end.

    With ``--dist worksteal`` (pyproject's addopts), the k-th of W workers is given the k-th of W equal runs of
    the collection, and one that runs out takes the back of a busy one's queue: the slow test files go, in
    turn, to the fronts of the runs. Every worker sorts the same way, as xdist requires; the other tests keep
    their order.
    """
    rank = {path: i for i, path in enumerate(SLOW_FIRST)}
    ranked = [(rank.get(item.nodeid.split("::", 1)[0], len(SLOW_FIRST)), i) for i, item in enumerate(items)]
    slow = [items[i] for r, i in sorted(ranked) if r < len(SLOW_FIRST)]
    rest = [items[i] for r, i in ranked if r == len(SLOW_FIRST)]
    workers = max(1, int(getattr(config, "workerinput", {}).get("workercount", 1)))
    sizes, left = [], len(items)
    for k in range(workers):  # as xdist's worksteal scheduler splits the collection
        sizes.append(left // (workers - k))
        left -= sizes[-1]
    fronts = [[] for _ in range(workers)]  # whole files in turn, so that a file's module fixtures are made once
    for item in slow:
        fronts[rank[item.nodeid.split("::", 1)[0]] % workers].append(item)
    if any(len(front) > size for front, size in zip(fronts, sizes)):  # a handful of tests: slow first will do
        items[:] = slow + rest
        return
    ordered = []
    for front, size in zip(fronts, sizes):
        ordered += front + rest[: size - len(front)]
        del rest[: size - len(front)]
    items[:] = ordered


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep QSettings, the crash-recovery journals (XDG_DATA_HOME) and anything else under HOME / XDG
    off the real disk: each test has its own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    yield
