"""The heatmap picture: title, row and column labels, the cells, a colour bar.

One :class:`HeatmapFigure` is what the panel shows and what every export
renders (offscreen, at the requested size): one drawing path, not two. It
only draws what its :class:`HeatmapData` holds; it never computes scores.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QSizePolicy

from explorer.qt.heatmap.colorbar import ColorBar
from explorer.qt.heatmap.data import HeatmapData
from explorer.qt.heatmap.items import CellsItem, NumbersItem, PairOutline
from explorer.qt.heatmap.labels import LabelAxis

BACKGROUND = QColor(255, 255, 255)
FOREGROUND = QColor(20, 20, 20)


def figure_font(pixel_size: int = 12) -> QFont:
    """The application's font at ``pixel_size`` pixels."""
    font = QFont(QGuiApplication.font())
    font.setPixelSize(pixel_size)
    return font


class HeatmapFigure(pg.GraphicsLayout):
    """Labels left and below, cells in a ViewBox (one unit = one cell), colour bar right."""

    def __init__(self, data: HeatmapData, font_px: int = 12, label_px: float = 160.0):
        super().__init__()
        self.data = data
        #: The rectangle to fill when exported (None: the viewport of the view showing the figure).
        self.target: QRectF | None = None
        self.font = figure_font(font_px)
        self.label_px = label_px
        self.setContentsMargins(6, 6, 6, 6)
        self.layout.setHorizontalSpacing(2)
        self.layout.setVerticalSpacing(2)
        self.title = pg.LabelItem("", color=FOREGROUND, size=f"{round(font_px * 1.25)}px", bold=True)
        self.view = pg.ViewBox(invertY=True, lockAspect=True, enableMenu=False, defaultPadding=0)
        self.view.setMouseEnabled(x=True, y=True)
        self.cells = CellsItem(data)
        self.numbers = NumbersItem(data, font_px)
        self.outline = PairOutline()
        for item in (self.cells, self.numbers, self.outline):
            self.view.addItem(item, ignoreBounds=item is not self.cells)
        self.left = LabelAxis(data, self.view, "left", self.font, label_px)
        self.bottom = LabelAxis(data, self.view, "bottom", self.font, label_px)
        self.colorbar = ColorBar(data, self.font)
        self.addItem(self.left, row=1, col=1)
        self.addItem(self.view, row=1, col=2)
        self.addItem(self.colorbar, row=1, col=3)
        self.addItem(self.bottom, row=2, col=2)
        # Spacers take the room a square matrix leaves, so labels and colour bar hug the cells.
        self._spacers = [pg.GraphicsWidget() for _ in range(3)]
        self.addItem(self._spacers[0], row=1, col=0)
        self.addItem(self._spacers[1], row=1, col=4)
        self.addItem(self._spacers[2], row=3, col=2)
        for spacer in self._spacers:
            spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            spacer.setMinimumSize(0, 0)
        self.structure_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "_spacers"):  # not during construction
            self.fit_square()

    def fit_square(self) -> None:
        """Size the cells' view to the largest square that fits beside labels and colour bar."""
        requested = self._available()
        width, height = requested.width(), requested.height()
        self._fit_label_room(width, height)
        left, top, right, bottom = self.layout.getContentsMargins()
        spacing_x, spacing_y = self.layout.horizontalSpacing(), self.layout.verticalSpacing()
        title = self.title.preferredHeight() + spacing_y if self.data.title else 0.0
        free_x = width - left - right - self.left.preferredWidth() - self.colorbar.preferredWidth() - 4 * spacing_x
        free_y = height - top - bottom - title - self.bottom.preferredHeight() - 3 * spacing_y
        side = max(20.0, min(free_x, free_y))
        if abs(self.view.preferredWidth() - side) > 0.5 or abs(self.view.preferredHeight() - side) > 0.5:
            self.view.setFixedWidth(side)
            self.view.setFixedHeight(side)
            if self.geometry() != requested:
                # A view fixed for a larger size kept the figure from shrinking: shrink it now.
                self.setGeometry(requested)

    def _fit_label_room(self, width: float, height: float) -> None:
        """Long labels take at most a quarter of the room along their edge, so a short panel keeps
        its cells large enough to read (a docked heatmap is wide but low)."""
        for axis, room in ((self.left, width), (self.bottom, height)):
            limit = max(48.0, min(self.label_px, 0.25 * room))
            if abs(axis.max_px - limit) > 0.5:
                axis.max_px = limit
                axis.labels_changed()

    def _available(self) -> QRectF:
        """The room the figure has: the export's size, or the viewport of the view showing it."""
        if self.target is not None:
            return QRectF(self.target)
        views = self.scene().views() if self.scene() is not None else []
        if views:
            return QRectF(views[0].viewport().rect())
        return QRectF(self.geometry())

    # ------------------------------------------------------------ updates
    def structure_changed(self) -> None:
        """Vectors or order changed: labels, cells, range of the view."""
        n = self.data.n
        self.left.labels_changed()
        self.bottom.labels_changed()
        self.fit_square()
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
        self.show_all()
        self.outline.set_cells([], n)
        self.restyle()

    def show_all(self) -> None:
        """View the whole matrix (after zooming in)."""
        side = max(self.data.n, 1)
        self.view.setRange(QRectF(0, 0, side, side), padding=0)

    def labels_changed(self) -> None:
        """Labels were renamed (same vectors, same order)."""
        self.left.labels_changed()
        self.bottom.labels_changed()
        self.fit_square()

    def scores_changed(self) -> None:
        """Some scores changed (an edit): cells, numbers and the colour bar's range."""
        self.data.changed()
        self._update_colorbar()
        self.cells.data_changed()
        self.numbers.data_changed()

    def restyle(self) -> None:
        """Colour map, title, annotation or order changed: paint again, nothing recomputed."""
        self.data.changed()
        self.title.setText(self.data.title, color=FOREGROUND)
        shown = self.title in self.items
        if self.data.title and not shown:
            self.addItem(self.title, row=0, col=1, colspan=3)
        elif not self.data.title and shown:
            self.removeItem(self.title)
        self._update_colorbar()
        self.cells.data_changed()
        self.numbers.data_changed()

    def _update_colorbar(self) -> None:
        self.colorbar.restyle()

    def set_render_scale(self, scale: float) -> None:
        """Device pixels per figure pixel when rendered (export at a DPI)."""
        self.numbers.scale = scale

    # ----------------------------------------------------------- geometry
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
