"""Heatmap export: PNG, SVG, PDF from the same figure the panel shows; CSV from the model alone.

The picture is a :class:`~explorer.qt.heatmap.figure.HeatmapFigure` laid out
offscreen at the requested size and rendered with QPainter into a QImage of
exactly that many pixels (not a grab of a widget, so high-DPI screens do not
change it), a QSvgGenerator (cells as rectangles, text as text, crisp when
zoomed) or a QPdfWriter (fonts embedded).

A size is given in pixels or in cm, mm, inches or points
(:class:`~explorer.model.figure_size.FigureSize`). A physical size is the
PDF's page (its MediaBox) and the SVG's width and height exactly; a PNG of it
has size x DPI pixels. For a size in pixels ``dpi`` says how large a pixel is:
text keeps its size in points, so a 1200 x 1000 PNG at 300 DPI is a 4 x 3.3
inch figure with 8 pt labels.

Files are written by the model's one atomic writer
(:func:`explorer.model.formats.atomic.write_atomically`): a failed or killed
export never leaves a half-written file, and the target keeps its
permissions. CSV needs neither QtWidgets nor pyqtgraph: this module imports
Qt only to draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explorer.model import similarity
from explorer.model.figure_size import LOGICAL_DPI, FigureSize
from explorer.model.formats.atomic import WriteFailed, write_atomically
from explorer.model.formats.matrix_csv import write_matrix_csv, write_pairs_csv
from explorer.model.heatmap import HeatmapScores, RangeSpec, heatmap_scores

#: Suffix -> what it is, for messages and the dialog.
FORMATS = {
    ".png": "PNG image",
    ".svg": "SVG drawing",
    ".pdf": "PDF document",
    ".csv": "CSV of the scores",
}
SCREEN_DPI = LOGICAL_DPI
#: A PNG has at most this many pixels a side; an SVG or PDF page at most this many logical pixels (208 inches).
MAX_PIXELS = 20000
MIN_PIXELS = 16


class ExportError(Exception):
    """An export that cannot be done, said in one sentence."""


@dataclass
class HeatmapOptions:
    """What to export and how it looks."""

    metric: str = "cosine"
    order: str = "original"
    colormap: str | None = None  # None: the metric's default
    annotate: bool = True
    title: str = ""
    size: FigureSize | tuple[float, float] = field(default_factory=lambda: FigureSize(1200, 1000))
    dpi: float = SCREEN_DPI
    csv_layout: str = "matrix"  # or "pairs": one line a,b,score per pair
    range: RangeSpec = None  # 'fixed', 'data', (lo, hi); None: the metric's default
    centre: float | None = None
    digits: int | None = None
    dendrogram: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.size, FigureSize):
            self.size = FigureSize(*self.size)

    @property
    def figure_size(self) -> FigureSize:
        assert isinstance(self.size, FigureSize)
        return self.size


# ------------------------------------------------------------ the scores
def check_table(table, name: str = "the document") -> None:
    """Refuse what has no heatmap: no vectors, one vector, only zero vectors."""
    if len(table) == 0:
        raise ExportError(f"{name} holds no vectors, so there is no heatmap to export")
    if len(table) == 1:
        raise ExportError(f"{name} holds a single vector; a heatmap compares at least two")
    reason = similarity.too_many_for_matrix(len(table))
    if reason is not None:
        raise ExportError(f"{name}: {reason}; select the vectors to compare and export those")
    if table.dimension_count == 0 or not similarity.norms(table.values).any():
        raise ExportError(f"every vector in {name} is a zero vector, so there is nothing to compare")


def heatmap_data(table, options: HeatmapOptions) -> HeatmapScores:
    """The :class:`~explorer.model.heatmap.HeatmapScores` of ``table`` for ``options`` (the model alone)."""
    return heatmap_scores(
        table,
        options.metric,
        options.order,
        options.colormap,
        annotate=options.annotate,
        title=options.title,
        range=options.range,
        centre=options.centre,
        digits=options.digits,
        dendrogram=options.dendrogram,
    )


def check_size(size: FigureSize, dpi: float, suffix: str) -> None:
    """Refuse a size or DPI the export cannot make, in one sentence."""
    if not 10 <= dpi <= 2400:
        raise ExportError(f"the DPI {dpi:g} is outside 10 to 2400")
    if suffix == ".png":
        width, height = size.pixels(dpi)
        if not (MIN_PIXELS <= width <= MAX_PIXELS and MIN_PIXELS <= height <= MAX_PIXELS):
            what = "" if not size.physical else f" ({size.text()} at {dpi:g} DPI)"
            raise ExportError(f"the size {width}x{height}{what} is outside {MIN_PIXELS} to {MAX_PIXELS} pixels a side")
    elif suffix in (".svg", ".pdf"):
        logical_width, logical_height = size.logical(dpi)
        if not (MIN_PIXELS <= logical_width <= MAX_PIXELS and MIN_PIXELS <= logical_height <= MAX_PIXELS):
            raise ExportError(f"the size {size.text()} is outside 0.17 to 208 inches a side")


def export_bytes(
    table, suffix: str, options: HeatmapOptions, name: str = "the document", notes: list[str] | None = None
) -> bytes:
    """The bytes of the heatmap of ``table`` as ``suffix`` (.png, .svg, .pdf, .csv).

    What a reader should know (numbers left out because the cells are too
    small) is appended to ``notes``.
    """
    suffix = suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot export a heatmap as '{suffix or 'no extension'}'; use {', '.join(FORMATS)}")
    check_table(table, name)
    check_size(options.figure_size, options.dpi, suffix)
    try:
        data = heatmap_data(table, options)
    except ValueError as error:
        raise ExportError(str(error)) from None
    if suffix == ".csv":
        labels = data.display_labels()
        matrix = data.display_matrix()
        if options.csv_layout == "pairs":
            return write_pairs_csv(labels, matrix)
        return write_matrix_csv(labels, matrix, corner=similarity.METRIC_NAMES[data.metric])
    from explorer.qt.heatmap import render

    result, note = render.draw(data, suffix, options.figure_size, options.dpi)
    if notes is not None and note:
        notes.append(f"{note} ({data.n} vectors in {options.figure_size.text()}); a larger size shows them")
    return result


def check_target(path: Path) -> None:
    """Refuse a target before any work: unknown extension, missing folder, a folder."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ExportError(
            f"cannot export a heatmap as '{path.name}': the extension must be one of {', '.join(FORMATS)}"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")


def export_heatmap(table, path, options: HeatmapOptions, name: str = "the document") -> list[str]:
    """Export the heatmap of ``table`` to ``path``, the format chosen by its extension; returns notes
    for the reader (numbers left out), if any."""
    path = Path(path)
    check_target(path)
    notes: list[str] = []
    data = export_bytes(table, path.suffix, options, name, notes)
    try:
        write_atomically(path, data)
    except WriteFailed as error:
        raise ExportError(f"cannot write {path}: {error.reason.lower()}") from None
    return notes
