"""Which vectors the heatmap shows: all of them, the first ones of a large document, or the selected ones.

A document with more vectors than :data:`~explorer.model.similarity.MATRIX_LIMIT`
gets no full matrix (100,000 vectors would need 80 GB): the heatmap shows the
first :data:`PREVIEW_ROWS` vectors, and a notice says so. In any document,
*Show selected* compares the vectors selected anywhere (table rows, plot,
a search: whatever sets ``context.view.selection``) instead; *Show all*
goes back. :class:`ShownRows` is owned by the panel and tells it through
``on_change`` when the rows to show changed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from explorer.model.display import shown_text
from explorer.model.similarity import MATRIX_LIMIT, matrix_size_text
from explorer.qt.names import named

#: Vectors shown when the document has too many for a full matrix and none were chosen.
PREVIEW_ROWS = 100


class ShownRows:
    """The table rows the heatmap shows, the notice that says which, and Show selected / Show all."""

    def __init__(self, context, show_selected_button: QPushButton, on_change: Callable[[], None]):
        self.context = context
        self._on_change = on_change
        #: Table rows shown (table order), or None for all of them.
        self.rows: np.ndarray | None = None
        self.chosen = False  # the rows were chosen with Show selected
        self.show_selected_button = show_selected_button
        self.show_selected_button.setToolTip(
            f"Compare only the vectors selected in the table, the plot or a search (2 to {MATRIX_LIMIT:,})"
        )
        self.show_selected_button.clicked.connect(self.show_selected)
        self.notice = named(QLabel(wordWrap=True), "heatmapNotice")
        self.notice.setStyleSheet("QLabel { background: #fff4ce; color: #3b2f00; padding: 4px; }")
        self.show_all_button = named(QPushButton("Show all"), "heatmapShowAll")
        self.show_all_button.setToolTip("Compare every vector again")
        self.show_all_button.clicked.connect(self.show_all)
        #: The notice row, for the panel's layout (hidden while everything is shown).
        self.widget = named(QWidget(), "heatmapNoticeRow")
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.notice, 1)
        row.addWidget(self.show_all_button)
        self.widget.hide()
        context.selection_changed.connect(self._on_selection_change)

    # ------------------------------------------------------------- reading
    def shown_rows(self) -> list[int]:
        """The table rows shown, in table order."""
        return list(range(len(self.context.table))) if self.rows is None else self.rows.tolist()

    def values(self) -> np.ndarray:
        values = self.context.table.values
        return values if self.rows is None else values[self.rows]

    def labels(self) -> tuple[str, ...]:
        """The shown rows' labels as the panel draws them (a 1 MB label shortened; an export has them whole)."""
        labels = self.context.table.labels
        labels = labels if self.rows is None else tuple(labels[i] for i in self.rows)
        return tuple(shown_text(label) for label in labels)

    def positions(self, rows) -> np.ndarray:
        """Positions in the shown matrix of the table ``rows`` that are shown."""
        rows = np.fromiter(rows, dtype=np.intp)
        if self.rows is None:
            return rows
        return np.flatnonzero(np.isin(self.rows, rows))

    def table_row(self, position: int) -> int:
        """The table row shown at matrix ``position``."""
        return position if self.rows is None else int(self.rows[position])

    def position_of(self, row: int) -> int:
        """Where table ``row`` is in the shown matrix, or -1 when it is not shown."""
        if self.rows is None:
            return row
        found = np.flatnonzero(self.rows == row)
        return int(found[0]) if len(found) else -1

    # ------------------------------------------------------------ choosing
    def choose(self) -> None:
        """Keep the chosen rows while they exist; else all rows when they fit, or the first PREVIEW_ROWS."""
        n = len(self.context.table)
        if self.chosen and self.rows is not None and (not len(self.rows) or self.rows[-1] < n):
            pass
        elif n <= MATRIX_LIMIT:
            self.rows, self.chosen = None, False
        else:
            self.rows, self.chosen = np.arange(min(PREVIEW_ROWS, n), dtype=np.intp), False
        self._update_notice()

    def forget_choice(self) -> None:
        """Rows were inserted, removed or moved: the chosen rows no longer mean the same vectors."""
        self.chosen = False

    def show_selected(self) -> bool:
        """Show the selected vectors; False with a message when the selection does not fit."""
        rows = self.context.selection
        if not 2 <= len(rows) <= MATRIX_LIMIT:
            self.context.message.emit(
                f"Select 2 to {MATRIX_LIMIT:,} vectors to compare in the heatmap ({len(rows):,} are selected)."
            )
            return False
        if len(rows) == len(self.context.table):
            return self.show_all()
        self.rows, self.chosen = np.asarray(rows, dtype=np.intp), True
        self._on_change()
        return True

    def show_all(self) -> bool:
        """Show every vector again (the first ones of a large document)."""
        if not self.chosen:
            return False
        self.rows, self.chosen = None, False
        self._on_change()
        return True

    def _update_notice(self) -> None:
        n = len(self.context.table)
        large = n > MATRIX_LIMIT
        self.widget.setVisible(self.rows is not None)
        self.show_all_button.setVisible(self.chosen and not large)
        if self.rows is None:
            self.notice.setText("")
        elif not large:
            self.notice.setText(f"Showing the {len(self.rows):,} selected of {n:,} vectors.")
        elif self.chosen:
            self.notice.setText(
                f"Showing the {len(self.rows):,} selected of {n:,} vectors (all of them would need "
                f"{matrix_size_text(n)}). Select others and press Show selected to compare them instead."
            )
        else:
            self.notice.setText(
                f"Showing the first {len(self.rows):,} of {n:,} vectors: a heatmap of all of them would need "
                f"{matrix_size_text(n)}. Select 2 to {MATRIX_LIMIT:,} vectors in the table or plot and press "
                "Show selected."
            )
        self._on_selection_change(self.context.selection)

    def _on_selection_change(self, rows) -> None:
        shown = self.shown_rows() if self.rows is not None else None
        useful = 2 <= len(rows) <= MATRIX_LIMIT and list(rows) != shown and len(rows) < len(self.context.table)
        self.show_selected_button.setEnabled(useful)
        self.show_selected_button.setVisible(len(self.context.table) > 2)
