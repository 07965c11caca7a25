"""Metadata columns in the vector table: shown after the dimensions, edited, copied and pasted, undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

from explorer.model.commands import InsertVectors, MoveVectors, RemoveVectors
from explorer.model.metadata_commands import (
    InsertMetadataColumns,
    RemoveMetadataColumns,
    RenameMetadataColumn,
    set_metadata_cell,
)
from explorer.qt.table.model import VectorTableModel
from explorer.qt.table.view import VectorTableView
from tests.qt.helpers import shown, type_into_cell

#: The lesson's materials by density (kg per litre): A, C, D about 0.1; B and E 3.75.
DENSITY = ("light", "dense", "light", "light", "dense")


@pytest.fixture
def context(materials_context):
    assert materials_context.push(InsertMetadataColumns(0, ["density"], [DENSITY]))
    materials_context.undo_stack.clear()
    return materials_context


@pytest.fixture
def view(qtbot, context):
    view = VectorTableView(context)
    shown(qtbot, view, 600, 300)
    return view


def headers(model):
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_metadata_columns_come_after_the_dimensions_and_before_the_length(context):
    model = VectorTableModel(context)
    assert headers(model) == ["label", "mass (kg)", "volume (l)", "Aa density", "|v|"]
    assert [model.index(r, 3).data() for r in range(5)] == list(DENSITY)
    assert model.index(0, 4).data() == "30.15"  # |A| = sqrt(909), still the last column
    left = model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole)
    assert left & Qt.AlignmentFlag.AlignLeft and model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & (
        Qt.AlignmentFlag.AlignRight
    )
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None  # a tinted ground: text, not numbers
    assert model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    assert "metadata column of text" in model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_the_model_stays_valid_while_metadata_columns_change_and_undo_and_redo(qtmodeltester, context):
    model = VectorTableModel(context)
    qtmodeltester.check(model)
    steps = [
        InsertMetadataColumns(1, ["note"]),
        set_metadata_cell(2, 1, "glass"),
        RenameMetadataColumn(0, "class"),
        InsertVectors(1, ["F"], [[1.0, 2.0]], metadata=(("gas",), ("",))),
        MoveVectors(0, 2, 3),
        RemoveVectors(0, 2),
        RemoveMetadataColumns(0, 1),
    ]
    for command in steps:
        assert context.push(command)
        qtmodeltester.check(model)
    assert headers(model) == ["label", "mass (kg)", "volume (l)", "Aa note", "|v|"]
    stack = context.undo_stack
    while stack.canUndo():
        stack.undo()
        qtmodeltester.check(model)
    assert headers(model) == ["label", "mass (kg)", "volume (l)", "Aa density", "|v|"]
    assert context.table.metadata.column(0) == DENSITY
    while stack.canRedo():
        stack.redo()
        qtmodeltester.check(model)
    assert [model.index(r, 3).data() for r in range(model.rowCount())] == ["", "", "", ""]


def test_typing_into_a_metadata_cell_edits_it_as_one_undo_step(qtbot, view, context):
    type_into_cell(qtbot, view, 1, 3, "steel")
    assert context.table.metadata.value(1, 0) == "steel"
    assert view.model().index(1, 3).data() == "steel"
    assert context.undo_stack.undoText() == "B's density dense → steel"
    context.undo_stack.undo()
    assert context.table.metadata.value(1, 0) == "dense"
    type_into_cell(qtbot, view, 0, 3, "")  # an empty value is a value
    assert context.table.metadata.value(0, 0) == ""


def test_copy_and_paste_metadata_cells_as_a_spreadsheet_does(qtbot, view, context):
    model = view.model()
    view.setCurrentIndex(model.index(0, 0))
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 3)), view.selectionModel().SelectionFlag.ClearAndSelect
    )
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().splitlines() == ["A\t3\t30\tlight", "B\t15\t4\tdense"]
    # Two numbers and a text each, pasted at D's mass: rows D and E and one new vector, in one undo step.
    QGuiApplication.clipboard().setText("7\t70\tcork\n8\t8\tsteel, stainless\n9\t9\tglass\n")
    view.setCurrentIndex(model.index(3, 1))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    table = context.table
    assert table.values[3:].tolist() == [[7, 70], [8, 8], [9, 9]]
    assert table.metadata.column(0) == ("light", "dense", "light", "cork", "steel, stainless", "glass")
    context.undo_stack.undo()
    assert table.row_count == 5 and table.metadata.column(0) == DENSITY


def test_a_paste_wider_than_the_table_is_refused_in_one_sentence(qtbot, view, context):
    messages = []
    context.message.connect(messages.append)
    view.setCurrentIndex(view.model().index(0, 3))
    assert not view.paste("cork\t1\n")
    assert messages[-1].startswith("Paste refused: the block is 1 column(s) wider than the table from there")
    assert context.table.metadata.column(0) == DENSITY


def test_add_rename_and_remove_a_metadata_column_from_its_actions(qtbot, view, context):
    actions = view.metadata_actions
    answers = iter(["year", "made in"])
    actions.ask_name = lambda title, label, text: next(answers)
    actions.add.trigger()
    assert context.table.metadata.names == ("density", "year")
    assert headers(view.model())[4] == "Aa year"
    type_into_cell(qtbot, view, 0, 4, "1990")
    view.setCurrentIndex(view.model().index(0, 4))
    actions.rename.trigger()
    assert context.table.metadata.names == ("density", "made in")
    actions.remove.trigger()
    assert context.table.metadata.names == ("density",)
    stack = context.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add column of text year",
        "A's year (empty) → 1990",
        "Rename column of text year → made in",
        "Remove column of text made in",
    ]
    stack.undo()
    assert context.table.metadata.items()[1] == ("made in", ("1990", "", "", "", ""))


def test_a_name_in_use_is_refused_and_the_header_double_click_renames(qtbot, view, context):
    messages = []
    context.message.connect(messages.append)
    actions = view.metadata_actions
    assert not actions.add_column("density")
    assert "already a metadata column 'density'" in messages[-1]
    actions.ask_name = lambda title, label, text: "kind"
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert context.table.metadata.names == ("kind",)


def test_a_value_of_a_megabyte_is_shortened_in_its_cell_and_kept_whole_when_its_editor_closes(qtbot, view, context):
    big = "é" * 1_000_000
    assert context.push(set_metadata_cell(0, 0, big))
    model = view.model()
    shown = model.index(0, 3).data()
    assert len(shown) == 1000 and shown.startswith("ééé") and "…" in shown
    assert len(model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)) < 500
    assert model.index(0, 3).data(Qt.ItemDataRole.EditRole) == big
    steps = context.undo_stack.count()
    index = model.index(0, 3)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and len(editor.text()) == 32767
    view.commitData(editor)  # closing the editor unchanged: its text is the value cut at 32,767 characters
    view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    assert context.table.metadata.value(0, 0) == big and context.undo_stack.count() == steps
