"""The vector table as a user drives it: typing, pasting, copying, keys, colours."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QColor, QGuiApplication

from tests.qt.helpers import type_into_cell


def test_typing_a_value_moves_the_arrow(qtbot, window):
    view, plot, table = window.table_view, window.plot, window.context.table
    assert plot.tip(0) == (3.0, 30.0)
    type_into_cell(qtbot, view, 0, 1, "abc")  # refused: the status bar says why, the title stays unmodified
    assert window.statusBar().currentMessage().startswith("A, mass (kg): ") and not window.isWindowModified()
    type_into_cell(qtbot, view, 0, 1, "12")
    assert table.values[0].tolist() == [12.0, 30.0]
    assert plot.tip(0) == (12.0, 30.0)
    assert view.model().index(0, 3).data() == "32.31"  # |[12, 30]|
    assert window.context.undo_stack.count() == 1
    assert window.isWindowModified()


@pytest.mark.parametrize("bad", ["abc", "", "nan", "inf", "1e400", "1.2.3"])
def test_bad_input_changes_nothing_and_says_why(qtbot, table_view, plot, messages, materials_context, bad):
    type_into_cell(qtbot, table_view, 0, 1, bad)
    table = materials_context.table
    assert table.values[0].tolist() == [3.0, 30.0]
    assert plot.tip(0) == (3.0, 30.0)
    assert materials_context.undo_stack.count() == 0
    message = messages[-1]  # what the status bar shows
    assert message.startswith("A, mass (kg): ") and message.endswith("the value stays 3.")
    assert materials_context.undo_stack.isClean()  # what marks the window's title modified


def test_renaming_a_vector_by_typing_its_label(qtbot, table_view, plot, materials_context):
    type_into_cell(qtbot, table_view, 1, 0, "brick")
    assert materials_context.table.label(1) == "brick"
    assert plot.labeller.labels[1].toPlainText() == "brick"


def test_paste_a_spreadsheet_block_with_a_header_grows_the_table_in_one_step(
    qtbot, table_view, plot, materials_context
):
    view, table, stack = table_view, materials_context.table, materials_context.undo_stack
    before = table.copy()
    view.setCurrentIndex(view.model().index(3, 0))
    QGuiApplication.clipboard().setText(
        "label\tmass (kg)\tvolume (l)\tprice (EUR)\r\nD\t8\t80\t2.5\r\nE\t7.5\t2\t1\r\nF\t1\t10\t4\r\n"
    )
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert table.labels == ("A", "B", "C", "D", "E", "F")
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)", "price (EUR)"]
    assert table.values[3:].tolist() == [[8, 80, 2.5], [7.5, 2, 1], [1, 10, 4]]
    assert table.values[0].tolist() == [3, 30, 0]
    assert stack.count() == 1
    assert plot.tip(5) == (1.0, 10.0)
    stack.undo()
    assert table.same_content(before)


def test_paste_numbers_only_at_a_value_cell(qtbot, table_view, materials_context):
    view, table = table_view, materials_context.table
    view.setCurrentIndex(view.model().index(4, 1))
    assert view.paste("1\t2\n3\t4\n")
    assert table.values[4].tolist() == [1, 2]
    assert table.labels[5] == "v" and table.values[5].tolist() == [3, 4]


def test_paste_with_a_bad_cell_is_refused_whole(qtbot, table_view, messages, materials_context):
    view, table = table_view, materials_context.table
    before = table.copy()
    view.setCurrentIndex(view.model().index(0, 1))
    assert not view.paste("1\t2\n3\tabc\n5\t6\n")
    assert table.same_content(before)
    assert materials_context.undo_stack.count() == 0
    assert messages[-1] == (
        "Paste refused: line 2, column 2: 'abc' is refused: it is not a number; nothing was changed."
    )


def test_copy_selection_as_tsv(qtbot, table_view, materials_context):
    view = table_view
    model = view.model()
    view.setCurrentIndex(model.index(0, 0))
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 3)),
        view.selectionModel().SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t")[:3] == ["A", "3", "30"]
    assert lines[1].split("\t")[:3] == ["B", "15", "4"]
    assert float(lines[0].split("\t")[3]) == pytest.approx(np.sqrt(909))
    # What was copied pastes back as the same numbers.
    view.setCurrentIndex(model.index(5, 0))
    assert view.paste("A2\t3\t30\n")
    assert materials_context.table.values[5].tolist() == [3, 30]


def test_insert_and_delete_keys(qtbot, table_view, materials_context):
    view, table = table_view, materials_context.table
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    assert table.labels == ("A", "B", "F", "C", "D", "E")
    assert table.values[2].tolist() == [0, 0]
    view.selectRow(0)
    view.selectionModel().select(view.model().index(3, 1), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert table.labels == ("B", "F", "D", "E")
    assert materials_context.undo_stack.count() == 2
    materials_context.undo_stack.undo()
    assert table.labels == ("A", "B", "F", "C", "D", "E")


def test_visibility_box_hides_the_arrow(qtbot, table_view, plot, materials_context):
    view = table_view
    rect = view.visualRect(view.model().index(2, 0))
    assert 2 in plot.drawn_rows
    view.model().setData(view.model().index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert 2 not in plot.drawn_rows and 2 not in plot.labeller.labels
    assert rect.isValid()
    materials_context.undo_stack.undo()
    assert 2 in plot.drawn_rows


def test_colour_swatch_click_opens_the_picker(qtbot, table_view, plot, materials_context):
    view, table = table_view, materials_context.table
    asked = []
    view.ask_color = lambda initial: (asked.append(initial.name().upper()), QColor("#112233"))[1]
    swatch = view.swatch_rect(1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=swatch.center())
    assert asked == ["#D55E00"]
    assert table.colors[1] == "#112233"
    assert plot.arrows.groups["#112233"].rows == [1]
    materials_context.undo_stack.undo()
    assert table.colors[1] == "#D55E00"


def test_move_rows_up_and_down(qtbot, window):
    view, table = window.table_view, window.context.table
    view.setCurrentIndex(view.model().index(2, 1))
    window.actionMoveUp.trigger()
    assert table.labels == ("A", "C", "B", "D", "E")
    window.actionMoveDown.trigger()
    window.actionMoveDown.trigger()
    assert table.labels == ("A", "B", "D", "C", "E")
    assert window.context.selection == [3]


def test_context_menu_paste_uses_the_clipboard(qtbot, table_view, materials_context, monkeypatch):
    from PySide6.QtWidgets import QMenu

    view = table_view
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *args: shown.append(menu))
    view.setCurrentIndex(view.model().index(0, 1))
    QGuiApplication.clipboard().setText("4\t40\n")
    view.customContextMenuRequested.emit(view.visualRect(view.model().index(0, 1)).center())
    actions = {a.text(): a for a in shown[0].actions()}
    assert list(actions)[:5] == ["Colour…", "Add vector", "Remove selected vectors", "Copy", "Paste"]
    assert list(actions)[6:] == ["Add &Metadata Column…", "Remove Metadata Co&lumn", "Rename Metadata Column…"]
    actions["Paste"].trigger()
    assert materials_context.table.values[0].tolist() == [4, 40]


def test_a_number_too_wide_for_its_column_is_cut_at_its_end_a_label_in_its_middle(qtbot, table_view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    view = table_view
    type_into_cell(qtbot, view, 0, 1, "-0.0104692")
    type_into_cell(qtbot, view, 1, 0, "Borosilicate glass, laboratory grade, 3.3 mm")
    view.setColumnWidth(1, 40)
    shown = {}
    for column in (0, 1):
        index = view.model().index(0 if column else 1, column)
        option = QStyleOptionViewItem()
        view.itemDelegateForIndex(index).initStyleOption(option, index)
        shown[column] = option.fontMetrics.elidedText(option.text, option.textElideMode, 40)
    assert shown[1].startswith("-0") and shown[1].endswith("…")  # a prefix of the number, never "-0.0…7169"
    assert shown[0].startswith("B") and shown[0].endswith("m")
    assert view.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole).endswith("-0.0104692")


def test_deleting_a_block_of_rows_removes_each_run_at_once(qtbot, table_view, materials_context):
    view, table = table_view, materials_context.table
    removals = []
    table.rows_removed.connect(lambda start, count: removals.append((start, count)))
    view.selectAll()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert table.labels == () and removals == [(0, 5)]  # one removal, not five (each recomputes every panel)
    materials_context.undo_stack.undo()
    assert table.labels == ("A", "B", "C", "D", "E") and table.values[3].tolist() == [7.5, 75]
    removals.clear()
    view.selectRow(0)
    for row in (1, 3):
        view.selectionModel().select(view.model().index(row, 1), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert table.labels == ("C", "E") and removals == [(3, 1), (0, 2)]
    materials_context.undo_stack.undo()
    assert table.labels == ("A", "B", "C", "D", "E")
    assert table.colors == tuple(materials_context.table.colors)


def test_rows_copied_here_paste_back_without_their_length_column(qtbot, table_view, materials_context):
    from PySide6.QtCore import QModelIndex

    view, table = table_view, materials_context.table
    view.selectRow(0)  # label, mass, volume and |v|
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().split("\t")[:3] == ["A", "3", "30"]
    view.setCurrentIndex(QModelIndex())  # no current cell: the copy is appended as a new vector
    assert view.paste()
    assert table.labels[5] == "A2" and table.values[5].tolist() == [3, 30] and table.dimension_count == 2
    materials_context.undo_stack.undo()
    QGuiApplication.clipboard().setText("F\t3\t4\t5\n")  # copied elsewhere: every column is data
    view.setCurrentIndex(QModelIndex())
    assert view.paste()
    assert table.dimension_count == 3 and table.values[5].tolist() == [3, 4, 5]
