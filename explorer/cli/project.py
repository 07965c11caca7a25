"""``explorer project FILE --method pca|tsne|umap -o coords.csv [--seed N]``: 2-D coordinates as CSV.

One row ``label,x,y`` per vector, in file order. PCA is exact; t-SNE (openTSNE)
and UMAP (the optional extra ``explorer[umap]``) run on every vector, seeded,
with progress on stderr. Exit 0 when written, 1 for a bad input or a failed
output, 2 for a usage error.
"""

from __future__ import annotations

import sys

from explorer.cli.common import CliError, load_table


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="CSV, TSV, JSON document or word-vector file")
    parser.add_argument("--method", choices=("pca", "tsne", "umap"), default="pca", help="the projection (default pca)")
    parser.add_argument("-o", "--output", required=True, help="the CSV file to write (label,x,y)")
    parser.add_argument("--seed", type=int, default=0, help="seed of t-SNE and UMAP (default 0)")


def coordinates(table, method: str, seed: int, progress=None):
    """N x 2 coordinates of ``table``'s vectors by ``method``; CliError with a sentence when it cannot run."""
    from explorer.model.nonlinear import ProjectionUnavailable, project
    from explorer.model.progress import NO_PROGRESS
    from explorer.model.projection import pca

    if table.dimension_count == 0 or table.row_count == 0:
        raise CliError("there are no vectors to project")
    if method == "pca":
        return pca(table.values).coordinates
    try:
        return project(method, table.values, seed, progress=progress or NO_PROGRESS).coordinates
    except ProjectionUnavailable as error:
        raise CliError(str(error)) from None


def run(args) -> int:
    from pathlib import Path

    from explorer.model.formats.atomic import WriteFailed, write_atomically
    from explorer.model.formats.coordinates import coordinates_csv
    from explorer.model.nonlinear import METHOD_NAMES
    from explorer.model.progress import Progress

    if not 0 <= args.seed < 2**31:
        raise CliError(f"--seed must be from 0 to {2**31 - 1}", exit_code=2)
    table = load_table(args.file)
    shown = {"last": -1}

    def report(done: int, total: int) -> None:
        step = 100 * done // total if total else 100
        if step // 10 != shown["last"] // 10 and sys.stderr.isatty():
            print(f"\r{METHOD_NAMES[args.method]}: {step}%", end="", file=sys.stderr, flush=True)
        shown["last"] = step

    coords = coordinates(table, args.method, args.seed, Progress(report))
    if shown["last"] >= 0 and sys.stderr.isatty():
        print(file=sys.stderr)
    data = coordinates_csv(table.labels, coords)
    path = Path(args.output)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise CliError(f"cannot write {path}: it is a folder")
    try:
        write_atomically(path, data)
    except WriteFailed as error:
        raise CliError(f"cannot write {path}: {error.reason}") from None
    seed = f", seed {args.seed}" if args.method != "pca" else ""
    print(f"wrote {len(table):,} coordinates ({METHOD_NAMES[args.method]}{seed}) to {path}")
    return 0
