"""Projected coordinates computed once and kept with the document (t-SNE, UMAP).

A stored projection remembers what it was computed from: the method, the seed,
the rows it covered (every vector, or a chosen subset) and a fingerprint of
those vectors' values. It is used only while the vectors still hash to that
fingerprint, so an edit makes it stale (shown as such, recomputed on request)
and reopening a saved document shows it again without recomputing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explorer.model.events import Signal

#: The methods whose results are stored (PCA is exact and cheap: computed on every change).
STORED_METHODS = ("tsne", "umap")


def fingerprint(values: np.ndarray, rows: Sequence[int] | None = None) -> str:
    """A short hash of the vectors (all of ``values``, or its ``rows``) and the table's size."""
    values = np.ascontiguousarray(values, dtype=np.float64)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(np.asarray(values.shape, dtype=np.int64).tobytes())
    if rows is not None:
        rows_array = np.asarray(rows, dtype=np.int64)
        digest.update(rows_array.tobytes())
        values = np.ascontiguousarray(values[rows_array])
    digest.update(values.data.cast("B"))
    return digest.hexdigest()


@dataclass(frozen=True)
class StoredProjection:
    """Coordinates of a t-SNE or UMAP run and what they were computed from."""

    method: str
    seed: int
    fingerprint: str
    coordinates: np.ndarray  # len(rows) x 2 (every vector when rows is None)
    rows: tuple[int, ...] | None = None
    parameters: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "seed": self.seed,
            "fingerprint": self.fingerprint,
            "rows": None if self.rows is None else list(self.rows),
            "parameters": dict(self.parameters),
            "x": [float(v) for v in self.coordinates[:, 0]],
            "y": [float(v) for v in self.coordinates[:, 1]],
        }

    @classmethod
    def from_dict(cls, data: Any) -> StoredProjection:
        """A stored projection read from a file; ValueError/TypeError/KeyError when unusable."""
        method, seed = data["method"], data["seed"]
        if method not in STORED_METHODS or isinstance(seed, bool) or not isinstance(seed, int):
            raise ValueError("not a stored projection")
        x = np.asarray(data["x"], dtype=np.float64)
        y = np.asarray(data["y"], dtype=np.float64)
        rows = data.get("rows")
        rows = None if rows is None else tuple(int(r) for r in rows)
        if x.ndim != 1 or x.shape != y.shape or not np.isfinite(x).all() or not np.isfinite(y).all():
            raise ValueError("unusable coordinates")
        if rows is not None and (len(rows) != len(x) or min(rows, default=0) < 0):
            raise ValueError("rows and coordinates disagree")
        parameters = data.get("parameters") or {}
        if not isinstance(parameters, dict) or not isinstance(data["fingerprint"], str):
            raise ValueError("unusable parameters")
        return cls(method, seed, data["fingerprint"], np.stack([x, y], axis=1), rows, parameters)


class ProjectionStore:
    """The stored projections of one document: the latest run of each method."""

    changed = Signal(object)  # the method whose stored result changed

    def __init__(self) -> None:
        self._stored: dict[str, StoredProjection] = {}
        self._hashes: dict[tuple[int, ...] | None, str] = {}

    def put(self, projection: StoredProjection) -> None:
        """Keep ``projection`` (replacing the method's earlier one)."""
        self._stored[projection.method] = projection
        self.changed.emit(projection.method)

    def stored(self, method: str) -> StoredProjection | None:
        """The method's stored projection, current or stale."""
        return self._stored.get(method)

    def current(self, method: str, values: np.ndarray, seed: int | None = None) -> StoredProjection | None:
        """The method's stored projection when it was computed from these very vectors (and ``seed``)."""
        stored = self._stored.get(method)
        if stored is None or (seed is not None and stored.seed != seed):
            return None
        if stored.rows is not None and max(stored.rows, default=-1) >= len(values):
            return None
        key = stored.rows
        if key not in self._hashes:
            self._hashes[key] = fingerprint(values, key)
        return stored if self._hashes[key] == stored.fingerprint else None

    def vectors_changed(self) -> None:
        """The vectors changed: their fingerprints are computed again when next asked."""
        self._hashes.clear()

    def clear(self) -> None:
        methods = list(self._stored)
        self._stored.clear()
        self._hashes.clear()
        for method in methods:
            self.changed.emit(method)

    def take(self, other: ProjectionStore) -> None:
        """Hold exactly what ``other`` holds (a document was opened)."""
        self._stored = dict(other._stored)
        self._hashes.clear()
        for method in STORED_METHODS:
            self.changed.emit(method)

    def to_list(self) -> list[dict[str, Any]]:
        return [p.to_dict() for p in self._stored.values()]

    def read_list(self, data: Any) -> None:
        """Take the usable entries of ``data`` (read from a file); the others are left out."""
        self._stored.clear()
        self._hashes.clear()
        for entry in data if isinstance(data, list) else []:
            try:
                projection = StoredProjection.from_dict(entry)
            except (KeyError, TypeError, ValueError, OverflowError):
                continue
            self._stored[projection.method] = projection
