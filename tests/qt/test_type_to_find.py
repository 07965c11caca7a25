"""Typing on the table's label column finds a label instead of renaming it; F2 or a double-click renames,
and typing on a number cell still edits it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from tests.qt.conftest import WORDS


def test_typing_on_a_label_jumps_to_a_matching_label_and_never_renames(qtbot, words_panes):
    panes = words_panes
    view, table = panes.table_view, panes.context.table
    view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus()
    qtbot.keyClicks(view, "wo")
    assert view.currentIndex().row() == 5 and view.currentIndex().column() == 0  # woman
    assert panes.context.selection == [5]
    assert view.state() != QAbstractItemView.State.EditingState
    assert table.labels == tuple(WORDS) and panes.context.undo_stack.count() == 0


def test_the_same_key_again_steps_to_the_next_label_starting_with_it(qtbot, words_panes):
    panes = words_panes
    view = panes.table_view
    view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 2  # kingdom: a new search starts below the current row
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 6  # King's
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 8  # kitten
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 0  # round to king


def test_enter_on_a_label_does_not_rename_but_f2_does(qtbot, words_panes):
    panes = words_panes
    view = panes.table_view
    view.setCurrentIndex(view.model().index(3, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() != QAbstractItemView.State.EditingState
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState


def test_typing_on_a_number_cell_still_starts_an_edit(qtbot, words_panes):
    panes = words_panes
    view = panes.table_view
    view.setCurrentIndex(view.model().index(1, 1))
    view.setFocus()
    qtbot.keyClicks(view, "7")
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert panes.context.table.values[1, 0] == 7.0


def test_a_double_click_on_a_label_renames_it(qtbot, words_panes):
    panes = words_panes
    view = panes.table_view
    rect = view.visualRect(view.model().index(7, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.state() == QAbstractItemView.State.EditingState
