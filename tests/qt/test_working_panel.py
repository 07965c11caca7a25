"""The working panel and its claims checker, driven as a user would."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QWidget,
)

from explorer.model.commands import RemoveVectors, set_cell, set_vector
from explorer.model.document import Document
from explorer.model.table import VectorTable
from explorer.qt.working.panel import MARK_ROLE, ClaimsChecker, WorkingPanel


def shown_panel(qtbot, context) -> WorkingPanel:
    """A panel shown inside a plain window (as it sits in a dock), so it can take focus."""
    host = QWidget()
    qtbot.addWidget(host)
    widget = WorkingPanel(context, host)
    host.resize(760, 820)
    widget.resize(760, 820)
    host.show()
    widget.host = host  # keep the window alive as long as the panel is used
    return widget


@pytest.fixture
def panel(qtbot, materials_context):
    return shown_panel(qtbot, materials_context)


def shown(panel) -> str:
    return panel.findChild(QTextBrowser, "workingText").toPlainText()


def relation(panel) -> str:
    return panel.findChild(QLabel, "relationLabel").text()


def claims_table(panel) -> QTableWidget:
    return panel.findChild(QTableWidget, "claimsTable")


def verdicts(panel) -> list[tuple[str, str, str]]:
    table = claims_table(panel)
    return [
        (table.item(r, 0).text(), table.item(r, 1).data(MARK_ROLE), table.item(r, 2).text())
        for r in range(table.rowCount())
    ]


def test_object_name_and_the_a_b_working(panel, materials_context):
    assert panel.objectName() == "workingPanel"
    materials_context.select_pair(0, 1)
    text = shown(panel)
    for number in ("909", "30.15", "15.52", "165", "0.353"):
        assert number in text
    assert "|A| = √(3² + 30²) = √909 = 30.15" in panel.plain_text()
    assert "165 / (30.15 × 15.52) = 0.353" in panel.plain_text()
    assert "B is not a multiple of A: B has 5 × A's mass but 0.13 × its volume" in relation(panel)
    assert "it is the cosine similarity" in text and "The plain dot product is A·B = 165." in text


def test_two_selected_rows_b_and_e(panel, materials_context):
    materials_context.select_rows([1, 4])
    text = panel.plain_text()
    assert "|E| = √(7.5² + 2²) = √60.25 = 7.76" in text
    assert "= 120.5" in text and "= 1.000" in text
    assert "E = 0.5 × B: same direction, 0.5 times the size" in relation(panel)


def test_a_and_c_shows_099994(panel, materials_context):
    materials_context.select_pair(0, 2)
    assert "0.99994" in shown(panel)
    assert "C ≈ A in direction: cos 0.99994, |C| = 0.90 |A|" in relation(panel)


def test_metric_changes_the_headline(panel, materials_context):
    materials_context.select_pair(0, 1)
    materials_context.set_metric("dot")
    assert shown(panel).startswith("A and B — dot product: A·B = 165")
    materials_context.set_metric("euclidean")
    assert shown(panel).startswith("A and B — Euclidean distance: |A − B| = 28.64")


def test_lessons_claims_are_there_and_checked(panel):
    rows = verdicts(panel)
    assert [r[0] for r in rows] == ["C = A", "D = 2.5 A", "E = 2.5 A", "C = 0.2 B", "D = 0.5 B", "E = 0.5 B"]
    assert [r[1] for r in rows] == ["≈", "✅", "❌", "❌", "❌", "✅"]
    table = claims_table(panel)
    assert table.item(0, 1).text().endswith("approximately true")
    assert rows[0][2].startswith("similar, not equal")
    assert rows[2][2].startswith("E has 2.5 × A's mass but 0.067 × its volume")


def test_editing_d_turns_the_claim_false_and_says_why_then_undo(panel, materials_context):
    materials_context.select_pair(0, 3)
    assert materials_context.push(set_cell(3, 1, 70.0))
    mark, reason = panel.claims.verdict(1)
    assert mark == "❌"
    assert reason.startswith("D has 2.5 × A's mass but 2.33 × its volume")
    assert "2.5 × A would have 75 l of volume, D has 70 l" in reason
    assert "|D| = √(7.5² + 70²) = √4956.25 = 70.40" in panel.plain_text()
    assert "D ≈ A in direction: cos 0.99998, |D| = 2.34 |A|" in relation(panel)
    materials_context.undo_stack.undo()
    assert panel.claims.verdict(1)[0] == "✅"
    assert "D = 2.5 × A" in relation(panel)


def test_working_follows_a_live_drag(panel, materials_context):
    materials_context.select_pair(0, 1)
    inverse = materials_context.apply_live(set_vector(materials_context.table, 1, [6.0, 60.0]))
    assert "B = 2 × A: same direction, 2 times the size" in relation(panel)
    assert "= 1.000" in panel.plain_text()
    materials_context.push_applied(set_vector(materials_context.table, 1, [6.0, 60.0]), inverse)
    materials_context.undo_stack.undo()
    assert "0.353" in panel.plain_text()


def test_renaming_and_removing_follow(panel, materials_context):
    from explorer.model.commands import RenameVector

    materials_context.select_pair(0, 1)
    materials_context.push(RenameVector(0, "Alpha"))
    assert "|Alpha| = √(3² + 30²)" in panel.plain_text()
    assert panel.claims.claims()[:2] == ["C = Alpha", "D = 2.5 Alpha"]
    assert panel.claims.verdict(1)[0] == "✅"
    materials_context.push(RemoveVectors(1))
    assert panel.working is not None  # falls back to the first two rows
    assert panel.working.b_label == "C"


def test_copy_buttons(panel, materials_context, qtbot):
    materials_context.select_pair(0, 1)
    qtbot.mouseClick(panel.findChild(QPushButton, "copyWorkingText"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "|A| = √(3² + 30²) = √909 = 30.15" in copied
    qtbot.mouseClick(panel.findChild(QPushButton, "copyWorkingMarkdown"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("### A and B: cosine similarity: cos(A, B) = 0.353")
    assert "`|A| = √(3² + 30²) = √909 = 30.15`" in copied


def test_add_edit_and_remove_claims(panel, qtbot):
    line = panel.findChild(QLineEdit, "claimInput")
    qtbot.keyClicks(line, "D = A +")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert verdicts(panel)[-1] == (
        "D = A +",
        "⚠",
        "'D = A +', column 8: expected a vector, a number or '(' after '+', found the end of the claim",
    )
    assert line.text() == ""
    table = claims_table(panel)
    row = table.rowCount() - 1
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 0)).center())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor is not line
    editor.selectAll()
    qtbot.keyClicks(editor, "D = 2.5*A")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, 0).text() == "D = 2.5*A")  # the delegate commits queued
    assert verdicts(panel)[-1][:2] == ("D = 2.5*A", "✅")
    for text, message in [
        ("F = A", "'F = A', column 1: there is no vector labelled 'F'; the labels are A, B, C, D, E"),
        ("D = A / 0", "'D = A / 0', column 7: A / 0 divides by zero"),
    ]:
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        assert verdicts(panel)[-1] == (text, "⚠", message)
    count = table.rowCount()
    table.selectRow(count - 1)
    qtbot.mouseClick(panel.findChild(QPushButton, "removeClaim"), Qt.MouseButton.LeftButton)
    assert table.rowCount() == count - 1


def test_zero_vector_gives_a_message(panel, materials_context):
    materials_context.select_pair(0, 1)
    materials_context.push(set_vector(materials_context.table, 0, [0.0, 0.0]))
    assert "cos(A, B) = undefined: A is a zero vector, which has no direction" in panel.plain_text()
    assert "A is a zero vector" in relation(panel)
    assert panel.claims.verdict(1) == ("❌", "2.5 × A is a zero vector and D is not")


def test_fifty_dimensions_elide_and_show_all(qtbot, new_context):
    rng = np.random.default_rng(7)
    table = VectorTable(["king", "queen"], [f"d{i}" for i in range(1, 51)], rng.normal(size=(2, 50)))
    context = new_context(Document(table))
    panel = WorkingPanel(context)
    qtbot.addWidget(panel)
    context.select_pair(0, 1)
    box = panel.findChild(QCheckBox, "showAllTerms")
    assert box.isEnabled()
    assert "… +" in panel.plain_text() and "50 squares under the root" in panel.plain_text()
    assert claims_table(panel).rowCount() == 0  # no lesson claims for other data
    box.click()
    text = panel.plain_text()
    assert "…" not in text.split("Relation")[0]
    assert text.count("²") == 150  # every square of both norms and the distance


def test_no_pair_with_one_vector(qtbot, new_context):
    context = new_context(Document(VectorTable(["A"], ["x"], [[1.0]])))
    panel = WorkingPanel(context)
    qtbot.addWidget(panel)
    assert panel.working is None
    assert "Choose two vectors" in shown(panel)
    assert not panel.findChild(QPushButton, "copyWorkingText").isEnabled()


def test_another_documents_claims_are_shown_greyed_where_its_table_lacks_their_vectors(panel, materials_context):
    other = Document(VectorTable(["p", "q"], ["x", "y"], [[1, 2], [2, 4]]), claims=["C = A", "D = 2.5 A"])
    materials_context.replace_document(other)
    assert claims_table(panel).rowCount() == 2
    assert panel.claims.verdict(1) == ("○", "D and A are not in this table")
    panel.claims.add_claim("q = 2 p")
    assert panel.claims.verdict(2)[0] == "✅"
    assert "q = 2 × p" in relation(panel)


def test_after_edits_of_any_vector_every_verdict_is_the_one_the_claim_gets_now(qtbot, materials_context):
    """An edit re-judges only the claims naming the edited vector; the others must still be right."""
    import random

    from explorer.model.claim_list import AddClaims, judge_claim

    claims = ["A = A", "B = 2 C", "A + E = C", "E = 0.5 B", "F = 2 G", "F = 2 A", "B ≈ E", "1 = 2"]
    materials_context.push(AddClaims(6, claims))
    widget = ClaimsChecker(materials_context)
    qtbot.addWidget(widget)
    table, rng = materials_context.table, random.Random(4)
    for step in range(60):
        row, column = rng.randrange(len(table)), rng.randrange(table.dimension_count)
        value = rng.choice([0.0, 3.0, 7.5, 30.0, -2.0, 1e308, rng.uniform(-10, 10)])
        assert materials_context.push(set_cell(row, column, value))
        if step % 7 == 0:
            materials_context.undo_stack.undo()
        labels = {label: r for r, label in enumerate(table.labels)}
        expected = [judge_claim(text, labels, table.values, table.dimensions).mark for text in widget.claims()]
        assert [widget.verdict(r)[0] for r in range(len(expected))] == expected, f"after step {step}"
    assert {widget.verdict(r)[0] for r in range(len(claims) + 6)} >= {"✅", "❌", "○", "⚠"}
