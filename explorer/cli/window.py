"""Starting the window from the command line, with a clear word when there is no display."""

from __future__ import annotations

import os
import sys

from explorer.cli.common import CliError

#: The model modules the window imports at start (with what they import): loaded before Qt, see run_window.
WINDOW_MODEL_MODULES = tuple(
    f"explorer.model.{name}"
    for name in [
        "builtin",
        "change_names",
        "claim_list",
        "constructions",
        "edits",
        "expression_working",
        "heatmap",
        "journal",
        "journal_recovery",
        "magnitudes",
        "metadata_commands",
        "most_similar",
        "neighbours",
        "nonlinear",
        "paste",
        "projection_store",
        "relations",
        "search",
        "view_state",
        "working_render",
    ]
)


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
    # The model first: PySide6 checks every module imported after it for its __feature__ switches
    # (reading each one's source), so what needs no Qt is imported before Qt: shown about 50 ms sooner.
    import importlib

    for name in WINDOW_MODEL_MODULES:
        importlib.import_module(name)

    try:
        from explorer.qt.app.run import run_app
    except ImportError as error:
        raise CliError(f"the window cannot start because Qt is missing or broken ({error})") from None
    return run_app(path, recover)
