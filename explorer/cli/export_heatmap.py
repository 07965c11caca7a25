"""``explorer export-heatmap [FILE] -o OUT ...``: the heatmap as PNG, SVG, PDF or CSV, without a display.

The picture is drawn by the same figure the window's panel shows, on Qt's
offscreen platform. The file is written at once or not at all, and a line
on stdout says what was written: ``wrote heat.png (PNG image, 1200 x 1000 pixels, 45.2 kB)``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from explorer.cli.common import (
    CliError,
    add_file_argument,
    add_first_argument,
    add_metric_argument,
    load_table,
    matrix_rows,
    wrote,
)


def parse_size(text: str):
    """'1200x1000', '12cmx9cm', '5inx4in', '300ptx200pt' -> a FigureSize."""
    from explorer.model.figure_size import parse_size as parse

    try:
        return parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_range(text: str):
    """'fixed', 'data' or 'LO:HI'."""
    from explorer.model.heatmap import parse_range as parse

    try:
        return parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_colormap(text: str) -> str:
    """A colour map's name as the program spells it ('rdbu_r' -> 'RdBu_r')."""
    from explorer.model.colormaps import check_colormap

    try:
        return check_colormap(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_digits(text: str) -> int:
    """0 to 8 decimals."""
    from explorer.model.heatmap_numbers import MAX_DIGITS

    try:
        digits = int(text)
    except ValueError:
        digits = -1
    if not 0 <= digits <= MAX_DIGITS:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of decimals from 0 to {MAX_DIGITS}")
    return digits


def add_arguments(parser) -> None:
    add_file_argument(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="file to write: .png, .svg, .pdf or .csv (the extension picks the format)",
    )
    add_metric_argument(parser)
    add_first_argument(parser)
    parser.add_argument(
        "--order",
        choices=("original", "label", "clustered"),
        default=None,
        help="as in the file (default), by label, or clustered (similar vectors together)",
    )
    parser.add_argument(
        "--dendrogram",
        action="store_true",
        help="draw the clustering tree on the top and left (implies --order clustered)",
    )
    parser.add_argument(
        "--colormap",
        metavar="NAME",
        type=parse_colormap,
        help="colour map: CET-CBD1 (cosine's colour-blind-safe default), viridis (the others' default), RdBu, "
        "coolwarm, PuOr, magma, ...; add _r to reverse one (RdBu_r)",
    )
    parser.add_argument(
        "--range",
        type=parse_range,
        metavar="fixed|data|LO:HI",
        help="the colours' range: the metric's own (fixed: cosine -1..1), the scores' (data), or LO:HI "
        "(default: fixed for cosine and angle, data for the others)",
    )
    parser.add_argument(
        "--centre",
        "--center",
        type=float,
        metavar="C",
        help="the score a diverging colour map centres on (default 0; 90 for angles)",
    )
    parser.add_argument(
        "--digits",
        type=parse_digits,
        metavar="N",
        help="N decimals in every cell (default: 3 for cosine, about three digits otherwise); a score that "
        "is not exactly 1 is never written as 1 (0.99994 at --digits 3 is 0.999)",
    )
    parser.add_argument(
        "--annotate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write the score in each cell when it fits (default: on)",
    )
    parser.add_argument(
        "--size",
        type=parse_size,
        default=None,
        metavar="WxH",
        help="1200x1000 (pixels, the default), or a physical size: 12cmx9cm, 90mmx70mm, 5inx4in, 300ptx200pt "
        "(the PDF page and SVG size exactly; a PNG gets size x DPI pixels)",
    )
    parser.add_argument(
        "--dpi", type=float, default=96.0, help="dots per inch; text keeps its size in points (default 96)"
    )
    parser.add_argument("--title", default="", help="title above the heatmap")
    parser.add_argument(
        "--long", action="store_true", help="CSV only: one line a,b,score per pair instead of the matrix"
    )


def _application():
    """The running QApplication, or a new one on the offscreen platform (no display needed)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):  # keep an offscreen's options
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["explorer"])
    return app


def run(args) -> int:
    from explorer.model.figure_size import FigureSize
    from explorer.qt.heatmap import export  # numpy and the model only, until a picture is drawn

    out = Path(args.output)
    name = args.file or "the built-in materials"
    if args.dendrogram and args.order not in (None, "clustered"):
        raise CliError(f"--dendrogram draws the clustered order's tree; it cannot go with --order {args.order}", 2)
    if args.centre is not None and not math.isfinite(args.centre):
        raise CliError(f"--centre must be a finite number, not {args.centre}", 2)
    try:
        export.check_target(out)
        table = matrix_rows(load_table(args.file), args.first, args.file or "the document")
        options = export.HeatmapOptions(
            metric=args.metric,
            order=args.order or ("clustered" if args.dendrogram else "original"),
            colormap=args.colormap,
            annotate=args.annotate,
            title=args.title,
            size=args.size or FigureSize(1200, 1000),
            dpi=args.dpi,
            csv_layout="pairs" if args.long else "matrix",
            range=args.range,
            centre=args.centre,
            digits=args.digits,
            dendrogram=args.dendrogram,
        )
        if out.suffix.lower() != ".csv":
            _application()
        notes = export.export_heatmap(table, out, options, name=name)
    except export.ExportError as error:
        raise CliError(str(error)) from None
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(wrote(out, _what(out.suffix.lower(), len(table), options), out.stat().st_size))
    return 0


def _what(suffix: str, n: int, options) -> str:
    """The format and extent of what was written: 'PNG image, 1200 x 1000 pixels', 'CSV of the scores, 5 x 5'."""
    from explorer.qt.heatmap.export import FORMATS

    size = options.figure_size
    if suffix == ".png":
        width, height = size.pixels(options.dpi)
        return f"{FORMATS[suffix]}, {width} x {height} pixels"
    if suffix == ".csv":
        extent = f"{n * (n + 1) // 2:,} pairs" if options.csv_layout == "pairs" else f"{n:,} x {n:,}"
        return f"{FORMATS[suffix]}, {extent}"
    if size.physical:
        return f"{FORMATS[suffix]}, {size.width:g} x {size.height:g} {size.unit}"
    return f"{FORMATS[suffix]}, {size.width:g} x {size.height:g} at {options.dpi:g} DPI"
