"""The ``explorer`` command line.

``explorer`` and ``explorer FILE`` open the window; the subcommands below work
without a display. Each subcommand lives in its own module with two functions,
``add_arguments(parser)`` and ``run(args) -> int``; the module is imported only
when its command is used, so ``explorer similarity`` never loads Qt.

A failure prints one plain sentence on stderr and exits non-zero, never a
traceback: subcommands raise :class:`CliError` (or a model ``FormatError``).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from explorer.cli.common import CliError

#: name -> (module, one-line help). Modules import their heavy parts lazily.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "similarity": ("explorer.cli.similarity", "print the labelled similarity matrix"),
    "explain": ("explorer.cli.explain", "print every step of the score of two vectors"),
    "check": ("explorer.cli.check", 'check a claim such as "A + E = C" (exit 0 true, 1 false, 2 error)'),
    "eval": ("explorer.cli.eval", 'compute an expression such as "(A + C) / 2" and print the vector'),
    "vocab": ("explorer.cli.vocab", "split text into tokens and print the token / index table"),
    "neighbours": ("explorer.cli.neighbours", 'print the nearest vectors to a label or to "king - man + woman"'),
    "analogies": ("explorer.cli.analogies", "score a Google-format analogy file as gensim does"),
    "sentences": ("explorer.cli.sentences", "sentences as vectors of a sentence model: a table, cosines or tokens"),
    "export-heatmap": ("explorer.cli.export_heatmap", "write the heatmap as PNG, SVG, PDF or CSV"),
    "project": ("explorer.cli.project", "write 2-D coordinates (PCA, t-SNE or UMAP) as CSV: label,x,y"),
}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Vector Explorer. With no command (or a FILE) it opens the window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or (argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help")):
            return _open_window(argv)
        args = _build_parser().parse_args(argv)
        module = importlib.import_module(SUBCOMMANDS[args.command][0])
        return int(module.run(args) or 0)
    except CliError as error:
        print(f"explorer: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("explorer: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``explorer similarity | head``): not an error.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _open_window(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        raise CliError(
            f"unknown command or option {argv[0]!r}; run 'explorer --help' for the commands",
            exit_code=2,
        )
    from explorer.cli.window import run_window

    return run_window(argv[0] if argv else None)
