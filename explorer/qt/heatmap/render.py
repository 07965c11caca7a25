"""Drawing a heatmap figure offscreen: PNG pixels, SVG and PDF pages of an exact size.

The figure (:class:`~explorer.qt.heatmap.figure.HeatmapFigure`, the panel's
own drawing code) is laid out at the logical size of the requested size (1/96
inch per logical pixel) and rendered with QPainter into a QImage of exactly
size x DPI pixels (not a grab of a widget, so high-DPI screens do not change
it), a QSvgGenerator whose width and height are the size itself (cells as
rectangles, text as text), or a QPdfWriter whose page (MediaBox) is the size
itself (fonts embedded).
"""

from __future__ import annotations

import os
import re
import struct
import zlib

import numpy as np

from explorer.model import similarity
from explorer.model.figure_size import LOGICAL_DPI, FigureSize
from explorer.model.heatmap import HeatmapScores

SCREEN_DPI = LOGICAL_DPI


def draw(data: HeatmapScores, suffix: str, size: FigureSize, dpi: float) -> tuple[bytes, str]:
    """The picture as ``suffix`` ('.png', '.svg', '.pdf') bytes, and the layout's note (numbers hidden) or ''."""
    if suffix == ".png":
        image, figure = render_image(data, size, dpi)
        result = encode_png(image, dpi)
    elif suffix == ".svg":
        result, figure = _svg(data, size, dpi)
    else:
        result, figure = _pdf(data, size, dpi)
    return result, figure.result.numbers_note if figure.result is not None else ""


def render_preview(data: HeatmapScores, size: FigureSize, dpi: float, box) -> tuple:
    """(QImage at most ``box`` (a QSize) large, note): the figure as it is at ``size``, shrunk to fit."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    scene, figure, logical = layout_figure(data, size, dpi)
    scale = min(box.width() / logical.width(), box.height() / logical.height(), size.pixels(dpi)[0] / logical.width())
    width, height = max(1, round(logical.width() * scale)), max(1, round(logical.height() * scale))
    figure.set_render_scale(scale)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, width, height), logical)
    painter.end()
    return image, figure.result.numbers_note if figure.result is not None else ""


def layout_figure(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float = SCREEN_DPI):
    """(scene, figure, logical rectangle): a figure laid out at the logical size of ``size`` at ``dpi``."""
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF

    from explorer.qt.heatmap.figure import HeatmapFigure

    size = size if isinstance(size, FigureSize) else FigureSize(*size)
    width, height = size.logical(dpi)
    logical = QRectF(0, 0, width, height)
    scene = pg.GraphicsScene()
    figure = HeatmapFigure(data)
    scene.addItem(figure)
    figure.setGeometry(logical)
    figure.relayout()
    figure.show_all()
    figure.numbers.record_boxes = True
    return scene, figure, logical


def _render(scene, painter, target, source) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def render_image(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float = SCREEN_DPI):
    """(QImage of size x DPI pixels, the figure drawn into it)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    size = size if isinstance(size, FigureSize) else FigureSize(*size)
    width, height = size.pixels(dpi)
    scene, figure, logical = layout_figure(data, size, dpi)
    figure.set_render_scale(width / logical.width())
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1.0)
    image.fill(0xFFFFFFFF)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, width, height), logical)
    painter.end()
    return image, figure


def render_png(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float = SCREEN_DPI) -> bytes:
    """PNG bytes of exactly size x DPI pixels (a size in pixels: exactly those)."""
    image, _figure = render_image(data, size, dpi)
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
        piece = compressor.compress(data[bounds[k] : bounds[k + 1]].data)
        return piece + compressor.flush(zlib.Z_FINISH if k == parts - 1 else zlib.Z_SYNC_FLUSH)

    if parts == 1:
        blocks = [block(0)]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(parts) as pool:
            blocks = list(pool.map(block, range(parts)))
    return b"\x78\x01" + b"".join(blocks) + struct.pack(">I", zlib.adler32(data.data))


def render_svg(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float = SCREEN_DPI) -> bytes:
    """SVG bytes: cells as rectangles, labels and numbers as text; width and height are ``size`` itself."""
    return _svg(data, size, dpi)[0]


def _svg(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    size = size if isinstance(size, FigureSize) else FigureSize(*size)
    scene, figure, logical = layout_figure(data, size, dpi)
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(logical.width()), round(logical.height())))
    generator.setViewBox(logical)
    generator.setResolution(round(LOGICAL_DPI))
    generator.setTitle(data.title or f"{similarity.METRIC_NAMES[data.metric]} heatmap")
    generator.setDescription("Exported by Vector Explorer")
    painter = QPainter(generator)
    painter.fillRect(logical, 0xFFFFFF)
    _render(scene, painter, logical, logical)
    painter.end()
    svg = bytes(data_bytes.data())
    # A large matrix comes as one image with a pixel per cell: keep its pixels square when zoomed.
    svg = svg.replace(b"<image ", b'<image style="image-rendering:pixelated" ')
    return _svg_size(svg, *size.css()), figure


def _svg_size(svg: bytes, width: str, height: str) -> bytes:
    """Give the root element the exact ``width`` and ``height`` (QSvgGenerator writes whole pixels as mm)."""
    head = re.search(rb"<svg\b[^>]*>", svg)
    if head is None:
        return svg
    tag = head.group(0)
    tag = re.sub(rb'\swidth="[^"]*"', b' width="' + width.encode() + b'"', tag, count=1)
    tag = re.sub(rb'\sheight="[^"]*"', b' height="' + height.encode() + b'"', tag, count=1)
    return svg[: head.start()] + tag + svg[head.end() :]


def render_pdf(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float = SCREEN_DPI) -> bytes:
    """PDF bytes: one page of exactly ``size`` (a size in pixels: pixels / DPI inches), fonts embedded."""
    return _pdf(data, size, dpi)[0]


def _pdf(data: HeatmapScores, size: FigureSize | tuple[float, float], dpi: float):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    size = size if isinstance(size, FigureSize) else FigureSize(*size)
    scene, figure, logical = layout_figure(data, size, dpi)
    width_pt, height_pt = size.points(dpi)
    data_bytes = QByteArray()
    buffer = QBuffer(data_bytes)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(round(dpi))
    page = QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "heatmap", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(data.title or f"{similarity.METRIC_NAMES[data.metric]} heatmap")
    writer.setCreator("Vector Explorer")
    scale = round(dpi) / LOGICAL_DPI
    figure.set_render_scale(scale)
    painter = QPainter(writer)
    _render(scene, painter, QRectF(0, 0, logical.width() * scale, logical.height() * scale), logical)
    painter.end()
    return _pdf_page_box(bytes(data_bytes.data()), width_pt, height_pt), figure


def _pdf_page_box(pdf: bytes, width_pt: float, height_pt: float) -> bytes:
    """Write the exact page size into the MediaBox (Qt rounds it to whole points).

    The numbers are replaced by numbers of the same length, so the file's
    byte offsets (its cross-reference table) stay right.
    """

    def exact(match: re.Match) -> bytes:
        old_w, old_h = match.group(2), match.group(3)
        new_w = _same_length(width_pt, old_w)
        new_h = _same_length(height_pt, old_h)
        if new_w is None or new_h is None:
            return match.group(0)
        return match.group(1) + new_w + b" " + new_h + match.group(4)

    return re.sub(rb"(/MediaBox \[\s*0 0 )([\d.]+) ([\d.]+)(\s*\])", exact, pdf)


def _same_length(value: float, old: bytes) -> bytes | None:
    decimals = len(old) - old.index(b".") - 1 if b"." in old else 0
    text = f"{value:.{decimals}f}".encode()
    return text if len(text) == len(old) else None


# ------------------------------------------------------------------ files
