"""The edits the window's menus offer, built as commands: the rules live here, not in the widgets.

Each command is named for Edit › Undo from the document as it is when built
(:mod:`explorer.model.change_names`: "A's mass 3 → 4", "Remove B and C").
Removing scattered rows is one command (one undo step) made of one removal
per run of neighbouring rows, the last run first, so that each panel
recomputes once per run. A new vector gets the next free letter (F after the
materials A–E) and a colour of the palette that no vector has yet; a new
dimension is named ``dimN`` with the first free N unless the user names it;
the last dimension is never removed (a vector needs at least one).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from explorer.model import change_names
from explorer.model.commands import (
    Command,
    Compound,
    InsertDimensions,
    InsertVectors,
    MoveVectors,
    RemoveDimensions,
    RemoveVectors,
    RenameDimension,
    RenameVector,
    SetStyle,
    SetValues,
)
from explorer.model.table import PALETTE, Dimension, TableError, VectorTable


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """``(start, count)`` of each run of neighbouring rows, in order: [0, 1, 3] -> [(0, 2), (3, 1)]."""
    found: list[list[int]] = []
    for row in sorted(set(rows)):
        if found and found[-1][0] + found[-1][1] == row:
            found[-1][1] += 1
        else:
            found.append([row, 1])
    return [(start, count) for start, count in found]


def removal_in_runs(
    rows: Iterable[int],
    remove: Callable[[int, int, str], Command],
    noun: str,
    nothing: str,
    name: str | None = None,
) -> Command:
    """One command removing ``rows`` (any rows, in any order): ``remove(start, count, text)`` for each run,
    the last run first, named ``name`` ("Remove B and C") or else "Remove vector" or "Remove 3 vectors"
    after ``noun``; ValueError(``nothing``) when there are no rows."""
    parts = runs(rows)
    if not parts:
        raise ValueError(nothing)

    def text(count: int) -> str:
        if name is not None:
            return name
        return f"Remove {noun}" if count == 1 else f"Remove {count} {noun}s"

    commands = [remove(start, count, text(count)) for start, count in reversed(parts)]
    total = sum(count for _, count in parts)
    return commands[0] if len(commands) == 1 else Compound(tuple(commands), text(total))


def remove_rows_command(rows: Iterable[int], table: VectorTable | None = None) -> Command:
    """One command that removes ``rows`` (any rows, in any order), named by their labels when ``table``
    is given ("Remove B and C")."""
    rows = sorted(set(rows))
    name = None
    if table is not None and rows and all(0 <= r < table.row_count for r in rows):
        name = change_names.remove_vectors([table.label(r) for r in rows])
    return removal_in_runs(rows, RemoveVectors, "vector", "Select the vectors to remove first.", name)


# ------------------------------------------------------------------------- vectors
def next_letter_label(labels: Iterable[str]) -> str:
    """The next free letter after the last one used: F after A–E, then G, …, Z; when the letters after
    it are taken, the free ones before it; then F2, G2, … (A when no label is a letter)."""
    used = set(labels)
    letters = string.ascii_uppercase
    taken = [letter for letter in letters if letter in used]
    start = (letters.index(taken[-1]) + 1) % 26 if taken else 0
    order = letters[start:] + letters[:start]
    suffix = 1
    while True:
        for letter in order:
            label = letter if suffix == 1 else f"{letter}{suffix}"
            if label not in used:
                return label
        suffix += 1


def unused_colour(colours: Iterable[str]) -> str:
    """The first palette colour no vector has; when all are taken, the least used one (first in the palette)."""
    counts = {colour: 0 for colour in PALETTE}
    for colour in colours:
        key = colour.upper()
        if key in counts:
            counts[key] += 1
    return min(PALETTE, key=lambda colour: counts[colour])


def add_vector_command(table: VectorTable, row: int) -> InsertVectors:
    """A zero vector before ``row`` with the next free letter and a colour no vector has yet."""
    label = next_letter_label(table.labels)
    return InsertVectors(
        row,
        (label,),
        np.zeros((1, table.dimension_count)),
        (unused_colour(table.colors),),
        (True,),
        change_names.add_vectors([label]),
    )


def edit_value_command(table: VectorTable, row: int, dimension: int, value: float) -> SetValues:
    """One cell typed in: ``A's mass 3 → 4``."""
    old = float(table.values[row, dimension])
    text = change_names.value_change(table.label(row), table.dimensions[dimension], old, value)
    return SetValues((row,), (dimension,), np.array([[value]], dtype=float), text)


def move_vector_command(table: VectorTable, row: int, values: Sequence[float], verb: str = "Drag") -> SetValues:
    """All the values of one vector, as a drag in the plot sets them: ``Drag A to [4, 31]``."""
    text = change_names.vector_change(verb, table.label(row), values)
    return SetValues((row,), tuple(range(table.dimension_count)), np.array([values], dtype=float), text)


def rename_vector_command(table: VectorTable, row: int, label: str) -> RenameVector:
    """``Rename A → F`` (the claims that name A follow, in the same step)."""
    return RenameVector(row, label, change_names.rename(table.label(row), label))


def visibility_command(table: VectorTable, row: int, visible: bool) -> SetStyle:
    """``Hide A`` or ``Show A``."""
    return SetStyle(row, table.color(row), visible, change_names.visibility_change(table.label(row), visible))


def colour_command(table: VectorTable, row: int, colour: str) -> SetStyle:
    """``A's colour → sky blue``."""
    return SetStyle(row, colour, table.is_visible(row), change_names.colour_change(table.label(row), colour))


def move_rows_command(table: VectorTable, start: int, count: int, to: int) -> MoveVectors:
    """``Move C up``: the block of ``count`` rows from ``start`` so that it begins at ``to``."""
    labels = table.labels[start : start + count]
    return MoveVectors(start, count, to, change_names.move_vectors(labels, up=to < start))


# ---------------------------------------------------------------------- dimensions
def new_dimension_command(table: VectorTable, dimension: Dimension | None = None) -> InsertDimensions:
    """A dimension of zeros after the last one: ``dimension`` as named, or ``dimN`` with the first free N
    from D + 1. A name already used is refused with a sentence."""
    used = {d.name for d in table.dimensions}
    if dimension is None:
        n = table.dimension_count + 1
        while f"dim{n}" in used:
            n += 1
        dimension = Dimension(f"dim{n}")
    elif not dimension.name.strip():
        raise TableError("a dimension needs a name that is not empty")
    elif dimension.name in used:
        raise TableError(f"there is a dimension named '{change_names.label_name(dimension.name)}' already")
    return InsertDimensions(table.dimension_count, (dimension,), text=change_names.add_dimension(dimension))


def suggested_dimension(table: VectorTable) -> Dimension:
    """The name the Add Dimension dialog offers: ``dimN`` with the first free N from D + 1."""
    return new_dimension_command(table).dimensions[0]


def remove_dimension_command(table: VectorTable, column: int | None) -> RemoveDimensions:
    """Remove dimension ``column`` (the last one when None); refuses to remove the only one."""
    if table.dimension_count <= 1:
        raise TableError("A vector needs at least one dimension; this one stays.")
    column = table.dimension_count - 1 if column is None else column
    if not 0 <= column < table.dimension_count:
        raise TableError(f"there is no dimension {column + 1} to remove")
    return RemoveDimensions(column, 1, change_names.remove_dimension(table.dimensions[column]))


def rename_dimension_command(table: VectorTable, column: int, dimension: Dimension) -> RenameDimension:
    """``Rename dimension mass (kg) → weight (kg)``; a name another dimension has is refused."""
    if not dimension.name.strip():
        raise TableError("a dimension needs a name that is not empty")
    if any(d.name == dimension.name for i, d in enumerate(table.dimensions) if i != column):
        raise TableError(f"there is a dimension named '{change_names.label_name(dimension.name)}' already")
    return RenameDimension(column, dimension, change_names.rename_dimension(table.dimensions[column], dimension))
