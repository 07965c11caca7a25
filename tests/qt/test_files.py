"""Opening and saving: round trips, atomic saves that fail cleanly, recent files, drops."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.model.commands import SetStyle, set_cell
from tests.qt.helpers import type_into_cell


def test_save_as_json_then_reopen_gives_the_same_document(qtbot, window, tmp_path):
    context = window.context
    type_into_cell(qtbot, window.table_view, 0, 1, "3.25")
    context.push(SetStyle(2, "#000000", False))
    path = tmp_path / "lesson.json"
    window.answers["save"] = str(path)
    window.actionSaveAs.trigger()
    assert not window.isWindowModified()
    assert window.windowTitle() == "lesson.json[*] — Vector Explorer"
    assert json.loads(path.read_text())["vectors"][0]["values"] == [3.25, 30.0]
    saved = context.table.copy()

    context.push(set_cell(1, 0, 99.0))
    window.answers["open"] = str(path)
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    window.actionOpen.trigger()
    assert context.table.same_content(saved)
    assert context.undo_stack.count() == 0
    assert not window.isWindowModified()
    assert window.plot.tip(0) == (3.25, 30.0)
    assert 2 not in window.plot.drawn_rows  # C stayed hidden
    assert window.settings.recent_files()[0] == str(path.resolve())


def test_save_as_csv_and_reopen(window, tmp_path):
    path = tmp_path / "materials.csv"
    window.answers["save"] = str(path)
    window.actionSave.trigger()  # no file yet: Save asks where
    assert path.read_text().splitlines()[:2] == ["label,mass (kg),volume (l)", "A,3,30"]
    before = window.context.table.copy()
    window.context.push(set_cell(0, 0, 5.0))
    window.actionSave.trigger()  # now saves in place
    assert path.read_text().splitlines()[1] == "A,5,30"
    window.actionUndo.trigger()
    assert window.files.open(str(path)) is True  # unsaved undo: discarded when asked
    assert window.context.table.values[0].tolist() == [5, 30]
    assert window.context.table.labels == before.labels


def test_a_failed_commit_leaves_the_old_file_whole_and_says_why(window, tmp_path, monkeypatch):
    import errno

    from explorer.model.formats import atomic

    path = tmp_path / "kept.json"
    window.answers["save"] = str(path)
    window.actionSaveAs.trigger()
    original = path.read_bytes()
    window.context.push(set_cell(0, 0, 42.0))

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    window.actionSave.trigger()
    assert path.read_bytes() == original
    assert window.errors == ["Could not save kept.json: No space left on device. The file on disk was not changed."]
    assert window.isWindowModified()
    assert [p.name for p in tmp_path.iterdir()] == ["kept.json"]


def test_saving_where_a_folder_cannot_be_written_fails_cleanly(window, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    window.answers["save"] = str(blocker / "lesson.json")
    window.context.push(set_cell(0, 0, 1.0))
    window.actionSaveAs.trigger()
    assert blocker.read_text() == "a file where a folder should be"
    assert len(window.errors) == 1 and window.errors[0].startswith("Could not save lesson.json: ")
    assert window.errors[0].endswith("The file on disk was not changed.")
    assert window.isWindowModified()
    assert window.context.document.path is None


def test_a_file_that_fails_to_load_changes_nothing(window, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("label,mass,volume\nA,3,30\nB,x,4\n")
    window.context.push(set_cell(0, 0, 9.0))
    before = window.context.table.copy()
    assert window.files.open(str(bad)) is False
    assert window.context.table.same_content(before)
    assert window.errors[-1] == "Could not open bad.csv: bad.csv, line 3, column 2: 'x' is refused: it is not a number"
    assert window.context.undo_stack.count() == 1


def test_opening_over_unsaved_changes_asks_first(window, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("label,x,y\np,1,0\nq,0,1\n")
    window.context.push(set_cell(0, 0, 9.0))
    asked = []
    window.files.ask_save_changes = lambda: (asked.append(True), QMessageBox.StandardButton.Cancel)[1]
    assert window.files.open(str(other)) is False
    assert asked and window.context.table.values[0, 0] == 9.0
    window.files.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert window.files.open(str(other))
    assert window.context.table.labels == ("p", "q")
    assert window.plot.getPlotItem().getAxis("bottom").labelText == "x"


def test_closing_with_unsaved_changes_can_be_cancelled(window):
    window.context.push(set_cell(0, 0, 9.0))
    window.answers["save_changes"] = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible()


def test_recent_files_menu(window, tmp_path):
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    for path in (first, second):
        path.write_text("label,x,y\np,1,2\n")
        window.files.open(str(path))
    titles = [a.text() for a in window.recent_menu.actions()]
    assert titles == ["&1 two.csv", "&2 one.csv"]
    window.recent_menu.actions()[1].trigger()
    assert window.context.document.path == first.resolve()
    first.unlink()
    window.files.open(str(first))
    assert [a.text() for a in window.recent_menu.actions()] == ["&1 two.csv"]


def test_dropping_a_file_on_the_window_opens_it(window, tmp_path):
    path = tmp_path / "dropped.tsv"
    path.write_text("label\tx (m)\ty (m)\nu\t1\t2\n")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    position = QPointF(window.rect().center())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:  # Qt 6.12 takes a QPointF and deprecates the QPoint form; older ones take only a QPoint
        enter = QDragEnterEvent(position, Qt.DropAction.CopyAction, data, buttons, keys)
    except TypeError:
        enter = QDragEnterEvent(position.toPoint(), Qt.DropAction.CopyAction, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(position, Qt.DropAction.CopyAction, data, buttons, keys))
    assert window.context.table.labels == ("u",)
    assert window.windowTitle() == "dropped.tsv[*] — Vector Explorer"
    assert window.plot.getPlotItem().getAxis("left").labelText == "y (m)"
