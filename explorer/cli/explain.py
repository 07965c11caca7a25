"""``explorer explain A B [FILE] [--metric ...]``: the working of one pair, step by step."""

from __future__ import annotations

from explorer.cli.common import CliError, add_file_argument, add_metric_argument, load_table


def add_arguments(parser) -> None:
    parser.add_argument("a", help="label of the first vector, e.g. A")
    parser.add_argument("b", help="label of the second vector, e.g. B")
    add_file_argument(parser)
    add_metric_argument(parser)
    parser.add_argument(
        "--all-terms", action="store_true", help="write every term of long sums instead of the first and last ones"
    )
    parser.add_argument("--markdown", action="store_true", help="write Markdown instead of plain text")


def _row(table, label: str, where: str) -> int:
    try:
        return table.index_of(label)
    except KeyError:
        from explorer.model.text_safety import shown

        labels = ", ".join(shown(label, 20) for label in table.labels[:8])
        more = f" and {len(table) - 8:,} more" if len(table) > 8 else ""
        raise CliError(
            f"there is no vector labelled '{shown(label)}' in {where}; its labels are {labels}{more}"
        ) from None


def run(args) -> int:
    from explorer.model.working import working
    from explorer.model.working_render import to_markdown, to_text

    table = load_table(args.file)
    where = args.file or "the built-in materials"
    a, b = _row(table, args.a, where), _row(table, args.b, where)
    work = working(
        table.vector(a), table.vector(b), table.label(a), table.label(b), table.dimensions, args.metric, args.all_terms
    )
    print((to_markdown if args.markdown else to_text)(work), end="")
    return 0
