"""Running ``explorer COMMAND ...`` from the tests: in this process, or as a real process where the process matters.

A real ``python -m explorer`` costs about a second of CPU (Python, numpy, Qt and pyqtgraph start, fonts are
read) before the command does anything; most tests are about what the command says, writes and exits with,
which :func:`in_process` gives in milliseconds. Both return a :class:`subprocess.CompletedProcess` (``args``,
``returncode``, ``stdout``, ``stderr`` as text), so a test reads the same either way.

Keep a real process (:func:`real_process`) where the process itself is what is tested: a start without a
display, what is (not) imported, a terminal or a pipe, a kill, a window.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def in_process(*args: str | os.PathLike, cwd: str | os.PathLike | None = None) -> subprocess.CompletedProcess:
    """``explorer ARGS`` run by :func:`explorer.cli.main` in this process, as a process would see it.

    stdout and stderr are caught at their file descriptors (1 and 2), so whatever Qt or a library writes
    there is caught as well as what Python prints. ``SystemExit`` gives its exit code; an exception that
    escapes is printed as Python prints it (a traceback) with exit code 1. What the command could change in
    this process is put back afterwards: the environment, the working folder, ``sys.argv``, the logging
    handlers, the warning filters, ``sys.excepthook``, ``sys.stdout``/``sys.stderr``. Qt's warnings go to
    pytest-qt, which fails the test on them (``qt_log_level_fail``). A command that draws needs the test's
    ``qapp``: the program would otherwise make a QApplication of its own that later tests in this worker
    would inherit, and this refuses that.
    """
    from explorer.cli import main

    argv = [os.fspath(arg) for arg in args]
    had_application = _application_exists()
    saved_environ, saved_argv, saved_cwd = dict(os.environ), sys.argv[:], os.getcwd()
    saved_handlers = {name: list(logger.handlers) for name, logger in _loggers()}
    saved_streams, saved_hook = (sys.stdout, sys.stderr), sys.excepthook
    sys.stdout.flush()
    sys.stderr.flush()
    saved_fds = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file, warnings.catch_warnings():
        try:
            os.dup2(out_file.fileno(), 1)
            os.dup2(err_file.fileno(), 2)
            # Python's own streams write to the same open files as descriptors 1 and 2 (a shared offset), as
            # in a process whose output goes to a pipe: stdout buffered and strict, stderr by line and lenient.
            sys.stdout = open(os.dup(1), "w", encoding="utf-8", errors="strict")  # noqa: SIM115
            sys.stderr = open(os.dup(2), "w", buffering=1, encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            sys.argv = ["explorer", *argv]
            if cwd is not None:
                os.chdir(cwd)
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = _exit_code(exit_)
            except Exception:  # noqa: BLE001 - a process would print it and exit 1; the test reads that
                traceback.print_exc()
                code = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                if stream not in saved_streams:
                    stream.close()
            sys.stdout, sys.stderr = saved_streams
            sys.excepthook = saved_hook
            os.dup2(saved_fds[0], 1)
            os.dup2(saved_fds[1], 2)
            for fd in saved_fds:
                os.close(fd)
            os.chdir(saved_cwd)
            sys.argv[:] = saved_argv
            os.environ.clear()
            os.environ.update(saved_environ)
            for name, logger in _loggers():
                logger.handlers[:] = saved_handlers.get(name, [])
        stdout, stderr = _text(out_file), _text(err_file)
    if not had_application and _application_exists():
        raise AssertionError("the command made a QApplication of its own: give the test the qapp fixture")
    return subprocess.CompletedProcess(["explorer", *argv], code, stdout, stderr)


def real_process(
    *args: str | os.PathLike, cwd: str | os.PathLike | None = None, display: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess:
    """``python -m explorer ARGS`` as a real process; ``display=False`` starts it as on a machine without one.

    Without a display there is no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM: the program must find its own way.
    """
    return real_processes([os.fspath(arg) for arg in args], cwd=cwd, display=display, timeout=timeout)[0]


def real_processes(
    *argvs: list[str], cwd: str | os.PathLike | None = None, display: bool = True, timeout: float = 120
) -> list[subprocess.CompletedProcess]:
    """:func:`real_process` for each of ``argvs``, all started at once (their start-up costs overlap)."""
    env = dict(os.environ)
    if not display:
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            env.pop(name, None)
    env["PYTHONPATH"] = str(ROOT)
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "explorer", *[os.fspath(arg) for arg in argv]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=cwd,
        )
        for argv in argvs
    ]
    results = []
    for argv, process in zip(argvs, started):
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            for other in started:
                other.kill()
                other.communicate()
            raise
        results.append(subprocess.CompletedProcess(["explorer", *argv], process.returncode, stdout, stderr))
    return results


def _exit_code(exit_: SystemExit) -> int:
    """The exit code a process would have after ``raise SystemExit(code)`` (a message is printed, exit 1)."""
    if exit_.code is None:
        return 0
    if isinstance(exit_.code, int):
        return exit_.code
    print(exit_.code, file=sys.stderr)
    return 1


def _text(file) -> str:
    """The bytes written to ``file`` as ``subprocess.run(text=True)`` reads them (universal newlines)."""
    file.seek(0)
    return io.TextIOWrapper(io.BytesIO(file.read()), encoding="utf-8", errors="strict").read()


def _application_exists() -> bool:
    widgets = sys.modules.get("PySide6.QtWidgets")
    return widgets is not None and widgets.QApplication.instance() is not None


def _loggers():
    yield "", logging.getLogger()
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            yield name, logger
