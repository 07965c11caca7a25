"""Arrow geometry in plain numpy: shafts from the origin and open heads at the tips.

Each arrow is three segments (six points) for a ``connect='pairs'`` curve:
origin -> tip, tip -> one barb, tip -> the other barb. The plot keeps equal
scale on both axes, so heads drawn in data units keep their shape.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

#: Points per arrow in the segment arrays.
POINTS_PER_ARROW = 6


def arrow_segments(tips: np.ndarray, head: float) -> np.ndarray:
    """(k * 6) x 2 points drawing ``k`` arrows from the origin to ``tips``.

    ``head`` is the barb length in data units; short arrows get a head at most
    40 % of their own length. A zero tip collapses to a point at the origin.
    """
    tips = np.asarray(tips, dtype=np.float64).reshape(-1, 2)
    k = len(tips)
    out = np.zeros((k, POINTS_PER_ARROW, 2))
    if not k:
        return out.reshape(0, 2)
    # Scaled first: a tip at (1.7e308, 1.7e308) still has a direction (its length is beyond float64).
    size = np.max(np.abs(tips), axis=1)
    size = np.where(size > 0, size, 1.0)
    unit_length = np.hypot(tips[:, 0] / size, tips[:, 1] / size)
    with np.errstate(over="ignore"):
        length = unit_length * size
    direction = (tips / size[:, None]) / np.where(unit_length > 0, unit_length, 1.0)[:, None]
    barb = np.minimum(head, 0.4 * length)[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    back = tips - direction * barb
    out[:, 1] = tips
    out[:, 2] = tips
    out[:, 3] = back + normal * barb * 0.55
    out[:, 4] = tips
    out[:, 5] = back - normal * barb * 0.55
    return out.reshape(-1, 2)


def label_anchors(tips: np.ndarray, sizes: np.ndarray, x_range, y_range) -> np.ndarray:
    """Where each tip's label goes: k x 2 anchors in [0, 1] for labels of ``sizes`` (data units).

    A label sits beyond its tip, away from the origin (right of a tip with x >= 0,
    above one with y >= 0). Near the view's edge it slides along the tip, no
    further than needed, so that it stays whole in view instead of being cut off;
    a label wider than the view starts at its left edge. Anchors follow
    pyqtgraph's TextItem: x 0 puts the label right of the tip, y 1 puts it above.
    """
    tips = np.asarray(tips, dtype=np.float64).reshape(-1, 2)
    sizes = np.asarray(sizes, dtype=np.float64).reshape(-1, 2)
    (x0, x1), (y0, y1) = x_range, y_range
    x, y = tips[:, 0], tips[:, 1]
    w, h = np.maximum(sizes[:, 0], 1e-300), np.maximum(sizes[:, 1], 1e-300)
    # x anchor a: the label spans [x - a w, x + (1 - a) w]; y anchor b: [y - (1 - b) h, y + b h].
    with np.errstate(over="ignore"):  # labels tiny against 1e300 distances: an infinite ratio clamps fine
        ax = _clamp(np.where(x >= 0, 0.0, 1.0), (x + w - x1) / w, (x - x0) / w)
        ay = _clamp(np.where(y >= 0, 1.0, 0.0), 1 - (y - y0) / h, (y1 - y) / h)
    return np.stack([ax, ay], axis=1)


def _clamp(preferred: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """``preferred`` moved into [low, high] (high wins when they cross), within [0, 1]."""
    return np.clip(np.minimum(np.maximum(preferred, low), high), 0.0, 1.0)


#: Where a label may sit around its tip, in order of preference (pyqtgraph TextItem anchors for a tip
#: right of and above the origin; mirrored for the other quadrants): beyond the tip, then beside it.
_CANDIDATES = (
    (0.0, 1.0),
    (0.0, 0.0),
    (0.0, 0.5),
    (1.0, 1.0),
    (0.5, 1.0),
    (1.0, 0.0),
    (0.5, 0.0),
    (1.0, 0.5),
    # Clear of the tip by a quarter of the label's height or width: when another arrowhead is right there.
    (0.0, -0.25),
    (-0.15, 0.5),
    (1.0, -0.25),
    (1.15, 0.5),
    (0.0, 1.25),
    (1.0, 1.25),
)


def place_labels(
    tips: npt.ArrayLike,
    sizes: npt.ArrayLike,
    head: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> np.ndarray:
    """Anchors (k x 2) that keep labels off the other arrows' heads and off each other.

    Labels are placed in order; each takes the first of its candidate places
    around the tip that covers the least of the other tips' arrowheads (a
    square of ``head`` around each tip), of the labels placed before it, and of
    the space outside the view. A label that still reaches past the view's edge
    slides along its tip as :func:`label_anchors` does. An arrowhead takes the
    box around its tip and its two barbs (``head`` long, as :func:`arrow_segments` draws them).
    """
    tips = np.asarray(tips, dtype=np.float64).reshape(-1, 2)
    sizes = np.asarray(sizes, dtype=np.float64).reshape(-1, 2)
    k = len(tips)
    out = label_anchors(tips, sizes, x_range, y_range)
    if k == 0:
        return out
    (x0, x1), (y0, y1) = x_range, y_range
    with np.errstate(over="ignore", invalid="ignore"):
        barbs = arrow_segments(tips, head).reshape(k, POINTS_PER_ARROW, 2)[:, 1:]  # tip and barbs
        heads = np.concatenate([barbs.min(axis=1), barbs.max(axis=1)], axis=1)  # x0, y0, x1, y1 of each head
    placed = np.zeros((k, 4))  # the rects of the labels placed so far: the first ``count`` rows
    count = 0
    view = np.array([[x0, y0, x1, y1]])
    candidates = np.array(_CANDIDATES)
    m = len(candidates)
    # Every candidate place of every label at once, and what each covers of the view and of the arrowheads
    # (one NumPy pass for all labels; only the labels placed before each one are looked at label by label).
    xs, ys, ws, hs = tips[:, 0, None], tips[:, 1, None], sizes[:, 0, None], sizes[:, 1, None]
    all_ax = np.where(xs < 0, 1.0 - candidates[None, :, 0], candidates[None, :, 0])
    all_ay = np.where(ys < 0, 1.0 - candidates[None, :, 1], candidates[None, :, 1])
    with np.errstate(over="ignore", invalid="ignore"):
        all_rects = np.stack(
            [xs - all_ax * ws, ys - (1 - all_ay) * hs, xs + (1 - all_ax) * ws, ys + all_ay * hs], axis=2
        )
        all_outside = ws * hs - _overlaps(all_rects.reshape(k * m, 4), view)[:, 0].reshape(k, m)
        all_on_heads = _overlaps(all_rects.reshape(k * m, 4), heads).reshape(k, m, k)
        all_on_heads[np.arange(k), :, np.arange(k)] = 0.0  # its own arrowhead does not count
        heads_cost = all_on_heads.sum(axis=2)
        outside_cost = 4 * np.maximum(all_outside, 0.0)
    for i in range(k):
        (x, y), (w, h) = tips[i], sizes[i]
        if max(w, h) <= 0:
            continue
        ax, ay, rects = all_ax[i], all_ay[i], all_rects[i]
        with np.errstate(over="ignore", invalid="ignore"):
            costs = heads_cost[i] + _overlaps(rects, placed[:count]).sum(axis=1) if count else heads_cost[i].copy()
            costs += outside_cost[i]
        best, best_cost = None, np.inf
        for j, cost in enumerate(costs.tolist()):
            if not np.isfinite(cost):
                break  # huge coordinates: keep the edge-sliding anchor
            if cost < best_cost - 1e-12 * w * h:
                best, best_cost = j, cost
            if cost <= 0:
                break
        if best is None:
            continue
        rect = rects[best]
        if rect[0] >= x0 and rect[2] <= x1 and rect[1] >= y0 and rect[3] <= y1:
            out[i] = (ax[best], ay[best])
        else:
            a, b = out[i]
            with np.errstate(over="ignore", invalid="ignore"):
                rect = np.array([x - a * w, y - (1 - b) * h, x + (1 - a) * w, y + b * h])
        placed[count] = rect
        count += 1
    return out


def _overlaps(rects: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The area each of ``rects`` (m x 4: x0, y0, x1, y1) shares with each of ``others`` (n x 4): m x n."""
    width = np.minimum(rects[:, None, 2], others[None, :, 2]) - np.maximum(rects[:, None, 0], others[None, :, 0])
    height = np.minimum(rects[:, None, 3], others[None, :, 3]) - np.maximum(rects[:, None, 1], others[None, :, 1])
    return np.maximum(width, 0.0) * np.maximum(height, 0.0)
