"""Opening and saving documents for the main window.

Opening reads the whole file first (CSV, TSV or the JSON document) and only
then replaces the document, so a file that fails to load changes nothing and
its message names the line and column. Saving writes through the model's one
atomic writer (:func:`explorer.model.formats.atomic.write_atomically`): the
new content replaces the old file only when all of it is written, so a failed
save leaves the old file whole (with its permissions) and says why.
The questions it asks the user (which file, save changes?) are methods that
tests replace.

A file is read on a worker thread (:mod:`explorer.qt.worker`, the one way the
program runs long work) while the window keeps painting; when that takes more
than a second a progress dialog (``openProgress``) shows how far it got and
offers Cancel. Cancelling, like a failure, leaves the open document and its
undo history exactly as they were. An edit made while the file is read (the
window answers before the dialog shows) is unsaved work: it is not replaced
without asking.

Every failed save says why in one sentence and leaves the document marked
unsaved, so closing the window asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from explorer.model.display import shown_message
from explorer.model.document import Document
from explorer.model.formats import FormatError, read_by_suffix, write_table_bytes
from explorer.model.formats.atomic import WriteFailed, write_atomically
from explorer.model.progress import Cancelled
from explorer.qt.worker import Task, run_task, wait_with_dialog

OPEN_FILTER = (
    "Vectors and word vectors (*.csv *.tsv *.txt *.vec *.json *.npy *.npz);;"
    "Tables (*.csv *.tsv *.txt *.json);;Word vectors: GloVe, word2vec, projector, NumPy "
    "(*.txt *.vec *.tsv *.npy *.npz);;All files (*)"
)
SAVE_FILTER = "Vector Explorer document (*.json);;CSV table (*.csv);;TSV table (*.tsv)"
SAVE_SUFFIXES = (".json", ".csv", ".tsv")


class SaveError(OSError):
    """A save that did not happen; the message says why in one sentence."""


def save_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise SaveError and leave the old file as it was."""
    try:
        write_atomically(path, data)
    except WriteFailed as error:
        raise SaveError(f"Could not save {Path(path).name}: {error.reason}.") from None


def unsavable_reason(error: Exception, document: Document) -> str:
    """Why ``document`` could not be turned into a file's bytes, in words (the end of a sentence)."""
    if isinstance(error, UnicodeEncodeError):
        table = document.table
        for kind, texts in (
            ("label", table.labels),
            ("dimension", [d.title for d in table.dimensions]),
            ("claim", document.claims.texts),
        ):
            for text in texts:
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as bad:
                    shown = text if len(text) <= 40 else text[:37] + "…"
                    shown = shown.encode("utf-8", "backslashreplace").decode("utf-8")
                    code = ord(text[bad.start])
                    return f"the {kind} '{shown}' holds a character that cannot be written as UTF-8 (U+{code:04X})"
        return "a text in it holds a character that cannot be written as UTF-8"
    if isinstance(error, ValueError) and "JSON compliant" in str(error):
        return "the document holds a number the file cannot store (not a number, or infinity)"
    if isinstance(error, MemoryError):
        return "there is not enough memory to write it"
    return f"{type(error).__name__}: {error}"


class ReadResult:
    """What :func:`read_in_background` gives back: a document, or an error, or a cancellation."""

    def __init__(self, document: Document | None, notes: list[str], error: str, cancelled: bool):
        self.document, self.notes, self.error, self.cancelled = document, notes, error, cancelled


def read_in_background(
    path: Path,
    parent=None,
    delay_ms: int = 1000,
    started: Callable[[Task, QProgressDialog], None] | None = None,
    read: Callable = read_by_suffix,
) -> ReadResult:
    """Read ``path`` on a worker thread (:func:`explorer.qt.worker.run_task`), showing
    ``openProgress`` (with Cancel) after ``delay_ms``.

    Runs a local event loop until the file is read, so windows keep painting.
    ``started(task, dialog)`` is called once both exist (the window and tests
    follow the task's progress). Cancelling, even after the last chunk was
    read, gives a cancelled result without a document.
    """
    path = Path(path)
    notes: list[str] = []

    def read_file(progress):
        try:
            return read(path, notes, progress)
        except (FormatError, Cancelled):
            raise
        except MemoryError:
            raise _ReadFailed(f"{path.name}: there is not enough memory to hold these vectors") from None
        except Exception as error:  # noqa: BLE001 - a reader must never take the window down
            raise _ReadFailed(f"{path.name}: {type(error).__name__}: {error}") from None

    task = run_task(read_file, f"Opening {path.name}")

    def on_dialog(dialog: QProgressDialog) -> None:
        if started is not None:
            started(task, dialog)

    wait_with_dialog(
        task,
        f"Opening {path.name}…",
        parent,
        delay_ms,
        describe=lambda done, total: f"Reading {path.name}: {done:,} of {total:,} vectors…",
        object_name="openProgress",
        on_dialog=on_dialog,
    )
    cancelled = task.outcome == "cancelled" or task.progress.cancelled()  # Cancel after the last chunk too
    document = task.result if task.outcome == "finished" and not cancelled else None
    return ReadResult(document, notes, task.error, cancelled)


class _ReadFailed(Exception):
    """A reader failed in a way that is not a FormatError; the message is the sentence to show."""


class FileController(QObject):
    """Open, save, save as and recent files for one window's document context."""

    #: The list of recent files changed.
    recent_changed = Signal()
    #: While a file is read: rows parsed so far, rows in all.
    load_progress = Signal(int, int)
    #: A file has begun to be read (the window still answers the user meanwhile).
    reading_started = Signal()
    #: The document was saved to this path (a saved point: the recovery journal starts again).
    saved = Signal(object)

    #: A load that takes longer than this (ms) shows the progress dialog.
    progress_delay_ms = 1000

    def __init__(self, context, settings, parent_widget):
        super().__init__(parent_widget)
        self._context = context
        self._settings = settings
        self._widget = parent_widget
        self._task: Task | None = None
        self._reading: Path | None = None
        #: The progress dialog of the load under way (None when nothing is being read).
        self.progress_dialog: QProgressDialog | None = None
        #: Reads a file into a document: ``read_document(path, notes, progress)`` (tests slow it down).
        self.read_document = read_by_suffix
        self._changes = 0  # commands applied to the document so far (undo and redo included)
        context.document.applied.connect(self._on_document_change)

    # ------------------------------------------------- questions (replaced in tests)
    def ask_open_path(self) -> str:
        """The file the user chose to open, or '' when cancelled."""
        path, _ = QFileDialog.getOpenFileName(self._widget, "Open vectors", self._folder(), OPEN_FILTER)
        return path

    def ask_save_path(self) -> str:
        """Where the user chose to save, or '' when cancelled."""
        suggested = str(
            Path(self._folder()) / (self._context.document.path.name if self._context.document.path else "vectors.json")
        )
        path, chosen = QFileDialog.getSaveFileName(self._widget, "Save vectors", suggested, SAVE_FILTER)
        if path and Path(path).suffix.lower() not in SAVE_SUFFIXES:
            path += ".csv" if "CSV" in chosen else ".tsv" if "TSV" in chosen else ".json"
        return path

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for a document with unsaved changes."""
        return QMessageBox.question(
            self._widget,
            "Unsaved changes",
            f"{self.display_name()} has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def show_error(self, text: str) -> None:
        """Tell the user that something failed (also shown in the status bar)."""
        self._context.message.emit(text)
        QMessageBox.warning(self._widget, "Vector Explorer", shown_message(text))

    # --------------------------------------------------------------- state
    def display_name(self) -> str:
        """The file name, else the document's name: 'Materials A–E' for the built-in data, 'Untitled'
        for a new document or restored untitled work."""
        return self._context.document.title

    def is_modified(self) -> bool:
        return not self._context.undo_stack.isClean()

    def _folder(self) -> str:
        path = self._context.document.path
        return str(path.parent) if path is not None else self._settings.value("files/last_folder")

    def remember(self, path: Path) -> None:
        """Put ``path`` first in the recent files."""
        self._settings.add_recent_file(str(path))
        self._settings.set_value("files/last_folder", str(path.parent))
        self.recent_changed.emit()

    # ------------------------------------------------------------- actions
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded or unchanged)."""
        if not self.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open(self, path: str | None = None) -> bool:
        """Open ``path`` (or ask for one), after asking about unsaved changes."""
        if not self.maybe_save():
            return False
        if path is None:
            path = self.ask_open_path()
            if not path:
                return False
        return self.load(Path(path))

    def new_document(self, document: Document) -> bool:
        """File › New: show ``document`` (no file, no history, nothing unsaved) after asking about changes."""
        if self._reading is not None:
            self._context.message.emit(f"Still opening {self._reading.name}; wait for it or cancel it first.")
            return False
        if not self.maybe_save():
            return False
        self._context.replace_document(document)
        table = document.table
        dimensions = ", ".join(d.title for d in table.dimensions)
        self._context.message.emit(
            shown_message(f"New document: {document.title}, {len(table):,} vectors of {dimensions}.")
            if len(table)
            else shown_message(f"New document: an empty table of {dimensions}; Insert adds a vector.")
        )
        return True

    @property
    def loading(self) -> bool:
        """True while a file is being read."""
        return self._reading is not None

    def cancel_load(self) -> None:
        """Stop reading the file being opened; the current document stays."""
        if self._task is not None:
            self._task.cancel()

    def _on_document_change(self, command) -> None:
        self._changes += 1

    def load(self, path: Path) -> bool:
        """Replace the document with the file at ``path``; on failure or cancel change nothing and say why.

        The file is read on a worker thread (:func:`read_in_background`); this
        returns when it is done, the window painting meanwhile.
        """
        path = Path(path)
        if self._reading is not None:
            self._context.message.emit(f"Still opening {self._reading.name}; wait for it or cancel it first.")
            return False
        changes = self._changes
        self._reading = path
        try:
            result = read_in_background(
                path, self._widget, self.progress_delay_ms, self._on_reading_started, self.read_document
            )
        finally:
            self._reading = self._task = self.progress_dialog = None
        if result.cancelled:
            self._context.message.emit(f"Opening {path.name} was cancelled; the document is as it was.")
            return False
        if result.document is not None and self._changes != changes and not self.maybe_save():
            # The user edited while the file was read (before the progress dialog showed): unsaved work.
            self._context.message.emit(
                f"Opening {path.name} was stopped to keep the changes made while it was read; "
                "the document is as it was."
            )
            return False
        if result.document is None:
            self.show_error(f"Could not open {path.name}: {result.error}")
            if not path.exists():
                self._settings.remove_recent_file(str(path))
                self.recent_changed.emit()
            return False
        document = result.document
        document.set_path(path.resolve())
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._context.replace_document(document)
        finally:
            QApplication.restoreOverrideCursor()
        self.remember(path.resolve())
        notes = "".join(f" {note}." for note in result.notes)
        self._context.message.emit(
            f"Opened {path.name}: {len(document.table):,} vectors, {document.table.dimension_count} dimensions"
            f"{document.table.metadata.summary()}.{notes}"
        )
        return True

    def _on_reading_started(self, task: Task, dialog: QProgressDialog) -> None:
        self._task, self.progress_dialog = task, dialog
        task.progressed.connect(self._on_load_progress)
        self.reading_started.emit()

    def _on_load_progress(self, done: int, total: int) -> None:
        self.load_progress.emit(done, total)

    def save(self) -> bool:
        """Save to the document's file, or ask where when it has none."""
        path = self._context.document.path
        if path is None or path.suffix.lower() not in SAVE_SUFFIXES:
            return self.save_as()
        return self.save_to(path)

    def save_as(self) -> bool:
        """Ask for a file and save there."""
        path = self.ask_save_path()
        return self.save_to(Path(path)) if path else False

    def save_to(self, path: Path) -> bool:
        """Write the document to ``path`` atomically; mark it saved, or say why not."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in SAVE_SUFFIXES:
            self.show_error(f"Could not save {path.name}: choose a name ending in .json, .csv or .tsv.")
            return False
        document = self._context.document
        try:
            data = write_table_bytes(
                document.table, suffix, document.view, formulas=document.formulas, claims=document.claims.texts
            )
            save_bytes_atomically(path, data)
        except SaveError as error:
            self.show_error(f"{error} The file on disk was not changed.")
            return False
        except Exception as error:  # noqa: BLE001 - whatever stops a save, the user hears why and keeps the edits
            self.show_error(
                f"Could not save {path.name}: {unsavable_reason(error, document)}. The file on disk was not changed."
            )
            return False
        document.set_path(path.resolve())
        self._context.undo_stack.setClean()
        self.saved.emit(path.resolve())
        self.remember(path.resolve())
        note = " (CSV keeps labels, units and values; colours need .json)" if suffix != ".json" else ""
        self._context.message.emit(f"Saved {path.name}{note}.")
        return True
