"""The plot's neighbours list with an expression typed over the document's labels (issue 12, item 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.model.document import Document
from explorer.model.table import VectorTable


def _neighbours_on(qtbot, context):
    """The smallest widgets the list needs: the plot it draws lines on, and the panel."""
    from explorer.qt.plot.neighbours import NeighboursPanel
    from explorer.qt.plot.plot import VectorPlot

    plot = VectorPlot(context)
    panel = NeighboursPanel(context, plot)
    for widget in (plot, panel):
        qtbot.addWidget(widget)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, plot


def _double_click(qtbot, panel, row: int) -> None:
    centre = panel.list.visualItemRect(panel.list.item(row)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _shown(panel) -> list[list[str]]:
    return [panel.list.item(i).text().split("\t") for i in range(panel.list.count())]


def _ask(qtbot, panel, text: str) -> None:
    panel.expression.clear()
    qtbot.keyClicks(panel.expression, text)
    qtbot.keyClick(panel.expression, Qt.Key.Key_Return)


def test_an_analogy_over_the_materials_leaves_its_inputs_out_and_double_click_selects(qtbot, materials_context):
    panel, plot = _neighbours_on(qtbot, materials_context)
    assert panel.expression.placeholderText() == "king - man + woman"
    assert "most_similar" in panel.expression.toolTip()
    materials_context.select_rows([0])
    # D = 2.5 A: their unit vectors cancel, so D - A + B searches along B; D, A and B are left out.
    _ask(qtbot, panel, "D - A + B")
    assert _shown(panel) == [["E", "1"], ["C", "0.3628"]]
    assert "Nearest 2 to <b>D - A + B</b> by cosine similarity" in panel.title.text()
    assert "D, A, B left out" in panel.title.text()
    assert plot.marks.links.getData()[0] is None or len(plot.marks.links.getData()[0]) == 0  # no query row
    assert plot._neighbours == [4, 2]  # but E and C are the plot's neighbours (kept, labelled)
    # A + E: by cosine C first (0.829); by the window's metric (Euclidean) the sum itself is the query.
    _ask(qtbot, panel, "A + E")
    assert _shown(panel) == [["C", "0.8286"], ["D", "0.8224"], ["B", "0.8224"]]
    materials_context.set_metric("euclidean")
    assert _shown(panel) == [["C", "9.014"], ["B", "28.36"], ["D", "43.1"]]
    _double_click(qtbot, panel, 1)
    assert materials_context.selection == [1]  # B selected; the list still answers the expression
    assert _shown(panel)[0] == ["C", "9.014"]


def test_a_malformed_expression_says_one_sentence_and_an_empty_field_shows_the_selection(qtbot, materials_context):
    panel, plot = _neighbours_on(qtbot, materials_context)
    materials_context.select_rows([0])
    _ask(qtbot, panel, "A + ")
    assert panel.list.count() == 0
    message = panel.title.toolTip()
    assert message.count(".") <= 1 and "expected" in message, message
    assert message in panel.title.text()
    assert plot._neighbours == []
    _ask(qtbot, panel, "A + Z")
    assert "'Z'" in panel.title.toolTip() and panel.list.count() == 0
    panel.expression.clear()  # empty: the neighbours of the selection again, lines from A
    assert _shown(panel) == [["D", "1"], ["C", "0.9999"], ["B", "0.3525"], ["E", "0.3525"]]
    assert "Nearest 4 to <b>A</b>" in panel.title.text()
    assert len(plot.marks.links.getData()[0]) == 8


def test_the_list_follows_edits_and_a_new_vector(qtbot, materials_context):
    from explorer.model.commands import InsertVectors

    panel, _ = _neighbours_on(qtbot, materials_context)
    _ask(qtbot, panel, "2*B - B")
    assert _shown(panel)[0] == ["E", "1"]  # E = 0.5 B; B itself left out
    materials_context.push(InsertVectors(5, ["F"], [[30.0, 8.0]]))
    assert _shown(panel)[0] == ["E", "1"] and ["F", "1"] in _shown(panel)


def test_king_minus_man_plus_woman_is_queen_over_the_glove_sample(qtbot, new_context):
    from explorer.model.glove import load_glove_sample

    words = load_glove_sample()
    table = VectorTable(list(words.tokens), [f"d{i}" for i in range(words.dimension_count)], words.vectors)
    context = new_context(Document(table))
    panel, _ = _neighbours_on(qtbot, context)
    context.view.plot.update(neighbours=3)
    _ask(qtbot, panel, "king - man + woman")
    shown = _shown(panel)
    assert [word for word, _ in shown] == ["queen", "prince", "daughter"]
    assert shown[0][1] == "0.8524"  # as `explorer neighbours "king - man + woman" --sample` prints it
    _double_click(qtbot, panel, 0)
    assert context.selection == [words.index["queen"]]


def test_a_new_document_brings_its_own_expression_and_answers_it_or_says_why_not(qtbot, materials_context):
    panel, _ = _neighbours_on(qtbot, materials_context)
    _ask(qtbot, panel, "2*B - B")
    assert _shown(panel)[0] == ["E", "1"]
    other = VectorTable(["B", "F", "G"], ["x", "y"], [[1.0, 0.0], [2.0, 0.1], [0.0, 1.0]])
    materials_context.replace_document(Document(other))
    assert panel.expression.text() == "" and panel.list.count() == 0  # its view state has no expression
    _ask(qtbot, panel, "2*B - B")
    assert [label for label, _ in _shown(panel)] == ["F", "G"]
    saved = Document(VectorTable(["P"], ["x"], [[1.0]]))
    saved.view.plot.update(near="2*B - B")
    materials_context.replace_document(saved)
    assert panel.expression.text() == "2*B - B"
    assert panel.list.count() == 0 and "'B'" in panel.title.toolTip()


def test_the_expression_is_view_state_saved_with_the_document_and_shown_again(qtbot, materials_context, new_context):
    from explorer.model.formats.document_json import parse_document, write_document

    panel, _ = _neighbours_on(qtbot, materials_context)
    _ask(qtbot, panel, "  A + E ")
    state = materials_context.view.plot
    assert state.near == "A + E"
    document = parse_document(write_document(materials_context.table, materials_context.view).decode("utf-8"))
    assert document.view.plot.near == "A + E"
    # Typing without Enter is not yet a choice: a change of k keeps the typed text and the list's answer.
    qtbot.keyClicks(panel.expression, " + B")
    state.update(neighbours=2)
    assert panel.expression.text() == "  A + E  + B" and [row[0] for row in _shown(panel)] == ["C", "D"]
    # A reopened document's panel shows its expression and answers it.
    other = new_context(document)
    reopened, _ = _neighbours_on(qtbot, other)
    assert reopened.expression.text() == "A + E" and _shown(reopened)[0] == ["C", "0.8286"]
    # Emptying the field goes back to the selection's neighbours.
    reopened.expression.clear()
    assert other.view.plot.near == ""
    assert "Select a vector" in reopened.title.text()
