"""Crash recovery in the window: the next start offers the unsaved work back, claims and all."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.model.claim_list import AddClaims
from explorer.model.claims import LESSON_CLAIMS
from explorer.model.commands import InsertVectors, set_cell
from explorer.model.journal_recovery import unsaved_journals
from explorer.qt.app.main_window import MainWindow
from explorer.qt.app.recovery import offer_recovery, recovery_folder
from explorer.qt.app.settings import Settings
from tests.qt.conftest import dispose


def new_window(qtbot, tmp_path) -> MainWindow:
    window = MainWindow(settings=Settings(str(tmp_path / "explorer.ini")))
    window.files.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window, before_close_func=lambda closing: dispose(closing.context))
    return window


def crash(window) -> None:
    """What a kill -9 leaves: the journal on disk, its lock released by the dead process."""
    journal = window.recovery.journal
    assert journal.flush()
    os.close(journal._lock_fd)
    journal._lock_fd = None
    journal.closed = True  # the program is gone: nothing more is written or removed


def answer_recovery_question(qtbot, button_text: str, seen: list) -> None:
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "recoveryQuestion":
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)


def test_the_journal_is_kept_under_the_data_folder_xdg_names(qapp, tmp_path):
    folder = recovery_folder()
    assert folder.name == "recovery"
    assert str(folder).startswith(os.environ["XDG_DATA_HOME"])  # the tests' own temporary folder


def test_unsaved_edits_and_claims_are_offered_back_and_restored_as_unsaved(qtbot, tmp_path):
    saved = tmp_path / "lesson.json"
    first = new_window(qtbot, tmp_path)
    first.files.ask_save_path = lambda: str(saved)
    first.files.save()
    first.context.push(set_cell(0, 0, 1e308))
    first.context.push(InsertVectors(5, ["F"], [[0.0, 0.0]]))
    first.context.push(AddClaims(6, ["F = 0 A"]))
    expected = first.context.table.copy()
    crash(first)

    second = new_window(qtbot, tmp_path)
    seen: list[str] = []
    answer_recovery_question(qtbot, "Restore", seen)
    assert offer_recovery(second)
    assert seen and seen[0].startswith("Vector Explorer ended without saving lesson.json (3 unsaved changes, the last")
    assert second.context.table.same_content(expected)
    assert second.context.document.claims.texts == (*LESSON_CLAIMS, "F = 0 A")
    assert second.context.document.path == saved.resolve()
    assert second.isWindowModified() and second.windowTitle().startswith("lesson.json")
    assert second.statusBar().currentMessage() == "Restored the unsaved work on lesson.json; save it to keep it."
    assert not first.recovery.journal.path.exists()  # taken over by the second window's journal
    crash(second)  # and it is safe again at once
    assert [w.changes for w in unsaved_journals(recovery_folder())] == [0]
    for work in unsaved_journals(recovery_folder()):
        work.discard()


def test_recover_restores_without_asking_and_an_untitled_document_stays_untitled(qtbot, tmp_path):
    first = new_window(qtbot, tmp_path)
    first.context.push(set_cell(2, 1, 5.0))
    crash(first)
    second = new_window(qtbot, tmp_path)
    assert offer_recovery(second, recover=True)  # no question: a modal box would block this test
    assert second.context.table.values[2, 1] == 5.0
    assert second.context.document.path is None and second.isWindowModified()
    assert second.windowTitle() == "Untitled[*] — Vector Explorer"  # not "Materials A–E": it is other work


def test_discard_deletes_the_work_and_not_now_keeps_it_for_the_next_start(qtbot, tmp_path):
    first = new_window(qtbot, tmp_path)
    first.context.push(set_cell(2, 1, 5.0))
    crash(first)
    second = new_window(qtbot, tmp_path)
    seen: list[str] = []
    answer_recovery_question(qtbot, "Not Now", seen)
    assert not offer_recovery(second)
    assert second.context.table.values[2, 1] == 27.0 and not second.isWindowModified()
    answer_recovery_question(qtbot, "Discard", seen)
    assert not offer_recovery(second)
    assert len(seen) == 2
    assert not first.recovery.journal.path.exists()
    assert not offer_recovery(second)  # nothing left to offer: no question
    assert offer_recovery(second, recover=True) is False
    assert second.statusBar().currentMessage() == "There was no unsaved work to restore."


def test_a_save_and_a_clean_close_remove_the_journal(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path)
    journal = window.recovery.journal
    window.context.push(set_cell(0, 0, 4.0))
    assert journal.flush() and journal.path.exists()
    window.files.save_to(tmp_path / "saved.json")
    assert journal.flush() and not journal.path.exists()
    window.context.push(set_cell(0, 0, 5.0))
    assert journal.flush() and journal.path.exists()
    window.close()
    assert not journal.path.exists() and list(Path(journal.folder).glob("*.lock")) == []


def test_two_windows_never_mix_their_journals(qtbot, tmp_path):
    one, two = new_window(qtbot, tmp_path), new_window(qtbot, tmp_path)
    one.context.push(set_cell(0, 0, 1.0))
    two.context.push(set_cell(1, 0, 2.0))
    two.context.push(set_cell(1, 1, 3.0))
    assert one.recovery.journal.path != two.recovery.journal.path
    assert unsaved_journals(recovery_folder()) == []  # both windows are alive
    crash(one)
    found = unsaved_journals(recovery_folder())
    assert [w.path for w in found] == [one.recovery.journal.path] and found[0].changes == 1
    found[0].release()
    third = new_window(qtbot, tmp_path)
    assert offer_recovery(third, recover=True)
    assert third.context.table.values[0, 0] == 1.0 and third.context.table.values[1, 0] == 15.0
