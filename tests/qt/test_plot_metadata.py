"""Colour by and label by a metadata column, as a user chooses them in the plot's panel."""

from __future__ import annotations

import pytest

from explorer.model.columns import CATEGORY_PALETTE, NO_VALUE_COLOUR, OTHER_COLOUR
from explorer.model.document import Document
from explorer.model.formats import read_by_suffix, write_table_bytes
from explorer.model.metadata_commands import InsertMetadataColumns, RemoveMetadataColumns, set_metadata_cell
from explorer.model.table import VectorTable
from tests.qt.helpers import shown

#: The lesson's materials by density (kg per litre): A, C, D about 0.1; B and E 3.75.
DENSITY = ("light", "dense", "light", "light", "dense")
YEAR = ("1990", "2001", "", "1985", "2020")


@pytest.fixture
def panel(qtbot, materials_context):
    from explorer.qt.plot.panel import VectorPlotPanel

    materials_context.push(InsertMetadataColumns(0, ["density", "year"], [DENSITY, YEAR]))
    widget = VectorPlotPanel(materials_context)
    shown(qtbot, widget, 640, 700)
    return widget


def colour_of_rows(plot) -> dict[int, str]:
    return {row: key.split()[0] for key, group in plot.arrows.groups.items() for row in group.rows}


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value} is not offered"
    combo.setCurrentIndex(index)


def test_the_choosers_offer_the_metadata_columns(panel):
    colour = [panel.color_by.itemText(i) for i in range(panel.color_by.count())]
    assert colour[-2:] == ["density", "year (numeric)"]  # words are categories, years a number
    label = [panel.label_by.itemData(i) for i in range(panel.label_by.count())]
    assert label[-2:] == ["density", "year"]


def test_colour_by_a_column_of_words_gives_each_category_a_colour_and_a_legend(panel):
    plot, state = panel.plot, panel._context.view.plot
    choose(panel.color_by, "density")
    assert state.color_by == "density"
    colours = colour_of_rows(plot)
    assert colours[0] == colours[2] == colours[3] == CATEGORY_PALETTE[0]  # light: A, C, D (3, the most)
    assert colours[1] == colours[4] == CATEGORY_PALETTE[1]  # dense: B, E
    body = panel.legend.body.text()
    assert panel.legend.isVisible() and "Colour: density" in panel.legend.title.text()
    assert body.index("light") < body.index("dense") and ">3<" in body and ">2<" in body


def test_colour_by_a_numeric_looking_column_is_a_gradient_with_the_empty_value_in_grey(panel):
    plot = panel.plot
    choose(panel.color_by, "year")
    colours = colour_of_rows(plot)
    assert colours[2] == NO_VALUE_COLOUR  # C has no year
    assert len({colours[r] for r in (0, 1, 3, 4)}) == 4  # four years, four places on the gradient
    body = panel.legend.body.text()
    assert body.startswith("1985 ") and "2020" in body and "no value 1" in body
    assert panel.legend.bar.isVisible()  # the colour bar


def test_label_by_a_metadata_column_writes_its_text_at_the_tips(panel):
    plot = panel.plot
    choose(panel.label_by, "density")
    assert [plot.labeller.labels[r].toPlainText() for r in range(5)] == list(DENSITY)
    choose(panel.label_by, "year")  # numeric, but shown as written
    assert plot.labeller.labels[3].toPlainText() == "1985"


def test_edits_and_undo_recolour_the_plot_and_a_removed_column_says_so(panel):
    context, plot = panel._context, panel.plot
    choose(panel.color_by, "density")
    assert context.push(set_metadata_cell(0, 0, "dense"))  # A joins B and E
    colours = colour_of_rows(plot)
    assert colours[0] == colours[1] == colours[4] == CATEGORY_PALETTE[0]  # dense is now the most frequent
    assert context.push(RemoveMetadataColumns(0, 1))
    assert "There is no column 'density' to colour by here" in plot.note
    assert panel.color_by.findData("density") < 0
    context.undo_stack.undo()
    assert panel.color_by.currentData() == "density" and plot.note == ""
    assert colour_of_rows(plot)[0] == CATEGORY_PALETTE[0]


def test_an_empty_value_is_no_category(panel):
    context = panel._context
    context.push(set_metadata_cell(1, 0, ""))  # B's density unknown
    choose(panel.color_by, "density")
    colours = colour_of_rows(panel.plot)
    assert colours[1] == NO_VALUE_COLOUR and colours[4] == CATEGORY_PALETTE[1]
    body = panel.legend.body.text()
    assert body.index("dense") < body.index("no value") and f"color:{NO_VALUE_COLOUR}" in body


def test_more_categories_than_colours_are_grouped_as_other(qtbot, new_context):
    from explorer.qt.plot.panel import VectorPlotPanel

    words = [f"w{i}" for i in range(20)]
    first_letters = [c for c in "aaaabbbcccddeefghijk"]  # 11 categories: 6 named, 5 grouped
    table = VectorTable(words, ["x", "y"], [[i, 1.0] for i in range(20)], metadata=[("letter", first_letters)])
    widget = VectorPlotPanel(new_context(Document(table)))
    qtbot.addWidget(widget)
    choose(widget.color_by, "letter")
    colours = colour_of_rows(widget.plot)
    assert colours[0] == CATEGORY_PALETTE[0] and colours[19] == OTHER_COLOUR
    assert "other (5 more)" in widget.legend.body.text()


def test_the_choice_is_saved_in_the_json_document_and_read_back(panel, tmp_path):
    context = panel._context
    choose(panel.color_by, "density")
    choose(panel.label_by, "year")
    path = tmp_path / "materials.json"
    path.write_bytes(write_table_bytes(context.table, ".json", context.view))
    document = read_by_suffix(path)
    assert (document.view.plot.color_by, document.view.plot.label_by) == ("density", "year")
    assert document.table.metadata.items() == [("density", DENSITY), ("year", YEAR)]


def test_an_edit_coloured_by_a_metadata_column_moves_one_arrow_as_a_redraw_would(panel, monkeypatch):
    """Colours by a column of words or years do not depend on the values: an edit moves the arrow (the
    cheap path) and the plot shows what a plot drawn afresh shows."""
    from explorer.model.commands import set_cell
    from explorer.qt.plot.plot import VectorPlot

    context, plot = panel._context, panel.plot
    choose(panel.color_by, "density")
    rebuilt = []
    monkeypatch.setattr(plot, "rebuild", lambda: rebuilt.append(1))  # only the moving path may run
    assert context.push(set_cell(0, 1, 20.0))  # A's volume 30 -> 20: shorter, same colour
    assert rebuilt == [] and plot.tip(0) == (3.0, 20.0)
    monkeypatch.undo()
    fresh = VectorPlot(context)
    try:
        assert colour_of_rows(plot) == colour_of_rows(fresh)
        assert plot._placement.coords.tolist() == fresh._placement.coords.tolist()
        assert plot.drawn_rows == fresh.drawn_rows
    finally:
        fresh.deleteLater()


def test_an_edit_coloured_or_labelled_by_length_shows_the_new_length(panel):
    from explorer.model.commands import set_cell

    context, plot = panel._context, panel.plot
    choose(panel.color_by, "|v|")
    before = colour_of_rows(plot)
    assert context.push(set_cell(0, 1, 4.0))  # A = (3, 4): |A| = 5, now the shortest
    assert colour_of_rows(plot)[0] != before[0]
    choose(panel.color_by, None)
    choose(panel.label_by, "|v|")
    assert plot.labeller.labels[0].toPlainText() == "5"
    assert context.push(set_cell(0, 1, 30.0))  # back: |A| = sqrt(909) = 30.15
    assert plot.labeller.labels[0].toPlainText() == "30.15"
