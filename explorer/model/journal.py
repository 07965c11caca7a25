"""Crash recovery: a journal of the unsaved document, written off the interface thread.

Each window keeps one :class:`Journal` in the recovery folder. At a saved
point (start, open, save) it takes a snapshot of the document and keeps it in
memory; nothing is on disk while nothing is unsaved. The first change after it
writes the snapshot, then every command applied (edits, undo and redo alike)
is appended as it comes: :meth:`Journal.record` only queues the command (a
few microseconds, whatever the document's size) and a writer thread encodes
and appends it, so the file is a few milliseconds behind the last edit and is
flushed to the disk (fsync) at least every :data:`SYNC_SECONDS`. A save or a
clean close removes the file; undoing back to the saved state marks it clean.

Journals never mix: each is named after its process and a serial number, and
its owner holds a lock file (``flock``) for as long as it runs. What the next
start does with the journals left behind is :mod:`explorer.model.journal_recovery`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.model.journal_format import (
    JournalError,
    NotJournalable,
    Snapshot,
    base_record,
    command_record,
    frame,
)

if TYPE_CHECKING:
    from explorer.model.commands import Command

try:  # POSIX: a lock held by a live process; elsewhere the process id is checked instead
    import fcntl as fcntl  # (as itself: journal_recovery takes it from here)
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]  # the module is missing there, not None

SUFFIX = ".vxjournal"
#: A journal is flushed to the disk at least this often while it changes.
SYNC_SECONDS = 2.0
#: The journal starts again from a snapshot once its commands take more than this many bytes
#: (or twice the snapshot's size, whichever is larger).
COMPACT_BYTES = 32 * 1024 * 1024

_SERIAL = itertools.count(1)
_STOP: tuple[str, Any] = ("stop", None)  # told apart by identity


def default_folder() -> Path:
    """Where journals go without Qt: ``$XDG_DATA_HOME/vector-explorer/recovery`` (the window passes
    QStandardPaths' AppDataLocation instead)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vector-explorer" / "recovery"


class Journal:
    """The recovery journal of one open document (see the module's description)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.name = f"journal-{os.getpid()}-{next(_SERIAL)}"
        self.path = self.folder / (self.name + SUFFIX)
        self._lock_path = self.folder / (self.name + ".lock")
        self._lock_fd: int | None = None
        self._queue: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._fd: int | None = None
        self._pending_base: Snapshot | None = None
        self._written = 0  # bytes of commands since the base
        self._base_size = 0
        self._last_sync = 0.0
        self._unsynced = False
        self._done = threading.Condition()
        self._queued = 0
        self._handled = 0
        #: Set by the writer when the journal needs a new snapshot (a command it could not
        #: write, or the file grew large); the owner calls :meth:`start` again.
        self.needs_snapshot = threading.Event()
        #: The last error writing the journal (a full disk), or "".
        self.error = ""
        self.closed = False

    # ------------------------------------------------------------- the owner's side
    def start(self, snapshot: Snapshot) -> None:
        """Begin again from ``snapshot`` (a saved point, or the document as it is after a problem)."""
        self.needs_snapshot.clear()
        if self._thread is None and not snapshot.dirty and not self.closed:
            self._pending_base, self._written = snapshot, 0  # no writer yet: nothing is on disk to replace
            return
        self._put(("base", snapshot))

    def record(self, command: Command) -> None:
        """Append a command just applied to the document (queued; written by the writer thread)."""
        self._put(("command", command))

    def mark(self, dirty: bool) -> None:
        """The document became unsaved (``dirty``) or saved again (an undo back to the saved point)."""
        self._put(("state", dirty))

    def record_view(self, view: dict[str, Any]) -> None:
        """The view state now (restored with the document)."""
        self._put(("view", view))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far is written (and synced); False on timeout."""
        if self._thread is None:
            return True
        target = self._queued
        self._put(("sync", None))
        deadline = time.monotonic() + timeout
        with self._done:
            while self._handled < target + 1:
                left = deadline - time.monotonic()
                if left <= 0 or not self._done.wait(left):
                    return self._handled >= target + 1
        return True

    def close(self, remove: bool = True) -> None:
        """Stop writing; ``remove`` deletes the journal (a clean close)."""
        if self.closed:
            return
        self.closed = True
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
        self._close_file()
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._release_lock()

    # ------------------------------------------------------------------- the writer
    def _put(self, item: tuple[str, Any]) -> None:
        if self.closed:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=f"journal {self.name}", daemon=True)
            self._thread.start()
        self._queued += 1
        self._queue.put(item)

    def _run(self) -> None:
        while True:
            timeout = max(0.0, self._last_sync + SYNC_SECONDS - time.monotonic()) if self._unsynced else None
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                self._sync()
                continue
            if item is _STOP:
                self._sync()
                return
            try:
                self._handle(*item)
            except OSError as error:  # a full disk: say so, and try again from a snapshot later
                self.error = f"the recovery journal could not be written ({error.strerror or error})"
                self._close_file()
                self.needs_snapshot.set()
            with self._done:
                self._handled += 1
                self._done.notify_all()

    def _handle(self, kind: str, value: Any) -> None:
        if kind == "base":
            self._close_file()
            with contextlib.suppress(OSError):
                self.path.unlink()
            self._pending_base = value
            self._written = 0
            if value.dirty:
                self._write_base()
        elif kind == "command":
            if self.needs_snapshot.is_set():
                return  # what it changed will be in the snapshot the owner takes
            try:
                data = command_record(value)
            except NotJournalable:
                self.needs_snapshot.set()
                return
            self._append(data)
            self._written += len(data)
            if self._written > max(COMPACT_BYTES, 2 * self._base_size):
                self.needs_snapshot.set()
        elif kind == "state":
            if self._fd is not None or value:
                self._append(frame({"kind": "state", "dirty": bool(value)}))
        elif kind == "view":
            if self._fd is None and self._pending_base is not None:
                self._pending_base.view = value  # not written until something is unsaved
            elif self._fd is not None:
                self._append(frame({"kind": "view", "view": value}))
        elif kind == "sync":
            self._sync()

    def _append(self, data: bytes) -> None:
        if self._fd is None:
            if self._pending_base is None:
                return
            self._write_base()
        assert self._fd is not None
        _write_all(self._fd, data)
        self._unsynced = True

    def _write_base(self) -> None:
        base = self._pending_base
        if base is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._take_lock()
        data = base_record(base)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
        _write_all(self._fd, data)
        self._base_size = len(data)
        self._pending_base = None  # written: the copy is not needed any more
        self._unsynced = True
        self._sync()

    def _sync(self) -> None:
        if self._fd is not None and self._unsynced:
            with contextlib.suppress(OSError):
                os.fsync(self._fd)
        self._unsynced = False
        self._last_sync = time.monotonic()

    def _close_file(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _take_lock(self) -> None:
        if self._lock_fd is not None:
            return
        self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        if fcntl is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                self._lock_path.unlink()
            os.close(self._lock_fd)
            self._lock_fd = None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


__all__ = ["SUFFIX", "Journal", "JournalError", "Snapshot", "default_folder"]
