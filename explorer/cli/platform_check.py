"""Before the window starts on Linux: can Qt's platform plugin load here?

Qt 6.5 and newer need X11 helper libraries (``libxcb-cursor0``, ``libxcb-icccm4``,
``libxcb-keysyms1`` …) that many desktops lack. Without them Qt prints "Could not
load the Qt platform plugin "xcb"" and aborts the process, which tells a user
nothing about what to install. So before the QApplication exists we ask the
dynamic linker (``ldd``) which libraries the plugin Qt will choose cannot be
found, and say in one sentence which packages to install on Debian/Ubuntu and
on Fedora. Where a desktop dialog tool is at hand (zenity, kdialog, xmessage)
the same sentence is shown in a dialog, since a program started from a
launcher has no terminal.

It costs one ``ldd`` run (a few milliseconds) and only on Linux, only for the
real window (not the offscreen platform the tests and the headless commands
use).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Library file -> (Debian/Ubuntu package, Fedora package).
PACKAGES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}

#: Platforms that need no window system (nothing to check).
HEADLESS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def chosen_platforms(environ: dict[str, str] | None = None) -> list[str]:
    """The platform plugins Qt will try, in order (``QT_QPA_PLATFORM`` may list several, ';'-separated)."""
    env = os.environ if environ is None else environ
    asked = env.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return [name.split(":")[0].strip() for name in asked.split(";") if name.strip()]
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "") == "wayland":
        return ["wayland", "xcb"]  # Qt 6 prefers Wayland in a Wayland session and falls back to X11
    return ["xcb"]


def plugin_file(platform: str) -> Path | None:
    """The plugin library of ``platform`` inside the installed PySide6, or None when not found."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / f"libq{platform}.so"
    return path if path.is_file() else None


def missing_libraries(plugin: Path, ldd: str | None = None) -> list[str]:
    """The libraries the dynamic linker cannot find for ``plugin`` (its dependencies' too)."""
    ldd = ldd or shutil.which("ldd")
    if ldd is None:
        return []
    try:
        listed = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    missing = []
    for line in listed.splitlines():
        name, _, where = line.strip().partition("=>")
        if "not found" in where and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def install_sentence(missing: list[str], platform: str = "xcb") -> str:
    """One sentence: what is missing and the commands that install it on Debian/Ubuntu and Fedora."""
    debian = sorted({PACKAGES.get(name, (_guess_debian(name), ""))[0] for name in missing})
    fedora = sorted({PACKAGES[name][1] for name in missing if name in PACKAGES})
    how = f"sudo apt install {' '.join(debian)}"
    if fedora:
        how += f" (Debian, Ubuntu) or sudo dnf install {' '.join(fedora)} (Fedora)"
    return (
        f"the window cannot start: Qt's '{platform}' platform plugin needs {', '.join(missing)}, "
        f"which this system lacks; install {'it' if len(missing) == 1 else 'them'} with {how}"
    )


def _guess_debian(library: str) -> str:
    """A Debian package name for a library not in :data:`PACKAGES` (libfoo.so.1 -> libfoo1)."""
    stem, _, version = library.partition(".so")
    version = version.strip(".")
    return f"{stem}{'-' if stem[-1:].isdigit() else ''}{version}".lower() if version else stem.lower()


def platform_problem(environ: dict[str, str] | None = None, ldd: str | None = None) -> str | None:
    """None when a platform plugin Qt would try can load here, else the sentence to show."""
    if not sys.platform.startswith("linux"):
        return None
    first_problem = None
    for platform in chosen_platforms(environ):
        if platform in HEADLESS:
            return None
        plugin = plugin_file(platform)
        if plugin is None:
            return None  # not a plugin we know how to check: let Qt try
        missing = missing_libraries(plugin, ldd)
        if not missing:
            return None
        first_problem = first_problem or install_sentence(missing, platform)
    return first_problem


def show_in_dialog(sentence: str) -> bool:
    """Show ``sentence`` with a desktop dialog tool when one is installed; True when shown.

    ``EXPLORER_NO_DIALOG=1`` keeps it to the terminal (scripts, tests)."""
    if os.environ.get("EXPLORER_NO_DIALOG") == "1":
        return False
    text = sentence[:1].upper() + sentence[1:] + "."
    for command in (
        ["zenity", "--error", "--title=Vector Explorer", f"--text={text}"],
        ["kdialog", "--title", "Vector Explorer", "--error", text],
        ["xmessage", "-center", text],
    ):
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, timeout=600, check=False, capture_output=True)
            return True
        except (OSError, subprocess.SubprocessError):
            continue
    return False
