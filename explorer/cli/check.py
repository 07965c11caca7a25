"""``explorer check "D = 2.5 A" [FILE]``: is the claim true of the vectors?

Exit status: 0 when the claim is true or approximately true (the lesson's
"C = A: similar, not equal"; ``--strict`` makes that 1), 1 when it is false,
2 when the claim cannot be read or the file cannot be loaded.
"""

from __future__ import annotations

from explorer.cli.common import CliError, add_file_argument, load_table


def add_arguments(parser) -> None:
    parser.add_argument("claim", help='a claim such as "D = 2.5 A", "E = 0.5*B" or "C ≈ A"')
    add_file_argument(parser)
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 for an approximately true claim too (similar, not equal)"
    )


def run(args) -> int:
    from explorer.model.claims import ClaimError, ClaimVerdict, check_claim

    try:
        table = load_table(args.file)
    except CliError as error:
        raise CliError(str(error), exit_code=2) from None
    try:
        result = check_claim(args.claim, table.labels, table.values, table.dimensions)
    except ClaimError as error:
        raise CliError(str(error), exit_code=2) from None
    print(f"{result.verdict.mark} {result.verdict.value}: {result.claim.text} — {result.reason}")
    if result.verdict is ClaimVerdict.TRUE:
        return 0
    if result.verdict is ClaimVerdict.APPROXIMATE:
        return 1 if args.strict else 0
    return 1
