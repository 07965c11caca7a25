"""The working panel when more than two rows are selected: it explains the first two and says so."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from tests.qt.window_panels import click_row_header, working_text, working_title


# ------------------------------------------------------------------ many selected
def test_more_than_two_selected_rows_show_the_first_two_and_say_so(qtbot, table_view, working_panel, materials_context):
    # The table and the working panel, under the window's names for them (what the helpers read).
    window = SimpleNamespace(table_view=table_view, working=working_panel, context=materials_context)
    click_row_header(qtbot, window, 1)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)
    click_row_header(qtbot, window, 3, Qt.KeyboardModifier.ControlModifier)
    assert window.context.selection == [1, 3, 4]
    assert working_text(window).startswith("B and D — cosine similarity: cos(B, D) = 0.353")
    assert "the first two of 3 selected" in working_title(window)
    click_row_header(qtbot, window, 0)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ShiftModifier)
    assert window.context.selection == [0, 1, 2, 3, 4]
    assert working_text(window).startswith("A and B — cosine similarity: cos(A, B) = 0.353")
    assert "the first two of 5 selected" in working_title(window)
    click_row_header(qtbot, window, 2)
    click_row_header(qtbot, window, 4, Qt.KeyboardModifier.ControlModifier)
    assert working_text(window).startswith("C and E — cosine similarity")
    assert working_title(window) == ""
