"""What every panel of the window shares: the document, the undo stack, the selection.

Panels never change the table directly: they call :meth:`DocumentContext.push`
with a model command, which goes through the one undo adapter. A refused
command changes nothing, enters no history, and its reason is announced on
``message`` for the status bar.

The selection, the compared pair and the metric live in the document's view
state (:mod:`explorer.model.view_state`); the context only repeats their
events as Qt signals, for widgets that connect to Qt signals.
"""

from __future__ import annotations

import contextlib

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QUndoStack

from explorer.model.commands import Command
from explorer.model.document import Document
from explorer.model.search import TableLabelIndex
from explorer.qt.batch import RefreshBatch
from explorer.qt.undo import CommandAdapter


class DocumentContext(QObject):
    """The open document, its undo stack, and Qt signals for its view state."""

    #: Rows selected anywhere (table, plot, heatmap, search), in table order: a list that listeners
    #: share and must not change (``Signal(list)`` would copy 100,000 rows into Qt for each listener).
    selection_changed = Signal(object)
    #: A pair chosen for comparison (heatmap click, or two rows selected): rows a, b.
    pair_changed = Signal(int, int)
    #: A message for the user (a refused edit, a failed load); shown in the status bar.
    message = Signal(str)
    #: The document object itself was replaced (a file was opened).
    document_replaced = Signal()
    #: The metric chosen in ``metricSelector`` changed: "cosine", "dot", "euclidean" or "angle".
    metric_changed = Signal(str)

    def __init__(self, document: Document | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document if document is not None else Document()
        self.undo_stack = QUndoStack(self)
        #: ``with context.batch():`` — the changes made inside refresh each panel once, at the end
        #: (:mod:`explorer.qt.batch`). Each push, undo or redo step, :meth:`undo_to`, opened document and
        #: choice of rows is one.
        self.batch = RefreshBatch()
        #: True while :meth:`replace_document` takes over a new document: views wait for the table's reset.
        self.replacing = False
        #: The labels prepared for searching, built again only after they change.
        self.label_index = TableLabelIndex(self.document.table)
        self.view.selection.changed.connect(self._on_selection_state_change)
        self.view.heatmap.changed.connect(self._on_heatmap_state_change)

    def __del__(self) -> None:
        # A context collected as part of a reference cycle (as tests' contexts are) had its undo stack deleted by
        # Qt only after Python had begun taking the stack's commands apart, and the stack's clear() then ended the
        # process (SIGSEGV). Finalizers run while every object of the cycle is whole: empty the stack here.
        # Only on the context's own thread: the collector also runs on worker threads, where no Qt object of the
        # interface may be touched. RuntimeError: the C++ side is deleted already; AttributeError: __init__ did
        # not finish.
        with contextlib.suppress(RuntimeError, AttributeError):
            if self.thread() is QThread.currentThread():
                self.undo_stack.clear()

    @property
    def table(self):
        return self.document.table

    @property
    def view(self):
        """The document's :class:`~explorer.model.view_state.ViewState`."""
        return self.document.view

    @property
    def metric(self) -> str:
        """The metric every panel scores with (kept in the view state)."""
        return self.view.heatmap.metric

    def set_metric(self, metric: str) -> None:
        """Choose the metric for the heatmap and the working panel."""
        from explorer.model.similarity import check_metric

        self.view.heatmap.choose_metric(check_metric(metric))

    # ------------------------------------------------------------- changes
    def push(self, command: Command, merge_key=None) -> bool:
        """Apply ``command`` as one undo step; False (and a message) when refused."""
        try:
            with self.batch():
                inverse = self.document.apply(command)
        except (ValueError, IndexError, KeyError) as error:
            self.message.emit(f"{command.text} refused: {_sentence(error)}")
            return False
        self.undo_stack.push(CommandAdapter(self.document, command, inverse, merge_key, self.batch))
        return True

    def apply_live(self, command: Command) -> Command | None:
        """Apply ``command`` now without an undo step (the live part of a drag).

        Returns its inverse, or None with a message when refused. Finish the
        gesture with :meth:`push_applied`.
        """
        try:
            return self.document.apply(command)
        except (ValueError, IndexError, KeyError) as error:
            self.message.emit(f"{command.text} refused: {_sentence(error)}")
            return None

    def push_applied(self, command: Command, inverse: Command) -> None:
        """Record an already applied ``command`` (and the inverse back to before it) as one step."""
        self.undo_stack.push(CommandAdapter(self.document, command, inverse, batch=self.batch))

    def undo_to(self, index: int) -> None:
        """Undo or redo every step between here and ``index`` of the history (0: back to the start),
        each panel refreshing once at the end rather than after every step."""
        with self.batch():
            self.undo_stack.setIndex(index)

    def replace_document(self, document: Document) -> None:
        """Show ``document`` instead (a file was opened): its table, claims and view state are taken over,
        history cleared. Each panel shows it once, at the end (one batch)."""
        with self.batch():
            self._take_over(document)

    def _take_over(self, document: Document) -> None:
        self.undo_stack.clear()
        view = self.view
        self.replacing = True
        try:
            view.projections.take(document.view.projections)
            view.plot.read_dict(document.view.plot.to_dict())
            view.heatmap.read_dict(document.view.heatmap.to_dict())
            self.document.name = document.name
            self.document.set_path(document.path)
            self.document.formulas.replace(document.formulas)
            self.document.table.replace(document.table)
            self.document.claims.replace(document.claims.texts)
        finally:
            self.replacing = False
        view.selection.read_dict(document.view.selection.to_dict())
        view.selection.limit(len(self.table))
        self.undo_stack.setClean()
        self.document_replaced.emit()
        self.metric_changed.emit(self.metric)

    # ----------------------------------------------------------- selection
    @property
    def selection(self) -> list[int]:
        return list(self.view.selection.rows)

    @property
    def selection_array(self) -> np.ndarray:
        """The selected rows as a read-only NumPy array (for views that handle 100,000 of them at once)."""
        return self.view.selection.rows.array

    @property
    def pair(self) -> tuple[int, int] | None:
        return self.view.selection.pair

    def select_rows(self, rows) -> None:
        """Select ``rows`` everywhere; two or more also choose the compared pair (the first two).
        The rows and the pair are one change: a panel that follows both refreshes once."""
        array = rows.astype(np.int64, copy=False) if isinstance(rows, np.ndarray) else np.fromiter(rows, dtype=np.int64)
        with self.batch():
            self.view.selection.select_rows(array[(array >= 0) & (array < len(self.table))])

    def select_pair(self, a: int, b: int) -> None:
        """Compare vectors ``a`` and ``b`` (a heatmap cell was clicked) and select both."""
        with self.batch():
            self.view.selection.select_pair(int(a), int(b))

    def _on_selection_state_change(self, names) -> None:
        selection = self.view.selection
        if "rows" in names:
            self.selection_changed.emit(list(selection.rows))
        if "pair" in names and selection.pair is not None:
            self.pair_changed.emit(*selection.pair)

    def _on_heatmap_state_change(self, names) -> None:
        if "metric" in names and not self.replacing:
            self.metric_changed.emit(self.metric)


def _sentence(error: Exception) -> str:
    text = str(error).strip().strip("'\"")
    return text[:1].lower() + text[1:] if text else type(error).__name__
