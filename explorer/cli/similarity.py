"""``explorer similarity [FILE] [--metric ...]``: the labelled matrix on stdout."""

from __future__ import annotations

from explorer.cli.common import CliError, add_first_argument, add_metric_argument, load_table, matrix_rows


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="CSV, TSV or JSON document (default: the built-in materials A-E)")
    add_metric_argument(parser)
    add_first_argument(parser)
    parser.add_argument("--digits", type=int, default=5, help="decimals to print (default 5)")


def format_matrix(labels, matrix, norms, metric_name: str, digits: int) -> str:
    """The matrix as aligned text, with each vector's length |v| in the last column."""
    import numpy as np

    def cell(value: float) -> str:
        if np.isnan(value):
            return "undefined"
        if abs(value) >= 1e7 or (value != 0 and abs(value) < 10**-digits):
            return f"{value:.{digits}e}"
        return f"{value:.{digits}f}"

    cells = [[cell(v) for v in row] for row in matrix]
    norm_cells = [cell(v) for v in norms]
    width = max(
        [len(c) for row in cells for c in row]
        + [len(label) for label in labels]
        + [len("|v|")]
        + [len(c) for c in norm_cells]
    )
    label_width = max([len(label) for label in labels] + [1])
    lines = [f"{metric_name} of {len(labels)} vectors"]
    lines.append(" " * label_width + "  " + "  ".join(label.rjust(width) for label in [*list(labels), "|v|"]))
    for label, row, n in zip(labels, cells, norm_cells):
        lines.append(label.ljust(label_width) + "  " + "  ".join(c.rjust(width) for c in [*row, n]))
    return "\n".join(lines)


def run(args) -> int:
    from explorer.model import similarity

    table = load_table(args.file)
    if len(table) == 0:
        raise CliError(f"{args.file or 'the document'} holds no vectors")
    if args.digits < 0 or args.digits > 17:
        raise CliError("--digits must be between 0 and 17", exit_code=2)
    table = matrix_rows(table, args.first, args.file or "the document")
    matrix = similarity.similarity_matrix(table.values, args.metric)
    labels = [label.replace("\n", " ") for label in table.labels]
    print(
        format_matrix(labels, matrix, similarity.norms(table.values), similarity.METRIC_NAMES[args.metric], args.digits)
    )
    return 0
