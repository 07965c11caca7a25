"""Bursts of changes that panels catch up with once, at their end.

An undo of many steps, one undo step made of several commands (a paste that adds rows, a
removal in runs) or a document opened changes the table many times in a row. Outside a burst
each panel follows every change as it happens, as before; inside one (``with
context.batch():``, nestable) a panel only remembers what it has to catch up with, in a
:class:`Pending` it owns, and at the burst's end each panel with something pending refreshes
once: the values of the rows that changed when only values changed, else everything.

The table's item model is not batched: Qt's item models must announce rows as they change.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator

from shiboken6 import isValid


class RefreshBatch:
    """The current burst of changes (if any) and the panels that wait for its end."""

    def __init__(self) -> None:
        self._depth = 0
        self._waiting: list[Pending] = []

    @property
    def active(self) -> bool:
        """True inside ``with batch():``."""
        return self._depth > 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        """Changes made inside refresh each waiting panel once, when the outermost batch ends."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._flush()

    def wait(self, pending: Pending) -> None:
        """``pending`` catches up at the batch's end (once, however often it is told)."""
        if pending not in self._waiting:
            self._waiting.append(pending)

    def _flush(self) -> None:
        # A panel's refresh may change the view state (a projection that no longer fits): a new burst
        # that this starts is caught up with in the same loop.
        self._depth += 1
        try:
            while self._waiting:
                pending = self._waiting.pop(0)
                try:
                    pending.catch_up()
                except Exception:  # noqa: BLE001 - one failing panel must not keep the others behind
                    sys.excepthook(*sys.exc_info())
        finally:
            self._depth -= 1


class Pending:
    """What one panel has to catch up with at the end of a batch.

    ``refresh()`` shows everything again; ``values(rows, columns)``, when given, shows new values of
    some rows (the panel's cheap path for an edit). A handler asks :meth:`everything` or
    :meth:`values_of` first: True means a batch is under way and the change was remembered.
    """

    def __init__(
        self,
        batch: RefreshBatch,
        refresh: Callable[[], object],
        values: Callable[[tuple[int, ...], tuple[int, ...]], object] | None = None,
        owner: object = None,
    ) -> None:
        self._batch, self._refresh, self._values, self._owner = batch, refresh, values, owner
        self._all = False
        self._rows: set[int] = set()
        self._columns: set[int] = set()

    @property
    def waiting(self) -> bool:
        """True while the panel shows something older than the document (a batch is under way)."""
        return self._all or bool(self._rows)

    @property
    def all_waiting(self) -> bool:
        """True while everything is to be shown again at the batch's end."""
        return self._all

    def everything(self) -> bool:
        """In a batch: remember to show everything again, and return True. Outside: False."""
        if not self._batch.active:
            return False
        self._all = True
        self._rows.clear()
        self._columns.clear()
        self._batch.wait(self)
        return True

    def values_of(self, rows: Iterable[int], columns: Iterable[int]) -> bool:
        """In a batch: remember that these cells changed, and return True. Outside: False."""
        if not self._batch.active:
            return False
        if self._values is None:
            return self.everything()
        if not self._all:
            self._rows.update(int(r) for r in rows)
            self._columns.update(int(c) for c in columns)
            self._batch.wait(self)
        return True

    def catch_up(self) -> None:
        """Show what changed during the batch: everything, or the values of the rows that changed."""
        everything, rows, columns = self._all, tuple(sorted(self._rows)), tuple(sorted(self._columns))
        self._all = False
        self._rows.clear()
        self._columns.clear()
        if self._owner is not None and not isValid(self._owner):
            return  # the panel was closed during the batch
        if everything:
            self._refresh()
        elif rows and self._values is not None:
            self._values(rows, columns)
