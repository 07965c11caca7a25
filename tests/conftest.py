"""Test set-up shared by every test: no display, no real settings on disk."""

from __future__ import annotations

import json
import os
import tempfile

import pytest

# The offscreen platform, with a 1920 x 1200 screen (its own default is 800 x 800, smaller than the
# window's 1440 x 900, which the window would shrink to fit at its first start).
_SCREEN = os.path.join(tempfile.gettempdir(), f"vector-explorer-test-screen-{os.getuid()}.json")
with open(_SCREEN, "w", encoding="utf-8") as _stream:
    json.dump({"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96}]}, _stream)
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Keep QSettings, the crash-recovery journals (XDG_DATA_HOME) and anything else under HOME / XDG
    off the real disk: each test has its own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    yield
