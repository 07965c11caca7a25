"""Checks on a drawn heatmap figure: no text box overlaps another, none leaves the page."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

TOLERANCE = 0.5  # logical pixels: rounding of glyph positions


def collisions(boxes: list[tuple[str, str, QRectF]], page: QRectF) -> list[str]:
    """What is wrong with ``boxes`` (part, text, rectangle in page coordinates): each overlap and
    each box outside ``page``, said in words; empty when the figure is clean."""
    problems = []
    for part, text, box in boxes:
        if not page.adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE).contains(box):
            problems.append(f"{part} '{text}' at {box.getRect()} leaves the page {page.getRect()}")
    if not boxes:
        return problems
    rects = np.array([box.getCoords() for _part, _text, box in boxes])  # x0, y0, x1, y1
    order = np.argsort(rects[:, 0], kind="stable")
    rects = rects[order]
    starts = rects[:, 0]
    for i in range(len(rects)):
        x0, y0, x1, y1 = rects[i]
        end = np.searchsorted(starts, x1 - TOLERANCE, side="left")
        if end <= i + 1:
            continue
        others = rects[i + 1 : end]
        overlap = (np.minimum(x1, others[:, 2]) - np.maximum(x0, others[:, 0]) > TOLERANCE) & (
            np.minimum(y1, others[:, 3]) - np.maximum(y0, others[:, 1]) > TOLERANCE
        )
        for j in np.flatnonzero(overlap)[:3]:
            a, b = boxes[order[i]], boxes[order[i + 1 + j]]
            problems.append(f"{a[0]} '{a[1]}' {a[2].getRect()} overlaps {b[0]} '{b[1]}' {b[2].getRect()}")
        if len(problems) > 20:
            break
    return problems
