"""The open document: a vector table, its claims, where it lives, and how it is viewed.

All changes to the table and the claims go through :meth:`Document.apply`,
the one path that the table editor, a drag in the plot, a paste, the claims
checker, undo and redo share; it announces each applied command on
``applied`` (the crash-recovery journal records them). What the views show
lives once, in :attr:`Document.view` (a :class:`ViewState`), which follows the
table's structural changes (a selected row that moves stays selected) and is
saved with the document. Vectors made from expressions keep their formulas in
:attr:`Document.formulas`; after every command the formulas are kept true in
the same step (:func:`explorer.model.derived.follow_up`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from explorer.model.claim_list import ClaimList
from explorer.model.commands import Command, Compound
from explorer.model.derived import Formulas, follow_up, following_values
from explorer.model.events import Signal
from explorer.model.table import VectorTable
from explorer.model.view_state import ViewState


class Document:
    """A table plus its claims, file path and view state."""

    path_changed = Signal(object)  # the new path, or None
    #: A command was applied (after the change): the command itself.
    applied = Signal(object)

    def __init__(
        self,
        table: VectorTable | None = None,
        path: str | Path | None = None,
        view: ViewState | dict[str, Any] | None = None,
        *,
        formulas: Formulas | None = None,
        claims: Iterable[str] = (),
        name: str = "Untitled",
    ):
        #: What an untitled document is called until it is saved: "Untitled", or "Materials A–E".
        self.name = name
        self.table = table if table is not None else VectorTable()
        #: Formulas of the vectors made from expressions (label -> Formula).
        self.formulas = formulas if formulas is not None else Formulas()
        self.claims = ClaimList(claims)
        self.path = Path(path) if path is not None else None
        self.view = view if isinstance(view, ViewState) else ViewState.from_dict(view or {})
        self.view.selection.limit(len(self.table))
        table = self.table
        table.rows_removed.connect(self._on_rows_removed)
        table.rows_inserted.connect(self._on_rows_inserted)
        table.rows_moved.connect(self._on_rows_moved)
        table.reset.connect(self._on_table_reset)
        # Stored projections check the vectors' fingerprint again after any change to them.
        for signal in (table.values_changed, table.rows_inserted, table.rows_removed, table.rows_moved):
            signal.connect(lambda *_: self.view.projections.vectors_changed())
        for signal in (table.columns_inserted, table.columns_removed):
            signal.connect(lambda *_: self.view.projections.vectors_changed())

    def apply(self, command: Command) -> Command:
        """Apply ``command`` to the document and return its inverse.

        A refused command raises (TableError, ValueError, IndexError) and leaves
        the document as it was.
        """
        inverse = self._apply(command)
        self.applied.emit(command)
        return inverse

    def _apply(self, command: Command) -> Command:
        if not self.formulas:
            return command.apply_to(self)
        labels, values = list(self.table.labels), following_values(self)
        inverse = command.apply_to(self)
        try:
            follow = follow_up(self, labels, values)
            if follow is None:
                return inverse
            return Compound((follow.apply_to(self), inverse), command.text)
        except Exception:
            inverse.apply_to(self)
            raise

    def set_path(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.path_changed.emit(self.path)

    @property
    def title(self) -> str:
        """The file name, or the document's name ('Untitled', 'Materials A–E') when it has no file yet."""
        return self.path.name if self.path is not None else self.name

    def view_dict(self) -> dict[str, Any]:
        """The view state as saved in the JSON document."""
        return self.view.to_dict()

    # ------------------------------------------------- the selection follows
    def _on_rows_removed(self, start: int, count: int) -> None:
        self.view.selection.remap(lambda r: None if start <= r < start + count else (r if r < start else r - count))

    def _on_rows_inserted(self, start: int, count: int) -> None:
        self.view.selection.remap(lambda r: r if r < start else r + count)

    def _on_rows_moved(self, start: int, count: int, to: int) -> None:
        order = list(range(len(self.table)))
        moved = order[start : start + count]
        del order[start : start + count]
        order[to:to] = moved
        new_position = {old: new for new, old in enumerate(order)}
        self.view.selection.remap(new_position.get)

    def _on_table_reset(self) -> None:
        self.view.projections.vectors_changed()
        self.view.selection.update(rows=(), pair=None)
