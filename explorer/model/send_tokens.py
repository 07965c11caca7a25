"""Tokens' embedding rows into the vector table, as one command (one undo step).

When the table's vectors have as many dimensions as the embedding, the tokens
are appended. When they differ, the table cannot hold both: the caller may
replace its content (vectors and dimensions) with the tokens, as one Compound
that undo reverses exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from explorer.model.commands import (
    Command,
    Compound,
    InsertDimensions,
    InsertVectors,
    RemoveDimensions,
    RemoveVectors,
)
from explorer.model.metadata_commands import remove_all_metadata
from explorer.model.table import Dimension, VectorTable
from explorer.model.vocabulary import display_token

SEND_TEXT = "Send tokens to vector table"


class DimensionMismatch(ValueError):
    """The table's vectors and the embedding rows have different dimension counts."""


def needs_replacing(table: VectorTable, dimensions: int) -> bool:
    """True when the table holds vectors of another dimension count than ``dimensions``."""
    return table.row_count > 0 and table.dimension_count != dimensions


def rows_in_table(table: VectorTable, labels: Sequence[str]) -> list[int]:
    """The rows of ``table`` labelled with one of ``labels``, in table order: the vectors a send finds
    "already in the table" (tokens are labelled as :func:`display_token` shows them)."""
    wanted = set(labels)
    return [row for row, label in enumerate(table.labels) if label in wanted]


def embedding_dimensions(count: int) -> tuple[Dimension, ...]:
    """Names for embedding dimensions: d1, d2, ..."""
    return tuple(Dimension(f"d{i + 1}") for i in range(count))


def new_positions(table: VectorTable, labels: Sequence[str]) -> list[int]:
    """The positions in ``labels`` of those that label no vector of ``table`` yet (what a send appends)."""
    used = set(table.labels)
    return [i for i, label in enumerate(labels) if label not in used]


def emptying_commands(table: VectorTable, dimensions: int, keep_dimensions: bool) -> list[Command]:
    """The commands that make way in ``table`` for vectors of ``dimensions`` dimensions (d1 … dD).

    Its vectors and their metadata go; its dimensions go too, unless ``keep_dimensions``
    and they already number ``dimensions`` (their names and units are then kept).
    """
    parts: list[Command] = []
    if table.row_count:
        parts.append(RemoveVectors(0, table.row_count))
    parts += remove_all_metadata(table)  # they described the vectors replaced
    if not keep_dimensions or table.dimension_count != dimensions:
        if table.dimension_count:
            parts.append(RemoveDimensions(0, table.dimension_count))
        parts.append(InsertDimensions(0, embedding_dimensions(dimensions)))
    return parts


def send_tokens_command(
    table: VectorTable, tokens: Sequence[str], vectors: npt.ArrayLike, replace: bool = False
) -> tuple[Command, str]:
    """The command that puts ``tokens`` (labels) with ``vectors`` (rows) into ``table``,
    and one sentence saying what it does.

    Tokens already labelling a vector are left out when appending. A table of
    another dimension count raises DimensionMismatch unless ``replace``.
    """
    vectors = np.asarray(vectors, dtype=np.float64).reshape(len(tokens), -1)
    labels = [display_token(t) for t in tokens]
    dimensions = vectors.shape[1]
    if not labels:
        raise ValueError("select at least one token to send")
    if needs_replacing(table, dimensions) and not replace:
        raise DimensionMismatch(
            f"the table's vectors have {table.dimension_count} dimensions and the embedding rows "
            f"have {dimensions}; replace the table's content to compare them"
        )
    if table.row_count and table.dimension_count == dimensions and not replace:
        keep = new_positions(table, labels)
        skipped = [labels[i] for i in range(len(labels)) if i not in keep]
        if not keep:
            raise ValueError(f"{', '.join(skipped)} {'is' if len(skipped) == 1 else 'are'} already in the table")
        command = InsertVectors(table.row_count, tuple(labels[i] for i in keep), vectors[keep], text=SEND_TEXT)
        said = f"Added {len(keep)} token vector{'s' * (len(keep) != 1)} to the table"
        if skipped:
            said += f" ({', '.join(skipped)} already there)"
        return command, said + "."
    parts = [*emptying_commands(table, dimensions, keep_dimensions=True), InsertVectors(0, tuple(labels), vectors)]
    if table.row_count:
        said = (
            f"Replaced the table's {table.row_count} vectors of {table.dimension_count} dimensions "
            f"with {len(labels)} token vectors of {dimensions}; undo brings them back."
        )
    else:
        said = f"Added {len(labels)} token vectors of {dimensions} dimensions to the table."
    return Compound(tuple(parts), SEND_TEXT), said
