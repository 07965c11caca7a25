"""Every change to a table, as a small immutable command with an inverse.

``command.apply(table)`` performs the change and returns the command that
undoes it; applying that inverse restores the table exactly (values bit for
bit). The table, a drag in the plot, a paste, undo and redo all change the
document through these and nothing else. Each command checks its whole input
before it touches the table, so a refused command changes nothing.

A document applies a command with ``command.apply_to(document)``: most
commands change its table, some its claims (:mod:`explorer.model.claim_list`),
and a rename does both (the claims that name the vector follow it, in the same
step); a formula of a derived vector belongs to the document
(:mod:`explorer.model.derived`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from explorer.model.table import Dimension, TableError, VectorTable
from explorer.model.vector_kind import VectorKind

if TYPE_CHECKING:  # the document imports this module
    from explorer.model.document import Document


def _frozen(block: npt.ArrayLike, rows: int, columns: int) -> np.ndarray:
    array = np.array(block, dtype=np.float64).reshape(rows, columns)
    array.flags.writeable = False
    return array


class Command:
    """Base of all commands: ``apply`` returns the inverse, ``text`` names it for menus."""

    text: str = "Change"

    def apply(self, table: VectorTable) -> Command:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply_to(self, document: Document) -> Command:
        """Apply to ``document`` (its table, unless the command says otherwise); returns the inverse."""
        return self.apply(document.table)


@dataclass(frozen=True, eq=False)
class SetValues(Command):
    """Set a block of cells: rows x columns. One cell, a whole vector, or a paste."""

    rows: tuple[int, ...]
    columns: tuple[int, ...]
    block: np.ndarray
    text: str = "Edit values"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(int(r) for r in self.rows))
        object.__setattr__(self, "columns", tuple(int(c) for c in self.columns))
        object.__setattr__(self, "block", _frozen(self.block, len(self.rows), len(self.columns)))

    def apply(self, table: VectorTable) -> SetValues:
        old = table.values[np.ix_(self.rows, self.columns)].copy()
        table.set_values(self.rows, self.columns, self.block)
        return SetValues(self.rows, self.columns, old, self.text)


def set_cell(row: int, column: int, value: float) -> SetValues:
    """One cell: ``set_cell(0, 1, 30.0)``."""
    return SetValues((row,), (column,), np.array([[value]], dtype=np.float64), "Edit value")


def set_vector(table: VectorTable, row: int, values: Sequence[float], text: str = "Move vector") -> SetValues:
    """All the values of one vector (what a drag in the plot does)."""
    return SetValues((row,), tuple(range(table.dimension_count)), np.array([values], dtype=np.float64), text)


@dataclass(frozen=True, eq=False)
class InsertVectors(Command):
    """Insert vectors before row ``start``; ``metadata`` holds their metadata values, one tuple per
    metadata column (empty text when None)."""

    start: int
    labels: tuple[str, ...]
    values: np.ndarray
    colors: tuple[str, ...] | None = None
    visible: tuple[bool, ...] | None = None
    text: str = "Add vector"
    metadata: tuple[tuple[str, ...], ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", tuple(self.labels))
        width = np.asarray(self.values).size // max(len(self.labels), 1)
        object.__setattr__(self, "values", _frozen(self.values, len(self.labels), width))
        if self.colors is not None:
            object.__setattr__(self, "colors", tuple(self.colors))
        if self.visible is not None:
            object.__setattr__(self, "visible", tuple(self.visible))
        if self.metadata is not None:
            object.__setattr__(self, "metadata", tuple(tuple(column) for column in self.metadata))

    def apply(self, table: VectorTable) -> RemoveVectors:
        if self.values.shape[1] != table.dimension_count and len(self.labels):
            raise TableError(f"a vector here has {table.dimension_count} values, not {self.values.shape[1]}")
        table.insert_rows(self.start, self.labels, self.values, self.colors, self.visible, self.metadata)
        return RemoveVectors(self.start, len(self.labels), self.text)


@dataclass(frozen=True)
class RemoveVectors(Command):
    """Remove ``count`` vectors from row ``start``."""

    start: int
    count: int = 1
    text: str = "Remove vector"

    def apply(self, table: VectorTable) -> InsertVectors:
        rows = slice(self.start, self.start + self.count)
        inverse = InsertVectors(
            self.start,
            table.labels[rows],
            table.values[rows].copy(),
            table.colors[rows],
            table.visible[rows],
            self.text,
            table.metadata.rows_block(self.start, self.count) if len(table.metadata) else None,
        )
        table.remove_rows(self.start, self.count)
        return inverse


@dataclass(frozen=True)
class MoveVectors(Command):
    """Move ``count`` vectors from ``start`` so that they begin at row ``to``."""

    start: int
    count: int
    to: int
    text: str = "Move rows"

    def apply(self, table: VectorTable) -> MoveVectors:
        table.move_rows(self.start, self.count, self.to)
        return MoveVectors(self.to, self.count, self.start, self.text)


@dataclass(frozen=True)
class RenameVector(Command):
    """Give the vector at ``row`` a new label.

    Applied to a document, the claims that name the vector are rewritten in the
    same step; ``claims`` (set on an inverse) gives them back exactly as they
    were instead, so that undo and redo never nest and never drift.
    """

    row: int
    label: str
    text: str = "Rename vector"
    claims: tuple[str, ...] | None = None

    def apply(self, table: VectorTable) -> RenameVector:
        old = table.label(self.row)
        table.set_labels((self.row,), (self.label,))
        return RenameVector(self.row, old, self.text)

    def apply_to(self, document: Document) -> RenameVector:
        """Rename and rewrite (or restore) the claims; the inverse restores both exactly."""
        labels, claims = document.table.labels, document.claims.texts
        inverse = self.apply(document.table)
        if self.claims is not None:
            if tuple(self.claims) != claims:
                document.claims.replace(self.claims)
        elif claims and inverse.label != self.label:
            document.claims.follow_rename({inverse.label: self.label}, labels)
        if not claims and not document.claims.texts:
            return inverse
        return RenameVector(self.row, inverse.label, self.text, claims)


@dataclass(frozen=True)
class SetStyle(Command):
    """Set the colour and visibility of one vector."""

    row: int
    color: str
    visible: bool
    text: str = "Change colour"

    def apply(self, table: VectorTable) -> SetStyle:
        old = SetStyle(self.row, table.colors[self.row], table.visible[self.row], self.text)
        table.set_styles((self.row,), (self.color,), (self.visible,))
        return old


@dataclass(frozen=True, eq=False)
class InsertDimensions(Command):
    """Insert dimensions before column ``start``; ``values`` is N x k (zeros when None)."""

    start: int
    dimensions: tuple[Dimension, ...]
    values: np.ndarray | None = None
    text: str = "Add dimension"

    def __post_init__(self) -> None:
        object.__setattr__(self, "dimensions", tuple(self.dimensions))
        if self.values is not None:
            array = np.array(self.values, dtype=np.float64)
            array = array.reshape(-1, len(self.dimensions)) if array.size else array.reshape(0, len(self.dimensions))
            array.flags.writeable = False
            object.__setattr__(self, "values", array)

    def apply(self, table: VectorTable) -> RemoveDimensions:
        if self.values is not None and self.values.shape[0] != table.row_count:
            raise TableError(f"the new dimension needs {table.row_count} values, not {self.values.shape[0]}")
        for dim in self.dimensions:
            if not dim.name.strip():
                raise TableError("a dimension needs a name that is not empty")
        table.insert_columns(self.start, self.dimensions, self.values)
        return RemoveDimensions(self.start, len(self.dimensions), self.text)


@dataclass(frozen=True)
class RemoveDimensions(Command):
    """Remove ``count`` dimensions from column ``start``."""

    start: int
    count: int = 1
    text: str = "Remove dimension"

    def apply(self, table: VectorTable) -> InsertDimensions:
        columns = slice(self.start, self.start + self.count)
        inverse = InsertDimensions(self.start, table.dimensions[columns], table.values[:, columns].copy(), self.text)
        table.remove_columns(self.start, self.count)
        return inverse


@dataclass(frozen=True)
class RenameDimension(Command):
    """Change the name or unit of the dimension at ``column``."""

    column: int
    dimension: Dimension
    text: str = "Rename dimension"

    def apply(self, table: VectorTable) -> RenameDimension:
        old = table.dimensions[self.column]
        table.set_dimension(self.column, self.dimension)
        return RenameDimension(self.column, old, self.text)


@dataclass(frozen=True)
class SetKind(Command):
    """Say what kind of vectors the table holds (sentence vectors of a model), or None."""

    kind: VectorKind | None
    text: str = "Set kind of vectors"

    def apply(self, table: VectorTable) -> SetKind:
        old = table.kind
        table.set_kind(self.kind)
        return SetKind(old, self.text)


@dataclass(frozen=True)
class Compound(Command):
    """Several commands as one change (one undo step), e.g. a paste that adds rows.

    If a part is refused, the parts already applied are undone before the
    error propagates, so the table is as it was.
    """

    commands: tuple[Command, ...] = field(default_factory=tuple)
    text: str = "Change"

    def __post_init__(self) -> None:
        object.__setattr__(self, "commands", tuple(self.commands))

    def apply(self, table: VectorTable) -> Compound:
        return self._apply_each(lambda command: command.apply(table))

    def apply_to(self, document: Document) -> Compound:
        return self._apply_each(lambda command: command.apply_to(document))

    def _apply_each(self, apply: Callable[[Command], Command]) -> Compound:
        inverses: list[Command] = []
        try:
            for command in self.commands:
                inverses.append(apply(command))
        except Exception:
            for inverse in reversed(inverses):
                apply(inverse)
            raise
        return Compound(tuple(reversed(inverses)), self.text)
