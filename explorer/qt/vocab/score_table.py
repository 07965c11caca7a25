"""A two-column table of neighbours (text, score) as the vocabulary panel's views show them.

The embedding view (a token's or an expression's nearest words) and the sentences
view (a sentence's nearest others) fill and read their neighbour tables alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def fill_scores(table: QTableWidget, rows: Iterable[tuple[str, str]]) -> None:
    """Show ``(text, score text)`` pairs, one a row, the scores right-aligned."""
    rows = list(rows)
    table.setRowCount(len(rows))
    for r, (text, score) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(text))
        cell = QTableWidgetItem(score)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(r, 1, cell)


def shown_scores(table: QTableWidget) -> list[tuple[str, str]]:
    """What ``table`` shows, as (text, score text) pairs."""
    return [(_text(table.item(r, 0)), _text(table.item(r, 1))) for r in range(table.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
