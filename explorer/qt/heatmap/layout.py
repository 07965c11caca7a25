"""Where everything of a heatmap figure goes, computed from text metrics so that nothing overlaps.

:func:`compute_layout` takes the page's size (logical pixels, 96 to the inch)
and what the figure shows, and returns a :class:`FigureLayout`: rectangles
for the title, the dendrograms, the row and column labels, the cells, the
colour bar with its tick numbers and its title, and the font sizes.

- Labels and numbers scale together with the cell size: the label font is
  what a cell's height holds (between :data:`MIN_FONT_PX` and a maximum that
  grows with the page), and at most 1.25 times the numbers' font when numbers
  are shown; the numbers take the largest font their widest text fits in a cell.
- When the numbers would need a font below :data:`MIN_FONT_PX`, they are left
  out and :attr:`FigureLayout.numbers_note` says so.
- Row labels are thinned (every 2nd, 5th, 10th, ...) when a line is taller
  than a cell; column labels turn upright when they are wider than a cell.
  Long labels are shortened in the middle, so 'Cross-laminated … 3, five layers'
  still tells labels apart that share their beginning.
- The colour bar's title sits outside its tick numbers; margins fit the content,
  and what is left of the page is shared equally around it.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from explorer.model.heatmap import HeatmapScores
from explorer.qt.heatmap.text import REFERENCE_PX, font_at, label_step, label_widths, line_height

#: Smallest font (logical pixels; 6 pt) used for labels and numbers.
MIN_FONT_PX = 8.0
#: Largest font: grows with the page, between these.
MAX_FONT_RANGE = (11.0, 24.0)
#: Long labels take at most this share of the page's width (row labels) or height (column labels).
LABEL_SHARE = 0.25
NUMBERS_HIDDEN = "numbers hidden: cells too small"
#: Labels thinned to every k-th (cells smaller than a line) take this share of the largest font.
THINNED_SHARE = 0.6


@dataclass
class FigureLayout:
    """The rectangles (page coordinates, logical pixels) and fonts of one heatmap figure."""

    width: float
    height: float
    cells: QRectF
    cell: float  # the side of one cell
    max_px: float  # the largest font the page allows (labels and numbers)
    label_px: float
    bar_px: float
    title_px: float
    number_px: float  # 0 when the numbers are hidden
    decimals: int
    numbers_note: str = ""
    title: QRectF | None = None
    top_tree: QRectF | None = None
    left_tree: QRectF | None = None
    row_labels: QRectF = field(default_factory=QRectF)
    row_side: str = "left"
    column_labels: QRectF = field(default_factory=QRectF)
    column_upright: bool = False
    row_step: int = 1
    column_step: int = 1
    row_label_max: float = 0.0  # row labels are shortened to this width
    column_label_max: float = 0.0
    bar: QRectF = field(default_factory=QRectF)
    ticks: QRectF = field(default_factory=QRectF)
    bar_title: QRectF = field(default_factory=QRectF)  # the title's box, upright, beside the ticks


def max_font_px(width: float, height: float) -> float:
    """The largest label font for a page: a 1200 x 1000 picture gets 21 px, a 12 x 9 cm figure 11 px."""
    low, high = MAX_FONT_RANGE
    return min(high, max(low, min(width, height) / 48))


def decimals_floor(data: HeatmapScores) -> int:
    """The fewest decimals the numbers may drop to: the asked-for digits, else one fewer than the metric's."""
    return data.decimals if data.digits is not None else max(0, data.decimals - 1)


def numbers_fit(data: HeatmapScores, cell: float, base: QFont, decimals: int) -> float:
    """The largest font (pixels) at which the widest number fits in a cell of side ``cell``;
    0 when no cell shows a number."""
    room = 0.84 * cell - 1.0  # a margin inside the cell, so neighbouring numbers never touch
    metrics = QFontMetricsF(font_at(base, REFERENCE_PX))
    tall = metrics.height() / REFERENCE_PX
    if room / tall < 1.0:
        return 0.0  # not even a one-pixel line fits: no need to look at the numbers
    texts = _sample_texts(data, decimals)
    if not texts:
        return 0.0
    widest = max(metrics.horizontalAdvance(t) for t in texts) / REFERENCE_PX
    return max(0.0, min(room / widest if widest else math.inf, room / tall))


def _sample_texts(data: HeatmapScores, decimals: int) -> list[str]:
    """The longest cell texts (digits share one width in most fonts: the longest few are enough)."""
    key = ("longest texts", id(data.matrix), data.version, decimals)
    texts = data.cache.get(key)
    if texts is None:
        if len(data.cache) > 32:
            data.cache.clear()
        texts = data.cache[key] = _longest_texts(data, decimals)
    return texts


def _longest_texts(data: HeatmapScores, decimals: int) -> list[str]:
    n = data.n
    if n == 0:
        return []
    if n > 200:  # the widest texts are those of the extreme and the sign-carrying scores
        with np.errstate(invalid="ignore"):
            low, high = float(np.fmin.reduce(data.matrix, axis=None)), float(np.fmax.reduce(data.matrix, axis=None))
        if np.isnan(low):
            return []
        sample = np.array([[low, high, -max(abs(low), abs(high)) * 0.99, (low + high) / 2]])
        from explorer.model.heatmap_numbers import cell_texts

        return [t for t in cell_texts(sample, decimals)[0] if t]
    texts = {t for row in data.cell_texts(np.arange(n), np.arange(n), decimals) for t in row if t}
    longest = max((len(t) for t in texts), default=0)
    return sorted(t for t in texts if len(t) >= longest - 1)[:40]


def compute_layout(
    data: HeatmapScores,
    width: float,
    height: float,
    base: QFont,
    max_px: float | None = None,
    min_px: float = MIN_FONT_PX,
) -> FigureLayout:
    """Lay a figure of ``data`` out on a ``width`` x ``height`` page (see the module's docstring)."""
    top = max_px if max_px is not None else max_font_px(width, height)
    labels = tuple(data.display_labels())
    f = top
    decimals = data.decimals
    floor_decimals = decimals_floor(data)
    result = None
    for _ in range(10):
        result = _placed(data, labels, width, height, base, f, top, min_px)
        cell = result.cell
        wanted = min(top, max(min_px, cell / 1.3))
        if cell / 1.3 < min_px:  # labels are thinned anyway: a size that reads well
            wanted = max(min_px, THINNED_SHARE * top)
        number_px, decimals = number_font(data, cell, base, min_px, top, floor_decimals)
        if number_px:
            wanted = min(wanted, max(min_px, 1.25 * number_px))
        if wanted >= f - 0.25:
            break
        f = wanted
    assert result is not None
    number_px, decimals = number_font(data, result.cell, base, min_px, top, floor_decimals)
    result.number_px = number_px
    result.decimals = decimals
    if data.annotate and data.n and not number_px:
        result.numbers_note = NUMBERS_HIDDEN
    return result


def number_font(
    data: HeatmapScores, cell: float, base: QFont, min_px: float, top: float, floor_decimals: int
) -> tuple[float, int]:
    """(font px, decimals) of the numbers in cells of side ``cell``; font 0 when they do not fit.

    With the metric's own decimals, one decimal may be given up (down to
    ``floor_decimals``) before the numbers are left out.
    """
    if not data.annotate or data.n == 0:
        return 0.0, data.decimals
    for decimals in range(data.decimals, floor_decimals - 1, -1):
        fit = min(numbers_fit(data, cell, base, decimals), top)
        if fit >= min_px:
            return fit, decimals
    return 0.0, data.decimals


#: Rectangles placed lately, by everything :func:`_place` reads: an edit that changes no label, no colour
#: bar range and no title (most edits) finds the rectangles already placed, without measuring labels again.
_PLACED: dict[tuple, FigureLayout] = {}
#: How many placements are remembered.
PLACED_KEPT = 64


def _placed(
    data: HeatmapScores,
    labels: tuple[str, ...],
    width: float,
    height: float,
    base: QFont,
    f: float,
    top: float,
    min_px: float,
) -> FigureLayout:
    """:func:`_place`, or the same placement made before (a copy of its own: the caller fills in the numbers)."""
    key: tuple[object, ...] = (labels, width, height, base.key(), f, top, min_px, data.n, data.shows_dendrogram)
    key += (data.lo, data.hi, data.title, data.decimals)
    found = _PLACED.get(key)
    if found is None:
        if len(_PLACED) >= PLACED_KEPT:
            _PLACED.clear()
        found = _PLACED[key] = _place(data, labels, width, height, base, f, top, min_px)
    rects: dict[str, Any] = {name: QRectF(value) for name, value in vars(found).items() if isinstance(value, QRectF)}
    return dataclasses.replace(found, **rects)


def _place(
    data: HeatmapScores,
    labels: tuple[str, ...],
    width: float,
    height: float,
    base: QFont,
    f: float,
    top: float,
    min_px: float,
) -> FigureLayout:
    """Every rectangle for label font ``f``."""
    n = max(1, data.n)
    line = line_height(base, f)
    bar_px = min(top, max(f, 0.75 * top))
    bar_line = line_height(base, bar_px)
    title_px = 1.2 * bar_px
    gap = max(2.0, 0.3 * line)
    margin = max(4.0, 0.6 * bar_line)
    tree = data.shows_dendrogram
    tree_depth = min(120.0, max(24.0, 0.12 * min(width, height))) if tree else 0.0

    widths = label_widths(labels, base, f) if labels else np.zeros(1)
    row_max = max(3 * line, LABEL_SHARE * width)
    col_max = max(3 * line, LABEL_SHARE * height)
    row_depth = min(float(widths.max()), row_max) + gap
    col_upright_depth = min(float(widths.max()), col_max) + gap

    # The colour bar: strip, tick marks, tick numbers, title (upright, outside the numbers).
    from explorer.qt.heatmap.colorbar import ticks_with_texts

    strip = max(10.0, 0.9 * bar_line)
    tick = max(3.0, 0.3 * bar_line)
    tick_metrics = QFontMetricsF(font_at(base, bar_px))

    def tick_width(length: float) -> float:
        texts = [text for _value, text in ticks_with_texts(data.lo, data.hi, length, bar_line)]
        return max((tick_metrics.horizontalAdvance(text) for text in texts), default=0.0)

    title_line = line_height(base, title_px) if data.title else 0.0
    fixed_y_top = margin + (title_line + gap if data.title else 0) + (tree_depth + gap if tree else 0)
    if data.title and not tree:
        fixed_y_top += bar_line / 2
    # Half a line of the colour bar's end numbers may stand above the cells.
    fixed_y_top = max(fixed_y_top, margin + bar_line / 2)

    def side_for(upright: bool, ticks_wide: float) -> float:
        bar_total = 2 * gap + strip + tick + gap + ticks_wide + 2 * gap + bar_line
        fixed_x = 2 * margin + tree_depth + (gap if tree else 0) + row_depth + 2 * gap + bar_total
        depth = col_upright_depth if upright else line + gap
        fixed_y = fixed_y_top + gap + depth + max(margin, bar_line / 2)
        return max(1.0, min(width - fixed_x, height - fixed_y))

    # The ticks' width depends on the bar's length, which depends on the room they leave: settle it.
    ticks_wide = tick_width(0.7 * min(width, height))
    for _ in range(4):
        side = side_for(True, ticks_wide)
        upright = float(widths.max()) > side / n - gap
        if not upright:
            side = side_for(False, ticks_wide)
        needed = tick_width(side)
        if needed <= ticks_wide:
            break
        ticks_wide = needed
    cell = side / n
    bar_total = 2 * gap + strip + tick + gap + ticks_wide + 2 * gap + bar_line
    fixed_x = 2 * margin + tree_depth + (gap if tree else 0) + row_depth + 2 * gap + bar_total
    col_depth = col_upright_depth if upright else line + gap

    # Share what is left equally around the content.
    content_w = fixed_x - 2 * margin + side
    content_h = fixed_y_top - margin + side + gap + col_depth
    left = max(margin, (width - content_w) / 2)
    top_y = max(margin, (height - content_h - max(margin, bar_line / 2) + margin) / 2)
    top_y = max(top_y, margin)
    y = top_y
    layout_title = None
    if data.title:
        layout_title = QRectF(0, y, 0, title_line)  # x set below, over the cells
        y += title_line + gap
    top_tree = None
    if tree:
        top_tree = QRectF(0, y, 0, tree_depth)
        y += tree_depth + gap
    elif data.title:  # the colour bar's top number stands half a line above the cells: not into the title
        y += bar_line / 2
    y = max(y, margin + bar_line / 2)
    x = left
    left_tree = None
    if tree:
        left_tree = QRectF(x, y, tree_depth, side)
        x += tree_depth + gap
        cells = QRectF(x, y, side, side)
        row_labels = QRectF(cells.right() + gap, y, row_depth - gap, side)
        row_side = "right"
        after_labels = row_labels.right()
    else:
        row_labels = QRectF(x, y, row_depth - gap, side)
        cells = QRectF(row_labels.right() + gap, y, side, side)
        row_side = "left"
        after_labels = cells.right()
    if top_tree is not None:
        top_tree.setLeft(cells.left())
        top_tree.setWidth(side)
    column_labels = QRectF(cells.left(), cells.bottom() + gap, side, col_depth - gap)
    bar_left = after_labels + 2 * gap
    bar = QRectF(bar_left, cells.top(), strip, side)
    ticks = QRectF(bar.right() + tick + gap, cells.top() - bar_line / 2, ticks_wide, side + bar_line)
    bar_title = QRectF(ticks.right() + 2 * gap, cells.top(), bar_line, side)
    if layout_title is not None:
        title_width = QFontMetricsF(font_at(base, title_px, bold=True)).horizontalAdvance(data.title)
        centre = cells.center().x()
        half = min(title_width / 2 + 1, width / 2 - margin)
        centre = min(max(centre, margin + half), width - margin - half)
        layout_title.setLeft(centre - half)
        layout_title.setWidth(2 * half)

    row_step = label_step(cell, line)
    if upright:
        column_step = row_step
    else:
        column_step = 1
        while column_step < n and float(widths.max()) > column_step * cell - gap:
            column_step = next(s for s in _steps() if s > column_step)
    layout = FigureLayout(
        width=width,
        height=height,
        cells=cells,
        cell=cell,
        max_px=top,
        label_px=f,
        bar_px=bar_px,
        title_px=title_px,
        number_px=0.0,
        decimals=data.decimals,
        title=layout_title,
        top_tree=top_tree,
        left_tree=left_tree,
        row_labels=row_labels,
        row_side=row_side,
        column_labels=column_labels,
        column_upright=upright,
        row_step=row_step,
        column_step=column_step,
        row_label_max=row_max,
        column_label_max=col_max if upright else cell * column_step - gap,
        bar=bar,
        ticks=ticks,
        bar_title=bar_title,
    )
    return layout


def _steps():
    base = 1
    while True:
        for m in (1, 2, 5):
            yield m * base
        base *= 10
