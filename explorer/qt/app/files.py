"""Opening and saving documents for the main window.

Opening reads the whole file first (CSV, TSV or the JSON document) and only
then replaces the document, so a file that fails to load changes nothing and
its message names the line and column. Saving writes through the model's one
atomic writer (:func:`explorer.model.formats.atomic.write_atomically`): the
new content replaces the old file only when all of it is written, so a failed
save leaves the old file whole (with its permissions) and says why.
The questions it asks the user (which file, save changes?) are methods that
tests replace.

A file is read on a worker thread while the window keeps painting; when that
takes more than a second a progress dialog (``openProgress``) shows how far it
got and offers Cancel. Cancelling, like a failure, leaves the open document
and its undo history exactly as they were.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from explorer.model.document import Document
from explorer.model.formats import FormatError, read_by_suffix, write_table_bytes
from explorer.model.formats.atomic import WriteFailed, write_atomically

OPEN_FILTER = (
    "Vectors and word vectors (*.csv *.tsv *.txt *.vec *.json *.npy *.npz);;"
    "Tables (*.csv *.tsv *.txt *.json);;Word vectors: GloVe, word2vec, projector, NumPy "
    "(*.txt *.vec *.tsv *.npy *.npz);;All files (*)"
)
SAVE_FILTER = "Vector Explorer document (*.json);;CSV table (*.csv);;TSV table (*.tsv)"
SAVE_SUFFIXES = (".json", ".csv", ".tsv")


class SaveError(OSError):
    """A save that did not happen; the message says why in one sentence."""


class _Cancelled(Exception):
    """Raised from a progress report to stop a read the user cancelled."""


class _Loader(QThread):
    """Reads one file off the interface thread; ``cancel()`` stops it at the next chunk."""

    progressed = Signal(int, int)

    def __init__(self, path: Path, parent=None):
        super().__init__(parent)
        self.path = path
        self.document: Document | None = None
        self.notes: list[str] = []
        self.error = ""
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.document = read_by_suffix(self.path, self.notes, self._report)
        except _Cancelled:
            pass
        except FormatError as error:
            self.error = str(error)
        except MemoryError:
            self.error = f"{self.path.name}: there is not enough memory to hold these vectors"
        except Exception as error:  # noqa: BLE001 - a reader must never take the window down
            self.error = f"{self.path.name}: {type(error).__name__}: {error}"


def save_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise SaveError and leave the old file as it was."""
    try:
        write_atomically(path, data)
    except WriteFailed as error:
        raise SaveError(f"Could not save {Path(path).name}: {error.reason}.") from None


class ReadResult:
    """What :func:`read_in_background` gives back: a document, or an error, or a cancellation."""

    def __init__(self, document: Document | None, notes: list[str], error: str, cancelled: bool):
        self.document, self.notes, self.error, self.cancelled = document, notes, error, cancelled


def read_in_background(path: Path, parent=None, delay_ms: int = 1000, started=None) -> ReadResult:
    """Read ``path`` on a worker thread, showing ``openProgress`` (with Cancel) after ``delay_ms``.

    Runs a local event loop until the file is read, so windows keep painting.
    ``started(loader, dialog)`` is called once both exist (tests and the
    window listen to the loader's progress). Cancelling, even after the last
    chunk was read, gives a cancelled result without a document.
    """
    path = Path(path)
    loader = _Loader(path)
    dialog = QProgressDialog(f"Opening {path.name}…", "Cancel", 0, 0, parent)
    dialog.setObjectName("openProgress")
    dialog.setWindowTitle("Vector Explorer")
    dialog.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(loader.cancel)

    def on_progress(done: int, total: int) -> None:
        if dialog.wasCanceled():
            loader.cancel()
        elif total > 0:
            dialog.setLabelText(f"Reading {path.name}: {done:,} of {total:,} vectors…")
            dialog.setMaximum(total)
            dialog.setValue(done)

    loader.progressed.connect(on_progress)
    if started is not None:
        started(loader, dialog)
    loop = QEventLoop()
    loader.finished.connect(loop.quit)
    try:
        loader.start()
        if not loader.isFinished():
            loop.exec()
        loader.wait()
        QApplication.processEvents()  # deliver the last progress reports (a cancel may come with them)
        cancelled = loader.cancelled or dialog.wasCanceled()
    finally:
        dialog.canceled.disconnect(loader.cancel)
        dialog.close()
        dialog.deleteLater()
        loader.deleteLater()
    return ReadResult(None if cancelled else loader.document, loader.notes, loader.error, cancelled)


class FileController(QObject):
    """Open, save, save as and recent files for one window's document context."""

    #: The list of recent files changed.
    recent_changed = Signal()
    #: While a file is read: rows parsed so far, rows in all.
    load_progress = Signal(int, int)

    #: A load that takes longer than this (ms) shows the progress dialog.
    progress_delay_ms = 1000

    def __init__(self, context, settings, parent_widget):
        super().__init__(parent_widget)
        self._context = context
        self._settings = settings
        self._widget = parent_widget
        self._loader: _Loader | None = None
        #: The progress dialog of the load under way (None when nothing is being read).
        self.progress_dialog: QProgressDialog | None = None

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
        QMessageBox.warning(self._widget, "Vector Explorer", text)

    # --------------------------------------------------------------- state
    def display_name(self) -> str:
        """The file name, or 'Materials A–E' for the built-in data."""
        path = self._context.document.path
        return path.name if path is not None else "Materials A–E"

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

    @property
    def loading(self) -> bool:
        """True while a file is being read."""
        return self._loader is not None

    def cancel_load(self) -> None:
        """Stop reading the file being opened; the current document stays."""
        if self._loader is not None:
            self._loader.cancel()

    def load(self, path: Path) -> bool:
        """Replace the document with the file at ``path``; on failure or cancel change nothing and say why.

        The file is read on a worker thread (:func:`read_in_background`); this
        returns when it is done, the window painting meanwhile.
        """
        path = Path(path)
        if self._loader is not None:
            self._context.message.emit(f"Still opening {self._loader.path.name}; wait for it or cancel it first.")
            return False
        result = read_in_background(path, self._widget, self.progress_delay_ms, self._on_loader_started)
        self._loader = self.progress_dialog = None
        if result.cancelled:
            self._context.message.emit(f"Opening {path.name} was cancelled; the document is as it was.")
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
            f"Opened {path.name}: {len(document.table):,} vectors, {document.table.dimension_count} dimensions.{notes}"
        )
        return True

    def _on_loader_started(self, loader: _Loader, dialog: QProgressDialog) -> None:
        self._loader, self.progress_dialog = loader, dialog
        loader.progressed.connect(self._on_load_progress)

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
        data = write_table_bytes(
            document.table, suffix, document.view, formulas=document.formulas, claims=document.claims.texts
        )
        try:
            save_bytes_atomically(path, data)
        except SaveError as error:
            self.show_error(f"{error} The file on disk was not changed.")
            return False
        document.set_path(path.resolve())
        self._context.undo_stack.setClean()
        self.remember(path.resolve())
        note = " (CSV keeps labels, units and values; colours need .json)" if suffix != ".json" else ""
        self._context.message.emit(f"Saved {path.name}{note}.")
        return True
