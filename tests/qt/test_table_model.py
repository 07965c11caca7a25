"""The vector table model: Qt's model checks, the columns it shows, edits through commands."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.model.commands import (
    InsertDimensions,
    InsertVectors,
    MoveVectors,
    RemoveDimensions,
    RemoveVectors,
    RenameDimension,
    SetStyle,
    set_cell,
)
from explorer.model.table import Dimension
from explorer.qt.table.model import VectorTableModel


@pytest.fixture
def model(materials_context):
    return VectorTableModel(materials_context)


def test_columns_are_label_dimensions_and_norm(model):
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["label", "mass (kg)", "volume (l)", "|v|"]
    assert model.rowCount() == 5
    assert model.index(0, 0).data() == "A"
    assert model.index(3, 1).data() == "7.5"
    assert model.index(0, 3).data() == "30.15"  # |A| = sqrt(909)
    assert model.index(1, 3).data() == "15.52"
    assert model.index(4, 3).data() == "7.762"
    assert not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    swatch = model.index(1, 0).data(Qt.ItemDataRole.DecorationRole).pixmap(14, 14).toImage()
    assert swatch.pixelColor(7, 7).name().upper() == "#D55E00"


def test_model_stays_valid_through_every_kind_of_change(qtmodeltester, model, materials_context):
    context = materials_context
    qtmodeltester.check(model)
    steps = [
        InsertVectors(2, ["F"], [[1.0, 2.0]]),
        RemoveVectors(0, 2),
        MoveVectors(0, 2, 2),
        InsertDimensions(1, [Dimension("density", "kg/l")], np.ones((4, 1))),
        RemoveDimensions(0, 1),
        RenameDimension(0, Dimension("dens", "g/ml")),
        SetStyle(1, "#000000", False),
        set_cell(0, 1, 12.5),
    ]
    for command in steps:
        assert context.push(command)
        qtmodeltester.check(model)
    assert model.columnCount() == 4
    assert model.headerData(1, Qt.Orientation.Horizontal) == "dens (g/ml)"
    for _ in steps:
        context.undo_stack.undo()
        qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == list("ABCDE")
    for _ in steps:
        context.undo_stack.redo()
        qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_model_signals_follow_the_table(qtbot, model, materials_context):
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        materials_context.push(InsertVectors(5, ["F", "G"], [[1, 1], [2, 2]]))
    assert inserted.args[1:] == [5, 6]
    with qtbot.waitSignal(model.columnsInserted) as columns:
        materials_context.push(InsertDimensions(2, [Dimension("price", "EUR")]))
    assert columns.args[1:] == [3, 3]  # before |v|, which moves to column 4
    assert model.headerData(4, Qt.Orientation.Horizontal) == "|v|"
    with qtbot.waitSignal(model.dataChanged) as changed:
        materials_context.push(set_cell(0, 0, 4.0))
    assert (changed.args[0].row(), changed.args[0].column()) == (0, 1)
    assert model.index(0, 4).data() == "30.27"  # |[4, 30, 0]|
    with qtbot.waitSignal(model.rowsMoved):
        materials_context.push(MoveVectors(0, 1, 6))
    assert model.index(6, 0).data() == "A"


def test_edits_become_commands_and_bad_values_are_refused(qtbot, model, materials_context):
    context = materials_context
    assert model.setData(model.index(0, 2), "31")
    assert context.table.values[0, 1] == 31.0
    assert context.undo_stack.count() == 1
    for bad in ("abc", "", "nan", "inf", "1e400", "1.2.3"):
        with qtbot.waitSignal(context.message) as message:
            assert not model.setData(model.index(0, 2), bad)
        assert "A, volume (l)" in message.args[0] and "stays 31" in message.args[0]
    assert context.table.values[0, 1] == 31.0
    assert context.undo_stack.count() == 1
    assert model.setData(model.index(1, 0), "B2")
    assert context.table.label(1) == "B2"
    assert not model.setData(model.index(1, 0), "A")  # duplicate label: refused with a message
    assert context.table.label(1) == "B2"
    assert model.setData(model.index(2, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert context.table.visible[2] is False
    assert context.undo_stack.count() == 3
