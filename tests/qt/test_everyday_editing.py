"""Everyday editing as a first user meets it: a new vector's defaults, Enter, Ctrl+Y, named undo steps,
Add Dimension's question, and "Copied" after a copy."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit

from explorer.model.formats.delimited import parse_delimited
from explorer.model.table import Dimension
from tests.qt.helpers import drag_tip, type_into_cell


def test_add_vector_below_the_current_row_with_the_next_letter_an_unused_colour_and_the_cursor_ready(qtbot, window):
    view, table, plot = window.table_view, window.context.table, window.plot
    view.setCurrentIndex(view.model().index(1, 1))  # on B
    window.actionAddVector.trigger()
    assert table.labels == ("A", "B", "F", "C", "D", "E")
    assert table.color(2) == "#56B4E9" and table.color(2) not in table.colors[:2] + table.colors[3:]
    assert plot.tip(2) == (0.0, 0.0)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 1)  # F's mass, ready to type
    assert view.hasFocus()
    qtbot.keyClicks(view, "4")  # typing starts the edit, as in a spreadsheet
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.values[2, 0] == 4.0)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (3, 1)  # Enter went down to C
    window.actionAddVector.trigger()  # below C now: G, in the next colour no vector has
    assert table.labels[4] == "G" and table.color(4) not in [table.color(r) for r in range(len(table)) if r != 4]


def test_add_vector_with_no_current_row_goes_to_the_end(qtbot, window):
    view, table = window.table_view, window.context.table
    view.setCurrentIndex(view.model().index(-1, -1))
    window.actionAddVector.trigger()
    assert table.labels == ("A", "B", "C", "D", "E", "F")
    assert view.currentIndex().row() == 5


def test_enter_moves_down_after_an_edit_and_a_refused_value_keeps_the_cursor(
    qtbot, table_view, messages, materials_context
):
    view, table = table_view, materials_context.table
    type_into_cell(qtbot, view, 0, 1, "4")
    assert table.values[0, 0] == 4.0
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    type_into_cell(qtbot, view, 1, 2, "abc")
    assert table.values[1, 1] == 4.0 and view.currentIndex().row() == 1  # refused: stays for another try
    assert "'abc' is refused" in messages[-1]
    type_into_cell(qtbot, view, 4, 2, "3")  # the last row: nowhere to go
    assert view.currentIndex().row() == 4
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)  # not editing: Enter moves down too, Shift+Enter up
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().row() == 1


def test_undo_and_redo_name_the_change_and_ctrl_y_redoes(qtbot, window):
    view, table = window.table_view, window.context.table
    assert window.actionUndo.text() == "&Undo" and not window.actionUndo.isEnabled()
    type_into_cell(qtbot, view, 0, 1, "4")
    assert window.actionUndo.text() == "&Undo: A's mass 3 → 4"
    assert window.actionUndo.toolTip() == "Undo: A's mass 3 → 4"
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table.values[0, 0] == 3.0
    assert window.actionRedo.text() == "&Redo: A's mass 3 → 4"
    assert QKeySequence("Ctrl+Y") in window.actionRedo.shortcuts()
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert table.values[0, 0] == 4.0
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert table.values[0, 0] == 4.0  # nothing more to redo; Ctrl+Shift+Z still is Redo's key


def test_every_kind_of_change_names_itself_in_edit_undo(qtbot, window):
    view, context = window.table_view, window.context

    def undo_text() -> str:
        return window.actionUndo.text().removeprefix("&Undo: ")

    view.setCurrentIndex(view.model().index(1, 0))
    view.selectionModel().select(view.model().index(2, 0), view.selectionModel().SelectionFlag.Select)
    window.actionRemoveVector.trigger()
    assert undo_text() == "Remove B and C"
    type_into_cell(qtbot, view, 0, 0, "F")  # a double-click or F2 renames
    assert undo_text() == "Rename A → F"
    view.model().setData(view.model().index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert undo_text() == "Hide D"
    view.setCurrentIndex(view.model().index(2, 1))
    window.actionMoveUp.trigger()
    assert undo_text() == "Move E up"
    view.paste("1\t2\n")
    assert undo_text() == "Paste 1 × 2 cells at E's mass"
    view.ask_color = lambda initial: QColor("#CC79A7")
    view.choose_color(0)
    assert undo_text() == "F's colour → reddish purple"
    window.working.claims.add_claim("D = 2.5 F")
    assert undo_text() == "Add claim D = 2.5 F"
    drag_tip(qtbot, window.plot, 0, window.plot.tip_viewport_pos(0) + QPoint(30, -30))
    assert undo_text().startswith("Drag F to [")
    x, y = context.table.values[0]
    assert undo_text() == f"Drag F to [{x:g}, {y:g}]"
    context.undo_stack.undo()
    assert window.actionRedo.text() == f"&Redo: Drag F to [{x:g}, {y:g}]"


def test_a_label_with_an_ampersand_is_no_mnemonic_in_the_menu(qtbot, table_view, undo_action):
    type_into_cell(qtbot, table_view, 0, 0, "R&D")
    assert undo_action.text() == "&Undo: Rename A → R&&D"  # shows "Rename A → R&D", D not underlined
    assert undo_action.toolTip() == "Undo: Rename A → R&D"


def fill_dimension_dialog(name: str, unit: str | None = None, seen: list | None = None):
    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "dimensionDialog":
            QTimer.singleShot(10, fill)
            return
        if seen is not None:
            seen.append(dialog.windowTitle())
        dialog.findChild(QLineEdit, "dimensionName").setText(name)
        if unit is not None:
            dialog.findChild(QLineEdit, "dimensionUnit").setText(unit)
        if seen is not None:
            seen.append(dialog.findChild(QLabel, "dimensionPreview").text())
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)


def test_add_dimension_asks_for_a_name_and_reads_name_unit_as_a_header_does(qtbot, window):
    del window.dimensions.ask  # the real question (the fixture answers it with dim3)
    table, view = window.context.table, window.table_view
    seen: list[str] = []
    fill_dimension_dialog("density (kg/l)", seen=seen)
    window.actionAddDimension.trigger()
    assert seen == ["Add dimension", "density (kg/l)"]
    assert table.dimensions[2] == Dimension("density", "kg/l")
    assert table.dimensions[2] == parse_delimited("label,density (kg/l)\nA,1\n").dimensions[0]
    assert view.model().headerData(3, Qt.Orientation.Horizontal) == "density (kg/l)"
    assert window.actionUndo.text() == "&Undo: Add dimension density (kg/l)"
    assert table.values[:, 2].tolist() == [0, 0, 0, 0, 0]


def test_rename_reads_name_unit_too_and_a_used_name_is_refused(qtbot, window):
    table, view = window.context.table, window.table_view
    view.setCurrentIndex(view.model().index(0, 1))
    seen: list[str] = []
    fill_dimension_dialog("weight (g)", seen=seen)  # the unit field still says kg: the name's (g) wins
    window.actionRenameDimension.trigger()
    assert seen == ["Rename dimension", "weight (g)"]
    assert table.dimensions[0] == Dimension("weight", "g")
    fill_dimension_dialog("volume")
    window.actionRenameDimension.trigger()
    assert table.dimensions[0] == Dimension("weight", "g")
    assert window.statusBar().currentMessage() == (
        "Rename dimension refused: there is a dimension named 'volume' already; nothing was changed."
    )
    fill_dimension_dialog("price", "EUR")  # a unit typed in its own field is the unit
    window.actionRenameDimension.trigger()
    assert table.dimensions[0] == Dimension("price", "EUR")


def test_cancelling_add_dimension_changes_nothing(qtbot, window):
    del window.dimensions.ask

    def cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert not window.add_dimension()
    assert window.context.table.dimension_count == 2 and window.context.undo_stack.count() == 0


def test_copying_cells_says_copied_in_the_status_bar(qtbot, table_view, messages):
    view = table_view
    view.setCurrentIndex(view.model().index(0, 1))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "3\n"
    assert messages[-1] == "Copied 1 cell as tab-separated text (paste into a spreadsheet or here)."
