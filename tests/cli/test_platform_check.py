"""The window's start on Linux when Qt's platform plugin cannot load: one sentence that says what to
install (Debian/Ubuntu and Fedora), never Qt's own abort. The missing library is faked with an
``ldd`` of our own on PATH, as the dynamic linker would report it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import platform_check

pytest.importorskip("PySide6")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")

ROOT = Path(__file__).resolve().parents[2]


def fake_ldd(tmp_path: Path, missing_for: dict[str, list[str]]) -> Path:
    """An ``ldd`` that reports ``missing_for[plugin file name]`` as not found."""
    script = tmp_path / "bin" / "ldd"
    script.parent.mkdir(exist_ok=True)
    cases = "\n".join(
        f'  *{name}) printf "%b" "{"".join(f"	{lib} => not found" + chr(92) + "n" for lib in libs)}";;'
        for name, libs in missing_for.items()
    )
    script.write_text(f'#!/bin/sh\ncase "$1" in\n{cases}\nesac\necho "	libc.so.6 => /lib/libc.so.6"\n')
    script.chmod(0o755)
    return script


def test_a_missing_xcb_library_is_named_with_the_packages_to_install(tmp_path):
    ldd = fake_ldd(tmp_path, {"libqxcb.so": ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]})
    sentence = platform_check.platform_problem({"QT_QPA_PLATFORM": "xcb"}, str(ldd))
    assert sentence == (
        "the window cannot start: Qt's 'xcb' platform plugin needs libxcb-cursor.so.0, libxcb-icccm.so.4, "
        "which this system lacks; install them with sudo apt install libxcb-cursor0 libxcb-icccm4 "
        "(Debian, Ubuntu) or sudo dnf install xcb-util-cursor xcb-util-wm (Fedora)"
    )


def test_nothing_is_said_when_the_libraries_are_there_or_no_window_system_is_used(tmp_path):
    ldd = fake_ldd(tmp_path, {})
    assert platform_check.platform_problem({"QT_QPA_PLATFORM": "xcb"}, str(ldd)) is None
    broken = fake_ldd(tmp_path, {"libqxcb.so": ["libxcb-cursor.so.0"]})
    assert platform_check.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, str(broken)) is None


def test_a_wayland_session_starts_on_wayland_even_when_x11_libraries_are_missing(tmp_path):
    ldd = fake_ldd(tmp_path, {"libqxcb.so": ["libxcb-cursor.so.0"]})
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert platform_check.chosen_platforms(wayland) == ["wayland", "xcb"]
    assert platform_check.platform_problem(wayland, str(ldd)) is None
    # ... and X11 is the fallback when Wayland's own libraries are missing.
    both = fake_ldd(tmp_path, {"libqwayland.so": ["libwayland-cursor.so.0"]})
    assert platform_check.platform_problem(wayland, str(both)) is None


def test_explorer_says_what_to_install_instead_of_aborting(tmp_path):
    fake_ldd(tmp_path, {"libqxcb.so": ["libxcb-keysyms.so.1"]})
    env = {
        **os.environ,
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":97",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / ".config"),
        "PYTHONPATH": str(ROOT),
        "EXPLORER_NO_DIALOG": "1",
    }
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "explorer"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "explorer: the window cannot start: Qt's 'xcb' platform plugin needs libxcb-keysyms.so.1, which this "
        "system lacks; install it with sudo apt install libxcb-keysyms1 (Debian, Ubuntu) or sudo dnf install "
        "xcb-util-keysyms (Fedora)"
    )
