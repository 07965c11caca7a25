"""What every panel of the window shares: the document, the undo stack, the selection.

Panels never change the table directly: they call :meth:`DocumentContext.push`
with a model command, which goes through the one undo adapter. A refused
command changes nothing, enters no history, and its reason is announced on
``message`` for the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from explorer.model.commands import Command
from explorer.model.document import Document
from explorer.qt.undo import CommandAdapter


class DocumentContext(QObject):
    """The open document, its undo stack and the current selection of vectors."""

    #: Rows selected anywhere (table, plot, heatmap), in table order.
    selection_changed = Signal(list)
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
        self._selection: list[int] = []
        self._pair: tuple[int, int] | None = None
        table = self.document.table
        table.rows_removed.connect(self._on_rows_removed)
        table.rows_inserted.connect(self._on_rows_inserted)
        table.rows_moved.connect(self._on_rows_moved)
        table.reset.connect(self._on_table_reset)

    @property
    def table(self):
        return self.document.table

    @property
    def metric(self) -> str:
        """The metric every panel scores with (kept in the document's view settings)."""
        return self.document.view["metric"]

    def set_metric(self, metric: str) -> None:
        """Choose the metric for the heatmap and the working panel."""
        from explorer.model.similarity import check_metric

        if check_metric(metric) != self.metric:
            self.document.view["metric"] = metric
            self.metric_changed.emit(metric)

    # ------------------------------------------------------------- changes
    def push(self, command: Command, merge_key=None) -> bool:
        """Apply ``command`` as one undo step; False (and a message) when refused."""
        try:
            inverse = self.document.apply(command)
        except (ValueError, IndexError, KeyError) as error:
            self.message.emit(f"{command.text} refused: {_sentence(error)}")
            return False
        self.undo_stack.push(CommandAdapter(self.document, command, inverse, merge_key))
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
        self.undo_stack.push(CommandAdapter(self.document, command, inverse))

    def replace_document(self, document: Document) -> None:
        """Show ``document`` instead (a file was opened): the table is taken over, history cleared."""
        self.undo_stack.clear()
        self.document.view = dict(document.view)
        self.document.set_path(document.path)
        self.document.table.replace(document.table)
        self.undo_stack.setClean()
        self.document_replaced.emit()
        self.metric_changed.emit(self.metric)

    # ----------------------------------------------------------- selection
    @property
    def selection(self) -> list[int]:
        return list(self._selection)

    @property
    def pair(self) -> tuple[int, int] | None:
        return self._pair

    def select_rows(self, rows) -> None:
        """Select ``rows`` everywhere; two rows also become the compared pair."""
        rows = sorted({int(r) for r in rows if 0 <= int(r) < len(self.table)})
        if rows == self._selection:
            return
        self._selection = rows
        self.selection_changed.emit(list(rows))
        if len(rows) == 2:
            self.select_pair(rows[0], rows[1], update_rows=False)

    def select_pair(self, a: int, b: int, update_rows: bool = True) -> None:
        """Compare vectors ``a`` and ``b`` (a heatmap cell was clicked)."""
        self._pair = (int(a), int(b))
        if update_rows:
            rows = sorted({int(a), int(b)})
            if rows != self._selection:
                self._selection = rows
                self.selection_changed.emit(list(rows))
        self.pair_changed.emit(int(a), int(b))

    def _on_rows_removed(self, start: int, count: int) -> None:
        self._remap(lambda r: None if start <= r < start + count else (r if r < start else r - count))

    def _on_rows_inserted(self, start: int, count: int) -> None:
        self._remap(lambda r: r if r < start else r + count)

    def _on_rows_moved(self, start: int, count: int, to: int) -> None:
        order = list(range(len(self.table)))
        moved = order[start : start + count]
        del order[start : start + count]
        order[to:to] = moved
        new_position = {old: new for new, old in enumerate(order)}
        self._remap(new_position.get)

    def _on_table_reset(self) -> None:
        self._remap(lambda r: None)

    def _remap(self, new_row) -> None:
        """Follow the selected rows and the pair through a structural change."""
        if self._pair is not None:
            a, b = (new_row(r) for r in self._pair)
            self._pair = None if a is None or b is None else (a, b)
        rows = sorted(r for r in (new_row(r) for r in self._selection) if r is not None)
        if rows != self._selection:
            self._selection = rows
            self.selection_changed.emit(list(rows))


def _sentence(error: Exception) -> str:
    text = str(error).strip().strip("'\"")
    return text[:1].lower() + text[1:] if text else type(error).__name__
