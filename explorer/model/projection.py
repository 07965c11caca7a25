"""Seeing many dimensions in two: chosen dimensions, or an exact PCA projection."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Projection:
    """2-D coordinates of every vector and how much of the variance each axis explains."""

    coordinates: np.ndarray  # N x 2
    components: np.ndarray  # 2 x D, the directions projected onto
    explained: tuple[float, float]  # fraction of the variance along each axis


def pca(vectors: np.ndarray) -> Projection:
    """Project onto the two principal directions of the centred vectors (exact SVD).

    The vectors themselves are projected without centring, so the projection is
    linear: the origin stays at the origin and arrows stay arrows from it.
    """
    x = np.asarray(vectors, dtype=np.float64)
    n, d = x.shape
    components = np.zeros((2, d))
    explained = [0.0, 0.0]
    size = _extreme_size(x)
    if size != 1.0:
        x = x / size  # ±1e308 (a mean that overflows) or 1e-308: worked on scaled, projected back at the end
    if n and d:
        centred = x - x.mean(axis=0)
        scale = np.max(np.abs(centred)) or 1.0
        centred /= scale
        if n > 4 * d:  # many vectors: the SVD of R (D x D) from a QR gives the same directions, faster
            centred = np.linalg.qr(centred, mode="r")
        _, singular, vt = np.linalg.svd(centred, full_matrices=False)
        spread = singular > (singular[0] if len(singular) else 0) * max(n, d) * np.finfo(np.float64).eps
        k = min(2, int(np.count_nonzero(spread)))
        components[:k] = vt[:k]
        total = float(np.sum(singular**2))
        if total > 0:
            explained[:k] = [float(s**2 / total) for s in singular[:k]]
        if k < 2:
            # Fewer than two directions of spread (one vector, equal vectors): the next axis is the
            # direction they share, so that the projection keeps their lengths.
            mean = (x / (np.max(np.abs(x)) or 1.0)).mean(axis=0)
            rest = mean - components[:k].T @ (components[:k] @ mean)
            length = float(np.linalg.norm(rest))
            if length > np.finfo(np.float64).eps * float(np.linalg.norm(mean)):
                components[k] = rest / length
                k += 1
        # Fix each component's sign so the projection does not flip between edits.
        for i in range(k):
            j = int(np.argmax(np.abs(components[i])))
            if components[i, j] < 0:
                components[i] *= -1
    with np.errstate(over="ignore"):  # a coordinate beyond float64 is inf
        coordinates = x @ components.T if size == 1.0 else (x @ components.T) * size
    return Projection(coordinates, components, (explained[0], explained[1]))


def _extreme_size(x: np.ndarray) -> float:
    """The largest magnitude in ``x`` when it is too large or too small to work on directly, else 1."""
    largest = float(np.max(np.abs(x))) if x.size else 0.0
    return largest if np.isfinite(largest) and (largest > 1e150 or 0 < largest < 1e-150) else 1.0


def select_dimensions(vectors: np.ndarray, x: int, y: int) -> np.ndarray:
    """N x 2 coordinates from two chosen dimensions (the same one twice is allowed)."""
    v = np.asarray(vectors, dtype=np.float64)
    return np.stack([v[:, x], v[:, y]], axis=1) if len(v) else np.zeros((0, 2))


def axis_direction(vectors: np.ndarray, start: int, end: int) -> np.ndarray:
    """The unit direction from vector ``start`` to vector ``end``; ValueError when they are equal."""
    v = np.asarray(vectors, dtype=np.float64)
    direction = v[end] - v[start]
    length = float(np.linalg.norm(direction))
    if not length or not np.isfinite(length):
        raise ValueError("the two vectors of an axis are equal, so they give it no direction")
    result: np.ndarray = direction / length
    return result


def custom_axes(vectors: np.ndarray, x_from: int, x_to: int, y_from: int, y_to: int) -> np.ndarray:
    """N x 2 coordinates along two directions chosen by vectors, as in the Projector's custom projection.

    x is each vector's length along the direction from ``x_from`` to ``x_to`` (``man → woman``),
    y along ``y_from`` to ``y_to``. The projection is linear, so arrows stay arrows from the origin.
    """
    v = np.asarray(vectors, dtype=np.float64)
    if not len(v):
        return np.zeros((0, 2))
    return np.stack([v @ axis_direction(v, x_from, x_to), v @ axis_direction(v, y_from, y_to)], axis=1)
