"""Menu shortcuts are real shortcuts, not text after a tab; they act in the table only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit


def test_add_and_remove_vector_show_real_shortcuts(window):
    assert "\t" not in window.actionAddVector.text() and "\t" not in window.actionRemoveVector.text()
    assert window.actionAddVector.shortcut() == QKeySequence(Qt.Key.Key_Insert)
    assert window.actionRemoveVector.shortcut() == QKeySequence(Qt.Key.Key_Delete)


def test_the_keys_act_in_the_table_and_not_in_a_text_field(qtbot, window):
    view = window.table_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert window.context.table.labels == ("A", "B", "F", "C", "D", "E")
    line = window.findChild(QLineEdit, "claimInput")
    line.setFocus()
    qtbot.keyClicks(line, "D = A")
    qtbot.keyClick(line, Qt.Key.Key_Home)
    qtbot.keyClick(line, Qt.Key.Key_Delete)  # deletes a character, not the current vector
    assert line.text() == " = A"
    assert len(window.context.table) == 6
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.context.table.labels == ("A", "B", "C", "D", "E")
