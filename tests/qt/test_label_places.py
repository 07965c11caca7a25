"""Tip labels are placed for all candidates at once: the same places as judging each label's candidates in turn."""

from __future__ import annotations

import numpy as np

from explorer.qt.plot.arrows import (
    _CANDIDATES,
    POINTS_PER_ARROW,
    _overlaps,
    arrow_segments,
    label_anchors,
    place_labels,
)


def one_label_at_a_time(tips, sizes, head, x_range, y_range) -> np.ndarray:
    """place_labels as first written: every candidate of one label, then the next label."""
    k = len(tips)
    out = label_anchors(tips, sizes, x_range, y_range)
    if k == 0:
        return out
    (x0, x1), (y0, y1) = x_range, y_range
    with np.errstate(over="ignore", invalid="ignore"):
        barbs = arrow_segments(tips, head).reshape(k, POINTS_PER_ARROW, 2)[:, 1:]
        heads = np.concatenate([barbs.min(axis=1), barbs.max(axis=1)], axis=1)
    placed, count = np.zeros((k, 4)), 0
    view, candidates = np.array([[x0, y0, x1, y1]]), np.array(_CANDIDATES)
    for i in range(k):
        (x, y), (w, h) = tips[i], sizes[i]
        if max(w, h) <= 0:
            continue
        ax = 1.0 - candidates[:, 0] if x < 0 else candidates[:, 0]
        ay = 1.0 - candidates[:, 1] if y < 0 else candidates[:, 1]
        with np.errstate(over="ignore", invalid="ignore"):
            rects = np.stack([x - ax * w, y - (1 - ay) * h, x + (1 - ax) * w, y + ay * h], axis=1)
            outside = w * h - _overlaps(rects, view)[:, 0]
            on_heads = _overlaps(rects, heads)
            on_heads[:, i] = 0.0
            costs = on_heads.sum(axis=1) + _overlaps(rects, placed[:count]).sum(axis=1)
            costs += 4 * np.maximum(outside, 0.0)
        best, best_cost = None, np.inf
        for j, cost in enumerate(costs.tolist()):
            if not np.isfinite(cost):
                break
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


def test_labels_take_the_places_judged_one_label_at_a_time():
    rng = np.random.default_rng(20240917)
    for _ in range(300):
        k = int(rng.integers(0, 16))
        scale = float(rng.choice([1.0, 10.0, 1e-300, 1e300, 1e307]))
        tips = rng.normal(size=(k, 2)) * scale
        sizes = np.abs(rng.normal(size=(k, 2))) * float(rng.choice([0.1, 1.0, 5.0])) * (scale if k % 2 else 1.0)
        if k:
            tips[rng.integers(k)] = 0.0  # a zero vector
            sizes[rng.integers(k)] = 0.0  # an empty label
        head = abs(float(rng.normal())) * scale * 0.05
        x_range, y_range = tuple(sorted(rng.normal(size=2) * scale * 2)), tuple(sorted(rng.normal(size=2) * scale * 2))
        expected = one_label_at_a_time(tips, sizes, head, x_range, y_range)
        assert np.array_equal(place_labels(tips, sizes, head, x_range, y_range), expected, equal_nan=True)


def test_the_lessons_labels_sit_beyond_their_tips():
    tips = np.array([[3.0, 30.0], [15.0, 4.0], [3.0, 27.0], [7.5, 75.0], [7.5, 2.0]])  # materials A-E
    sizes = np.full((5, 2), 1.5)
    anchors = place_labels(tips, sizes, 3.4, (-10.0, 20.0), (-10.0, 90.0))
    assert anchors[3].tolist() == [0.0, 1.0]  # D: right of and above its tip, nothing there
    assert anchors[0].tolist() != anchors[2].tolist() or anchors[0].tolist() != [0.0, 1.0]  # A and C, 3 apart
