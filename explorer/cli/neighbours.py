"""``explorer neighbours WORD [-k 10]``: the nearest GloVe words by cosine similarity."""

from __future__ import annotations

from explorer.cli.common import CliError


def add_arguments(parser) -> None:
    parser.add_argument("word", help="the word whose neighbours to list, e.g. king")
    parser.add_argument("-k", type=int, default=10, help="how many neighbours (default 10)")
    parser.add_argument(
        "--sample", action="store_true", help="use the GloVe sample that ships with the program (6,000 words)"
    )


def run(args) -> int:
    from explorer.model import glove
    from explorer.model.vocabulary import MissingTokenError

    if args.k < 1:
        raise CliError("-k must be at least 1", exit_code=2)
    if args.sample:
        vectors = glove.load_glove_sample()
    elif glove.glove_available():
        vectors = glove.load_glove()
    else:
        raise CliError(glove.INSTALL_HINT + " (or add --sample for the 6,000 words that ship with it)")
    word = args.word.strip()
    row = vectors.find(word)
    if row is None:
        raise CliError(f"'{word}' is not among the {len(vectors):,} words of {vectors.name}")
    word = vectors.tokens[row]
    try:
        found = vectors.nearest(word, args.k)
    except (MissingTokenError, ValueError) as error:
        raise CliError(str(error)) from None
    width = max(len(w) for w, _ in found) if found else 0
    print(f"nearest {len(found)} of {len(vectors):,} words to '{word}' by cosine similarity ({vectors.name})")
    for rank, (other, score) in enumerate(found, start=1):
        print(f"{rank:>3}  {other.ljust(width)}  {score:.4f}")
    return 0
