"""File › New, the window's title, the Help menu and the lesson's tour, driven as a user would."""

from __future__ import annotations

import numpy
import pyqtgraph
import PySide6
import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QMessageBox,
    QRadioButton,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from explorer.model.commands import set_cell
from explorer.model.table import Dimension
from explorer.qt.app.tour import STEPS
from tests.qt.window_panels import working_copy

TITLE = "{}[*] — Vector Explorer"


def answer_new_dialog(choice: str, first: str = "", second: str = "", seen: list | None = None) -> None:
    """Choose in ``newDocumentDialog``: "materials", "empty" (with two dimension names) or "cancel"."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "newDocumentDialog":
            QTimer.singleShot(10, answer)
            return
        if choice == "cancel":
            dialog.reject()
            return
        if choice == "empty":
            for name, text in (("newFirstDimension", first), ("newSecondDimension", second)):
                edit = dialog.findChild(QLineEdit, name)
                edit.selectAll()
                edit.insert(text)
                edit.textEdited.emit(text)  # as typing does: it chooses "empty"
        else:
            dialog.findChild(QRadioButton, "newMaterials").setChecked(True)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        if seen is not None:
            seen.append(ok.isEnabled())
        if ok.isEnabled():
            ok.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)


# ------------------------------------------------------------------------------------- File › New
def test_file_new_starts_an_empty_untitled_table_with_two_named_dimensions(qtbot, window):
    assert window.windowTitle() == TITLE.format("Materials A–E")
    assert window.actionNew.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    answer_new_dialog("empty", "mass (kg)", "volume (l)")
    assert window.actionNew in window.menu("file").actions()
    window.actionNew.trigger()
    table = window.context.table
    assert len(table) == 0 and list(table.dimensions) == [Dimension("mass", "kg"), Dimension("volume", "l")]
    assert window.windowTitle() == TITLE.format("Untitled") and not window.isWindowModified()
    assert window.context.document.claims.texts == () and window.context.undo_stack.count() == 0
    assert window.heatmap.data is None or len(window.heatmap.shown_rows()) == 0
    window.actionAddVector.trigger()  # the first vector of the new table is A, ready to type
    assert table.labels == ("A",) and window.table_view.currentIndex().column() == 1
    assert window.table_view.model().headerData(1, Qt.Orientation.Horizontal) == "mass (kg)"


def test_file_new_asks_about_unsaved_changes_and_cancel_keeps_everything(qtbot, window):
    window.context.push(set_cell(0, 0, 4.0))
    window.answers["save_changes"] = QMessageBox.StandardButton.Cancel
    answer_new_dialog("empty", "x", "y")
    assert not window.new_document()
    assert window.context.table.values[0, 0] == 4.0 and window.isWindowModified()
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    answer_new_dialog("materials")
    assert window.new_document()
    assert window.context.table.values[0, 0] == 3.0 and not window.isWindowModified()
    assert window.windowTitle() == TITLE.format("Materials A–E")
    assert len(window.context.document.claims.texts) == 6


def test_the_new_dialog_refuses_names_it_cannot_use(qtbot, window):
    seen: list[bool] = []
    answer_new_dialog("empty", "mass (kg)", "mass (g)", seen)
    assert not window.new_document()
    answer_new_dialog("empty", "", "y", seen)
    assert not window.new_document()
    assert seen == [False, False] and window.context.table.labels == ("A", "B", "C", "D", "E")
    answer_new_dialog("cancel")
    assert not window.new_document()


def test_a_new_file_keeps_its_name_once_saved_and_an_opened_file_names_the_title(qtbot, window, tmp_path):
    answer_new_dialog("empty", "x", "y")
    window.actionNew.trigger()
    window.answers["save"] = str(tmp_path / "mine.json")
    window.actionAddVector.trigger()
    assert window.windowTitle() == TITLE.format("Untitled") and window.isWindowModified()
    assert window.files.save()
    assert window.windowTitle() == TITLE.format("mine.json")


# ------------------------------------------------------------------------------------- Help menu
def test_the_help_menu_holds_the_tour_shortcuts_formats_and_about(window):
    menu = window.findChild(QMenu, "menuHelp")
    assert menu is not None and menu.title() == "&Help"
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["actionTour", "actionShortcuts", "actionFileFormats", "actionAbout"]
    assert window.menuBar().actions()[-1].menu() is menu


def test_the_shortcuts_are_read_from_the_actions_themselves(qtbot, window):
    window.context.push(set_cell(0, 0, 4.0))  # Undo is then "Undo: A's mass 3 → 4"; the list says Undo
    window.help.actionShortcuts.trigger()
    dialog = window.findChild(QDialog, "shortcutsDialog")
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {
        (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 2).text() for r in range(table.rowCount())
    }
    native = QKeySequence.SequenceFormat.NativeText
    assert rows[("Edit", "Redo")] == ", ".join(k.toString(native) for k in window.actionRedo.shortcuts())
    assert "Ctrl+Y" in rows[("Edit", "Redo")] and ("Edit", "Undo") in rows
    assert rows[("Edit", "Add Vector")] == "Ins"
    assert rows[("File", "New")] == QKeySequence(QKeySequence.StandardKey.New).toString(native)
    assert rows[("Help", "The Lesson, Step by Step")] == "F1"
    assert ("Edit", "Vector Colour") not in rows  # no key, not listed
    dialog.close()
    window.actionVectorColor.setShortcut(QKeySequence("Ctrl+K"))  # a key added is listed at once
    window.help.actionShortcuts.trigger()
    table = window.findChildren(QDialog, "shortcutsDialog")[-1].findChild(QTableWidget, "shortcutsTable")
    keys = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert keys["Vector Colour"] == "Ctrl+K"


@pytest.fixture
def help_menu(qtbot):
    """The Help menu on a main window of its own (its dialogs need no panel)."""
    from PySide6.QtWidgets import QMainWindow

    from explorer.qt.app.help import HelpMenu

    owner = QMainWindow()
    qtbot.addWidget(owner)
    menu = HelpMenu(owner)
    menu.owner = owner  # kept alive with the menu
    return menu


def test_file_formats_and_about_name_what_they_should(qtbot, help_menu):
    dialog = help_menu.show_file_formats()
    text = dialog.findChild(QTextBrowser, "fileFormatsText").toPlainText()
    for word in ("CSV / TSV", "mass (kg)", "GloVe", "vectors.tsv", ".npy", "PNG, SVG, PDF"):
        assert word in text
    box = help_menu.show_about()
    assert box.objectName() == "aboutDialog" and not box.isModal()
    for name, version in (
        ("Python", ".".join(map(str, __import__("sys").version_info[:3]))),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", pyqtgraph.__version__),
        ("numpy", numpy.__version__),
    ):
        assert f"<td>{name}</td><td>&nbsp;{version}</td>" in box.text()
    box.close()


# ------------------------------------------------------------------------------------------ tour
def widget_rect(window, name: str) -> QRect:
    widget = window.findChild(QWidget, name)
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_the_tour_outlines_each_part_in_turn_with_the_lessons_numbers(qtbot, window):
    window.resize(1440, 900)
    qtbot.waitExposed(window)
    window.help.actionTour.trigger()
    tour = window.findChild(QWidget, "lessonTour")
    highlight = window.findChild(QWidget, "tourHighlight")
    assert tour.isVisible() and highlight.isVisible() and not tour.isWindow()  # a panel, not a modal dialog
    seen = []
    for step in range(len(STEPS)):
        assert tour.heading.text().startswith(f"Step {step + 1} of 5: ")
        target = widget_rect(window, STEPS[step].target)
        assert highlight.geometry().contains(target), STEPS[step].target
        panel = tour.geometry()
        assert window.rect().contains(panel) and not panel.intersects(target)  # beside it, never over it
        seen.append((STEPS[step].target, tour.body.text()))
        if STEPS[step].pair is not None:  # A and B are compared, so the working says what the text says
            assert window.context.pair == (0, 1)
            assert "cos(A, B) = A·B / (|A| × |B|) = 165 / (30.15 × 15.52) = 0.353" in working_copy(window)
        qtbot.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert [name for name, _ in seen] == [
        "vectorTable",
        "vectorPlot",
        "similarityHeatmap",
        "workingPanel",
        "claimsTable",
    ]
    texts = dict(seen)
    assert "√909 = 30.15" in texts["vectorTable"]
    assert "D = 2.5 A" in texts["vectorPlot"]
    assert "cos(A, B) = 0.353" in texts["similarityHeatmap"] and "0.99994" in texts["similarityHeatmap"]
    assert "A·B = 3×15 + 30×4 = 165" in texts["workingPanel"]
    assert "0.067 × its volume" in texts["claimsTable"]
    assert not tour.isVisible() and not highlight.isVisible()  # Done on the last step closes it
    for _, text in seen:
        assert 1 <= text.count(". ") + 1 <= 3  # one to three sentences


def test_the_tour_goes_back_closes_with_escape_and_the_window_still_works(qtbot, window):
    tour = window.help.start_tour()
    qtbot.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert tour.step == 1 and tour.back.isEnabled()
    qtbot.mouseClick(tour.back, Qt.MouseButton.LeftButton)
    assert tour.step == 0 and not tour.back.isEnabled()
    window.context.push(set_cell(0, 0, 4.0))  # not modal: editing goes on under it
    assert window.context.table.values[0, 0] == 4.0 and tour.isVisible()
    tour.next.setFocus()
    qtbot.keyClick(tour.next, Qt.Key.Key_Escape)
    assert not tour.isVisible() and not tour.highlight.isVisible()


def test_the_tour_says_when_the_window_shows_other_vectors(qtbot, words_window):
    tour = words_window.help.start_tour()
    assert tour.note.isVisible() and "File › New" in tour.note.text()
    pair = words_window.context.pair
    tour.show_step(2)
    assert words_window.context.pair == pair  # it does not compare rows its text is not about


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_tour_panel_stays_inside_the_window(qtbot, window, size):
    window.resize(*size)
    qtbot.waitExposed(window)
    tour = window.help.start_tour()
    for step in range(len(STEPS)):
        tour.show_step(step)
        target = widget_rect(window, STEPS[step].target)
        assert window.rect().contains(tour.geometry()) and not tour.geometry().intersects(target)


# ------------------------------------------------------------------- a file that did not open at start
def test_a_file_that_did_not_open_at_start_is_said_in_a_dialog_over_the_materials(qtbot, window):
    from explorer.qt.app.run import show_start_error

    box = show_start_error(window, "Could not open bad.csv, line 2, column 3: 'oops' is refused: it is not a number")
    qtbot.waitExposed(box)
    assert box.objectName() == "startError" and box.isVisible()
    said = (
        "Could not open bad.csv, line 2, column 3: 'oops' is refused: it is not a number. "
        "The window shows the built-in materials A–E instead."
    )
    assert box.text() == said and window.statusBar().currentMessage() == said
    assert window.windowTitle() == TITLE.format("Materials A–E")
    window.context.push(set_cell(0, 0, 4.0))  # window-modal, not application-modal: nothing waits on it
    box.button(QMessageBox.StandardButton.Ok).click()
    assert not box.isVisible()


def test_the_tour_brings_back_a_closed_heatmap_and_working(qtbot, window):
    window.resize(1440, 900)
    qtbot.waitExposed(window)
    window.heatmap_dock.close()
    window.working_dock.close()
    tour = window.help.start_tour()
    tour.show_step(2)
    assert window.heatmap_dock.isVisible() and tour.highlight.isVisible()
    assert tour.highlight.geometry().contains(widget_rect(window, "similarityHeatmap"))
    tour.show_step(3)
    assert window.working_dock.isVisible()
    assert tour.highlight.geometry().contains(widget_rect(window, "workingPanel"))
