"""A document with more vectors than a full matrix is built for: the heatmap shows a labelled subset."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from explorer.model.commands import RemoveVectors, set_vector
from explorer.model.document import Document
from explorer.model.similarity import MATRIX_LIMIT
from explorer.model.table import VectorTable
from explorer.qt.heatmap.panel import PREVIEW_ROWS, HeatmapPanel

N = MATRIX_LIMIT + 1000


def large_table() -> VectorTable:
    """N vectors; rows 0-4 are the materials A-E so the lesson's cosines can be checked."""
    rng = np.random.default_rng(7)
    values = rng.normal(size=(N, 2))
    values[:5] = [[3, 30], [15, 4], [3, 27], [7.5, 75], [7.5, 2]]
    labels = ["A", "B", "C", "D", "E"] + [f"w{i}" for i in range(5, N)]
    return VectorTable(labels, ["mass (kg)", "volume (l)"], values)


@pytest.fixture
def large(qtbot, new_context):
    context = new_context(Document(large_table()))
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = HeatmapPanel(context, parent)
    parent.resize(640, 560)
    parent.show()
    qtbot.waitExposed(parent)
    panel.test_parent = parent
    return context, panel


def test_too_many_vectors_show_the_first_ones_and_say_so(large):
    _context, panel = large
    assert panel.data.n == PREVIEW_ROWS
    assert panel.displayed_labels()[:5] == ["A", "B", "C", "D", "E"]
    assert panel.cell_tooltip(0, 1) == "cos(A, B) = 0.353"
    assert panel.notice.isVisible()
    assert panel.notice.text().startswith(f"Showing the first {PREVIEW_ROWS} of {N:,} vectors")
    assert "would need 288 MB" in panel.notice.text()
    assert not panel.show_selected_button.isEnabled()  # nothing selected yet


def test_show_selected_compares_the_chosen_vectors(large, qtbot):
    context, panel = large
    far = N - 1
    context.select_rows([0, 3, far])
    assert panel.show_selected_button.isEnabled()
    qtbot.mouseClick(panel.show_selected_button, Qt.MouseButton.LeftButton)
    assert panel.shown_rows() == [0, 3, far]
    assert panel.displayed_labels() == ["A", "D", f"w{far}"]
    assert panel.cell_tooltip(0, 1) == "cos(A, D) = 1"
    assert panel.notice.text().startswith(f"Showing the 3 selected of {N:,} vectors")
    # A click on a cell selects the pair by its table rows, and outlines it.
    pairs = []
    context.pair_changed.connect(lambda a, b: pairs.append((a, b)))
    qtbot.mouseClick(panel.graphics.viewport(), Qt.MouseButton.LeftButton, pos=panel.cell_position(2, 0))
    assert pairs == [(far, 0)] and context.selection == [0, far]
    assert sorted(panel.figure.outline._cells) == [(0, 2), (2, 0)]
    assert panel.shown_rows() == [0, 3, far]  # selecting the pair does not change what is shown


def test_an_edit_of_a_shown_vector_updates_its_scores(large):
    context, panel = large
    context.push(set_vector(context.table, 1, [30, 3]))  # B turned towards mass
    assert panel.cell_tooltip(0, 1) == "cos(A, B) = 0.198"  # 180 / 909
    context.push(set_vector(context.table, N - 1, [1, 1]))  # not shown: nothing to recompute
    assert panel.data.n == PREVIEW_ROWS


def test_a_selection_too_large_is_refused_with_a_message(large):
    context, panel = large
    messages = []
    context.message.connect(messages.append)
    context.select_rows(range(MATRIX_LIMIT + 1))
    assert not panel.show_selected_button.isEnabled()
    assert not panel.show_selected()
    assert messages == [
        f"Select 2 to {MATRIX_LIMIT:,} vectors to compare in the heatmap ({MATRIX_LIMIT + 1:,} are selected)."
    ]


def test_back_under_the_limit_shows_everything_without_a_notice(large):
    context, panel = large
    context.push(RemoveVectors(5, N - 10))
    assert panel.data.n == 10
    assert not panel.notice.isVisibleTo(panel)
    assert not panel.show_selected_button.isEnabled()  # nothing selected: everything is shown
    assert panel.shown_rows() == list(range(10))
