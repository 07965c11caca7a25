"""Metadata columns: named columns of text beside the vectors, one value per vector.

What a CSV's columns of words (``category``: metal, wood, ...) and the extra
columns of a TensorBoard projector ``metadata.tsv`` hold. A
:class:`~explorer.model.table.VectorTable` owns one :class:`Metadata` (its
``metadata``): the table moves the values with the rows when rows are
inserted, removed or moved, so every row keeps its own values; the column
changes (insert, remove, rename, edit cells) are made by the commands of
:mod:`explorer.model.metadata_commands` and announced here, before and after,
as the table announces its dimensions.

Values are text, always: a column whose every filled value reads as a number
is *offered* as numeric for colouring (:func:`numeric_values`) but keeps the
text it was given (``007`` stays ``007``).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import numpy as np

from explorer.model.events import Signal
from explorer.model.names import unique_name
from explorer.model.text_safety import shown

#: The longest name a metadata column may have (the plot's choosers name it).
LONGEST_NAME = 200


class MetadataError(ValueError):
    """A change of metadata the table refuses (an empty or repeated name, a value that is not text)."""


def check_name(name: object, others: Collection[str] = ()) -> str:
    """``name`` without spaces around it, when it can name a metadata column among ``others``; else
    MetadataError saying why."""
    if not isinstance(name, str) or not name.strip():
        raise MetadataError("a metadata column needs a name that is not empty")
    if len(name) > LONGEST_NAME:
        raise MetadataError(f"a metadata column's name is at most {LONGEST_NAME} characters, not {len(name):,}")
    name = name.strip()
    if name in others:
        raise MetadataError(f"there is already a metadata column '{shown(name)}'; names must be unique")
    return name


def _check_values(values: Sequence[Any], count: int, name: str) -> list[str]:
    values = list(values)
    if len(values) != count:
        raise MetadataError(f"the metadata column '{shown(name)}' needs {count:,} values, not {len(values):,}")
    if not all(isinstance(v, str) for v in values):
        raise MetadataError(f"the metadata column '{shown(name)}' holds a value that is not text")
    return values


class Metadata:
    """Named text columns of one table, each with one value per row.

    Read with :attr:`names`, :meth:`column`, :meth:`value`; the table changes the
    rows (:meth:`insert_rows`, :meth:`remove_rows`, :meth:`reorder`) inside its own
    announcements; the column changes announce themselves.
    """

    columns_inserting = Signal(int, int)  # start, count (metadata columns, from 0)
    columns_inserted = Signal(int, int)
    columns_removing = Signal(int, int)
    columns_removed = Signal(int, int)
    values_changed = Signal(object, object)  # rows tuple, metadata columns tuple
    names_changed = Signal(object)  # metadata columns tuple

    def __init__(self, rows: int = 0, columns: Iterable[tuple[str, Sequence[str]]] = ()):
        self._rows = rows
        self._names: list[str] = []
        self._values: list[list[str]] = []
        #: numeric_values of each column, computed when first asked, forgotten at any change.
        self._numbers: dict[int, np.ndarray | None] = {}
        taken: set[str] = set()  # a set: a file of thousands of columns is checked in linear time
        for name, values in columns:
            self._names.append(check_name(name, taken))
            taken.add(self._names[-1])
            self._values.append(_check_values(values, rows, name))

    # ----------------------------------------------------------------- reading
    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def column(self, index: int) -> tuple[str, ...]:
        """The values of metadata column ``index``, one per row."""
        return tuple(self._values[index])

    def value(self, row: int, column: int) -> str:
        return self._values[column][row]

    def index_of(self, name: str) -> int:
        """The metadata column called ``name``; KeyError naming it when there is none."""
        try:
            return self._names.index(name)
        except ValueError:
            raise KeyError(f"there is no metadata column '{shown(name)}'") from None

    def numbers(self, index: int) -> np.ndarray | None:
        """:func:`numeric_values` of column ``index`` (kept until the metadata changes)."""
        if index not in self._numbers:
            self._numbers[index] = numeric_values(self._values[index])
        return self._numbers[index]

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every column as (name, values)."""
        return [(name, tuple(values)) for name, values in zip(self._names, self._values)]

    def rows_block(self, start: int, count: int) -> tuple[tuple[str, ...], ...]:
        """The values of rows ``start``..``start + count - 1``, one tuple per column (what a removal keeps)."""
        return tuple(tuple(values[start : start + count]) for values in self._values)

    def take(self, rows: Sequence[int]) -> list[tuple[str, list[str]]]:
        """Every column with only the values of ``rows``, in that order."""
        return [(name, [values[r] for r in rows]) for name, values in zip(self._names, self._values)]

    def summary(self) -> str:
        """``, 1 metadata column of text (category)`` for a message after the dimensions; "" when there is none."""
        if not self._names:
            return ""
        names = ", ".join(shown(name, 30) for name in self._names[:3]) + (", …" if len(self._names) > 3 else "")
        many = len(self._names) != 1
        return f", {len(self._names)} metadata column{'s' * many} of text ({names})"

    def to_list(self) -> list[dict[str, Any]]:
        """The columns as the JSON document keeps them: ``[{"name": ..., "values": [...]}]``."""
        return [{"name": name, "values": list(values)} for name, values in zip(self._names, self._values)]

    # ------------------------------------------------ rows (the table's calls)
    def check_rows_block(self, count: int, block: Iterable[Sequence[object]] | None) -> list[list[str]]:
        """The values new rows get: ``block`` (one sequence per column) checked, or empty text when None."""
        if block is None:
            return [[""] * count for _ in self._names]
        block = list(block)
        if len(block) != len(self._names):
            raise MetadataError(f"new vectors need values for {len(self._names)} metadata columns, not {len(block)}")
        return [_check_values(values, count, name) for name, values in zip(self._names, block)]

    def insert_rows(self, start: int, count: int, block: list[list[str]]) -> None:
        """Put ``count`` rows of checked values (:meth:`check_rows_block`) in before row ``start``."""
        self._numbers.clear()
        for values, new in zip(self._values, block):
            values[start:start] = new
        self._rows += count

    def remove_rows(self, start: int, count: int) -> None:
        self._numbers.clear()
        for values in self._values:
            del values[start : start + count]
        self._rows -= count

    def reorder(self, order: Sequence[int]) -> None:
        """Rows in the new ``order`` (the old index of each new row)."""
        self._numbers.clear()
        self._values = [[values[i] for i in order] for values in self._values]

    def replace(self, other: Metadata) -> None:
        """Take over ``other``'s columns (inside the table's reset)."""
        self._numbers.clear()
        self._rows = other._rows
        self._names = list(other._names)
        self._values = [list(values) for values in other._values]

    # ---------------------------------------------------------- column changes
    def insert_columns(self, start: int, names: Sequence[str], values: Sequence[Sequence[str]] | None = None) -> None:
        """Insert metadata columns before column ``start``; ``values`` one sequence per column (empty when None)."""
        names = list(names)
        if not 0 <= start <= len(self._names):
            raise MetadataError(f"cannot insert a metadata column at {start + 1}")
        checked_names: list[str] = []
        taken = set(self._names)
        for name in names:
            checked_names.append(check_name(name, taken))
            taken.add(checked_names[-1])
        if values is None:
            block = [[""] * self._rows for _ in names]
        else:
            values = list(values)
            if len(values) != len(names):
                raise MetadataError(f"{len(names)} metadata columns need {len(names)} lists of values")
            block = [_check_values(v, self._rows, n) for n, v in zip(names, values)]
        if not names:
            return
        self._numbers.clear()
        self.columns_inserting.emit(start, len(names))
        self._names[start:start] = checked_names
        self._values[start:start] = block
        self.columns_inserted.emit(start, len(names))

    def remove_columns(self, start: int, count: int) -> None:
        """Remove ``count`` metadata columns from ``start``."""
        if count <= 0 or start < 0 or start + count > len(self._names):
            raise MetadataError(f"cannot remove metadata columns {start + 1} to {start + count}")
        self._numbers.clear()
        self.columns_removing.emit(start, count)
        del self._names[start : start + count]
        del self._values[start : start + count]
        self.columns_removed.emit(start, count)

    def rename(self, column: int, name: str) -> None:
        """Give metadata column ``column`` a new name."""
        if not 0 <= column < len(self._names):
            raise MetadataError(f"there is no metadata column {column + 1}")
        others = [n for i, n in enumerate(self._names) if i != column]
        self._names[column] = check_name(name, others)
        self.names_changed.emit((column,))

    def set_values(self, rows: Sequence[int], columns: Sequence[int], block: Sequence[Sequence[str]]) -> None:
        """Set the cells at ``rows`` x ``columns`` to ``block`` (one sequence of texts per row)."""
        rows, columns = tuple(rows), tuple(columns)
        block = [list(r) for r in block]
        if len(block) != len(rows) or any(len(r) != len(columns) for r in block):
            raise MetadataError(f"a block of {len(rows)} x {len(columns)} metadata values was expected")
        if any(not 0 <= c < len(self._names) for c in columns) or any(not 0 <= r < self._rows for r in rows):
            raise MetadataError("those metadata cells are not in the table")
        if not all(isinstance(v, str) for r in block for v in r):
            raise MetadataError("a metadata value is text")
        self._numbers.clear()
        for row, texts in zip(rows, block):
            for column, text in zip(columns, texts):
                self._values[column][row] = text
        self.values_changed.emit(rows, columns)


def numeric_values(values: Sequence[str]) -> np.ndarray | None:
    """The values as floats when every filled one reads as a finite number (empty ones are NaN), else None.

    A column of years or scores is then offered as numeric for colouring; a column
    with no number at all, or with a word among the numbers, is not.
    """
    out = np.full(len(values), np.nan)
    seen = False
    for i, text in enumerate(values):
        stripped = text.strip()
        if not stripped:
            continue
        if "_" in stripped:
            return None
        try:
            number = float(stripped)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        out[i] = number
        seen = True
    return out if seen else None


def metadata_from_file(data: Any, rows: int, notes: list[str] | None = None) -> list[tuple[str, list[str]]]:
    """Metadata columns from a JSON document's ``"metadata"`` list, repaired where it can be, with a note.

    Tolerant: a part that is not a column is left out; a column with too few values
    is filled with empty text and one with too many cut; numbers, true/false and
    null become text (``3``, ``true``, empty); an empty or repeated name gets one.
    Each repair adds one sentence to ``notes``.
    """
    notes = notes if notes is not None else []
    if data is None:
        return []
    if not isinstance(data, list):
        notes.append("the document's metadata is not a list of columns; it was left out")
        return []
    columns: list[tuple[str, list[str]]] = []
    names: list[str] = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), list):
            notes.append(f"metadata column {number} is not a name with a list of values; it was left out")
            continue
        name = entry.get("name")
        name = name.strip() if isinstance(name, str) else ""
        if len(name) > LONGEST_NAME:
            notes.append(f"metadata column {number}'s name was cut to {LONGEST_NAME} characters")
            name = name[:LONGEST_NAME].strip()
        if not name or name in names:
            given = name
            name = unique_name(name or f"column {number}", names, " ")
            notes.append(
                f"metadata column {number} "
                + (f"repeats the name '{shown(given)}'" if given else "has no name")
                + f"; it is called '{shown(name)}'"
            )
        values = list(entry["values"])
        if len(values) != rows:
            notes.append(
                f"metadata column '{shown(name)}' has {len(values):,} values for {rows:,} vectors; "
                + ("the missing ones are empty" if len(values) < rows else "the extra ones were left out")
            )
            values = (values + [""] * rows)[:rows]
        texts, repaired = [], 0
        for value in values:
            text = _as_text(value)
            if text is None:
                text, repaired = "", repaired + 1
            texts.append(text)
        if repaired:
            many = repaired != 1
            notes.append(
                f"metadata column '{shown(name)}' held {repaired:,} value{'s' * many} that "
                f"{'are' if many else 'is'} neither text nor a number; {'they are' if many else 'it is'} empty"
            )
        names.append(name)
        columns.append((name, texts))
    return columns


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if not value.is_integer() or abs(value) >= 1e16 else str(int(value))
    return None
