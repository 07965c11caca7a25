"""A save that fails loses nothing: one sentence, the edits kept, the window left open."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from explorer.model.commands import RenameVector, set_cell
from explorer.model.document import Document
from explorer.model.table import VectorTable


def test_a_label_json_cannot_hold_in_utf8_gets_one_sentence_and_the_edits_stay(qtbot, window, tmp_path):
    """Before: UnicodeEncodeError escaped from Save; nothing was said."""
    window.context.push(RenameVector(0, "A\ud800"))  # a lone surrogate, as a bad file can bring
    path = tmp_path / "lesson.csv"
    window.answers["save"] = str(path)
    window.actionSaveAs.trigger()
    assert window.errors == [
        "Could not save lesson.csv: the label 'A\\ud800' holds a character that cannot be written "
        "as UTF-8 (U+D800). The file on disk was not changed."
    ]
    assert not path.exists()
    assert window.isWindowModified() and window.context.document.path is None


def test_a_value_the_file_cannot_store_gets_one_sentence(qtbot, window, tmp_path, monkeypatch):
    """Before: json's 'Out of range float values are not JSON compliant' escaped from Save."""
    window.context.push(set_cell(0, 0, 4.0))
    view = window.context.view
    monkeypatch.setattr(view, "to_dict", lambda: {"plot": {"x": float("nan")}})
    window.answers["save"] = str(tmp_path / "lesson.json")
    window.actionSaveAs.trigger()
    assert window.errors == [
        "Could not save lesson.json: the document holds a number the file cannot store (not a number, or "
        "infinity). The file on disk was not changed."
    ]
    assert window.isWindowModified()


def test_quit_then_save_that_fails_keeps_the_window_open(qtbot, window, tmp_path):
    """Before: Quit > Save closed the window over the unsaved edits when the save raised."""
    window.context.push(RenameVector(0, "A\ud800"))
    window.answers["save_changes"] = QMessageBox.StandardButton.Save
    window.answers["save"] = str(tmp_path / "lesson.json")
    window.actionQuit.trigger()
    assert window.isVisible()
    assert len(window.errors) == 1 and window.errors[0].startswith("Could not save lesson.json: the label")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    window.context.push(RenameVector(0, "Alpha"))
    window.answers["save"] = str(blocker / "lesson.json")
    window.close()
    assert window.isVisible() and window.isWindowModified()
    assert len(window.errors) == 2


def slow_reader(window, monkeypatch):
    """Make File > Open read through a reader that waits until the test lets it go."""
    release = threading.Event()
    reading = threading.Event()

    def read(path, notes=None, progress=None):
        reading.set()
        assert release.wait(10)
        return Document(VectorTable(["p", "q"], ["x", "y"], [[1, 0], [0, 1]]), path=path)

    monkeypatch.setattr(window.files, "read_document", read)
    return reading, release


def test_an_edit_made_while_a_file_is_opened_is_not_replaced_without_asking(qtbot, window, tmp_path, monkeypatch):
    """Before: an edit in the first second of File > Open (before the progress dialog) was silently replaced."""
    reading, release = slow_reader(window, monkeypatch)
    path = tmp_path / "other.csv"
    path.write_text("label,x,y\np,1,0\nq,0,1\n")
    asked = []

    def edit_then_finish():
        assert reading.wait(10)
        window.context.push(set_cell(0, 0, 9.0))  # the user types while the file is read
        release.set()

    window.files.ask_save_changes = lambda: (asked.append(True), QMessageBox.StandardButton.Cancel)[1]
    window.files.reading_started.connect(edit_then_finish)
    assert window.files.open(str(path)) is False
    assert asked == [True]  # asked after the read: the edit is unsaved work
    assert window.context.table.values[0, 0] == 9.0 and window.context.table.labels[0] == "A"
    assert window.context.undo_stack.count() == 1
    assert window.statusBar().currentMessage() == (
        "Opening other.csv was stopped to keep the changes made while it was read; the document is as it was."
    )


def test_an_edit_made_while_opening_can_be_discarded_when_asked(qtbot, window, tmp_path, monkeypatch):
    reading, release = slow_reader(window, monkeypatch)
    path = tmp_path / "other.csv"
    path.write_text("label,x,y\np,1,0\nq,0,1\n")

    def edit_then_finish():
        assert reading.wait(10)
        window.context.push(set_cell(0, 0, 9.0))
        release.set()

    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    window.files.reading_started.connect(edit_then_finish)
    assert window.files.open(str(path))
    assert window.context.table.labels == ("p", "q")


def test_an_export_that_cannot_be_written_says_why_in_one_sentence(qtbot, materials_context, tmp_path, monkeypatch):
    """Before: a UnicodeEncodeError from the CSV of a label with a lone surrogate escaped from the dialog."""
    from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog

    materials_context.push(RenameVector(0, "A\ud800"))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    dialog = ExportHeatmapDialog(materials_context)
    qtbot.addWidget(dialog)
    target = tmp_path / "scores.csv"
    dialog.path_edit.setText(str(target))
    assert not dialog.export()
    assert len(warnings) == 1 and warnings[0].startswith("Could not write scores.csv: ")
    assert warnings[0].endswith(".") and "\n" not in warnings[0]
    assert not target.exists()
