"""A new vector's label, colour and a dimension's "name (unit)": the defaults a first user meets."""

from __future__ import annotations

import pytest

from explorer.model.builtin import empty_document, materials, materials_document
from explorer.model.edits import add_vector_command, next_letter_label, unused_colour
from explorer.model.formats.delimited import parse_delimited
from explorer.model.paste import paste_command
from explorer.model.table import PALETTE, Dimension, TableError, dimension_from_title


def test_after_the_materials_comes_f_then_g_up_to_z_then_the_first_free_with_a_2():
    assert next_letter_label("ABCDE") == "F"
    assert next_letter_label("ABCDEF") == "G"
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    used = list("ABCDE")
    for _ in range(21):
        used.append(next_letter_label(used))
    assert used[5:] == letters[5:]
    assert next_letter_label(used) == "A2"  # every letter is taken: the next series, from its start
    assert next_letter_label([*used, "A2", "B2"]) == "C2"


def test_a_table_without_letter_labels_starts_at_a_and_a_gap_is_filled_after_z():
    assert next_letter_label([]) == "A"
    assert next_letter_label(["king", "queen"]) == "A"
    assert next_letter_label(["A", "B", "D"]) == "E"
    assert next_letter_label(["A", "Z"]) == "B"


def test_a_new_vector_gets_a_palette_colour_no_vector_has_not_cs_green():
    table = materials()
    colour = unused_colour(table.colors)
    assert colour == "#56B4E9" and colour not in table.colors  # sky blue; C is #009E73
    command = add_vector_command(table, 2)  # below B, where C's green used to be given again
    assert command.labels == ("F",) and command.colors == ("#56B4E9",)
    assert command.values.tolist() == [[0.0, 0.0]]
    everyone = list(PALETTE) * 2 + ["#0072B2"]
    assert unused_colour(everyone) == PALETTE[1]  # all taken: the least used, first in the palette


@pytest.mark.parametrize(
    ("title", "name", "unit"),
    [
        ("density (kg/l)", "density", "kg/l"),
        ("mass (kg)", "mass", "kg"),
        ("  price  ( EUR ) ", "price", "EUR"),
        ("mass", "mass", ""),
        ("(kg)", "(kg)", ""),
        ("f(x) (m)", "f(x)", "m"),
    ],
)
def test_name_unit_is_read_one_way_everywhere(title, name, unit):
    assert dimension_from_title(title) == Dimension(name, unit)
    # The CSV reader and a pasted header read it the same way.
    read = parse_delimited(f"label,{title},other\nA,1,2\n")
    assert read.dimensions[0] == Dimension(name, unit)
    document = empty_document("a", "b")
    document.apply(paste_command(document.table, f"x\t{title}\n1\t2\n", 0, 2))
    assert document.table.dimensions[2] == Dimension(name, unit)


def test_an_empty_document_has_two_named_dimensions_and_no_vectors():
    document = empty_document("mass (kg)", "volume (l)")
    assert list(document.table.dimensions) == [Dimension("mass", "kg"), Dimension("volume", "l")]
    assert len(document.table) == 0 and document.title == "Untitled" and not document.claims.texts
    assert materials_document().title == "Materials A–E"
    with pytest.raises(TableError, match="needs a name"):
        empty_document("", "y")
    with pytest.raises(TableError, match="different names"):
        empty_document("x (m)", "x (s)")
