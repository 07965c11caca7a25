"""Every change is named for Edit › Undo from the document as it was: "A's mass 3 → 4"."""

from __future__ import annotations

from explorer.model.builtin import materials_document
from explorer.model.claim_list import add_claim_command, edit_claim_command, remove_claims_command
from explorer.model.edits import (
    add_vector_command,
    colour_command,
    edit_value_command,
    move_rows_command,
    move_vector_command,
    new_dimension_command,
    remove_dimension_command,
    remove_rows_command,
    rename_dimension_command,
    rename_vector_command,
    visibility_command,
)
from explorer.model.paste import paste_command
from explorer.model.table import Dimension


def named(command, document=None) -> tuple[str, str]:
    """The command's name and its inverse's (undo and redo say the same), applying it to ``document``."""
    document = document if document is not None else materials_document()
    inverse = document.apply(command)
    return command.text, inverse.text


def test_a_cell_edit_names_the_vector_the_dimension_and_both_values():
    table = materials_document().table
    assert named(edit_value_command(table, 0, 0, 4.0)) == ("A's mass 3 → 4", "A's mass 3 → 4")
    assert edit_value_command(table, 3, 0, 1e-300).text == "D's mass 7.5 → 1e-300"
    assert edit_value_command(table, 1, 1, 0.1 + 0.2).text == "B's volume 4 → 0.3"  # not 0.30000000000000004


def test_structure_changes_name_what_they_change():
    document = materials_document()
    table = document.table
    assert add_vector_command(table, 5).text == "Add vector F"
    assert named(rename_vector_command(table, 0, "F"), document) == ("Rename A → F", "Rename A → F")
    assert remove_rows_command([2, 1], table).text == "Remove B and C"
    assert remove_rows_command([0, 2, 4], table).text == "Remove F, C and E"
    assert remove_rows_command([0, 1, 2, 3], table).text == "Remove 4 vectors"
    assert add_vector_command(table, 5).text == "Add vector G"  # F is taken now
    assert move_rows_command(table, 2, 1, 1).text == "Move C up"
    assert move_rows_command(table, 1, 2, 2).text == "Move B and C down"
    assert colour_command(table, 0, "#56B4E9").text == "F's colour → sky blue"
    assert colour_command(table, 1, "#123456").text == "B's colour → #123456"
    assert visibility_command(table, 4, False).text == "Hide E"
    assert move_vector_command(table, 1, [4, 31]).text == "Drag B to [4, 31]"


def test_dimension_changes_name_the_dimension_with_its_unit():
    table = materials_document().table
    assert new_dimension_command(table, Dimension("density", "kg/l")).text == "Add dimension density (kg/l)"
    assert new_dimension_command(table).text == "Add dimension dim3"
    assert remove_dimension_command(table, 1).text == "Remove dimension volume (l)"
    assert rename_dimension_command(table, 0, Dimension("weight", "g")).text == (
        "Rename dimension mass (kg) → weight (g)"
    )


def test_a_paste_names_its_size_and_where_it_landed():
    table = materials_document().table
    assert paste_command(table, "1\t2\n3\t4\n", 0, 1).text == "Paste 2 × 2 cells at A's mass"
    assert paste_command(table, "G\t1\t2\n", 5, 0).text == "Paste 1 × 3 cells at the end"


def test_claim_changes_quote_the_claim():
    document = materials_document()
    claims = document.claims
    assert named(add_claim_command(claims, "C = 0.9 A"), document) == ("Add claim C = 0.9 A", "Add claim C = 0.9 A")
    assert edit_claim_command(claims, 0, "C ≈ A").text == f"Edit claim {claims[0]} → C ≈ A"
    assert remove_claims_command([1], claims).text == f"Remove claim {claims[1]}"
    assert remove_claims_command([0, 2, 3], claims).text == "Remove 3 claims"


def test_a_huge_or_hostile_label_makes_a_short_one_line_name():
    document = materials_document()
    document.apply(rename_vector_command(document.table, 0, "x" * 1_000_000))
    text = edit_value_command(document.table, 0, 0, 4.0).text
    assert len(text) < 60 and "…" in text
    document.apply(rename_vector_command(document.table, 1, "\x1b[2J\nevil"))
    text = edit_value_command(document.table, 1, 0, 4.0).text
    assert "\n" not in text and "\x1b" not in text and text.startswith("\\x1b[2J")


def test_metadata_and_formula_changes_are_named_too():
    from explorer.model.derived import new_from_expression
    from explorer.model.metadata_commands import (
        add_column_command,
        remove_column_command,
        rename_column_command,
        set_metadata_cell,
    )
    from explorer.model.table import VectorTable

    table = VectorTable(["A", "B"], ["mass"], [[3.0], [15.0]], metadata=[("kind", ["light", ""])])
    assert set_metadata_cell(0, 0, "cork", table).text == "A's kind light → cork"
    assert set_metadata_cell(1, 0, "steel", table).text == "B's kind (empty) → steel"
    assert add_column_command(table, " origin ").text == "Add column of text origin"
    assert rename_column_command(table, 0, "sort").text == "Rename column of text kind → sort"
    assert remove_column_command(table, 0).text == "Remove column of text kind"
    assert new_from_expression(table, "A + B").text == "New vector A + B"
    assert new_from_expression(table, "A + B", label="G").text == "New vector G = A + B"
