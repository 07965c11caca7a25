"""The edits the window's menus offer, built as commands: the rules live here, not in the widgets.

Removing scattered rows is one command (one undo step) made of one removal
per run of neighbouring rows, the last run first, so that each panel
recomputes once per run. A new dimension is named ``dimN`` with the first
free N; the last dimension is never removed (a vector needs at least one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from explorer.model.commands import Command, Compound, InsertDimensions, RemoveDimensions, RemoveVectors
from explorer.model.table import Dimension, TableError, VectorTable


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
    rows: Iterable[int], remove: Callable[[int, int, str], Command], noun: str, nothing: str
) -> Command:
    """One command removing ``rows`` (any rows, in any order): ``remove(start, count, text)`` for each run,
    the last run first, named "Remove vector" or "Remove 3 vectors" after ``noun``; ValueError(``nothing``)
    when there are no rows."""
    parts = runs(rows)
    if not parts:
        raise ValueError(nothing)

    def text(count: int) -> str:
        return f"Remove {noun}" if count == 1 else f"Remove {count} {noun}s"

    commands = [remove(start, count, text(count)) for start, count in reversed(parts)]
    total = sum(count for _, count in parts)
    return commands[0] if len(commands) == 1 else Compound(tuple(commands), text(total))


def remove_rows_command(rows: Iterable[int]) -> Command:
    """One command that removes ``rows`` (any rows, in any order)."""
    return removal_in_runs(rows, RemoveVectors, "vector", "Select the vectors to remove first.")


def new_dimension_command(table: VectorTable) -> InsertDimensions:
    """A dimension of zeros after the last one, named ``dimN`` with the first free N from D + 1."""
    used = {d.name for d in table.dimensions}
    n = table.dimension_count + 1
    while f"dim{n}" in used:
        n += 1
    return InsertDimensions(table.dimension_count, (Dimension(f"dim{n}"),))


def remove_dimension_command(table: VectorTable, column: int | None) -> RemoveDimensions:
    """Remove dimension ``column`` (the last one when None); refuses to remove the only one."""
    if table.dimension_count <= 1:
        raise TableError("A vector needs at least one dimension; this one stays.")
    column = table.dimension_count - 1 if column is None else column
    if not 0 <= column < table.dimension_count:
        raise TableError(f"there is no dimension {column + 1} to remove")
    return RemoveDimensions(column, 1)
