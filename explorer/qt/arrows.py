"""Arrow geometry in plain numpy: shafts from the origin and open heads at the tips.

Each arrow is three segments (six points) for a ``connect='pairs'`` curve:
origin -> tip, tip -> one barb, tip -> the other barb. The plot keeps equal
scale on both axes, so heads drawn in data units keep their shape.
"""

from __future__ import annotations

import numpy as np

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
    length = np.hypot(tips[:, 0], tips[:, 1])
    safe = np.where(length > 0, length, 1.0)
    direction = tips / safe[:, None]
    barb = np.minimum(head, 0.4 * length)[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    back = tips - direction * barb
    out[:, 1] = tips
    out[:, 2] = tips
    out[:, 3] = back + normal * barb * 0.55
    out[:, 4] = tips
    out[:, 5] = back - normal * barb * 0.55
    return out.reshape(-1, 2)
