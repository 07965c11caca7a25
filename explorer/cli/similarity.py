"""``explorer similarity [FILE] [--metric ...] [-o FILE]``: the labelled matrix, on stdout or in a file.

On a terminal at most 50 vectors are printed (a larger matrix asks for
``-o FILE`` or ``--first``); piped into another program, everything is.
``-o`` writes the same text, or a CSV of the matrix when the name ends in
``.csv``. A dot product beyond the float range prints as ``overflow``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from explorer.cli.common import (
    CliError,
    UsageError,
    add_file_argument,
    add_first_argument,
    add_metric_argument,
    load_table,
    matrix_rows,
    wrote,
)

#: The most vectors whose matrix is printed on a terminal without -o or --first.
TERMINAL_VECTORS = 50


def add_arguments(parser) -> None:
    add_file_argument(parser)
    add_metric_argument(parser)
    add_first_argument(parser)
    parser.add_argument("--digits", type=int, default=5, help="decimals to print (default 5)")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write the matrix to a file: text, or CSV when OUT ends in .csv"
    )


def cell_text(value: float, digits: int) -> str:
    """One score as printed: fixed decimals, exponent form when huge or tiny, ``undefined``, ``overflow``."""
    import math

    if math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "overflow" if value > 0 else "-overflow"
    if abs(value) >= 1e7 or (value != 0 and abs(value) < 10**-digits):
        return f"{value:.{digits}e}"
    return f"{value:.{digits}f}"


def matrix_lines(labels, matrix, norms, metric_name: str, digits: int) -> Iterator[str]:
    """The matrix as aligned lines of text, with each vector's length |v| in the last column."""
    cells = [[cell_text(v, digits) for v in row] for row in matrix.tolist()]
    norm_cells = [cell_text(v, digits) for v in norms.tolist()]
    width = max(
        [len(c) for row in cells for c in row]
        + [len(label) for label in labels]
        + [len("|v|")]
        + [len(c) for c in norm_cells]
    )
    label_width = max([len(label) for label in labels] + [1])
    yield f"{metric_name} of {len(labels)} vectors"
    yield " " * label_width + "  " + "  ".join(label.rjust(width) for label in [*list(labels), "|v|"])
    for label, row, n in zip(labels, cells, norm_cells):
        yield label.ljust(label_width) + "  " + "  ".join(c.rjust(width) for c in [*row, n])


def format_matrix(labels, matrix, norms, metric_name: str, digits: int) -> str:
    """The matrix as aligned text (see :func:`matrix_lines`)."""
    return "\n".join(matrix_lines(labels, matrix, norms, metric_name, digits))


def run(args) -> int:
    from explorer.model import similarity
    from explorer.model.text_safety import escape_controls

    if args.digits < 0 or args.digits > 17:
        raise UsageError("--digits must be between 0 and 17")
    name = Path(args.file).name if args.file else "the document"
    out = Path(args.output) if args.output else None
    if out is not None:
        _check_target(out)
    table = load_table(args.file)
    if len(table) == 0:
        raise CliError(f"{name} holds no vectors")
    table = matrix_rows(table, args.first, args.file or "the document")
    if out is None and len(table) > TERMINAL_VECTORS and sys.stdout.isatty():
        n = len(table)
        raise UsageError(
            f"{name} holds {n:,} vectors, a {n:,} x {n:,} matrix too large to read on a terminal; write it to a "
            f"file with -o FILE (.txt or .csv), or show the first vectors with --first {TERMINAL_VECTORS}"
        )
    matrix = similarity.similarity_matrix(table.values, args.metric)
    metric_name = similarity.METRIC_NAMES[args.metric]
    if out is not None and out.suffix.lower() == ".csv":
        from explorer.model.formats.matrix_csv import write_matrix_csv

        _write(
            out,
            write_matrix_csv(table.labels, matrix, corner=metric_name),
            f"{metric_name} of {len(table)} vectors, CSV",
        )
        return 0
    # Labels on one line each, control characters visible: the text lines up and stays inert.
    labels = [escape_controls(label) for label in table.labels]
    lines = matrix_lines(labels, matrix, similarity.norms(table.values), metric_name, args.digits)
    if out is None:
        for line in lines:
            print(line)
        return 0
    _write(out, (f"{line}\n".encode() for line in lines), f"{metric_name} of {len(table)} vectors, text")
    return 0


def _check_target(out: Path) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: the folder {folder} does not exist")
    if out.is_dir():
        raise CliError(f"cannot write {out}: it is a folder")


def _write(out: Path, data, what: str) -> None:
    from explorer.model.formats.atomic import WriteFailed, write_atomically

    try:
        write_atomically(out, data)
    except WriteFailed as error:
        raise CliError(f"cannot write {out}: {error.reason}") from None
    print(wrote(out, what, out.stat().st_size))
