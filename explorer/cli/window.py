"""Starting the window from the command line, with a clear word when there is no display."""

from __future__ import annotations

import os
import sys

from explorer.cli.common import CliError


def display_available() -> bool:
    """False when Qt would have no screen to open a window on."""
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_window(path: str | None, recover: bool = False) -> int:
    """Open the main window on ``path`` (or the built-in materials) and run until it closes;
    ``recover`` restores the last unsaved work without asking."""
    if not display_available():
        raise CliError(
            "no display is available to open the window; the headless commands "
            "'explorer similarity', 'explorer export-heatmap' and 'explorer vocab' work without one "
            "(see 'explorer --help')"
        )
    from explorer.cli.platform_check import platform_problem, show_in_dialog

    problem = platform_problem()
    if problem is not None:
        if not (sys.stderr and sys.stderr.isatty()):  # started from a launcher: no terminal to read
            show_in_dialog(problem)
        raise CliError(problem)
    try:
        from explorer.qt.app.run import run_app
    except ImportError as error:
        raise CliError(f"the window cannot start because Qt is missing or broken ({error})") from None
    return run_app(path, recover)
