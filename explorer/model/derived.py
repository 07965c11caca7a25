"""Vectors made from expressions: ``M = (A + C) / 2``, kept with their formula.

A vector made from an expression keeps its formula (shown in its tooltip,
saved in the JSON document). It either **follows** its inputs, as a
spreadsheet formula does (a change to A or C recomputes M in the same undo
step), or is **frozen** (its numbers stay as they are). Editing a following
vector's numbers yourself freezes it, in that same step; renaming a vector
rewrites the formulas that name it; removing a derived vector removes its
formula. All of it goes through commands, so undo returns exactly the state
before.

:meth:`Document.apply` calls :func:`follow_up` after every command; the
commands that change formulas are :class:`SetFormula` and
:func:`new_from_expression` (the new vector and its formula, one step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from explorer.model import change_names
from explorer.model.arithmetic import evaluate_vector
from explorer.model.commands import Command, Compound, InsertVectors, SetValues
from explorer.model.events import Signal
from explorer.model.expressions import ExpressionError, format_label, parse_expression, rename_labels
from explorer.model.names import unique_name
from explorer.model.table import VectorTable, palette_color

if TYPE_CHECKING:  # the document imports this module
    from explorer.model.document import Document

#: A formula longer than this is refused when read from a file.
MAX_FORMULA = 10_000


@dataclass(frozen=True)
class Formula:
    """The expression a vector was made from, and whether it follows its inputs."""

    text: str
    follow: bool = True

    def describe(self, label: str) -> str:
        """``M = (A + C) / 2 (follows A and C)``: what a tooltip says."""
        how = "follows its inputs" if self.follow else "frozen: it keeps its numbers"
        if label == self.text:
            return f"made from the expression {self.text} ({how})"
        return f"{format_label(label)} = {self.text} ({how})"


class Formulas:
    """label -> :class:`Formula` of the document's derived vectors, in the order they were made."""

    #: After any change.
    changed = Signal()

    def __init__(self, items: Iterable[tuple[str, Formula]] = ()):
        self._items: dict[str, Formula] = dict(items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __contains__(self, label: object) -> bool:
        return label in self._items

    def get(self, label: str) -> Formula | None:
        return self._items.get(label)

    def items(self) -> list[tuple[str, Formula]]:
        return list(self._items.items())

    def set(self, label: str, formula: Formula | None) -> None:
        """Give ``label`` this formula (None: no formula); announces the change."""
        if formula is None:
            if label not in self._items:
                return
            del self._items[label]
        else:
            self._items[label] = formula
        self.changed.emit()

    def replace(self, other: Formulas) -> None:
        """Take over another document's formulas (a file was opened)."""
        self._items = dict(other._items)
        self.changed.emit()

    def to_list(self) -> list[dict[str, Any]]:
        """As saved in the JSON document: ``[{"label": "M", "expression": "(A + C) / 2", "follow": true}]``."""
        return [{"label": label, "expression": f.text, "follow": f.follow} for label, f in self._items.items()]

    @classmethod
    def from_file(cls, data: object, labels: Sequence[str]) -> Formulas:
        """Formulas read from a document, tolerantly: entries that are not well formed, or name no vector, are left
        out (the vectors keep their numbers)."""
        known = set(labels)
        items: list[tuple[str, Formula]] = []
        if isinstance(data, list):
            for entry in data:
                if not isinstance(entry, dict):
                    continue
                label, text = entry.get("label"), entry.get("expression")
                if not (isinstance(label, str) and isinstance(text, str)) or label not in known:
                    continue
                if len(text) > MAX_FORMULA:
                    continue
                items.append((label, Formula(text, entry.get("follow") is not False)))
        return cls(items)


@dataclass(frozen=True)
class SetFormula(Command):
    """Give the vector labelled ``label`` a formula, or none (``formula=None``)."""

    label: str
    formula: Formula | None
    text: str = "Change formula"

    def apply(self, table: VectorTable) -> Command:
        raise TypeError("a formula belongs to the document, not the table: apply it with apply_to(document)")

    def apply_to(self, document: Document) -> SetFormula:
        old = document.formulas.get(self.label)
        document.formulas.set(self.label, self.formula)
        return SetFormula(self.label, old, self.text)


def _lookup(
    table: VectorTable,
) -> tuple[dict[str, int], Callable[[str], np.ndarray | None], Callable[[str], str]]:
    rows = {label: row for row, label in enumerate(table.labels)}

    def vector_of(name: str) -> np.ndarray | None:
        row = rows.get(name)
        return None if row is None else table.values[row]

    def missing(name: str) -> str:
        return f"there is no vector labelled '{name}'"

    return rows, vector_of, missing


def evaluate_formula(table: VectorTable, text: str) -> np.ndarray:
    """The vector ``text`` computes over ``table``'s vectors; ExpressionError with one sentence otherwise."""
    rows, vector_of, missing = _lookup(table)
    return evaluate_vector(parse_expression(text, rows), vector_of, missing)


def new_from_expression(table: VectorTable, text: str, follow: bool = True, label: str | None = None) -> Command:
    """The command that adds the vector ``text`` computes, after the last row, with its formula (one step).

    Its label is ``label``, or the tidy expression itself (``(A + C) / 2``)
    made unique. Raises ExpressionError with one sentence when the expression
    cannot be read or computed, or the label is taken.
    """
    text = (text or "").strip()
    rows, vector_of, missing = _lookup(table)
    expression = parse_expression(text, rows)
    values = evaluate_vector(expression, vector_of, missing)
    if table.dimension_count == 0:
        raise ExpressionError("the table has no dimensions, so an expression has no vector to make")
    name = label.strip() if label is not None else unique_name(str(expression), set(table.labels))
    if not name:
        raise ExpressionError("the new vector needs a label that is not empty")
    if name in rows:
        raise ExpressionError(f"there is already a vector labelled '{name}'; choose another label")
    row = table.row_count
    insert = InsertVectors(row, (name,), values.reshape(1, -1), (palette_color(row),), (True,), "Add vector")
    return Compound(
        (insert, SetFormula(name, Formula(str(expression), follow))), change_names.new_vector(name, str(expression))
    )


def follow_up(document: Document, labels_before: Sequence[str], values_before: dict[str, np.ndarray]) -> Command | None:
    """What must change after a command so that the formulas stay true, or None.

    ``labels_before`` are the table's labels before the command and
    ``values_before`` the values of the following vectors then. In order:
    formulas of vectors renamed move with them (and formulas naming them are
    rewritten); formulas of vectors no longer in the table go; a following
    vector whose numbers the command changed is frozen; every other following
    vector that no longer equals its formula is computed again (in the order
    they were made, so a vector made from a derived one sees its new value).
    After an undo, inputs and results come back together, so nothing changes.
    """
    formulas, table = document.formulas, document.table
    labels = table.labels
    changes: list[Command] = []
    current = {label: formula for label, formula in formulas.items()}
    renamed = _renames(labels_before, labels)
    if renamed:
        for label, formula in list(current.items()):
            text = rename_labels(formula.text, renamed, labels_before)
            new_label = renamed.get(label, label)
            if new_label != label:
                changes.append(SetFormula(label, None))
                del current[label]
            if new_label != label or text != formula.text:
                current[new_label] = Formula(text, formula.follow)
                changes.append(SetFormula(new_label, current[new_label]))
    present = set(labels)
    for label in [label for label in current if label not in present]:
        changes.append(SetFormula(label, None))
        del current[label]
    rows = {label: row for row, label in enumerate(labels)}
    values = table.values.copy()
    recomputed: list[int] = []
    circular = _circular(current, rows)
    for label, formula in current.items():
        if not formula.follow or label in circular:
            continue
        row = rows[label]
        try:
            new = _evaluate_over(values, rows, formula.text)
        except ExpressionError:
            continue  # an input is missing (removed, renamed away): keep the numbers until it is back
        if new.shape != values[row].shape or np.array_equal(new, values[row]):
            continue  # consistent (also after an undo, which restores inputs and result together)
        before = values_before.get(renamed_back(renamed, label))
        if before is not None and before.shape == values[row].shape and not np.array_equal(before, values[row]):
            current[label] = Formula(formula.text, False)  # the user changed its numbers: it stops following
            changes.append(SetFormula(label, current[label]))
            continue
        values[row] = new
        recomputed.append(row)
    if recomputed:
        columns = tuple(range(table.dimension_count))
        changes.append(SetValues(tuple(recomputed), columns, values[recomputed], "Follow formulas"))
    return Compound(tuple(changes), "Follow formulas") if changes else None


def _circular(current: dict[str, Formula], rows: Mapping[str, int]) -> set[str]:
    """Derived vectors whose formulas lead back to themselves (only a file or a chain of renames makes one):
    they are never followed, since each step would change them again."""
    from explorer.model.expressions import named_labels

    needs = {label: set(named_labels(f.text, rows)) & set(current) for label, f in current.items()}
    circular: set[str] = set()
    for start in needs:
        seen: set[str] = set()
        stack = list(needs[start])
        while stack:
            label = stack.pop()
            if label == start:
                circular.add(start)
                break
            if label not in seen:
                seen.add(label)
                stack.extend(needs.get(label, ()))
    return circular


def renamed_back(renamed: dict[str, str], label: str) -> str:
    """The label ``label`` had before ``renamed`` was applied."""
    for old, new in renamed.items():
        if new == label:
            return old
    return label


def _renames(before: Sequence[str], after: Sequence[str]) -> dict[str, str]:
    """Labels that changed in place (a rename), not rows that moved or came and went."""
    if len(before) != len(after) or before == after:
        return {}
    after_set = set(after)
    return {old: new for old, new in zip(before, after) if old != new and old not in after_set}


def _evaluate_over(values: np.ndarray, rows: Mapping[str, int], text: str) -> np.ndarray:
    def vector_of(name: str) -> np.ndarray | None:
        row = rows.get(name)
        return None if row is None else values[row]

    return evaluate_vector(parse_expression(text, rows), vector_of, lambda name: f"no vector labelled '{name}'")


def following_values(document: Document) -> dict[str, np.ndarray]:
    """The values of the following vectors now (what :func:`follow_up` compares against after a command)."""
    table = document.table
    rows = {label: row for row, label in enumerate(table.labels)}
    return {
        label: table.values[rows[label]].copy()
        for label, formula in document.formulas.items()
        if formula.follow and label in rows
    }
