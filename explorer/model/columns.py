"""Columns a vector can be coloured or labelled by: a name, a kind and one value per vector.

Each vector's label and colour (categorical), its length |v| and each
dimension's values (numeric) are :class:`BuiltinColumns`; the table's metadata
columns (a CSV's columns of words, a projector ``metadata.tsv``) are
:class:`MetadataColumns`: categorical, or numeric when every filled value is a
number. Any other :class:`ColumnSource` (``columns(table) -> list[Column]``)
can be added.

Colouring is data too: :func:`categorical_colours` gives each of the most
frequent categories a colour of a palette colour-blind readers can tell apart
and groups the rest as "other"; :func:`numeric_positions` places numbers on
a gradient between their smallest and largest value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from explorer.model.similarity import norms
from explorer.model.table import VectorTable

#: Categorical colours: Okabe-Ito without black (kept for text), colour-blind safe.
CATEGORY_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
#: The colour of the categories past the palette, grouped as "other".
OTHER_COLOUR = "#9E9E9E"
OTHER = "other"
#: The colour of vectors with no value in the column (an empty metadata cell): lighter, behind the others.
NO_VALUE_COLOUR = "#D0D0D0"
NO_VALUE = "no value"


@dataclass(frozen=True)
class Column:
    """Values of one column, one per vector: ``kind`` is "categorical" (str) or "numeric" (float).

    ``texts`` is the text of a metadata column offered as numeric (what a tip shows: ``007``, not 7).
    """

    name: str
    kind: str
    values: Sequence[Any] | np.ndarray
    texts: Sequence[str] | None = None


class ColumnSource(Protocol):
    """Something that offers columns for a table (the built-in ones; later, metadata)."""

    def columns(self, table: VectorTable) -> list[Column]: ...


#: The built-in column of each vector's length.
NORM_COLUMN = "|v|"


def follows_values(table: VectorTable, name: str | None) -> bool:
    """True when the column called ``name`` may be worked out from the vectors' values (|v|, a dimension):
    an edit of values may change it. Labels, colours and metadata never are (a metadata column named
    like a dimension is offered as "name (metadata)", so a name says which it is)."""
    return name is not None and (name == NORM_COLUMN or any(d.title == name for d in table.dimensions))


class BuiltinColumns:
    """The columns every table has: label, colour, |v| and one per dimension."""

    def columns(self, table: VectorTable) -> list[Column]:
        values = np.asarray(table.values, dtype=np.float64)
        out = [
            Column("label", "categorical", table.labels),
            Column("colour", "categorical", table.colors),
            Column(NORM_COLUMN, "numeric", norms(values) if values.size else np.zeros(len(table))),
        ]
        out += [Column(d.title, "numeric", values[:, i]) for i, d in enumerate(table.dimensions)]
        return out


class MetadataColumns:
    """The table's metadata columns: categories of text, or numeric when every filled value is a number
    (empty values are NaN: drawn in grey)."""

    #: Added to a metadata column's name when a built-in column has it ("colour (metadata)").
    SUFFIX = " (metadata)"

    def columns(self, table: VectorTable) -> list[Column]:
        out: list[Column] = []
        for index, (name, values) in enumerate(table.metadata.items()):
            numbers = table.metadata.numbers(index)
            out.append(
                Column(name, "categorical", values) if numbers is None else Column(name, "numeric", numbers, values)
            )
        return out


def available_columns(table: VectorTable, sources: Iterable[ColumnSource] = ()) -> list[Column]:
    """Every column of ``table``: the built-in ones, its metadata, then those of ``sources``.

    A metadata column named like a built-in one is offered as "name (metadata)"; any
    other repeated name keeps the first column of that name.
    """
    seen: set[str] = set()
    out: list[Column] = []
    all_sources: tuple[ColumnSource, ...] = (BuiltinColumns(), MetadataColumns(), *sources)
    for source in all_sources:
        for column in source.columns(table):
            if column.name in seen and isinstance(source, MetadataColumns):
                column = Column(column.name + MetadataColumns.SUFFIX, column.kind, column.values, column.texts)
            if column.name not in seen and len(column.values) == len(table):
                seen.add(column.name)
                out.append(column)
    return out


def find_column(table: VectorTable, name: str | None, sources: Iterable[ColumnSource] = ()) -> Column | None:
    """The column called ``name``, or None (no name, or no such column here)."""
    if name is None:
        return None
    return next((c for c in available_columns(table, sources) if c.name == name), None)


@dataclass(frozen=True)
class CategoricalColours:
    """Each vector's colour by category, and the legend: (category, colour, count), "other" last."""

    colours: tuple[str, ...]
    legend: tuple[tuple[str, str, int], ...]


def categorical_colours(values: Iterable[object], limit: int = len(CATEGORY_PALETTE)) -> CategoricalColours:
    """The ``limit`` most frequent categories get the palette's colours (ties in first-seen order);
    the rest are grouped as "other" in grey. An empty value (a metadata cell left empty) is no
    category: it is drawn in light grey and counted last as "no value"."""
    texts = [str(v) for v in values]
    counts = Counter(texts)
    empty = {c for c in counts if not c.strip()}
    ranked = sorted((c for c in counts if c not in empty), key=lambda c: -counts[c])  # stable: first-seen ties
    named = ranked[:limit] if len(ranked) <= limit else ranked[: limit - 1]
    colour_of = {c: CATEGORY_PALETTE[i] for i, c in enumerate(named)}
    colour_of.update((c, NO_VALUE_COLOUR) for c in empty)
    colours = tuple(colour_of.get(t, OTHER_COLOUR) for t in texts)
    legend = [(c, colour_of[c], counts[c]) for c in named]
    others = sum(counts[c] for c in ranked[len(named) :])
    if others:
        legend.append((f"{OTHER} ({len(ranked) - len(named):,} more)", OTHER_COLOUR, others))
    missing = sum(counts[c] for c in empty)
    if missing:
        legend.append((NO_VALUE, NO_VALUE_COLOUR, missing))
    return CategoricalColours(colours, tuple(legend))


def numeric_positions(values: Sequence[float] | np.ndarray) -> tuple[np.ndarray, float, float]:
    """Each value's place in [0, 1] between the smallest and the largest, and those two.

    A missing value (NaN: an empty metadata cell) keeps NaN as its place.
    """
    x = np.asarray(values, dtype=np.float64)
    known = x[~np.isnan(x)]
    if not known.size:
        return x.copy(), 0.0, 0.0
    low, high = float(np.min(known)), float(np.max(known))
    span = high - low
    positions = (x - low) / span if span > 0 and np.isfinite(span) else np.where(np.isnan(x), np.nan, 0.5)
    return positions, low, high
