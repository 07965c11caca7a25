"""At the next start: the journals whose program ended with unsaved work, and the documents they hold.

:func:`unsaved_journals` lists the journals (written by
:class:`explorer.model.journal.Journal`) whose owner is gone and whose last state
is unsaved, newest first, taking their locks so that a second program started at
the same moment does not restore the same work; :func:`restore` rebuilds the
document from one, claims and view included.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.model.journal import SUFFIX, fcntl  # (fcntl is None where there is no flock)
from explorer.model.journal_format import JournalError, read_base, read_command, records
from explorer.model.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from explorer.model.document import Document


@dataclass
class UnsavedWork:
    """A journal left by a program that ended with unsaved work."""

    path: Path
    title: str
    changes: int
    modified: float  # seconds since the epoch
    _lock_fd: int | None = None

    def release(self) -> None:
        """Let another program claim this journal (it stays for the next start)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def discard(self) -> None:
        """Delete the journal: its work is not wanted."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            self.path.with_suffix(".lock").unlink()
        self.release()


def unsaved_journals(folder: Path) -> list[UnsavedWork]:
    """Journals whose program is gone and whose last state is unsaved, newest first; each is locked
    for this program until released or discarded. Journals left clean are deleted on the way."""
    folder = Path(folder)
    found: list[UnsavedWork] = []
    try:
        paths = sorted(folder.glob("journal-*" + SUFFIX))
    except OSError:
        return []
    for path in paths:
        lock_fd = _claim(path)
        if lock_fd is None:
            continue  # its program is still running
        work = _examine(path, lock_fd)
        if work is None:
            with contextlib.suppress(OSError):
                path.unlink()
            with contextlib.suppress(OSError):
                path.with_suffix(".lock").unlink()
            os.close(lock_fd)
            continue
        found.append(work)
    return sorted(found, key=lambda w: w.modified, reverse=True)


def _claim(path: Path) -> int | None:
    """Lock ``path``'s lock file for this program; None when its owner still holds it."""
    lock_path = path.with_suffix(".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
    elif _alive(path):  # pragma: no cover - not on Linux
        os.close(fd)
        return None
    return fd


def _alive(path: Path) -> bool:
    try:
        pid = int(path.stem.split("-")[1])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return False
    except OSError:
        return True
    return pid != os.getpid()


def _examine(path: Path, lock_fd: int) -> UnsavedWork | None:
    """The unsaved work ``path`` holds, or None when it holds none (left clean, or unreadable)."""
    try:
        data = path.read_bytes()
        modified = path.stat().st_mtime
    except OSError:
        return None
    dirty, title, changes = False, "", 0
    for header, _ in records(data):
        kind = header.get("kind")
        if kind == "base":
            dirty = bool(header.get("dirty"))
            saved_path = header.get("path")
            title = Path(saved_path).name if isinstance(saved_path, str) else ""
            changes = 0
        elif kind == "command":
            dirty, changes = True, changes + 1
        elif kind == "state":
            dirty = bool(header.get("dirty"))
    if not dirty:
        return None
    return UnsavedWork(path, title, changes, modified, lock_fd)


def restore(path: Path, progress: Progress = NO_PROGRESS) -> Document:
    """The document a journal holds, unsaved work included, with its file path, claims and view.

    Replays the commands on the snapshot; a record cut short by the crash ends
    the replay there. Raises :class:`JournalError` when nothing can be restored.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise JournalError(f"the recovery journal cannot be read ({error.strerror or error})") from None
    entries = list(records(data))
    starts = [i for i, (header, _) in enumerate(entries) if header.get("kind") == "base"]
    if not starts:
        raise JournalError("the recovery journal holds no snapshot of the document")
    entries = entries[starts[-1] :]
    snapshot = read_base(*entries[0])
    try:
        document = snapshot.document()
    except ValueError as error:  # a snapshot whose parts do not fit together (a TableError)
        raise JournalError(f"its snapshot of the document cannot be rebuilt ({error})") from None
    view = None
    total = len(entries)
    for done, (header, payload) in enumerate(entries[1:], start=1):
        if done % 256 == 0:
            progress(done, total)
        kind = header.get("kind")
        if kind == "command":
            try:
                document.apply(read_command(header, payload))
            except (ValueError, IndexError, KeyError, TypeError) as error:
                raise JournalError(f"change {done} of the journal cannot be made again ({error})") from None
        elif kind == "view" and isinstance(header.get("view"), dict):
            view = header["view"]
    if view is not None:
        document.view.read_dict(view)
        document.view.selection.limit(len(document.table))
    return document
