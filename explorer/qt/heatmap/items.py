"""The graphics items of the heatmap: cells, the numbers in them, the selected pair.

Each item paints everything of its kind in one ``paint`` call and reads the
shared :class:`HeatmapScores`; there is one item for all numbers, not one per
cell. Items live inside a pyqtgraph ViewBox where one unit is one cell and
row 0 is at the top.

Cells are drawn at the device's resolution: when there are more cells than
pixels, only the scores that land on a pixel are coloured (nearest sample),
so a 4000 x 4000 matrix costs what its picture costs. Painted into SVG or PDF
they become one rectangle per run of equal colour, crisp at any zoom.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPaintEngine, QPainter, QPen, QStaticText

from explorer.model.heatmap import UNDEFINED_INDEX, HeatmapScores, color_indices
from explorer.qt.heatmap import style
from explorer.qt.heatmap.layout import MIN_FONT_PX, decimals_floor, number_font
from explorer.qt.heatmap.text import font_at

#: Up to this many visible cells, SVG and PDF get one rectangle per run of cells.
VECTOR_CELL_LIMIT = 160_000
#: Beyond that, SVG and PDF embed the cells as an image of at most this many pixels a side.
VECTOR_IMAGE_CELLS = 2048
_VECTOR_ENGINES = (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf)


def visible_range(item: pg.GraphicsObject, n: int) -> tuple[int, int, int, int]:
    """(first row, end row, first column, end column) of the cells in view."""
    vb = item.getViewBox()
    rect = QRectF(0, 0, n, n)
    if vb is not None:
        rect = rect.intersected(vb.viewRect())
    if rect.isEmpty():
        return 0, 0, 0, 0
    clip = lambda v: int(min(max(v, 0), n))  # noqa: E731
    return (
        clip(math.floor(rect.top())),
        clip(math.ceil(rect.bottom())),
        clip(math.floor(rect.left())),
        clip(math.ceil(rect.right())),
    )


def device_scale(painter: QPainter) -> tuple[float, float]:
    """Device pixels per cell, horizontally and vertically."""
    t = painter.worldTransform()
    ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
    return math.hypot(t.m11(), t.m12()) * ratio, math.hypot(t.m21(), t.m22()) * ratio


def _samples(start: int, end: int, pixels: int) -> np.ndarray:
    """Cell positions to show: all of them, or one per device pixel (nearest)."""
    count = end - start
    if count <= pixels:
        return np.arange(start, end)
    return start + ((np.arange(pixels) + 0.5) * (count / pixels)).astype(np.intp)


#: The cells' texts laid out: the font, and per text colour (row, column, text, half width, half height).
_Layout = tuple[QFont, list[tuple[QColor, list[tuple[int, int, QStaticText, float, float]]]]]


class MatrixItem(pg.GraphicsObject):
    """An item that covers the N x N cells, one unit per cell, and repaints when the data change."""

    def __init__(self, data: HeatmapScores):
        super().__init__()
        self.data = data

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.data.n, self.data.n)

    def data_changed(self) -> None:
        """Scores, order or style changed: paint again."""
        self.prepareGeometryChange()
        self.update()


class CellsItem(MatrixItem):
    """All N x N cells coloured by score; undefined scores grey and hatched."""

    def __init__(self, data: HeatmapScores):
        super().__init__(data)
        self._cache_key: tuple[int, ...] | None = None
        self._cache: tuple[QImage, np.ndarray] | None = None

    def paint(self, painter: QPainter, option, widget=None) -> None:
        data = self.data
        r0, r1, c0, c1 = visible_range(self, data.n)
        if r1 <= r0 or c1 <= c0:
            return
        sx, sy = device_scale(painter)
        engine = painter.paintEngine().type() if painter.paintEngine() else None
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            if engine in _VECTOR_ENGINES and (r1 - r0) * (c1 - c0) <= VECTOR_CELL_LIMIT:
                rows, cols = np.arange(r0, r1), np.arange(c0, c1)
                index = color_indices(data.display_scores(rows, cols), data.color_lo, data.color_hi)
                self._paint_rects(painter, index, r0, c0, min(sx, sy))
            else:
                if engine in _VECTOR_ENGINES:  # too many rectangles: one image, a pixel per cell
                    rows, cols = _samples(r0, r1, VECTOR_IMAGE_CELLS), _samples(c0, c1, VECTOR_IMAGE_CELLS)
                else:  # one sample per device pixel
                    rows = _samples(r0, r1, max(1, math.ceil((r1 - r0) * sy)))
                    cols = _samples(c0, c1, max(1, math.ceil((c1 - c0) * sx)))
                image, index = self._image(rows, cols)
                painter.drawImage(QRectF(c0, r0, c1 - c0, r1 - r0), image)
            if min(sx, sy) >= 3 and len(rows) == r1 - r0 and len(cols) == c1 - c0:
                self._paint_undefined(painter, index == UNDEFINED_INDEX, r0, c0, sx)
        finally:
            painter.restore()

    def _image(self, rows: np.ndarray, cols: np.ndarray) -> tuple[QImage, np.ndarray]:
        key = (self.data.version, rows[0], rows[-1], len(rows), cols[0], cols[-1], len(cols))
        cache = self._cache
        if key != self._cache_key or cache is None:
            index = color_indices(self.data.display_scores(rows, cols), self.data.color_lo, self.data.color_hi)
            argb = style.lookup_table(self.data.colormap).take(index)
            image = QImage(argb.data, argb.shape[1], argb.shape[0], argb.strides[0], QImage.Format.Format_RGB32)
            image.ndarray = argb  # type: ignore[attr-defined]  # keeps the pixels alive as long as the image
            cache = (image, index)
            self._cache_key, self._cache = key, cache
        return cache

    def _paint_rects(self, painter: QPainter, index: np.ndarray, r0: int, c0: int, scale: float) -> None:
        lut = style.lookup_table(self.data.colormap)
        painter.setPen(Qt.PenStyle.NoPen)
        rows, cols = index.shape
        # Inner cells overlap their right and lower neighbours by about a device pixel (a third of the
        # cell at most), so that viewers smoothing the edges draw no seams between them.
        overlap = min(0.33, max(0.02, 1.0 / scale)) if scale > 0 else 0.02
        for i, row in enumerate(index):
            breaks = np.flatnonzero(np.diff(row)) + 1
            starts = np.concatenate(([0], breaks))
            ends = np.concatenate((breaks, [len(row)]))
            down = overlap if i < rows - 1 else 0.0
            for start, end in zip(starts.tolist(), ends.tolist()):
                right = overlap if end < cols else 0.0
                color = QColor.fromRgb(int(lut[row[start]]))
                painter.fillRect(QRectF(c0 + start, r0 + i, end - start + right, 1 + down), color)

    def _paint_undefined(self, painter: QPainter, undefined: np.ndarray, r0: int, c0: int, sx: float) -> None:
        """Hatch the undefined cells so they never read as a score.

        The strokes are cut to the cells here (not by a clip, which SVG output would drop).
        """
        if not undefined.any():
            return
        step = 7.0 / sx  # about 7 device pixels between strokes
        lines = []
        for i, row in enumerate(undefined):
            padded = np.concatenate(([False], row, [False])).astype(np.int8)
            edges = np.flatnonzero(np.diff(padded))
            y0, y1 = r0 + i, r0 + i + 1
            for start, end in zip(edges[::2].tolist(), edges[1::2].tolist()):
                x0, x1 = c0 + start, c0 + end
                # Strokes x + y = k, phase-locked to the whole grid so runs join up.
                k = math.ceil((x0 + y0) / step) * step
                while k < x1 + y1:
                    lines.append(QPointF(max(x0, k - y1), min(y1, k - x0)))
                    lines.append(QPointF(min(x1, k - y0), max(y0, k - x1)))
                    k += step
        pen = QPen(QColor(70, 70, 70))
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.drawLines(lines)


class NumbersItem(MatrixItem):
    """The score in every visible cell, when the cells are big enough to read it.

    Painted in device pixels (so the font does not scale with the cells) in
    black or white, whichever contrasts more with the cell's colour. The font
    is the largest at which the widest number fits a cell (see
    :func:`~explorer.qt.heatmap.layout.number_font`), at least
    :data:`~explorer.qt.heatmap.layout.MIN_FONT_PX`; below that nothing is
    drawn. The texts of the visible cells are formatted and laid out once
    (QStaticText) and kept until the scores, the view or the cell size change.
    """

    #: At most this many numbers are drawn at once (zoom in to read more).
    MAX_NUMBERS = 40_000

    def __init__(self, data: HeatmapScores, base: QFont | None = None):
        super().__init__(data)
        self.base = QFont(base) if base is not None else QFont()
        #: The largest font (logical pixels) of the page, and the smallest worth drawing.
        self.max_px = 24.0
        self.min_px = MIN_FONT_PX
        #: Device pixels per figure pixel (the export's DPI scale), for the font.
        self.scale = 1.0
        self.last_count = 0  # how many numbers the last paint drew (for tests and benchmarks)
        #: Boxes (own coordinates, cell units) of the numbers the last paint drew.
        self.text_boxes: list[tuple[str, QRectF]] = []
        self.record_boxes = False
        self._layout_key: tuple[float, ...] | None = None
        self._layout: _Layout | None = None
        self._statics: dict[tuple[str, int, str], QStaticText] = {}

    def font_for(self, cell_px: float) -> tuple[float, int]:
        """(font px in figure pixels, decimals) for cells of ``cell_px`` figure pixels; font 0: none fit."""
        return number_font(self.data, cell_px, self.base, self.min_px, self.max_px, decimals_floor(self.data))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.last_count = 0
        self.text_boxes = []
        data = self.data
        if not data.annotate or data.n == 0:
            return
        r0, r1, c0, c1 = visible_range(self, data.n)
        t = painter.worldTransform()
        cw, ch = math.hypot(t.m11(), t.m12()), math.hypot(t.m21(), t.m22())
        count = (r1 - r0) * (c1 - c0)
        if count == 0 or count > self.MAX_NUMBERS or ch < self.min_px * self.scale:
            return
        key = (data.version, r0, r1, c0, c1, round(cw * 4), round(ch * 4), self.scale)
        if key != self._layout_key:
            self._layout_key, self._layout = key, self._lay_out(r0, r1, c0, c1, cw, ch)
        if self._layout is None:
            return
        font, groups = self._layout
        painter.save()
        try:
            painter.resetTransform()
            painter.setFont(font)
            origin = t.map(QPointF(c0, r0))
            ox, oy = origin.x(), origin.y()
            for color, cells in groups:
                painter.setPen(color)
                for i, j, static, half_w, half_h in cells:
                    painter.drawStaticText(QPointF(ox + (j + 0.5) * cw - half_w, oy + (i + 0.5) * ch - half_h), static)
                self.last_count += len(cells)
        finally:
            painter.restore()
        if self.record_boxes:
            self._record(groups, t, r0, c0, cw, ch)

    def _record(self, groups, t, r0: int, c0: int, cw: float, ch: float) -> None:
        """Keep the drawn boxes in cell units (for checks that no text overlaps another)."""
        for _color, cells in groups:
            for i, j, static, half_w, half_h in cells:
                x = c0 + j + 0.5 - half_w / cw
                y = r0 + i + 0.5 - half_h / ch
                self.text_boxes.append((static.text(), QRectF(x, y, 2 * half_w / cw, 2 * half_h / ch)))

    def _lay_out(self, r0: int, r1: int, c0: int, c1: int, cw: float, ch: float) -> _Layout | None:
        """Font, and per text colour the cells (row, column, text, half width, half height) to draw."""
        data = self.data
        px, decimals = self.font_for(min(cw, ch) / self.scale)
        if px < self.min_px:
            return None
        font = font_at(self.base, px * self.scale)
        scores = data.display_scores(np.arange(r0, r1), np.arange(c0, c1))
        texts = data.cell_texts(np.arange(r0, r1), np.arange(c0, c1), decimals)
        dark = style.dark_text_table(data.colormap)[color_indices(scores, data.color_lo, data.color_hi)]
        laid_out = {}
        for text in {s for row in texts for s in row if s}:
            static = self._static_text(text, font)
            size = static.size()
            laid_out[text] = (static, size.width() / 2, size.height() / 2)
        groups: list[tuple[QColor, list[tuple[int, int, QStaticText, float, float]]]] = []
        for color, wanted in ((QColor(0, 0, 0), True), (QColor(255, 255, 255), False)):
            rows, cols = np.nonzero(dark == wanted)
            cells = [(i, j, *laid_out[texts[i][j]]) for i, j in zip(rows.tolist(), cols.tolist()) if texts[i][j]]
            groups.append((color, cells))
        return font, groups

    def _static_text(self, text: str, font: QFont) -> QStaticText:
        """A laid-out text, kept between layouts (cells repeat few strings)."""
        key = (text, font.pixelSize(), font.family())
        static = self._statics.get(key)
        if static is None:
            if len(self._statics) > 50_000:
                self._statics.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
            self._statics[key] = static
        return static


class PairOutline(pg.GraphicsObject):
    """Outlines the cells of the selected pair (both (a, b) and (b, a))."""

    def __init__(self):
        super().__init__()
        self._cells: list[tuple[int, int]] = []
        self._n = 0

    @property
    def cells(self) -> list[tuple[int, int]]:
        """The outlined display positions (row, column)."""
        return list(self._cells)

    def set_cells(self, cells: list[tuple[int, int]], n: int) -> None:
        """Display positions (row, column) to outline."""
        self.prepareGeometryChange()
        self._cells, self._n = cells, n
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-0.5, -0.5, self._n + 1, self._n + 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._cells:
            return
        for color, width in ((QColor(255, 255, 255), 4.0), (QColor(0, 0, 0), 2.0)):
            pen = QPen(color)
            pen.setCosmetic(True)
            pen.setWidthF(width)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for row, col in self._cells:
                painter.drawRect(QRectF(col, row, 1, 1))
