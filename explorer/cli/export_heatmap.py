"""``explorer export-heatmap [FILE] -o OUT ...``: the heatmap as PNG, SVG, PDF or CSV, without a display.

The picture is drawn by the same figure the window's panel shows, on Qt's
offscreen platform. The file is written at once or not at all.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from explorer.cli.common import CliError, add_first_argument, add_metric_argument, load_table, matrix_rows

_SIZE = re.compile(r"^\s*(\d+)\s*[x×X]\s*(\d+)\s*$")


def parse_size(text: str) -> tuple[int, int]:
    """'1200x1000' -> (1200, 1000)."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1200x1000")
    return int(match.group(1)), int(match.group(2))


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="CSV, TSV or JSON document (default: the built-in materials A-E)")
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
        default="original",
        help="as in the file (default), by label, or clustered (similar vectors together)",
    )
    parser.add_argument("--colormap", metavar="NAME", help="a pyqtgraph colour map, e.g. CET-D1A, CET-CBD1, viridis")
    parser.add_argument(
        "--annotate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write the score in each cell when it fits (default: on)",
    )
    parser.add_argument(
        "--size",
        type=parse_size,
        default=(1200, 1000),
        metavar="WxH",
        help="picture size in pixels (default 1200x1000)",
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
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication(["explorer"])
    return app


def run(args) -> int:
    from explorer.qt.heatmap import export  # numpy and the model only, until a picture is drawn

    out = Path(args.output)
    name = args.file or "the built-in materials"
    try:
        export.check_target(out)
        table = matrix_rows(load_table(args.file), args.first, args.file or "the document")
        options = export.HeatmapOptions(
            metric=args.metric,
            order=args.order,
            colormap=args.colormap,
            annotate=args.annotate,
            title=args.title,
            size=args.size,
            dpi=args.dpi,
            csv_layout="pairs" if args.long else "matrix",
        )
        if args.colormap is not None or out.suffix.lower() != ".csv":
            _application()
        export.export_heatmap(table, out, options, name=name)
    except export.ExportError as error:
        raise CliError(str(error)) from None
    return 0
