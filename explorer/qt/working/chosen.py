"""What arithmetic the user is looking at: the claim chosen in the claims list, or a selected derived vector.

The working panel writes it out (:mod:`explorer.qt.working.expression_working`) and
the plot draws it (:mod:`explorer.qt.plot.constructions`); both own a
:class:`ChosenArithmetic`, so they always explain the same thing. The later choice wins:
choosing a claim shows the claim; selecting a vector made from an expression shows it,
and selecting none gives the claim's place back to nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import numpy as np
from PySide6.QtWidgets import QAbstractItemView, QWidget

#: Up to this many selected rows are looked through one by one for a derived vector.
LOOK_THROUGH = 1_000


class ChosenArithmetic:
    """``source``: ``("claim", text)``, ``("vector", label)`` or None; ``changed()`` is called after each choice."""

    def __init__(self, context, claims: QWidget | None, changed: Callable[[], None]):
        self._context = context
        self._changed = changed
        self.source: tuple[str, str] | None = None
        view = claims.findChild(QAbstractItemView, "claimsTable") if claims is not None else None
        if view is not None:
            view.selectionModel().currentRowChanged.connect(self._on_claim_chosen)
        context.selection_changed.connect(self._on_selection_change)

    def _on_claim_chosen(self, current, previous) -> None:
        text = current.siblingAtColumn(0).data() if current.isValid() else None
        self.source = ("claim", str(text)) if text else None
        self._changed()

    def _on_selection_change(self, rows) -> None:
        derived = self.first_derived()
        if derived is not None:
            self.source = ("vector", derived)
        elif self.source is not None and self.source[0] == "vector":
            self.source = None
        self._changed()

    def first_derived(self) -> str | None:
        """The label of the first selected vector made from an expression, or None."""
        table, formulas = self._context.table, self._context.document.formulas
        rows = self._context.selection_array
        rows = rows[rows < table.row_count]
        if not formulas or not len(rows):
            return None
        if len(rows) > max(LOOK_THROUGH, len(formulas)):  # 100,000 selected: find the few derived rows instead
            derived = []
            for label, _ in formulas.items():
                with contextlib.suppress(KeyError):
                    derived.append(table.index_of(label))
            rows = rows[np.isin(rows, derived)]
        return next((table.label(int(r)) for r in rows if table.label(int(r)) in formulas), None)
