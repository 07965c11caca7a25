"""The offscreen platform for the docs' screenshot scripts, with a screen larger than the window.

Qt's own offscreen screen is 800 x 800: the window, which fits itself to the screen at its first
start, would shrink to it. Before Qt is imported:
``os.environ.setdefault("QT_QPA_PLATFORM", large_screen())``.
"""

from __future__ import annotations

import json
import os
import tempfile


def large_screen(width: int = 1920, height: int = 1200) -> str:
    """The offscreen platform with a ``width`` x ``height`` screen (its description written to a file)."""
    path = os.path.join(tempfile.gettempdir(), f"vector-explorer-docs-screen-{width}x{height}.json")
    screen = {"name": "docs", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}
    with open(path, "w", encoding="utf-8") as stream:
        json.dump({"screens": [screen]}, stream)
    return f"offscreen:configfile={path}"
