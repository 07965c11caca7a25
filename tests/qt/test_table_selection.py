"""The table's selection model and the view state's selected rows at 100,000 rows: one range per run
of rows, only the part in view of a selection of many runs, and every gesture reaching the view state."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt

from explorer.model.commands import RemoveVectors
from explorer.model.document import Document
from explorer.model.table import Dimension, VectorTable
from explorer.qt.table.selection_sync import EXACT_RUNS
from explorer.qt.table.view import VectorTableView
from tests.qt.helpers import shown

N = 100_000


@pytest.fixture
def big(qtbot, new_context):
    """A shown table view on 100,000 vectors w0..w99999 of two dimensions."""
    values = np.stack([np.arange(N, dtype=float), np.ones(N)], axis=1)
    table = VectorTable([f"w{i}" for i in range(N)], [Dimension("x"), Dimension("y")], values)
    context = new_context(Document(table))
    view = VectorTableView(context)
    shown(qtbot, view, 500, 400)
    return context, view


def ranges(view) -> list[tuple[int, int, int, int]]:
    """The selection model's ranges as (top, bottom, left, right), top to bottom."""
    return sorted((r.top(), r.bottom(), r.left(), r.right()) for r in view.selectionModel().selection())


def visible_rows(view) -> tuple[int, int]:
    return view.rowAt(0), view.rowAt(view.viewport().height() - 1)


def click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Click the cell in column 1 of ``row``."""
    view.scrollTo(view.model().index(row, 1))
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_row_header(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Click the row's number on the left (the whole row)."""
    view.scrollTo(view.model().index(row, 1))
    header = view.verticalHeader()
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def test_runs_of_rows_are_one_range_each_across_the_whole_row(big):
    context, view = big
    last = view.model().columnCount() - 1
    context.select_rows(list(range(0, 40_000)) + list(range(60_000, N)))
    assert ranges(view) == [(0, 39_999, 0, last), (60_000, N - 1, 0, last)]
    assert not view.selection_sync.windowed
    assert len(view.selected_rows()) == 80_000


def test_select_all_is_one_range_and_reaches_the_view_state(qtbot, big):
    context, view = big
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert ranges(view) == [(0, N - 1, 0, view.model().columnCount() - 1)]
    assert len(context.selection) == N and context.selection[-1] == N - 1


def test_a_selection_of_many_runs_is_given_to_qt_where_it_shows(qtbot, big):
    context, view = big
    every_other = np.arange(0, N, 2)  # 50,000 runs of one row
    context.select_rows(every_other)
    assert view.selection_sync.windowed and len(every_other) > EXACT_RUNS
    held = ranges(view)
    top, bottom = visible_rows(view)
    assert all(t == b and t % 2 == 0 for t, b, _, _ in held)  # each a selected row, whole
    assert {t for t, _, _, _ in held} >= set(range(top + top % 2, bottom + 1, 2))  # every one in view
    assert len(held) < 200  # not 50,000
    assert view.selected_rows() == every_other.tolist()  # the table still answers with all of them

    view.scrollTo(view.model().index(80_001, 0))  # scrolling renews the part Qt holds
    top, bottom = visible_rows(view)
    held_rows = {t for t, _, _, _ in ranges(view)}
    assert top <= 80_001 <= bottom and held_rows >= set(range(top + top % 2, bottom + 1, 2))
    assert context.selection == every_other.tolist()  # the view state did not change


def test_ctrl_click_on_a_windowed_selection_changes_that_row_only(qtbot, big):
    context, view = big
    context.select_rows(np.arange(0, N, 2))
    click_row_header(qtbot, view, 50_000, Qt.KeyboardModifier.ControlModifier)  # a selected row: off
    assert len(context.selection) == N // 2 - 1 and 50_000 not in context.selection
    click_row(qtbot, view, 50_001, Qt.KeyboardModifier.ControlModifier)  # a cell of an unselected row: on
    assert len(context.selection) == N // 2 and 50_001 in context.selection
    click_row(qtbot, view, 50_002, Qt.KeyboardModifier.ControlModifier)  # one cell off: the row keeps others
    assert 50_002 in context.selection
    click_row(qtbot, view, 50_007, Qt.KeyboardModifier.ShiftModifier)  # from the last click down to here
    assert {50_001, 50_003, 50_005, 50_006, 50_007} <= set(context.selection)
    assert context.selection[:3] == [0, 2, 4] and context.selection[-1] == N - 2  # far rows stay


def test_a_plain_click_starts_afresh(qtbot, big):
    context, view = big
    context.select_rows(np.arange(0, N, 2))
    click_row(qtbot, view, 70_001)
    assert context.selection == [70_001]
    assert not view.selection_sync.windowed
    assert ranges(view) == [(70_001, 70_001, 1, 1)]  # the clicked cell, as Qt selected it


def test_a_block_of_cells_stays_a_block(big):
    context, view = big
    model = view.model()
    block = QItemSelection(model.index(10, 1), model.index(12, 2))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert context.selection == [10, 11, 12]
    context.select_rows([10, 11, 12])  # the same rows from elsewhere: the cells stay as they were
    assert ranges(view) == [(10, 12, 1, 2)]


def test_removing_rows_keeps_a_windowed_selection_in_step(big):
    context, view = big
    context.select_rows(np.arange(0, N, 2))
    context.push(RemoveVectors(0, 1))  # w0 goes: every selected row moves up one
    assert context.selection[:3] == [1, 3, 5] and len(context.selection) == N // 2 - 1
    held = {t for t, _, _, _ in ranges(view)}
    top, bottom = visible_rows(view)
    assert held and all(t % 2 == 1 for t in held)
    assert held >= set(range(top + (1 - top % 2), bottom + 1, 2))
