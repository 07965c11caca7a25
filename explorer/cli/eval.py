"""``explorer eval "(A + C) / 2" [FILE]``: compute an expression over the vectors and print the result.

The result is printed with its dimensions (names and units), one per line,
and its length; a number (``2 * 3``) is printed as a number.
"""

from __future__ import annotations

from explorer.cli.common import CliError, load_table


def add_arguments(parser) -> None:
    parser.add_argument("expression", help='an expression such as "(A + C) / 2", "2.5 A" or "A + E"')
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="CSV, TSV or JSON document (default: the built-in materials A-E)"
    )


def run(args) -> int:
    from explorer.model.arithmetic import evaluate
    from explorer.model.expressions import ExpressionError, parse_expression
    from explorer.model.similarity import norm

    table = load_table(args.file)
    rows = {label: row for row, label in enumerate(table.labels)}
    try:
        expression = parse_expression(args.expression, rows)
        value = evaluate(expression, lambda name: table.values[rows[name]] if name in rows else None, _missing(rows))
    except ExpressionError as error:
        raise CliError(str(error)) from None
    if isinstance(value, float):
        print(f"{expression} = {format_value(value)} (a number, not a vector)")
        return 0
    names = [d.title for d in table.dimensions]
    width = max((len(n) for n in names), default=0)
    print(f"{expression} = [{', '.join(format_value(v) for v in value)}]")
    for name, number in zip(names, value):
        print(f"  {name.ljust(width)}  {format_value(number)}")
    print(f"  {'|v|'.ljust(width)}  {norm(value):.6g}")
    return 0


def format_value(value: float) -> str:
    """A computed value to 12 significant digits: 28.5, 0.3 (not 0.30000000000000004), 1e+300."""
    text = f"{value:.12g}"
    return "0" if text == "-0" else text


def _missing(rows):
    def missing(label: str) -> str:
        shown = ", ".join(list(rows)[:8]) + (f" and {len(rows) - 8:,} more" if len(rows) > 8 else "")
        return f"there is no vector labelled '{label}'; the labels are {shown}" if rows else "the table is empty"

    return missing
