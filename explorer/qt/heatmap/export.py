"""Heatmap export: PNG, SVG, PDF from the same figure the panel shows; CSV from the model.

The picture is a :class:`~explorer.qt.heatmap.figure.HeatmapFigure` laid out
offscreen at the requested size and rendered with QPainter into a QImage of
exactly that many pixels (not a grab of a widget, so high-DPI screens do not
change it), a QSvgGenerator (cells as rectangles, crisp when zoomed) or a
QPdfWriter. ``dpi`` says how large a pixel is: text keeps its size in points,
so a 1200 x 1000 PNG at 300 DPI is a 4 x 3.3 inch figure with 9 pt labels.

Files are written atomically (a temporary file in the same folder, then
``os.replace``): a failed export never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import os
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from explorer.model import ordering, similarity
from explorer.model.formats.matrix_csv import write_matrix_csv, write_pairs_csv

#: Suffix -> what it is, for messages and the dialog.
FORMATS = {
    ".png": "PNG image",
    ".svg": "SVG drawing",
    ".pdf": "PDF document",
    ".csv": "CSV of the scores",
}
SCREEN_DPI = 96.0
MAX_PIXELS = 20000


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
    size: tuple[int, int] = (1200, 1000)
    dpi: float = SCREEN_DPI
    csv_layout: str = "matrix"  # or "pairs": one line a,b,score per pair


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


def heatmap_data(table, options: HeatmapOptions):
    """The :class:`HeatmapData` of ``table`` for ``options`` (scores from the model)."""
    from explorer.qt.heatmap import style
    from explorer.qt.heatmap.data import HeatmapData

    matrix = similarity.similarity_matrix(table.values, options.metric)
    data = HeatmapData(
        labels=tuple(table.labels),
        matrix=matrix,
        order=ordering.order_rows(options.order, table.labels, matrix, options.metric),
        zero=similarity.norms(table.values) == 0,
        metric=options.metric,
        colormap=style.check_colormap(options.colormap or style.default_colormap(options.metric)),
        annotate=options.annotate,
        title=options.title,
    )
    data.refresh_range()
    return data


# --------------------------------------------------------------- pictures
def layout_figure(data, width: int, height: int, dpi: float = SCREEN_DPI):
    """A figure laid out at the logical size that ``width`` x ``height`` pixels at ``dpi`` make."""
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF

    from explorer.qt.heatmap.figure import HeatmapFigure

    scale = dpi / SCREEN_DPI
    logical = QRectF(0, 0, width / scale, height / scale)
    label_px = min(200.0, max(50.0, 0.22 * min(logical.width(), logical.height())))
    # Text grows with the picture (12 px on a small one, up to 24 px on a large one), so a
    # 1200 x 1000 export reads like the panel does on screen, not like a shrunken screenshot.
    font_px = int(min(24, max(12, min(logical.width(), logical.height()) / 50)))
    scene = pg.GraphicsScene()
    figure = HeatmapFigure(data, font_px=font_px, label_px=label_px)
    figure.setContentsMargins(font_px, font_px, font_px, font_px)
    scene.addItem(figure)
    figure.target = logical
    figure.setGeometry(logical)
    figure.layout.activate()
    figure.fit_square()
    figure.layout.activate()
    figure.set_render_scale(scale)
    figure.view.setRange(QRectF(0, 0, data.n, data.n), padding=0)
    figure.view.updateMatrix()
    return scene, figure, logical


def _render(scene, painter, target, source) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def render_png(data, size: tuple[int, int], dpi: float = SCREEN_DPI) -> bytes:
    """PNG bytes of exactly ``size`` pixels."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    width, height = size
    scene, _figure, logical = layout_figure(data, width, height, dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1.0)
    image.fill(0xFFFFFFFF)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, width, height), logical)
    painter.end()
    return encode_png(image, dpi)


def encode_png(image, dpi: float = SCREEN_DPI) -> bytes:
    """PNG bytes of a QImage: RGB, no row filter, fast zlib, the DPI in a pHYs chunk.

    A heatmap of many vectors is close to noise at pixel level; row filters
    and strong compression cost several times the drawing and save little.
    """
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(height, rgb.bytesPerLine())[:, : width * 3]
    raw = np.empty((height, width * 3 + 1), np.uint8)
    raw[:, 0] = 0  # filter type None
    raw[:, 1:] = rows

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    dots_per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            chunk(b"pHYs", struct.pack(">IIB", dots_per_metre, dots_per_metre, 1)),
            chunk(b"IDAT", _deflate(raw)),
            chunk(b"IEND", b""),
        )
    )


def _deflate(raw: np.ndarray) -> bytes:
    """A zlib stream of ``raw`` (rows of bytes), compressed in parallel blocks like pigz.

    Each block is raw deflate ended by a sync flush (byte-aligned, not final),
    so the blocks concatenate into one valid stream; zlib releases the GIL,
    so threads use every core.
    """
    data = raw.reshape(-1)
    parts = min(4, os.cpu_count() or 1, max(1, data.size // (256 * 1024)))
    bounds = np.linspace(0, len(raw), parts + 1).astype(int) * raw.shape[1]

    def block(k: int) -> bytes:
        compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
        piece = compressor.compress(data[bounds[k] : bounds[k + 1]])
        return piece + compressor.flush(zlib.Z_FINISH if k == parts - 1 else zlib.Z_SYNC_FLUSH)

    if parts == 1:
        blocks = [block(0)]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(parts) as pool:
            blocks = list(pool.map(block, range(parts)))
    return b"\x78\x01" + b"".join(blocks) + struct.pack(">I", zlib.adler32(data))


def render_svg(data, size: tuple[int, int], dpi: float = SCREEN_DPI) -> bytes:
    """SVG bytes: cells as rectangles, labels as text."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    width, height = size
    scene, _figure, logical = layout_figure(data, width, height, dpi)
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(QRect(0, 0, width, height))
    generator.setResolution(round(dpi))
    generator.setTitle(data.title or f"{similarity.METRIC_NAMES[data.metric]} heatmap")
    generator.setDescription("Exported by Vector Explorer")
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, width, height), 0xFFFFFF)
    _render(scene, painter, QRectF(0, 0, width, height), logical)
    painter.end()
    # A large matrix comes as one image with a pixel per cell: keep its pixels square when zoomed.
    return bytes(data_bytes.data()).replace(b"<image ", b'<image style="image-rendering:pixelated" ')


def render_pdf(data, size: tuple[int, int], dpi: float = SCREEN_DPI) -> bytes:
    """PDF bytes: one page of ``size`` pixels at ``dpi``."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    width, height = size
    scene, _figure, logical = layout_figure(data, width, height, dpi)
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(dpi))
    page = QPageSize(QSizeF(width / dpi * 72.0, height / dpi * 72.0), QPageSize.Unit.Point, "heatmap")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(data.title or f"{similarity.METRIC_NAMES[data.metric]} heatmap")
    writer.setCreator("Vector Explorer")
    painter = QPainter(writer)
    target = QRectF(0, 0, writer.width(), writer.height())
    _render(scene, painter, target, logical)
    painter.end()
    return bytes(data_bytes.data())


# ------------------------------------------------------------------ files
def export_bytes(table, suffix: str, options: HeatmapOptions, name: str = "the document") -> bytes:
    """The bytes of the heatmap of ``table`` as ``suffix`` (.png, .svg, .pdf, .csv)."""
    suffix = suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot export a heatmap as '{suffix or 'no extension'}'; use {', '.join(FORMATS)}")
    check_table(table, name)
    width, height = options.size
    if not (16 <= width <= MAX_PIXELS and 16 <= height <= MAX_PIXELS):
        raise ExportError(f"the size {width}x{height} is outside 16 to {MAX_PIXELS} pixels a side")
    if not 10 <= options.dpi <= 2400:
        raise ExportError(f"the DPI {options.dpi:g} is outside 10 to 2400")
    try:
        data = heatmap_data(table, options)
    except ValueError as error:
        raise ExportError(str(error)) from None
    if suffix == ".csv":
        labels = data.display_labels()
        matrix = data.display_scores(np.arange(data.n), np.arange(data.n))
        if options.csv_layout == "pairs":
            return write_pairs_csv(labels, matrix)
        return write_matrix_csv(labels, matrix, corner=similarity.METRIC_NAMES[data.metric])
    render = {".png": render_png, ".svg": render_svg, ".pdf": render_pdf}[suffix]
    return render(data, (width, height), options.dpi)


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


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, then a rename.

    A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"cannot write {path}: {_reason(error)}") from None


def export_heatmap(table, path, options: HeatmapOptions, name: str = "the document") -> None:
    """Export the heatmap of ``table`` to ``path``, the format chosen by its extension."""
    path = Path(path)
    check_target(path)
    write_atomically(path, export_bytes(table, path.suffix, options, name))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
