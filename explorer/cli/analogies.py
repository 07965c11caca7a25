"""``explorer analogies QUESTIONS.txt [FILE] [--restrict N]``: score an analogy file as gensim does.

The file is in Google's format (``: section`` lines, then ``a b c d``: a is
to b as c is to d). Each question is answered with the word nearest by cosine
to b - a + c (unit vectors, as gensim's ``most_similar``), leaving out a, b and
c; words are compared regardless of case, and with ``--restrict N`` only the
first N words take part: a question with a word outside them is skipped, as
``KeyedVectors.evaluate_word_analogies(restrict_vocab=N, case_insensitive=True)``
does. Prints the accuracy per section and a last line ``total: C / T correct (P%)``.
"""

from __future__ import annotations

import sys

from explorer.cli.common import CliError, load_table


def add_arguments(parser) -> None:
    parser.add_argument("questions", help="the analogy file, e.g. questions-words.txt")
    parser.add_argument("file", nargs="?", metavar="FILE", help="the word vectors (default: the GloVe words)")
    parser.add_argument(
        "--restrict", type=int, metavar="N", help="only the first N words take part (default: all of them)"
    )
    parser.add_argument(
        "--sample", action="store_true", help="use the GloVe sample that ships with the program (6,000 words)"
    )


def run(args) -> int:
    from explorer.model.analogies import evaluate_analogies, read_questions
    from explorer.model.formats import FormatError

    if args.restrict is not None and args.restrict < 1:
        raise CliError("--restrict must be at least 1", exit_code=2)
    if args.file is not None and args.sample:
        raise CliError("--sample uses the GloVe sample; give a FILE or --sample, not both", exit_code=2)
    notes: list[str] = []
    try:
        sections = read_questions(args.questions, notes)
    except FormatError as error:
        raise CliError(str(error)) from None
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.file is not None:
        table = load_table(args.file)
        tokens, vectors, name = table.labels, table.values, _name(args.file)
    else:
        from explorer.cli.neighbours import _glove

        words = _glove(args.sample)
        tokens, vectors, name = words.tokens, words.vectors, words.name
    report = evaluate_analogies(tokens, vectors, sections, args.restrict)
    first = f", the first {report.restrict:,} words" if report.restrict < len(tokens) else ""
    print(f"analogies from {_name(args.questions)} over {name}{first}")
    for section in report.sections:
        print(f"{section.name}: {_score(section.correct, section.evaluated)}")
    asked = report.evaluated + report.skipped
    if report.skipped:
        among = f"the first {report.restrict:,}" if first else f"the {report.restrict:,}"
        print(f"skipped {report.skipped:,} of {asked:,} questions with a word that is not among {among} words")
    print(f"total: {_score(report.correct, report.evaluated)}")
    return 0


def _score(correct: int, evaluated: int) -> str:
    percent = 100.0 * correct / evaluated if evaluated else 0.0
    return f"{correct} / {evaluated} correct ({percent:.1f}%)"


def _name(path: str) -> str:
    from pathlib import Path

    return Path(path).name
