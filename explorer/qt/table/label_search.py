"""What the search box does: the view state's search selects its matches, and Enter steps through them.

The text and options live in the view state (``context.view.search``); this
controller runs them over the table's label index (built once per change of
labels, in the context) and selects the matches through ``context.select_rows``,
so the table, the plot and the heatmap highlight them. A refused pattern
changes nothing and is said in one sentence. Clearing the text gives back the
selection from before the search, unless the user has selected something else
since.

Enter (:meth:`step`) zooms the plot to the matches the first time, then makes
each match in turn the table's current row (scrolled to, selection kept) and
centres it in the plot.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

from explorer.model.search import SearchError


class LabelSearch(QObject):
    """Runs the view state's search and selects what it finds."""

    #: The matches changed: their count, and the sentence of a refused pattern ("" when searched).
    result_changed = Signal(int, str)
    #: Enter stepped to a match: its place among the matches (0-based) and its row.
    current_changed = Signal(int, int)

    def __init__(
        self,
        context,
        table_view: QAbstractItemView | None = None,
        zoom: Callable[[np.ndarray, int | None], None] | None = None,
        parent: QObject | None = None,
    ):
        """``zoom(rows, centre)`` shows ``rows`` in the plot, or centres row ``centre`` (VectorPlot.zoom_to_rows)."""
        super().__init__(parent)
        self._context = context
        self._view = table_view
        self._zoom = zoom
        self._state = context.view.search
        self.matches = np.zeros(0, dtype=np.intp)
        self.error = ""
        self.current = -1  # the match Enter stepped to last, -1 before the first Enter
        self._before: list[int] | None = None  # the selection before the search began
        self._last_selected: list[int] = []  # what the search selected last
        self._stale = False  # the labels changed since the matches were found
        #: True while the search box is shown: matches follow renamed labels at once (else on the next use).
        self.active = False
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self._on_refresh)
        self._state.changed.connect(self._on_state_change)
        context.label_index.changed.connect(self._on_labels_change)
        context.document_replaced.connect(self._on_document_replaced)

    # ------------------------------------------------------------- reading
    @property
    def count(self) -> int:
        return len(self.matches)

    def count_text(self) -> str:
        """What the box shows: "853 matches", "3 of 853" while stepping, "no match", or the refusal."""
        if self.error:
            return self.error
        if not self._state.text:
            return ""
        n = len(self.matches)
        if n == 0:
            return "no match"
        if 0 <= self.current < n:
            return f"{self.current + 1:,} of {n:,}"
        return "1 match" if n == 1 else f"{n:,} matches"

    # ------------------------------------------------------------ running
    def _find(self) -> bool:
        """Search the labels for the state's query; False (and ``error`` said) when it is refused."""
        self._stale = False
        if not self._state.text:
            self.matches, self.error = np.zeros(0, dtype=np.intp), ""
            return True
        try:
            self.matches = self._context.label_index.search(self._state.query)
        except SearchError as error:
            self.error = str(error)
            return False
        self.error = ""
        return True

    def _on_state_change(self, names) -> None:
        selection = self._context.selection
        if self._state.text and self._before is None:
            self._before = selection  # the search begins: keep what was selected to give it back
        self.current = -1
        found = self._find()
        if found and self._state.text:
            self._context.select_rows(self.matches)
        elif found and self._before is not None:
            # The text was cleared: give back the earlier selection, unless the user chose another since.
            if self._context.selection == self._last_selected:
                self._context.select_rows(self._before)
            self._before = None
        self._last_selected = self._context.selection
        self.result_changed.emit(len(self.matches), self.error)

    def _on_labels_change(self) -> None:
        if self._state.text:
            self._stale = True
            if self.active:
                self._refresh.start()  # once, after a burst of changes (a paste, undo of a removal)

    def _on_refresh(self) -> None:
        if self._stale and self._state.text:
            self.current = -1
            self._find()
            self.result_changed.emit(len(self.matches), self.error)

    def refresh(self) -> None:
        """Count the matches again if the labels changed since they were found (the box is shown again)."""
        self._on_refresh()

    def _on_document_replaced(self) -> None:
        self._before = None
        self._state.update(text="")

    # ----------------------------------------------------------- stepping
    def step(self, direction: int = 1) -> int | None:
        """Enter (``direction`` 1) or Shift+Enter (-1): the first time zoom the plot to the matches;
        then make the next (previous) match current in the table and centre it in the plot.
        Selects the matches again if the user selected something else meanwhile. Returns the row."""
        if self._stale:
            self._on_refresh()
        if self.error or not len(self.matches):
            return None
        matches = self.matches
        n = len(matches)
        reselect = self._context.selection != matches.tolist()
        if reselect:
            self._context.select_rows(matches)
            self._last_selected = self._context.selection
        if self.current < 0 or reselect:
            self.current = 0 if direction > 0 else n - 1
            centre = None
        else:
            self.current = (self.current + direction) % n
            centre = int(matches[self.current])
        row = int(matches[self.current])
        if self._zoom is not None:
            self._zoom(matches, centre)
        if self._view is not None:
            index = self._view.model().index(row, 0)
            self._view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self._view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.current_changed.emit(self.current, row)
        self.result_changed.emit(n, self.error)
        return row
