"""The claims checker shows the document's claims; each change is an undo step; Copy says so."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableWidget

from explorer.model.claims import LESSON_CLAIMS
from explorer.model.commands import RenameVector


def claims_table(panel) -> QTableWidget:
    return panel.findChild(QTableWidget, "claimsTable")


def add_claim(qtbot, panel, text: str) -> None:
    line = panel.findChild(QLineEdit, "claimInput")
    line.setFocus()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_adding_a_claim_is_an_undo_step_that_marks_the_document_modified(qtbot, window):
    assert window.context.document.claims.texts == LESSON_CLAIMS
    add_claim(qtbot, window, "B = 5 A")
    assert window.context.document.claims.texts[-1] == "B = 5 A"
    assert window.working.claims.verdict(6)[0] == "❌"
    assert window.isWindowModified()
    assert window.actionUndo.text() == "&Undo: Add claim B = 5 A"
    window.actionUndo.trigger()
    assert window.working.claims.claims() == list(LESSON_CLAIMS)
    assert not window.isWindowModified()
    window.actionRedo.trigger()
    assert window.working.claims.claims()[-1] == "B = 5 A"


def test_editing_and_removing_claims_are_undo_steps(qtbot, window):
    table = claims_table(window)
    item = table.item(1, 0)
    table.setCurrentItem(item)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "D = 3 A")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.context.document.claims[1] == "D = 3 A")
    assert window.working.claims.verdict(1)[0] == "❌"
    assert window.context.undo_stack.count() == 1 and window.isWindowModified()
    table.selectRow(0)
    qtbot.mouseClick(window.findChild(QPushButton, "removeClaim"), Qt.MouseButton.LeftButton)
    assert window.working.claims.claims() == ["D = 3 A", *LESSON_CLAIMS[2:]]
    window.actionUndo.trigger()
    window.actionUndo.trigger()
    assert window.working.claims.claims() == list(LESSON_CLAIMS)
    assert window.working.claims.verdict(1)[0] == "✅"
    assert not window.isWindowModified()


def test_an_emptied_claim_is_refused_and_keeps_its_text(qtbot, working_panel, messages, materials_context):
    table = claims_table(working_panel)
    table.item(2, 0).setText("   ")  # what the editor commits when its text is deleted
    assert working_panel.claims.claims() == list(LESSON_CLAIMS)
    assert table.item(2, 0).text() == "E = 2.5 A"
    assert materials_context.undo_stack.count() == 0
    assert "refused" in messages[-1]


def test_a_new_claim_is_scrolled_to_and_flashed(qtbot, working_panel):
    for n in range(12):
        working_panel.claims.add_claim(f"A = {n + 2} A")
    table = claims_table(working_panel)
    table.scrollToTop()
    add_claim(qtbot, working_panel, "E = 0.5 B")
    row = table.rowCount() - 1
    assert table.currentRow() == row
    assert table.viewport().rect().intersects(table.visualItemRect(table.item(row, 0)))
    assert working_panel.claims.flashing_rows() == [row]
    qtbot.waitUntil(lambda: working_panel.claims.flashing_rows() == [], timeout=3000)


def test_a_renamed_vector_is_renamed_in_the_claims_and_undo_gives_the_exact_text_back(
    qtbot, working_panel, undo_action, materials_context
):
    working_panel.claims.add_claim("'A' ≈ 0.9 C")
    materials_context.push(RenameVector(0, "Alpha"))
    assert working_panel.claims.claims()[:2] == ["C = Alpha", "D = 2.5 Alpha"]
    assert working_panel.claims.claims()[-1] == "Alpha ≈ 0.9 C"
    undo_action.trigger()
    assert working_panel.claims.claims()[-1] == "'A' ≈ 0.9 C"


def test_claims_are_saved_and_opened_with_the_document(qtbot, window, tmp_path):
    add_claim(qtbot, window, "B = 5 A")
    path = tmp_path / "with-claims.json"
    window.answers["save"] = str(path)
    window.actionSaveAs.trigger()
    assert json.loads(path.read_text())["claims"] == [*LESSON_CLAIMS, "B = 5 A"]
    assert not window.isWindowModified()
    window.working.claims.add_claim("A = A")
    assert window.isWindowModified()
    window.answers["open"] = str(path)
    window.actionOpen.trigger()  # discards the unsaved claim
    assert window.working.claims.claims() == [*LESSON_CLAIMS, "B = 5 A"]
    csv = tmp_path / "fruit.csv"
    csv.write_text("label,sweet,sour\napple,4,3\nlemon,1,9\n", encoding="utf-8")
    window.files.open(str(csv))
    assert window.working.claims.claims() == []  # a CSV holds no claims


def test_copy_claims_and_copy_working_say_so_in_the_status_bar(qtbot, working_panel, messages, materials_context):
    claims = working_panel.claims
    working_panel.findChild(QAction, "copyClaims").trigger()  # the claims list's context menu
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[1] == "D = 2.5 A\ttrue\tD = 2.5 × A: the same direction, 2.5 times the size"
    assert len(copied) == 6
    assert messages[-1] == "Copied 6 claims with their verdicts."
    claims_table(working_panel).selectRow(2)
    qtbot.keyClick(claims_table(working_panel), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().startswith("E = 2.5 A\tfalse\tE has 2.5 × A's mass")
    assert messages[-1] == "Copied 1 claim with its verdict."
    materials_context.select_pair(0, 1)
    qtbot.mouseClick(working_panel.findChild(QPushButton, "copyWorkingText"), Qt.MouseButton.LeftButton)
    assert messages[-1] == "Copied the working of A and B as text."
    qtbot.mouseClick(working_panel.findChild(QPushButton, "copyWorkingMarkdown"), Qt.MouseButton.LeftButton)
    assert messages[-1] == "Copied the working of A and B as Markdown."
    assert claims.claims() == list(LESSON_CLAIMS)
