"""``explorer neighbours QUERY [FILE] [-k 10] [--metric ...]``: the nearest vectors to a label or an expression.

Over FILE's vectors, or the GloVe words when there is no FILE. By cosine it
is gensim's ``most_similar``: ``king - man + woman`` adds the unit vectors of
king and woman, takes away man's, and leaves the three words out of the answers.
"""

from __future__ import annotations

from explorer.cli.common import CliError, load_table

METRICS = ("cosine", "dot", "euclidean")
_NAMES = {"cosine": "cosine similarity", "dot": "dot product", "euclidean": "Euclidean distance"}


def add_arguments(parser) -> None:
    parser.add_argument("query", help='a label or an expression, e.g. king or "king - man + woman"')
    parser.add_argument("file", nargs="?", metavar="FILE", help="the vectors to search (default: the GloVe words)")
    parser.add_argument("-k", type=int, default=10, help="how many neighbours (default 10)")
    parser.add_argument("--metric", choices=METRICS, default="cosine", help="cosine (default), dot or euclidean")
    parser.add_argument(
        "--sample", action="store_true", help="use the GloVe sample that ships with the program (6,000 words)"
    )


def run(args) -> int:
    from explorer.model.expressions import ExpressionError
    from explorer.model.most_similar import nearest

    if args.k < 1:
        raise CliError("-k must be at least 1", exit_code=2)
    if args.file is not None and args.sample:
        raise CliError("--sample searches the GloVe sample; give a FILE or --sample, not both", exit_code=2)
    if args.file is not None:
        table = load_table(args.file)
        labels, vectors, norms, noun, source = table.labels, table.values, None, "vectors", _name(args.file)
        known = {label: row for row, label in enumerate(labels)}
        find, missing = known.get, _missing_label(known, _name(args.file))
    else:
        words = _glove(args.sample)
        labels, vectors, norms, noun, source = words.tokens, words.vectors, words.norms, "words", words.name
        known, find = words.index, words.find
        missing = lambda name: f"'{name}' is not among the {len(words):,} words of {words.name}"  # noqa: E731
    try:
        result = nearest(args.query, labels, vectors, args.k, args.metric, known, find, missing, norms)
    except ExpressionError as error:
        raise CliError(str(error)) from None
    header = f"nearest {len(result.found)} of {len(labels):,} {noun} to '{result.query}' by {_NAMES[args.metric]}"
    if result.is_label:
        print(f"{header} ({source})")
    else:
        named = list(result.weights)
        way = "unit vectors, as gensim's most_similar; " if args.metric == "cosine" else ""
        print(f"{header} ({source}; {way}{_and(named)} left out)")
    width = max((len(w) for w, _ in result.found), default=0)
    for rank, (other, score) in enumerate(result.found, start=1):
        print(f"{rank:>3}  {other.ljust(width)}  {score:.4f}")
    return 0


def _glove(sample: bool):
    from explorer.model import glove

    if sample:
        return glove.load_glove_sample()
    if glove.glove_available():
        return glove.load_glove()
    raise CliError(glove.INSTALL_HINT + " (or add --sample for the 6,000 words that ship with it)")


def _name(path: str | None) -> str:
    from pathlib import Path

    return Path(path).name if path else "the built-in materials"


def _missing_label(known, name: str):
    def missing(label: str) -> str:
        shown = ", ".join(list(known)[:8]) + (f" and {len(known) - 8:,} more" if len(known) > 8 else "")
        return f"there is no vector labelled '{label}' in {name}; its labels are {shown}"

    return missing


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
