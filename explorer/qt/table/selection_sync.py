"""Keeps ``vectorTable``'s Qt selection and the view state's selected rows (their one owner) in step.

Qt's QItemSelectionModel answers "is this cell selected?" by going through all of
its ranges, once for every cell it paints, and the column headers ask whether
every row of a column is selected. Measured on a bare QTableView of 400,000 rows:
one repaint with 80,000 runs of selected rows (a search for "l" over GloVe's
words) takes 0.75 s, and after Select All 13 s. Hence:

- The column headers get a selection model of their own that stays empty (it
  only decides whether a heading looks pressed): Select All is one range, drawn
  at once.
- A selection of at most :data:`EXACT_RUNS` runs of consecutive rows is handed
  to Qt whole, one range per run; a block of cells the user selected stays as
  it is.
- A larger one is handed to Qt only where the table shows it ("windowed"): the
  runs within the rows in view and a page above and below, renewed as the view
  scrolls. The view state keeps the whole selection; :meth:`rows` answers from it.

What the user does in the table reaches the view state: a click, an arrow key
or Select All that starts afresh gives Qt's selection to the view state; a
Ctrl+click, a Shift+click or a drag on a windowed selection changes just the
rows it touched. Each side's echo of the other's change is blocked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import numpy as np
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QItemSelectionRange, QObject, QTimer
from PySide6.QtWidgets import QTableView

from explorer.model.view_state import row_runs


def _ranges(selection: QItemSelection) -> Iterable[QItemSelectionRange]:
    """The ranges of ``selection``: a QList, which PySide6 iterates though its stubs do not say so."""
    return cast("Iterable[QItemSelectionRange]", selection)


#: Selections of at most this many runs of rows are given to Qt whole; larger ones only where they show.
EXACT_RUNS = 2000

_CLEAR = QItemSelectionModel.SelectionFlag.Clear
_CLEAR_AND_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect


class TableSelectionSync(QObject):
    """Mirrors the view state's selected rows in a table view's selection model, and back."""

    def __init__(self, view: QTableView, context) -> None:
        super().__init__(view)
        self._view = view
        self._context = context
        self._syncing = False  # one side is being told of the other's change: do not echo it
        self._structure = False  # rows are being added, removed or moved: the document remaps the selection
        self._fresh = False  # the view's last selection command started afresh (a click without Ctrl or Shift)
        self._windowed = False
        self._runs = np.zeros((0, 2), dtype=np.int64)  # the view state's runs, while windowed
        self._window = (0, -1)  # the rows whose runs Qt holds, while windowed
        self._deferred = False  # a window renewal waits for the mouse button's release
        self._pressed = False  # a mouse button is down on the table (a drag may be selecting)
        header = view.horizontalHeader()
        header.setSelectionModel(QItemSelectionModel(view.model(), header))
        view.selectionModel().selectionChanged.connect(self._on_qt_change)
        context.selection_changed.connect(self._on_state_change)
        view.verticalScrollBar().valueChanged.connect(self._on_view_moved)
        view.viewport().installEventFilter(self)
        table = context.table
        for starting, done in (
            (table.rows_inserting, table.rows_inserted),
            (table.rows_removing, table.rows_removed),
            (table.rows_moving, table.rows_moved),
            (table.columns_inserting, table.columns_inserted),
            (table.columns_removing, table.columns_removed),
            (table.resetting, table.reset),
        ):
            starting.connect(self._on_structure_starting, first=True)  # before Qt hears of it
            done.connect(self._on_structure_done)  # after Qt and the document's remap

    # ------------------------------------------------------------- reading
    @property
    def windowed(self) -> bool:
        """True while Qt holds only the part of the selection around the rows in view."""
        return self._windowed

    def rows(self) -> list[int]:
        """The rows with a selected cell, in table order."""
        if self._windowed:
            return self._context.selection
        return np.flatnonzero(self._qt_mask()).tolist()

    def columns(self) -> list[int]:
        """The columns with a selected cell (every column of a windowed selection: it selects whole rows)."""
        count = self._view.model().columnCount()
        if self._windowed:
            return list(range(count))
        mask = np.zeros(count, dtype=bool)
        for part in _ranges(self._view.selectionModel().selection()):
            mask[part.left() : part.right() + 1] = True
        return np.flatnonzero(mask).tolist()

    def _qt_mask(self) -> np.ndarray:
        """Which rows have a selected cell in Qt's selection model."""
        mask = np.zeros(self._view.model().rowCount(), dtype=bool)
        for part in _ranges(self._view.selectionModel().selection()):
            mask[part.top() : part.bottom() + 1] = True
        return mask

    # ------------------------------------------------------- from the view
    def note_command(self, command) -> None:
        """The view is about to change its selection with ``command`` (see QAbstractItemView.selectionCommand)."""
        self._fresh = bool(command & _CLEAR)

    def select_all(self) -> None:
        """Select every row (Ctrl+A): through the view state, which gives Qt one range."""
        self._fresh = False
        self._context.select_rows(np.arange(self._view.model().rowCount()))

    def _on_qt_change(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing or self._structure:
            return
        fresh, self._fresh = self._fresh, False
        qt = self._qt_mask()
        if self._windowed and not fresh:
            # Qt knows the rows this change touched; outside them the view state's selection stands.
            mask = np.zeros(len(qt), dtype=bool)
            state = self._context.selection_array
            mask[state[state < len(mask)]] = True
            touched = np.zeros(len(qt), dtype=bool)
            for changed in (selected, deselected):
                for part in _ranges(changed):
                    touched[part.top() : part.bottom() + 1] = True
            mask[touched] = qt[touched]
            rows = np.flatnonzero(mask)
            self._runs = row_runs(rows)
        else:
            rows = np.flatnonzero(qt)
            self._windowed = False
        self._syncing = True
        try:
            self._context.select_rows(rows)
        finally:
            self._syncing = False

    # ------------------------------------------------- from the view state
    def _on_state_change(self, *_) -> None:
        if self._syncing:
            return
        rows = self._context.selection_array
        runs = row_runs(rows)
        view = self._view
        self._syncing = True
        try:
            if len(runs) <= EXACT_RUNS:
                self._windowed = False
                if np.array_equal(np.flatnonzero(self._qt_mask()), rows):
                    return  # Qt shows these rows already (perhaps as a block of cells: keep it)
                self._select(runs)
                if len(rows):
                    view.scrollTo(view.model().index(int(rows[0]), 0))
            else:
                self._windowed, self._runs = True, runs
                view.scrollTo(view.model().index(int(rows[0]), 0))
                self._renew_window(force=True)
        finally:
            self._syncing = False

    def _select(self, runs: np.ndarray) -> None:
        """Give Qt exactly these runs of whole rows (one range each)."""
        model = self._view.model()
        selection_model = self._view.selectionModel()
        if selection_model.selection().count() > 64:
            # Replacing many ranges with many others compares each old range with each new one.
            selection_model.clearSelection()
        selection = QItemSelection()
        last = model.columnCount() - 1
        index = model.createIndex  # no checks: these rows exist (index() asks rowCount twice per call)
        for first, final in runs.tolist():
            selection.select(index(first, 0), index(final, last))
        selection_model.select(selection, _CLEAR_AND_SELECT)

    # --------------------------------------------------------- the window
    def _visible_rows(self) -> tuple[int, int]:
        view = self._view
        count = view.model().rowCount()
        top = view.rowAt(0)
        bottom = view.rowAt(max(view.viewport().height() - 1, 0))
        top = 0 if top < 0 else top
        bottom = count - 1 if bottom < 0 else bottom
        return top, bottom

    def _renew_window(self, force: bool = False) -> None:
        """Give Qt the selection's runs around the rows in view (a page above and below them)."""
        top, bottom = self._visible_rows()
        low, high = self._window
        if not force and low <= top and bottom <= high:
            return
        if not force and self._pressed:
            self._deferred = True  # renewing now would end the drag's own selection in Qt
            return
        page = bottom - top + 1
        low, high = max(0, top - page), min(self._view.model().rowCount() - 1, bottom + page)
        self._window = (low, high)
        runs = self._runs
        first = int(np.searchsorted(runs[:, 1], low))
        past = int(np.searchsorted(runs[:, 0], high, side="right"))
        was, self._syncing = self._syncing, True
        try:
            self._select(np.clip(runs[first:past], low, high))
        finally:
            self._syncing = was

    def _on_view_moved(self, *_) -> None:
        if self._windowed:
            self._renew_window()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self._on_view_moved()
        elif kind == QEvent.Type.MouseButtonPress:
            self._pressed = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = False
            if self._deferred:
                self._deferred = False
                QTimer.singleShot(0, self, self._on_view_moved)  # once the view has taken the release
        return False

    # ------------------------------------------------------ the structure
    def _on_structure_starting(self, *_) -> None:
        self._structure = True

    def _on_structure_done(self, *_) -> None:
        self._structure = False
        if self._windowed:
            self._window = (0, -1)
            self._renew_window(force=True)
