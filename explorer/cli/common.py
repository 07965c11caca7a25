"""What the subcommands share: the error type and loading the document to work on."""

from __future__ import annotations

import sys
from pathlib import Path


class CliError(Exception):
    """A failure to report as one sentence; ``exit_code`` is the process exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def load_table(path: str | None):
    """Read ``path`` (or the built-in materials A-E when None) as a VectorTable.

    Reading errors become a :class:`CliError` that names the file, line and column.
    """
    from explorer.model.builtin import materials
    from explorer.model.formats import FormatError, read_table

    if path is None:
        return materials()
    notes: list[str] = []
    try:
        table = read_table(Path(path), notes)
    except FormatError as error:
        raise CliError(str(error)) from None
    for note in notes:  # e.g. repeated words left out of a word-vector file
        print(f"note: {note}", file=sys.stderr)
    return table


METRIC_CHOICES = ("cosine", "dot", "euclidean", "angle")


def add_metric_argument(parser) -> None:
    """Add the ``--metric`` option every scoring command shares."""
    parser.add_argument(
        "--metric",
        choices=METRIC_CHOICES,
        default="cosine",
        help="cosine similarity (default), dot product, Euclidean distance or angle in degrees",
    )


def add_first_argument(parser) -> None:
    """Add ``--first K``: use only the first K vectors of the file (for large files)."""
    parser.add_argument(
        "--first", type=int, metavar="K", help="use only the first K vectors (a full matrix is built for at most 5,000)"
    )


def matrix_rows(table, first: int | None, name: str):
    """``table`` cut to its first ``first`` vectors; refuses, in one sentence, a table too large for N x N scores."""
    from explorer.model.similarity import MATRIX_LIMIT, too_many_for_matrix
    from explorer.model.table import VectorTable

    if first is not None:
        if first < 2:
            raise CliError("--first must be at least 2: a matrix compares at least two vectors", exit_code=2)
        if first < len(table):
            k = first
            table = VectorTable(
                table.labels[:k], table.dimensions, table.values[:k], table.colors[:k], table.visible[:k]
            )
    reason = too_many_for_matrix(len(table))
    if reason is not None:
        raise CliError(
            f"{name}: {reason}; pass --first {MATRIX_LIMIT} to use the first {MATRIX_LIMIT:,}, "
            "or save the vectors to compare in a smaller file"
        )
    return table
