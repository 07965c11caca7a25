"""The heatmap picture: title, dendrograms, row and column labels, the cells, a colour bar.

One :class:`HeatmapFigure` is what the panel shows and what every export
renders (offscreen, at the requested size): one drawing path, not two. It
only draws what its :class:`~explorer.model.heatmap.HeatmapScores` holds;
it never computes scores. Where each part goes is computed from text metrics
by :func:`~explorer.qt.heatmap.layout.compute_layout` whenever the figure's
size, the scores or the style change.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPainter

from explorer.model.heatmap import HeatmapScores
from explorer.qt.heatmap.colorbar import ColorBar
from explorer.qt.heatmap.dendrogram import DendrogramItem
from explorer.qt.heatmap.items import CellsItem, NumbersItem, PairOutline
from explorer.qt.heatmap.labels import LabelAxis
from explorer.qt.heatmap.layout import MIN_FONT_PX, NUMBERS_HIDDEN, FigureLayout, compute_layout
from explorer.qt.heatmap.text import font_at

BACKGROUND = QColor(255, 255, 255)
FOREGROUND = QColor(20, 20, 20)


def figure_font() -> QFont:
    """The application's font family (its size is set by the layout)."""
    return QFont(QGuiApplication.font())


class TitleItem(pg.GraphicsWidget):
    """The figure's title, bold, on one line (shortened at the end when too long)."""

    def __init__(self):
        super().__init__()
        self.text = ""
        self.font = QFont()
        self.text_boxes: list[tuple[str, QRectF]] = []

    def set_layout(self, rect: QRectF | None, text: str, font: QFont) -> None:
        self.setVisible(rect is not None and bool(text))
        self.text, self.font = text, QFont(font)
        if rect is not None:
            self.setPos(rect.topLeft())
            self.resize(rect.width(), rect.height())
        self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        self.text_boxes = []
        metrics = QFontMetricsF(self.font)
        text = metrics.elidedText(self.text, Qt.TextElideMode.ElideRight, self.width())
        if not text:
            return
        width = metrics.horizontalAdvance(text)
        box = QRectF((self.width() - width) / 2, 0, width, self.height())
        painter.setFont(self.font)
        painter.setPen(FOREGROUND)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        self.text_boxes.append((text, box))


class HeatmapFigure(pg.GraphicsWidget):
    """Cells in a ViewBox (one unit = one cell), labels, colour bar, title and dendrograms, laid out
    from text metrics for the figure's size.

    ``max_px`` caps the label font (None: it grows with the size, as for an
    exported page); ``min_px`` is the smallest font used.
    """

    def __init__(self, data: HeatmapScores, max_px: float | None = None, min_px: float = MIN_FONT_PX):
        super().__init__()
        self.data = data
        self.base = figure_font()
        self.max_px = max_px
        self.min_px = min_px
        self.result: FigureLayout | None = None
        self.view = pg.ViewBox(invertY=True, lockAspect=True, enableMenu=False, defaultPadding=0)
        self.view.setParentItem(self)
        self.view.setMouseEnabled(x=True, y=True)
        self.cells = CellsItem(data)
        self.numbers = NumbersItem(data, self.base)
        self.outline = PairOutline()
        for item in (self.cells, self.numbers, self.outline):
            self.view.addItem(item, ignoreBounds=item is not self.cells)
        font = font_at(self.base, 12)
        self.rows = LabelAxis(data, self.view, "rows", font)
        self.columns = LabelAxis(data, self.view, "columns", font)
        self.colorbar = ColorBar(data, font)
        self.title = TitleItem()
        self.top_tree = DendrogramItem(data, self.view, "top")
        self.left_tree = DendrogramItem(data, self.view, "left")
        for item in (self.rows, self.columns, self.colorbar, self.title, self.top_tree, self.left_tree):
            item.setParentItem(self)
        self._sized = False
        self._waiting = False  # a relayout waits for the view to be shown
        self.structure_changed()

    # ------------------------------------------------------------- layout
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.relayout()

    def relayout(self) -> None:
        """Place every part for the figure's size (see :mod:`explorer.qt.heatmap.layout`).

        While the view showing the figure is hidden (a panel being built, a closed dock) this waits
        for :meth:`view_shown`: the sizes a hidden view passes through are never seen.
        """
        size = self.size()
        width, height = size.width(), size.height()
        if width < 2 or height < 2:
            return
        scene = self.scene()
        views = scene.views() if scene is not None else []
        if views and not any(view.isVisible() for view in views):
            self._waiting = True
            return
        self._waiting = False
        result = compute_layout(self.data, width, height, self.base, self.max_px, self.min_px)
        self.result = result
        label_font = font_at(self.base, result.label_px)
        bar_font = font_at(self.base, result.bar_px)
        self.view.setGeometry(result.cells)
        self.rows.set_layout(result.row_labels, label_font, result.row_label_max, result.row_side)
        self.columns.set_layout(
            result.column_labels, label_font, result.column_label_max, "bottom", result.column_upright
        )
        self.colorbar.set_layout(result.bar, result.ticks, result.bar_title, bar_font)
        self.title.set_layout(result.title, self.data.title, font_at(self.base, result.title_px, bold=True))
        self.top_tree.set_rect(result.top_tree)
        self.left_tree.set_rect(result.left_tree)
        self.numbers.max_px = result.max_px
        self.numbers.min_px = self.min_px
        self.numbers.data_changed()

    def view_shown(self) -> None:
        """The view showing the figure was shown: lay out what waited for it."""
        if self._waiting:
            self.relayout()

    # ------------------------------------------------------------ updates
    def structure_changed(self) -> None:
        """Vectors or order changed: labels, cells, range of the view."""
        n = self.data.n
        self.rows.labels_changed()
        self.columns.labels_changed()
        side = max(n, 1)
        # Zoom in to a few cells, out to a little more than the matrix; no further.
        self.view.setLimits(
            xMin=-0.1 * side,
            xMax=1.1 * side,
            yMin=-0.1 * side,
            yMax=1.1 * side,
            minXRange=min(2, side),
            minYRange=min(2, side),
        )
        self.outline.set_cells([], n)
        self.restyle()
        self.show_all()

    def show_all(self) -> None:
        """View the whole matrix (after zooming in)."""
        side = max(self.data.n, 1)
        self.view.setRange(QRectF(0, 0, side, side), padding=0)
        self.view.updateMatrix()

    def labels_changed(self) -> None:
        """Labels were renamed (same vectors, same order)."""
        self.data.changed()
        self.rows.labels_changed()
        self.columns.labels_changed()
        self.relayout()

    def scores_changed(self) -> None:
        """Some scores changed (an edit): cells, numbers and the colour bar's range."""
        self.data.changed()
        self.relayout()
        self.colorbar.restyle()
        self.cells.data_changed()

    def restyle(self) -> None:
        """Colour map, range, title, numbers or order changed: lay out and paint again, nothing recomputed."""
        self.data.changed()
        self.relayout()
        self.colorbar.restyle()
        self.cells.data_changed()
        for item in (self.top_tree, self.left_tree):
            item.update()

    def set_render_scale(self, scale: float) -> None:
        """Device pixels per figure pixel when rendered (export at a DPI)."""
        self.numbers.scale = scale

    def highlight(self, cell: tuple[int, int] | None) -> None:
        """Highlight the labels of the row and column of ``cell`` (display positions), or none."""
        self.rows.highlight(None if cell is None else cell[0])
        self.columns.highlight(None if cell is None else cell[1])

    # ----------------------------------------------------------- geometry
    def cell_pixels(self) -> float:
        """The side of a cell in figure pixels, as the view is zoomed now."""
        self.view.updateMatrix()  # the view applies a new range lazily, at its next paint
        a = self.mapFromItem(self.view.childGroup, QPointF(0, 0))
        b = self.mapFromItem(self.view.childGroup, QPointF(1, 1))
        return abs(b.x() - a.x())

    def numbers_note(self) -> str:
        """'numbers hidden: cells too small' when numbers are asked for and the cells in view cannot hold them."""
        data = self.data
        if not data.annotate or data.n == 0 or self.result is None:
            return ""
        view = self.view.viewRect().intersected(QRectF(0, 0, data.n, data.n))
        visible = max(0.0, view.width()) * max(0.0, view.height())
        px, _decimals = self.numbers.font_for(self.cell_pixels())
        if px < self.min_px or visible > NumbersItem.MAX_NUMBERS:
            return NUMBERS_HIDDEN
        return ""

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """Display (row, column) under a scene position, or None outside the cells."""
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.view.mapSceneToView(scene_pos)
        row, col = int(p.y() // 1), int(p.x() // 1)
        if 0 <= row < self.data.n and 0 <= col < self.data.n and p.x() >= 0 and p.y() >= 0:
            return row, col
        return None

    def cell_scene_center(self, row: int, col: int) -> QPointF:
        """The scene position of the centre of the cell at display (row, column)."""
        return self.view.mapViewToScene(QPointF(col + 0.5, row + 0.5))

    def text_boxes(self) -> list[tuple[str, str, QRectF]]:
        """Every text the last paint drew: (part, text, box in figure coordinates).

        Parts are 'title', 'rows', 'columns', 'colorbar' and 'numbers'; for checks that no text
        overlaps another or leaves the page.
        """
        boxes = []
        for part, item in (("title", self.title), ("rows", self.rows), ("columns", self.columns)):
            if item.isVisible():
                boxes += [(part, text, item.mapRectToItem(self, box)) for text, box in item.text_boxes]
        boxes += [("colorbar", text, self.colorbar.mapRectToItem(self, box)) for text, box in self.colorbar.text_boxes]
        boxes += [("numbers", text, self.numbers.mapRectToItem(self, box)) for text, box in self.numbers.text_boxes]
        return boxes
