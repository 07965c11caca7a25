"""Reading what the main window's panels show, and clicking where a user would (for the window tests)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser


def click_cell(qtbot, window, row: int, column: int) -> None:
    heatmap = window.heatmap
    qtbot.mouseClick(heatmap.graphics.viewport(), Qt.MouseButton.LeftButton, pos=heatmap.cell_position(row, column))


def click_row_header(qtbot, window, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    header = window.table_view.verticalHeader()
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def selected_rows(window) -> list[int]:
    """Rows of the table with a selected cell."""
    return sorted({i.row() for i in window.table_view.selectionModel().selectedIndexes()})


def highlighted_tips(window) -> set[tuple[float, float]]:
    """The tips the plot's highlight runs to (each highlighted arrow starts at the origin)."""
    x, y = window.plot.marks.halo.getData()
    if x is None:
        return set()
    points = {(round(float(a), 6), round(float(b), 6)) for a, b in zip(x, y)}
    return {
        p
        for p in points
        if any(
            p == (round(t[0], 6), round(t[1], 6))
            for t in (window.plot.tip(r) for r in range(len(window.context.table)))
        )
    }


def working_text(window) -> str:
    """What the working panel's text shows (its first line is the headline)."""
    return window.working.findChild(QTextBrowser, "workingText").toPlainText()


def working_copy(window) -> str:
    """The working as "Copy as text" gives it: the formulas on one line each."""
    return window.working.plain_text()


def working_title(window) -> str:
    title = window.working.findChild(QLabel, "workingTitle")
    return title.text() if title.isVisible() else ""


def heatmap_row(window, row: int) -> list[str]:
    return [window.heatmap.cell_tooltip(row, c) for c in range(len(window.heatmap.displayed_labels()))]


def verdicts(window) -> list[str]:
    """The verdict marks the claims list shows, top to bottom (``window``: the window or a working panel)."""
    claims = getattr(window, "claims", None) or window.working.claims
    return [claims.verdict(r)[0] for r in range(len(claims.claims()))]
