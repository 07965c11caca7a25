"""The ``explorer`` command line.

``explorer`` and ``explorer FILE`` open the window; the subcommands below work
without a display. Each subcommand lives in its own module with two functions,
``add_arguments(parser)`` and ``run(args) -> int``; the module is imported only
when its command is used, so ``explorer similarity`` never loads Qt.

A failure prints one plain sentence on stderr and never a traceback:
subcommands raise :class:`CliError` (or a model ``FormatError``). Every
subcommand follows one exit-code rule (see :mod:`explorer.cli.common`): 0 ok,
1 bad input or failed output, 2 usage; ``check`` keeps its documented meaning.
Everything the subcommands print passes through :class:`TerminalSafe`, so a
label holding an escape sequence shows as ``\\x1b[2J`` instead of clearing
the terminal.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import io
import os
import sys

from explorer import __version__
from explorer.cli.common import EXIT_USAGE, CliError, UsageError

#: name -> (module, one-line help). Modules import their heavy parts lazily.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "similarity": ("explorer.cli.similarity", "print the labelled similarity matrix"),
    "explain": ("explorer.cli.explain", "print every step of the score of two vectors"),
    "check": ("explorer.cli.check", 'check a claim such as "A + E = C" (exit 0 true, 1 false, 2 cannot check)'),
    "eval": ("explorer.cli.eval", 'compute an expression such as "(A + C) / 2" and print the vector'),
    "vocab": ("explorer.cli.vocab", "split text into tokens and print the token / index table"),
    "neighbours": ("explorer.cli.neighbours", 'print the nearest vectors to a label or to "king - man + woman"'),
    "analogies": ("explorer.cli.analogies", "score a Google-format analogy file as gensim does"),
    "sentences": ("explorer.cli.sentences", "sentences as vectors of a sentence model: a table, cosines or tokens"),
    "export-heatmap": ("explorer.cli.export_heatmap", "write the heatmap as PNG, SVG, PDF or CSV"),
    "project": ("explorer.cli.project", "write 2-D coordinates (PCA, t-SNE or UMAP) as CSV: label,x,y"),
}

USAGE = (
    "explorer [FILE]                 (the window, on FILE or the built-in materials A-E)\n"
    "       explorer --recover              (the window, on the unsaved work the last run ended with)\n"
    "       explorer COMMAND [options]      (explorer COMMAND --help)\n"
    "       explorer --version"
)
EPILOG = "Exit codes: 0 ok, 1 bad input or failed output, 2 usage; 'check': 0 true or ≈, 1 false, 2 cannot check."


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one sentence (a :class:`UsageError`), not usage text."""

    def error(self, message: str):
        if message.startswith("unrecognized arguments: -"):
            message += " (a label or expression that starts with '-' goes after '--': 'explorer neighbours -- -A')"
        raise UsageError(message, command=self.prog)


#: Options whose value may start with '-' (a range from -1, a negative centre): argparse would take
#: ``--range -1:1`` for two options, so the value is joined to its option first (``--range=-1:1``).
NEGATIVE_VALUES = ("--range", "--centre", "--center")


def join_negative_values(argv: list[str]) -> list[str]:
    """``--range -1:1`` as ``--range=-1:1``: a value that starts with '-' and a digit or '.' stays the option's."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            joined.extend(argv[index:])
            break
        following = argv[index + 1] if index + 1 < len(argv) else ""
        if word in NEGATIVE_VALUES and following[:1] == "-" and (following[1:2].isdigit() or following[1:2] == "."):
            joined.append(f"{word}={following}")
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined


class TerminalSafe(io.TextIOBase):
    """A text stream that writes control characters (escape sequences, carriage returns) as visible escapes.

    Line ends and tabs pass; what the stream's encoding cannot hold is written
    as a backslash escape rather than failing.
    """

    def __init__(self, stream):
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        from explorer.model.text_safety import escape_controls

        safe = escape_controls(text, keep="\n\t")
        try:
            self._stream.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "utf-8"
            self._stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self):
        return getattr(self._stream, "encoding", "utf-8")


@functools.cache
def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``only`` that one (a command needs only its own).

    Built once per command and kept: parsing reads a parser and never changes it, and building one
    (every option's help text looked up through gettext) cost a fifth of a quick command run in-process.
    """
    parser = _Parser(
        prog="explorer",
        usage=USAGE,
        description="Vector Explorer. With no command (or a FILE) it opens the window.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"explorer {__version__}")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="open the window on the unsaved work the program last ended with (after a crash), without asking",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="explorer")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version")):
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = TerminalSafe(stdout), TerminalSafe(stderr)
        try:
            return _run_command(argv)
        finally:
            sys.stdout.flush()
            sys.stdout, sys.stderr = stdout, stderr
    try:
        return _open_window(argv)
    except CliError as error:
        print(f"explorer: {_safe(str(error))}", file=sys.stderr)
        return error.exit_code


def _safe(text: str) -> str:
    from explorer.model.text_safety import escape_controls

    return escape_controls(text)


def _run_command(argv: list[str]) -> int:
    try:
        args = _build_parser(argv[0] if argv[0] in SUBCOMMANDS else None).parse_args(join_negative_values(argv))
        if args.command is None:
            raise UsageError("give a command or a FILE", command="explorer")
        module = importlib.import_module(SUBCOMMANDS[args.command][0])
        return int(module.run(args) or 0)
    except UsageError as error:
        if error.command is None:  # the command's own sentence says what to do
            print(f"explorer: {error}", file=sys.stderr)
        else:  # argparse's words: point to the help that explains them
            print(f"{error.command}: {error}; see '{error.command} --help'", file=sys.stderr)
        return EXIT_USAGE
    except CliError as error:
        print(f"explorer: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("explorer: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``explorer similarity | head``): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _open_window(argv: list[str]) -> int:
    recover = "--recover" in argv
    argv = [a for a in argv if a != "--recover"]
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        raise UsageError(f"unknown command or option {argv[0]!r}; run 'explorer --help' for the commands")
    if recover and argv:
        raise UsageError("--recover opens the window on the last unsaved work; open the file from there afterwards")
    if argv and not os.path.lexists(argv[0]) and not os.path.splitext(argv[0])[1] and os.sep not in argv[0]:
        commands = ", ".join(SUBCOMMANDS)
        raise UsageError(f"'{argv[0]}' is neither a command ({commands}) nor a file; run 'explorer --help'")
    from explorer.cli.window import run_window

    return run_window(argv[0] if argv else None, recover)
