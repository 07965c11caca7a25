"""The claims list in the window: a renamed vector renamed in its claims, labels with spaces quoted, another
document's claims about vectors it does not hold greyed "not here"."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.qt.helpers import type_into_cell
from tests.qt.window_panels import verdicts

LESSON_VERDICTS = ["≈", "✅", "❌", "❌", "❌", "✅"]


def claim_rows(window) -> list[tuple[str, str, str]]:
    """(claim, verdict, why) as the claims list shows them (``window``: the window or a working panel)."""
    claims = getattr(window, "claims", None) or window.working.claims
    table = claims.findChild(type(claims._list), "claimsTable")
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


# ------------------------------------------------------------------------- renaming
def test_renaming_a_vector_rewrites_the_claims_that_name_it_and_undo_gives_them_back(
    qtbot, table_view, working_panel, undo_action, redo_action, materials_context
):
    type_into_cell(qtbot, table_view, 0, 0, "Alpha")
    assert materials_context.table.labels[0] == "Alpha"
    claims = working_panel.claims.claims()
    assert claims == ["C = Alpha", "D = 2.5 Alpha", "E = 2.5 Alpha", "C = 0.2 B", "D = 0.5 B", "E = 0.5 B"]
    assert verdicts(working_panel) == LESSON_VERDICTS
    assert claim_rows(working_panel)[1][2] == "D = 2.5 × Alpha: the same direction, 2.5 times the size"
    undo_action.trigger()
    assert working_panel.claims.claims()[:3] == ["C = A", "D = 2.5 A", "E = 2.5 A"]
    assert verdicts(working_panel) == LESSON_VERDICTS
    redo_action.trigger()
    assert working_panel.claims.claims()[1] == "D = 2.5 Alpha"


def test_a_label_with_a_space_is_quoted_in_the_claims(qtbot, table_view, working_panel):
    type_into_cell(qtbot, table_view, 3, 0, "big box")
    assert working_panel.claims.claims()[1] == '"big box" = 2.5 A'
    assert verdicts(working_panel) == LESSON_VERDICTS


# ----------------------------------------------------------------- another table
def test_another_documents_claims_about_vectors_it_does_not_hold_are_greyed(qtbot, window, tmp_path):
    claims = window.working.claims
    claims.findChild(type(claims._input), "claimInput").setText("B = 5 A")
    claims._input.returnPressed.emit()
    assert verdicts(window)[-1] == "❌"
    fruit = tmp_path / "fruit.json"
    fruit.write_text(
        '{"format": "vector-explorer", "version": 2, "dimensions": [{"name": "sweet"}, {"name": "sour"}], '
        '"vectors": [{"label": "apple", "values": [4, 3]}, {"label": "lemon", "values": [1, 9]}, '
        '{"label": "mango", "values": [8, 2]}], "claims": ["C = 0.2 B", "D = 0.5 B", "B = 5 A"]}',
        encoding="utf-8",
    )
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    assert window.files.open(str(fruit))
    rows = claim_rows(window)
    assert [r[0] for r in rows] == ["C = 0.2 B", "D = 0.5 B", "B = 5 A"]  # the file's claims, not the lesson's
    assert rows[0][1:] == ("○ not here", "C and B are not in this table")
    assert rows[1][1:] == ("○ not here", "D and B are not in this table")
    assert rows[2][1:] == ("○ not here", "B and A are not in this table")
    claims.add_claim("mango = 2 apple")
    claims.add_claim("mango = 2 aple")  # a typo about this table's vectors is still an alarm
    assert verdicts(window) == ["○", "○", "○", "❌", "⚠"]
    assert "there is no vector labelled 'aple'" in claim_rows(window)[-1][2]
