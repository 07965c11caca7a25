"""``explorer sentences``: sentences as vectors of a sentence-transformers model, offline.

::

    explorer sentences FILE.txt -o vectors.csv [--model DIR]    # one sentence a line -> one vector a line
    explorer sentences "text one" "text two" --similarity       # the cosine matrix
    explorer sentences "I love pizza." --tokens                  # the WordPiece pieces and their ids

One argument that names a file is read as one sentence a line (``-`` reads
standard input); otherwise every argument is a sentence. A CSV or TSV is
labelled by the sentence cut to 80 characters (unique); a ``.json`` document
keeps every sentence whole, and says which model made the vectors. Exit codes:
0 done, 1 bad input, a missing model or a failed write, 2 a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from explorer.cli.common import CliError

OUTPUT_SUFFIXES = (".csv", ".tsv", ".json")
#: An argument ending so is taken for a file name, and refused when the file is missing.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".csv", ".tsv", ".lst")


def add_arguments(parser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE_OR_SENTENCE",
        help="a text file with one sentence a line ('-' reads standard input), or the sentences themselves",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the vectors as .csv, .tsv or .json")
    parser.add_argument("--similarity", action="store_true", help="print the cosine similarity of every pair")
    parser.add_argument("--tokens", action="store_true", help="print the pieces and ids the model reads")
    parser.add_argument(
        "--model", metavar="DIR", help="a sentence-transformers model folder (default: the installed all-MiniLM-L6-v2)"
    )
    parser.add_argument("--batch-size", type=int, default=32, metavar="N", help="sentences encoded at once (32)")
    parser.add_argument("--digits", type=int, default=3, metavar="N", help="decimals of --similarity (3)")


def read_sentences(inputs: list[str]) -> tuple[list[str], str]:
    """(sentences, what they came from) for the command's arguments; blank lines and repeats left out."""
    from explorer.model.formats import FormatError, read_text
    from explorer.model.send_sentences import split_sentences

    if len(inputs) == 1 and (inputs[0] == "-" or Path(inputs[0]).is_file() or _looks_like_file(inputs[0])):
        name = "standard input" if inputs[0] == "-" else inputs[0]
        if inputs[0] == "-":
            text = sys.stdin.read()
        else:
            try:
                text = read_text(Path(inputs[0]))
            except FormatError as error:
                raise CliError(str(error)) from None
        sentences, _blank, repeated = split_sentences(text)
        if repeated:
            print(f"note: {repeated} repeated line{'s' * (repeated != 1)} left out", file=sys.stderr)
        if not sentences:
            raise CliError(f"{name} has no sentences: write one sentence a line")
        return sentences, name
    sentences = [" ".join(s.split()) for s in inputs]
    if not all(sentences):
        raise CliError("a sentence is empty; give text in each argument")
    if len(set(sentences)) != len(sentences):
        raise CliError("a sentence is given twice; each sentence becomes one vector with its own label")
    return sentences, "the arguments"


def _looks_like_file(argument: str) -> bool:
    return " " not in argument and (argument.lower().endswith(TEXT_SUFFIXES) or "/" in argument)


def run(args) -> int:
    from explorer.model.sentences import SentenceModel, SentenceModelError

    if not (args.output or args.similarity or args.tokens):
        raise CliError("say what to make: -o FILE (.csv .tsv .json), --similarity or --tokens", exit_code=2)
    if args.batch_size < 1:
        raise CliError("--batch-size must be at least 1", exit_code=2)
    if not 0 <= args.digits <= 17:
        raise CliError("--digits must be between 0 and 17", exit_code=2)
    out = Path(args.output) if args.output else None
    if out is not None:
        _check_output(out)
    sentences, _source = read_sentences(args.inputs)
    try:
        model = SentenceModel.load(args.model)
    except SentenceModelError as error:
        raise CliError(str(error)) from None
    if args.tokens:
        print(format_tokens(sentences, model))
    if not (out or args.similarity):
        return 0
    vectors = model.encode(sentences, args.batch_size, _progress())
    if args.similarity:
        print(format_similarity(sentences, vectors, model.name, args.digits))
    if out is not None:
        _write(out, sentences, vectors, model)
        print(f"wrote {len(sentences)} sentence vectors of {vectors.shape[1]} numbers ({model.name}) to {out}",
              file=sys.stderr)  # fmt: skip
    return 0


def format_tokens(sentences, model) -> str:
    """Each sentence's pieces over their ids, as the model reads them."""
    lines = [f"pieces and ids of {model.name} (at most {model.max_length} tokens a sentence)"]
    for n, tokens in enumerate(model.tokenize(sentences), start=1):
        cut = f", cut at {model.max_length}" if tokens.truncated else ""
        lines.append(f"{n}: {len(tokens.ids)} tokens{cut}")
        lines.append("   " + " ".join(f"{piece}({i})" for piece, i in zip(tokens.pieces, tokens.ids)))
    return "\n".join(lines)


def format_similarity(sentences, vectors, model_name: str, digits: int) -> str:
    """The cosine matrix, rows and columns numbered, with the sentences listed above it."""
    from explorer.cli.similarity import format_matrix
    from explorer.model import similarity

    numbers = [str(n) for n in range(1, len(sentences) + 1)]
    legend = [f"{n}  {s if len(s) <= 100 else s[:99] + '…'}" for n, s in zip(numbers, sentences)]
    matrix = similarity.similarity_matrix(vectors.astype("float64"), "cosine")
    text = format_matrix(numbers, matrix, similarity.norms(vectors.astype("float64")), "cosine similarity", digits)
    return "\n".join([f"sentences ({model_name}):", *legend, text])


def _check_output(out: Path) -> None:
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise CliError(f"cannot write '{out.name}': the extension must be one of {', '.join(OUTPUT_SUFFIXES)}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: the folder {folder} does not exist")
    if out.is_dir():
        raise CliError(f"cannot write {out}: it is a folder")


def _write(out: Path, sentences, vectors, model) -> None:
    from explorer.model.formats import write_table_bytes
    from explorer.model.formats.atomic import WriteFailed, write_atomically
    from explorer.model.send_sentences import sentence_kind, short_labels
    from explorer.model.send_tokens import embedding_dimensions
    from explorer.model.table import VectorTable

    json = out.suffix.lower() == ".json"
    labels = list(sentences) if json else short_labels(sentences)
    table = VectorTable(labels, embedding_dimensions(vectors.shape[1]), vectors)
    table.kind = sentence_kind(model)
    try:
        write_atomically(out, write_table_bytes(table, out.suffix))
    except WriteFailed as error:
        raise CliError(f"cannot write {out}: {error.reason}") from None


def _progress():
    """Progress on standard error while encoding, when it is a terminal."""
    from explorer.model.progress import NO_PROGRESS, Progress

    if not sys.stderr.isatty():
        return NO_PROGRESS

    def report(done: int, total: int) -> None:
        if total > 32:
            end = "\n" if done == total else ""
            print(f"\rencoded {done:,} of {total:,} sentences", end=end, file=sys.stderr, flush=True)

    return Progress(report)
