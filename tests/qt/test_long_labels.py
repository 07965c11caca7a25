"""A label of any length (1 MB) is shortened wherever the window shows it, and never crashes it.

Before: renaming a vector to a 1 MB label asked the relation label for a
7-million-pixel minimum width (a segmentation fault), and the claims list, the
working and the table spent seconds on every change laying out the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTextBrowser

from explorer.model.commands import InsertVectors, RenameVector
from explorer.model.display import SHOWN_CHARS, shown_text

BIG = "x" * 500_000 + "END" + "y" * 548_573  # 1 MB, with a middle that must not show


def test_shown_text_keeps_both_ends_of_a_long_text():
    assert shown_text("short") == "short"
    text = shown_text(BIG)
    assert len(text) <= SHOWN_CHARS and text.startswith("xxx") and text.endswith("yyy") and "…" in text
    assert shown_text("line one\nline two") == "line one line two"  # one line wherever it is shown


def test_a_one_megabyte_label_is_shortened_everywhere_in_the_window(qtbot, window):
    context = window.context
    context.select_pair(0, 1)
    smallest = window.minimumSizeHint().width()
    assert context.push(RenameVector(0, BIG))
    qtbot.wait(10)  # paint once with it
    screen = window.screen().availableGeometry().width()

    model = window.table_view.model()
    index = model.index(0, 0)
    assert len(model.data(index)) <= SHOWN_CHARS
    assert model.data(index, Qt.ItemDataRole.EditRole) == BIG  # the editor gets the whole label
    assert len(model.data(index, Qt.ItemDataRole.ToolTipRole)) < 300
    assert len(model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)) < 300
    assert window.table_view.columnWidth(0) <= 260

    relation = window.working.findChild(QLabel, "relationLabel")
    assert relation.minimumSizeHint().width() < screen
    assert len(relation.text()) < 1000
    assert len(window.working.findChild(QTextBrowser, "workingText").toPlainText()) < 5000

    claims = window.findChild(QTableWidget, "claimsTable")
    assert all(len(claims.item(r, c).text()) < 1000 for r in range(claims.rowCount()) for c in range(3))
    assert window.working.claims.claims()[0] == f"C = {BIG}"  # the document keeps the whole text
    assert window.working.claims.verdict(0)[0] == "⚠"

    assert all(len(label) <= SHOWN_CHARS for label in window.heatmap.displayed_labels())
    assert len(window.heatmap.cell_tooltip(0, 1)) < 300
    assert all(len(label.toPlainText()) <= SHOWN_CHARS for label in window.plot.labeller.labels.values())
    assert all(len(label.toolTip()) <= SHOWN_CHARS for label in window.plot.labeller.labels.values())

    assert not context.push(InsertVectors(5, [BIG], [[1.0, 2.0]]))  # refused: the label is taken
    assert len(window.statusBar().currentMessage()) < 400
    assert window.minimumSizeHint().width() <= smallest
    assert not window.grab().isNull()
    window.actionUndo.trigger()
    assert window.context.table.labels[0] == "A" and window.working.claims.claims()[0] == "C = A"


def test_opening_and_closing_the_editor_of_a_long_label_keeps_every_character(qtbot, table_view, materials_context):
    """A QLineEdit holds at most 32,767 characters: Enter in the label's editor must not cut the label."""
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    materials_context.push(RenameVector(0, BIG))
    view = table_view
    view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert materials_context.table.labels[0] == BIG
    assert materials_context.undo_stack.count() == 1


def test_the_rename_dimension_dialog_keeps_a_long_name_it_could_not_hold(qtbot):
    from explorer.model.table import Dimension
    from explorer.qt.app.dimensions import DimensionDialog

    dialog = DimensionDialog(Dimension(BIG, "kg"))
    qtbot.addWidget(dialog)
    assert dialog.dimension() == Dimension(BIG, "kg")
    dialog.unit.setText("g")
    assert dialog.dimension() == Dimension(BIG, "g")
