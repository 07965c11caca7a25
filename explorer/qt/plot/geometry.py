"""Where the plot puts each vector: the coordinates of the chosen view and the axes' titles.

Pure dispatch to the model's projections (no Qt): two chosen dimensions, PCA,
custom axes from one vector to another, or a stored t-SNE / UMAP map (or its
positions while it runs). Rows a map does not cover get NaN and are not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explorer.model.nonlinear import METHOD_NAMES
from explorer.model.projection import custom_axes, pca, select_dimensions

PCA_NO_DRAG = (
    "Dragging is off in the PCA view: each axis mixes all dimensions, so a drag "
    "cannot say which values to change. Choose two dimensions to drag."
)
AXES_NO_DRAG = (
    "Dragging is off on custom axes: each axis mixes all dimensions, so a drag cannot say "
    "which values to change. Choose two dimensions to drag."
)
MAP_NO_DRAG = "Dragging is off in a {name} map: its axes have no units to edit. Choose two dimensions to drag."


@dataclass
class Placement:
    """The plot's coordinates (N x 2, NaN where a vector is not placed) and how to read them."""

    coords: np.ndarray
    titles: tuple[str, str]
    explained: tuple[float, float] = (0.0, 0.0)
    #: True when the view is linear, so arrows from the origin mean something.
    linear: bool = True
    #: A sentence about the view (a map not computed yet, an axis that cannot be drawn), or "".
    note: str = ""
    #: (x dimension, y dimension or None) that a drag edits, or the sentence saying why not.
    drag: tuple[int, int | None] | str = (0, 1)


def shown_dimensions(state, dimension_count: int) -> tuple[int, int]:
    """The state's dimensions, kept inside the table (a table of fewer dimensions shows the first two)."""
    d = dimension_count
    if d <= 1:
        return 0, 1
    x, y = min(state.x, d - 1), min(state.y, d - 1)
    if x == y and x == d - 1 and (state.x, state.y) != (x, y):
        x = 0
    return x, y


def place(table, state, store, live: tuple[str, np.ndarray, tuple[int, ...] | None] | None = None) -> Placement:
    """The coordinates of ``table``'s vectors in the view ``state`` chooses (``store``: stored maps;
    ``live``: (method, positions, rows) of a map being computed)."""
    values = table.values
    n, d = table.row_count, table.dimension_count
    mode = state.mode
    if d == 0 or n == 0:
        return Placement(np.zeros((n, 2)), ("(no dimensions)" if d == 0 else "", ""))
    if mode in ("tsne", "umap"):
        return _map(table, state, store, live)
    if mode == "axes":
        return _axes(table, state)
    if mode == "pca":
        return _pca(values)
    x, y = shown_dimensions(state, d)
    dims = table.dimensions
    if d == 1:
        coords = np.stack([values[:, 0], np.zeros(n)], axis=1)
        return Placement(coords, (dims[0].title, "(none)"), drag=(0, None))
    drag = "Dragging is off while both axes show the same dimension; choose two different ones." if x == y else (x, y)
    return Placement(select_dimensions(values, x, y), (dims[x].title, dims[y].title), drag=drag)


def _pca(values: np.ndarray, note: str = "") -> Placement:
    projection = pca(values)
    ex, ey = projection.explained
    titles = (f"PC1 ({100 * ex:.1f}% of variance)", f"PC2 ({100 * ey:.1f}% of variance)")
    return Placement(projection.coordinates, titles, projection.explained, note=note, drag=PCA_NO_DRAG)


def axis_rows(table, labels: tuple[str, ...]) -> tuple[int, int, int, int]:
    """The rows of the four labels of custom axes; KeyError naming a missing one."""
    if len(labels) != 4:
        raise KeyError("custom axes need four vectors: x from, x to, y from, y to")
    a, b, c, e = (table.index_of(label) for label in labels)
    return a, b, c, e


def _axes(table, state) -> Placement:
    try:
        rows = axis_rows(table, state.axes)
        coords = custom_axes(table.values, *rows)
    except (KeyError, ValueError) as error:
        text = str(error.args[0]) if error.args else str(error)
        return _pca(table.values, note=f"Custom axes cannot be drawn: {text}; showing PCA.")
    a, b, c, e = state.axes
    return Placement(coords, (f"{a} → {b}", f"{c} → {e}"), drag=AXES_NO_DRAG)


def _map(table, state, store, live) -> Placement:
    method = state.mode
    name = METHOD_NAMES[method]
    n = table.row_count
    titles = (f"{name} 1", f"{name} 2")
    drag = MAP_NO_DRAG.format(name=name)
    if live is not None and live[0] == method:
        return Placement(_spread(n, live[1], live[2]), titles, linear=False, drag=drag)
    stored = store.current(method, table.values, seed=state.seed)
    if stored is None:
        note = f"{name} has not been computed for these vectors (seed {state.seed}); showing PCA until it is."
        placement = _pca(table.values, note=note)
        return placement
    note = ""
    if stored.rows is not None:
        note = f"{name} of {len(stored.rows):,} of the {n:,} vectors; the others are not in this map."
    return Placement(_spread(n, stored.coordinates, stored.rows), titles, linear=False, note=note, drag=drag)


def _spread(n: int, coordinates: np.ndarray, rows) -> np.ndarray:
    """N x 2 coordinates from those of ``rows`` (NaN elsewhere), or all of them when ``rows`` is None."""
    if rows is None:
        return np.array(coordinates, dtype=np.float64).reshape(n, 2)
    out = np.full((n, 2), np.nan)
    out[np.asarray(rows, dtype=np.int64)] = coordinates
    return out


class DimensionFollower:
    """Keeps the plot's view state in step with the table's dimensions.

    The same dimensions stay shown when others are added or removed before them; a table whose
    dimensions are replaced by more than two (embedding rows sent from the vocabulary) opens in
    PCA, and a view of all dimensions goes back to two when at most two remain. ``write`` sets
    the state's fields (the plot's own writer, so that it does not redraw twice).
    """

    def __init__(self, state, table, write):
        self._state, self._table, self._write = state, table, write
        self.count = 0
        self.arrived()

    def arrived(self) -> None:
        """A table arrived whole: count it as coming from no dimensions unless its view chose a
        projection, so that a file of more than two dimensions opens in PCA."""
        self.count = self._table.dimension_count if self._state.projection else 0

    def follow_count(self) -> bool:
        """Change the projection when the dimension count calls for it; True when it changed."""
        before, now = self.count, self._table.dimension_count
        self.count = now
        mode = old = self._state.mode
        if mode == "dimensions" and before == 0 and now > 2:
            mode = "pca"
        elif mode not in ("dimensions", "axes") and now <= 2:
            mode = "dimensions"
        if mode == old:
            return False
        self._write(projection=mode)
        return True

    def columns_inserted(self, start: int, count: int) -> None:
        """Keep showing the same dimensions when others are added before them."""
        self._follow(lambda c: c + count if c >= start else c, count)

    def columns_removed(self, start: int, count: int) -> None:
        """Keep showing the same dimensions when others before them go (a removed one is replaced)."""
        self._follow(lambda c: c - count if c >= start + count else min(c, start), -count)

    def _follow(self, new_column, added: int) -> None:
        d = self._table.dimension_count
        if d > 1 and d - added > 1:  # there were two dimensions to show before, and are after
            old_x, old_y = shown_dimensions(self._state, d - added)
            x, y = new_column(old_x), new_column(old_y)
            if x == y and old_x != old_y:  # both went to one column: show two different ones
                y = (x + 1) % d
            self._write(x=x, y=y)


def nearest_tip(tips: np.ndarray, point: tuple[float, float], pixel: tuple[float, float]) -> tuple[int, float]:
    """The index of the tip (N x 2, N > 0) nearest to ``point``, and how far it is in pixels of size ``pixel``."""
    (x, y), (sx, sy) = point, pixel
    with np.errstate(over="ignore", invalid="ignore"):  # a tip at 1e308 is out of reach (inf), not an error
        d2 = ((tips[:, 0] - x) / (sx or 1)) ** 2 + ((tips[:, 1] - y) / (sy or 1)) ** 2
    best = int(np.argmin(d2))
    return best, float(np.sqrt(d2[best]))


def longest_arrow(tips: np.ndarray) -> float:
    """The length of the longest arrow to ``tips`` (N x 2; NaN rows not placed), or 1 when there is none."""
    with np.errstate(over="ignore"):  # an arrow longer than float64 holds (1.7e308 both ways)
        lengths = np.hypot(tips[:, 0], tips[:, 1]) if len(tips) else np.zeros(0)
    top = float(np.nanmax(lengths)) if len(lengths) and not np.isnan(lengths).all() else 0.0
    if top == np.inf:
        top = float(np.nanmax(np.abs(tips)))
    return top if top > 0 and np.isfinite(top) else 1.0
