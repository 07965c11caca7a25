"""What the subcommands share: the error type and loading the document to work on."""

from __future__ import annotations

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
    from explorer.model.formats import FormatError, read_table
    from explorer.model.builtin import materials

    if path is None:
        return materials()
    try:
        return read_table(Path(path))
    except FormatError as error:
        raise CliError(str(error)) from None


METRIC_CHOICES = ("cosine", "dot", "euclidean", "angle")


def add_metric_argument(parser) -> None:
    """Add the ``--metric`` option every scoring command shares."""
    parser.add_argument(
        "--metric",
        choices=METRIC_CHOICES,
        default="cosine",
        help="cosine similarity (default), dot product, Euclidean distance or angle in degrees",
    )
