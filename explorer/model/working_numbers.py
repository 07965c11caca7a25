"""How the working writes its numbers: components as typed, exact-looking sums, lengths and angles."""

from __future__ import annotations

import numpy as np


def format_component(x: float) -> str:
    """A vector component as typed, to at most 4 decimals: 3, 7.5, -0.2497, 1e+300."""
    if x != x:
        return "undefined"
    if np.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x == round(x) and abs(x) < 1e15:
        return str(round(x))
    if 1e-3 <= abs(x) < 1e7:  # at most 4 decimals: 0.5045, -1.1372, 7.5
        return f"{x:.4f}".rstrip("0").rstrip(".")
    return f"{x:.4g}"


def format_sum(x: float) -> str:
    """An exact-looking intermediate: 909, 60.25, 120.5, 26.6392."""
    if not np.isfinite(x):
        return "too large for float64"
    if x == round(x) and abs(x) < 1e15:
        return str(round(x))
    if 1e-4 <= abs(x) < 1e9:
        return f"{x:.6g}"
    return f"{x:.4g}"


def format_length(x: float) -> str:
    """A length or distance to 2 decimals (30.15, 7.76), or 3 significant digits below 1 or when huge (0.805)."""
    if x == 0:
        return "0"
    if 1 <= abs(x) < 1e9:
        return f"{x:.2f}"
    return f"{x:.3g}"


def format_angle(degrees: float) -> str:
    """Degrees: 69.3°, 0.63°, 0°."""
    if degrees != degrees:
        return "undefined"
    if degrees == 0:
        return "0°"
    if abs(degrees) >= 1:
        return f"{degrees:.1f}°"
    return f"{degrees:.2g}°"
