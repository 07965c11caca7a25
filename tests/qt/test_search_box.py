"""The search box over the labels, as a user drives it: Ctrl+F, typing, the options, Enter, Escape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from explorer.model.document import Document
from tests.qt.window_panels import highlighted_tips, selected_rows


def tips(panes, rows) -> set[tuple[float, float]]:
    return {panes.plot.tip(r) for r in rows}


def find(qtbot, panes, text: str) -> None:
    """Ctrl+F, then type ``text`` into the search box."""
    qtbot.keyClick(panes.table_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panes.search_bar.box, text)


def test_ctrl_f_shows_the_search_box_with_the_keyboard_in_it(qtbot, words_window):
    window = words_window
    bar = window.search_bar
    assert bar.isHidden()
    window.table_view.setFocus()
    qtbot.keyClick(window.table_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.box.objectName() == "searchBox"
    qtbot.waitUntil(bar.box.hasFocus)
    assert window.context.label_index.built  # made on opening, not at the first key
    assert window.findChild(type(window.actionFind), "actionFind").shortcut().toString() == "Ctrl+F"


def test_typing_selects_the_matches_everywhere_and_counts_them(qtbot, words_panes):
    panes = words_panes
    find(qtbot, panes, "kin")
    bar = panes.search_bar
    assert panes.context.selection == [0, 2, 3, 6]  # king, kingdom, viking, King's (any case)
    assert bar.count_label.text() == "4 matches"
    assert selected_rows(panes) == [0, 2, 3, 6]
    assert highlighted_tips(panes) == tips(panes, [0, 2, 3, 6])
    qtbot.keyClicks(bar.box, "gd")
    assert panes.context.selection == [2] and bar.count_label.text() == "1 match"
    qtbot.keyClicks(bar.box, "x")
    assert panes.context.selection == [] and bar.count_label.text() == "no match"
    assert panes.context.view.search.text == "kingdx"  # the one owner of the text


def test_options_match_case_whole_words_and_regular_expressions(qtbot, words_panes):
    panes = words_panes
    bar = panes.search_bar
    find(qtbot, panes, "king")
    assert panes.context.selection == [0, 2, 3, 6]
    qtbot.keyClick(bar.box, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # whole words
    assert bar.word_button.isChecked() and panes.context.selection == [0, 6]
    qtbot.keyClick(bar.box, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # and case
    assert panes.context.selection == [0] and bar.count_label.text() == "1 match"
    bar.regex_button.click()  # a regular expression instead of whole words
    assert not bar.word_button.isChecked() and panes.context.view.search.mode == "regex"
    bar.box.clear()
    qtbot.keyClicks(bar.box, "^ca")
    assert panes.context.selection == [7, 9] and bar.count_label.text() == "2 matches"


def test_a_bad_pattern_is_said_in_one_sentence_and_changes_nothing(qtbot, words_panes):
    panes = words_panes
    bar = panes.search_bar
    bar.start()
    bar.regex_button.click()
    qtbot.keyClicks(bar.box, "ca")
    assert panes.context.selection == [7, 9]
    qtbot.keyClicks(bar.box, "(")  # "ca(": no closing bracket
    assert panes.context.selection == [7, 9]  # the last good search's selection stays
    assert bar.box.toolTip().startswith("'ca(' is not a regular expression at character 4: missing )")
    assert "border: 1px solid #c62828" in bar.box.styleSheet()
    assert bar.count_label.toolTip() == bar.box.toolTip()
    assert not bar.next_button.isEnabled()
    qtbot.keyClicks(bar.box, "t|r)")
    assert panes.context.selection == [7, 9] and bar.box.styleSheet() == ""
    assert bar.count_label.text() == "2 matches"


def test_clearing_the_box_gives_back_the_earlier_selection(qtbot, words_panes):
    panes = words_panes
    panes.context.select_rows([4, 5])  # man, woman
    find(qtbot, panes, "qu")
    assert panes.context.selection == [1]
    panes.search_bar.box.clear()
    assert panes.context.selection == [4, 5]
    assert panes.search_bar.count_label.text() == ""


def test_enter_zooms_to_the_matches_then_steps_through_them(qtbot, words_panes):
    panes = words_panes
    bar, view, plot = panes.search_bar, panes.table_view, panes.plot
    find(qtbot, panes, "ca")  # cat (7), car (9)
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    assert x0 <= 0 < 3 <= x1 and y0 <= 0 < 3 <= y1  # the origin and both tips (3, 3), (1, 2)...
    assert min(x1 - x0, y1 - y0) < 4  # ...not all ten (up to (10, 10)); equal scale widens the other axis
    assert view.currentIndex().row() == 7 and bar.count_label.text() == "1 of 2"
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 9 and bar.count_label.text() == "2 of 2"
    (x0, x1), (y0, y1) = plot.getPlotItem().getViewBox().viewRange()
    assert (x0 + x1) / 2 == pytest.approx(1) and (y0 + y1) / 2 == pytest.approx(2)  # car's tip in the middle
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 7  # round again
    qtbot.keyClick(bar.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == 9 and bar.count_label.text() == "2 of 2"
    assert panes.context.selection == [7, 9]  # stepping keeps the matches selected
    assert view.state() != QAbstractItemView.State.EditingState


def test_enter_selects_the_matches_again_after_another_selection(qtbot, words_panes):
    panes = words_panes
    bar = panes.search_bar
    find(qtbot, panes, "man")
    panes.context.select_rows([0])
    qtbot.keyClick(bar.box, Qt.Key.Key_Return)
    assert panes.context.selection == [4, 5] and panes.table_view.currentIndex().row() == 4


def test_escape_hides_the_bar_keeps_the_matches_and_gives_the_table_the_keyboard(qtbot, words_panes):
    panes = words_panes
    bar = panes.search_bar
    find(qtbot, panes, "queen")
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert bar.isHidden()
    qtbot.waitUntil(panes.table_view.hasFocus)
    assert panes.context.selection == [1]
    qtbot.keyClick(panes.table_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.box.text() == "queen" and bar.box.selectedText() == "queen"  # typing replaces it


def test_renamed_labels_are_counted_again_without_selecting_again(qtbot, words_panes):
    panes = words_panes
    from explorer.model.commands import RenameVector

    bar = panes.search_bar
    find(qtbot, panes, "cat")
    panes.context.select_rows([0])
    panes.context.push(RenameVector(1, "catherine"))
    qtbot.waitUntil(lambda: bar.count_label.text() == "2 matches")
    assert panes.context.selection == [0]  # the user's selection stands until Enter


def test_another_document_clears_the_search(qtbot, words_panes):
    panes = words_panes
    from explorer.model.builtin import materials

    find(qtbot, panes, "king")
    panes.context.replace_document(Document(materials()))
    assert panes.search_bar.box.text() == "" and panes.context.view.search.text == ""
    assert panes.search_bar.count_label.text() == ""
