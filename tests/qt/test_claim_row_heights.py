"""A new verdict refits its own row: every row is as tall as refitting them all would make it."""

from __future__ import annotations

from explorer.model.commands import set_cell
from explorer.qt.working.claims import ClaimsChecker
from tests.qt.helpers import shown


def heights(table) -> list[int]:
    return [table.rowHeight(row) for row in range(table.rowCount())]


def test_rows_whose_verdict_changes_are_refitted_as_a_full_refit_would(qtbot, materials_context):
    context = materials_context
    checker = shown(qtbot, ClaimsChecker(context), 420, 500)  # narrow: long reasons wrap onto several lines
    table = checker._list
    qtbot.wait(10)  # the header fits the verdict column to its texts after a pass of the event loop
    checker.check_all()
    # E = 0.5 B true (one line) -> false with a long reason, and back; D = 2.5 A likewise; C = A near and far.
    for row, column, value in ((4, 0, 9.0), (3, 1, 10.0), (2, 1, 80.0), (4, 0, 7.5), (3, 1, 75.0), (2, 1, 27.0)):
        before = [checker.verdict(r) for r in range(6)]
        assert context.push(set_cell(row, column, value))
        assert [checker.verdict(r) for r in range(6)] != before  # a verdict changed
        qtbot.wait(10)  # and any column the new texts widen or narrow
        shown_heights = heights(table)
        table.resizeRowsToContents()
        assert heights(table) == shown_heights
    assert [checker.verdict(r)[0] for r in range(6)] == ["≈", "✅", "❌", "❌", "❌", "✅"]  # the lesson's again
    assert max(shown_heights) > min(shown_heights)  # some reasons wrap: the rows differ
