"""What the subcommands share: the error types, the exit-code rule, loading the document to work on.

The exit-code rule, for every subcommand: 0 when it did what was asked, 1
for bad input (a file that cannot be read, a label that is not there) or a
failed output (a file that cannot be written), 2 for a usage error (an
unknown option, a value out of range, a missing argument). ``check``
keeps its own documented meaning: 0 true or approximately true, 1 false, 2
when the claim cannot be checked (a missing file included).
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The exit codes of every subcommand.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report as one sentence; ``exit_code`` is the process exit code (1 unless said)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code


class UsageError(CliError):
    """The command was given wrongly (exit code 2); ``command`` names the subcommand for the help pointer."""

    def __init__(self, message: str, command: str | None = None):
        super().__init__(message, EXIT_USAGE)
        self.command = command


def load_table(path: str | None):
    """Read ``path`` (or the built-in materials A-E when None) as a VectorTable.

    Reads through the model's one reader (the window's File > Open reads the
    same way); reading errors become a :class:`CliError` naming the file, line and column.
    """
    from explorer.model.builtin import materials
    from explorer.model.formats import FormatError, read_by_suffix

    if path is None:
        return materials()
    notes: list[str] = []
    try:
        table = read_by_suffix(Path(path), notes).table
    except FormatError as error:
        raise CliError(str(error)) from None
    except MemoryError:
        raise CliError(f"{Path(path).name}: there is not enough memory to hold these vectors") from None
    for note in notes:  # e.g. repeated words left out of a word-vector file, an encoding guessed
        print(f"note: {note}", file=sys.stderr)
    return table


METRIC_CHOICES = ("cosine", "dot", "euclidean", "angle")


def add_file_argument(parser, what: str = "CSV, TSV, JSON, word vectors or NumPy") -> None:
    """Add the optional ``FILE`` every command that reads vectors takes."""
    parser.add_argument("file", nargs="?", metavar="FILE", help=f"{what} file (default: the built-in materials A-E)")


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

    if first is not None:
        if first < 2:
            raise UsageError("--first must be at least 2: a matrix compares at least two vectors")
        if first < len(table):
            table = table.take(range(first))
    reason = too_many_for_matrix(len(table))
    if reason is not None:
        raise CliError(
            f"{name}: {reason}; pass --first {MATRIX_LIMIT} to use the first {MATRIX_LIMIT:,}, "
            "or save the vectors to compare in a smaller file"
        )
    return table


def wrote(path: Path, what: str, size: int) -> str:
    """The line a command prints after writing a file: ``wrote heat.png (PNG image, 1200 x 1000 pixels, 45 kB)``."""
    from explorer.model.formats.errors import size_text

    return f"wrote {path} ({what}, {size_text(size)})"
