"""``explorer vocab "TEXT" [--level char|word|subword] [--vocab-size N]``: tokens and indices."""

from __future__ import annotations

from explorer.cli.common import CliError

#: At most this many indices of the encoded sequence are printed.
MAX_SEQUENCE = 2000


def add_arguments(parser) -> None:
    parser.add_argument("text", help="the text to split into tokens ('-' reads standard input)")
    parser.add_argument(
        "--level",
        choices=("char", "word", "subword"),
        default="char",
        help="characters (a..z = 0..25, the default), words, or subwords (BPE)",
    )
    parser.add_argument(
        "--vocab-size",
        type=int,
        default=None,
        metavar="N",
        help="subword vocabulary size to train (default: half-way from characters to whole words, so words split)",
    )
    parser.add_argument("--lowercase", action="store_true", help="lower-case the text first")
    parser.add_argument(
        "--tokenizer", metavar="FILE", help="a tokenizer.json or vocab.txt to use instead of training (subword level)"
    )


def format_table(tokenizer, encoding) -> str:
    """The token / index / count table (vocabulary order) and the encoded sequence."""
    from explorer.model.vocabulary import display_token

    counts = encoding.counts()
    vocabulary = tokenizer.vocabulary
    rows = [(display_token(vocabulary.token(i)), i, counts[i]) for i in sorted(counts)]
    width = max([len(r[0]) for r in rows] + [len("token")])
    lines = [f"{len(encoding)} tokens, {len(counts)} distinct, vocabulary of {len(vocabulary)}"]
    lines.append(f"{'token'.ljust(width)}  {'index':>6}  {'count':>6}")
    lines += [f"{t.ljust(width)}  {i:>6}  {c:>6}" for t, i, c in rows]
    shown = encoding.indices[:MAX_SEQUENCE].tolist()
    more = len(encoding) - len(shown)
    lines.append("encoded: [" + ", ".join(map(str, shown)) + (f", ... {more} more" if more else "") + "]")
    if vocabulary.unknown_index is not None and vocabulary.unknown_index in counts:
        lines.append(
            f"{counts[vocabulary.unknown_index]} token(s) are not in the vocabulary and read "
            f"{vocabulary.unknown_token} ({vocabulary.unknown_index})."
        )
    return "\n".join(lines)


def run(args) -> int:
    import sys

    from explorer.model.formats.errors import FormatError
    from explorer.model.tokenizers import (
        DEFAULT_VOCAB_SIZE,
        SubwordTokenizer,
        TextTokenizer,
        TokenizerError,
        make_tokenizer,
        unknown_capitals,
    )

    text = sys.stdin.read() if args.text == "-" else args.text
    if args.vocab_size is not None and args.level != "subword":
        raise CliError("--vocab-size applies to --level subword only", exit_code=2)
    if args.tokenizer and args.level != "subword":
        raise CliError("--tokenizer applies to --level subword only", exit_code=2)
    if not text.strip():
        raise CliError('the text is empty; give some words, e.g. explorer vocab "hello world"')
    tokenizer: TextTokenizer
    try:
        if args.tokenizer:
            tokenizer = SubwordTokenizer.from_file(args.tokenizer)
        else:
            size = args.vocab_size if args.vocab_size is not None else DEFAULT_VOCAB_SIZE
            tokenizer = make_tokenizer(args.level, text, lowercase=args.lowercase, vocab_size=size)
    except (TokenizerError, FormatError) as error:
        raise CliError(str(error)) from None
    encoding = tokenizer.encode(text)
    print(format_table(tokenizer, encoding))
    capitals = unknown_capitals(tokenizer, encoding)
    if capitals and not args.lowercase:
        print(f"{', '.join(capitals[:5])}: capitals are not in the vocabulary; --lowercase reads them in lower case.")
    return 0
