"""Crash recovery in the window: each window journals its unsaved work; the next start offers it back.

:class:`RecoveryRecorder` keeps one window's :class:`~explorer.model.journal.Journal`
in step with its document: a snapshot at every saved point (start, open,
save), each applied command as it comes, the saved or unsaved state, and the
view state at most every :data:`VIEW_EVERY_MS`. Recording a command only
queues it; the journal's own thread writes it, so an edit costs the
interface thread microseconds whatever the document's size.

:func:`offer_recovery` runs at start: when a program ended with unsaved work
it asks in ``recoveryQuestion`` whether to restore it (``explorer --recover``
restores without asking). Restored work keeps its file path and is marked
unsaved, claims and view included. The journals live in QStandardPaths'
AppDataLocation (``$XDG_DATA_HOME/VectorExplorer/Vector Explorer/recovery``
on Linux).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from explorer.model.journal import Journal, JournalError, Snapshot
from explorer.model.journal_recovery import UnsavedWork, restore, unsaved_journals
from explorer.qt.worker import run_task, wait_with_dialog

#: The view state is journaled at most this often (ms).
VIEW_EVERY_MS = 2000


def recovery_folder() -> Path:
    """Where the journals are kept: AppDataLocation/recovery (XDG on Linux)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not location:  # pragma: no cover - a platform with no data location
        from explorer.model.journal import default_folder

        return default_folder()
    return Path(location) / "recovery"


class RecoveryRecorder(QObject):
    """Journals one window's document (owned by the main window)."""

    def __init__(self, context, files, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._context = context
        self._files = files
        self.journal = Journal(folder if folder is not None else recovery_folder())
        self._view_changed = False
        self._closed = False
        self._settle = QTimer(self, singleShot=True, interval=VIEW_EVERY_MS)
        self._settle.timeout.connect(self._on_settle)
        document = context.document
        document.applied.connect(self._on_applied)
        context.undo_stack.cleanChanged.connect(self._on_clean_change)
        context.document_replaced.connect(self.start_again)
        files.saved.connect(self.start_again)
        for part in document.view.parts.values():
            part.changed.connect(self._on_view_change)
        self.start_again()

    def start_again(self, *args) -> None:
        """A saved point (or a new document): the journal begins again from the document as it is."""
        stack = self._context.undo_stack
        self.journal.start(Snapshot.of(self._context.document, dirty=not stack.isClean()))
        self._view_changed = False

    def close(self, remove: bool = True) -> None:
        """Stop journaling; ``remove`` deletes the journal (the window closed cleanly)."""
        if self._closed:
            return
        self._closed = True
        self._settle.stop()
        self.journal.close(remove)
        context, document = self._context, self._context.document
        document.applied.disconnect(self._on_applied)
        for part in document.view.parts.values():
            part.changed.disconnect(self._on_view_change)
        for signal, slot in (
            (context.undo_stack.cleanChanged, self._on_clean_change),
            (context.document_replaced, self.start_again),
            (self._files.saved, self.start_again),
        ):
            signal.disconnect(slot)

    def _on_applied(self, command) -> None:
        self.journal.record(command)
        if self.journal.needs_snapshot.is_set():
            self._take_snapshot()
        elif not self._settle.isActive():
            self._settle.start()

    def _on_clean_change(self, clean: bool) -> None:
        self.journal.mark(not clean)

    def _on_view_change(self, names) -> None:
        self._view_changed = True
        if not self._settle.isActive():
            self._settle.start()

    def _on_settle(self) -> None:
        if self.journal.needs_snapshot.is_set():
            self._take_snapshot()
        elif self._view_changed:
            self._view_changed = False
            self.journal.record_view(self._context.view.to_dict())

    def _take_snapshot(self) -> None:
        """The journal could not write a change (or grew large): start again from the document now."""
        self.journal.start(Snapshot.of(self._context.document, dirty=not self._context.undo_stack.isClean()))


# ------------------------------------------------------------------------------ next start
def ask_to_restore(work: UnsavedWork, parent: QWidget | None) -> str:
    """Ask in ``recoveryQuestion``: "restore", "discard" or "later"."""
    name = work.title or "an untitled document"
    when = time.strftime("%H:%M on %d %b", time.localtime(work.modified))
    changes = f"{work.changes:,} unsaved change{'s' * (work.changes != 1)}" if work.changes else "unsaved changes"
    box = QMessageBox(parent)
    box.setObjectName("recoveryQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Restore unsaved work?")
    box.setText(f"Vector Explorer ended without saving {name} ({changes}, the last at {when}). Restore it?")
    box.setInformativeText("Restored work keeps its file and is marked unsaved; Discard deletes it for good.")
    restore_button = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard_button = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is restore_button:
        return "restore"
    return "discard" if clicked is discard_button else "later"


def offer_recovery(window, recover: bool = False, folder: Path | None = None) -> bool:
    """At start: offer the newest unsaved work a program left behind; restore it without asking
    when ``recover``. True when work was restored."""
    found = unsaved_journals(folder if folder is not None else recovery_folder())
    if not found:
        if recover:
            window.context.message.emit("There was no unsaved work to restore.")
        return False
    work, others = found[0], found[1:]
    for other in others:
        other.release()  # offered at a later start
    try:
        answer = "restore" if recover else ask_to_restore(work, window)
        if answer == "discard":
            work.discard()
            window.context.message.emit("The unsaved work was discarded.")
            return False
        if answer != "restore":
            return False
        return restore_into(window, work)
    finally:
        work.release()


def restore_into(window, work: UnsavedWork) -> bool:
    """Put the work ``work`` holds into ``window``, marked unsaved; the old journal goes once the
    window's own journal holds it."""
    task = run_task(lambda progress: restore(work.path, progress), "Restoring unsaved work")
    wait_with_dialog(task, "Restoring unsaved work…", window, object_name="recoveryProgress")
    if task.outcome != "finished":
        reason = task.error or "it was cancelled"
        window.context.message.emit(f"The unsaved work could not be restored: {reason}.")
        return False
    document = task.result
    context = window.context
    QApplication.processEvents()
    context.replace_document(document)
    context.undo_stack.resetClean()  # restored work is unsaved until saved
    if window.recovery is not None and window.recovery.journal.flush():
        work.discard()
    title = document.path.name if document.path is not None else "the untitled document"
    context.message.emit(f"Restored the unsaved work on {title}; save it to keep it.")
    return True


__all__ = ["JournalError", "RecoveryRecorder", "offer_recovery", "recovery_folder", "restore_into"]
