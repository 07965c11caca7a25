"""What the views show, kept once, without Qt: the plot's projection, the heatmap's
metric and order, the selected vectors and the compared pair, and the search over labels.

In the manner of glue's viewer states and napari's ``Dims``: each value has one
owner here. A widget reflects it (updating its own controls with their signals
blocked) and writes the user's choice back through it; no widget keeps a copy.
The document saves the whole state in its JSON file (:meth:`ViewState.to_dict`)
and reads it back tolerantly (:meth:`ViewState.from_dict`: a value the program
cannot use falls back to its default).

Each state announces ``changed(names)`` with the set of field names that
changed, once per :meth:`State.update`, so that a view changing three settings
at once redraws once.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import numpy as np

from explorer.model.colormaps import check_colormap
from explorer.model.events import Signal
from explorer.model.heatmap import check_range
from explorer.model.heatmap_numbers import check_digits
from explorer.model.ordering import ORDERS
from explorer.model.search import MODES, Query
from explorer.model.similarity import METRICS

#: How the plot places vectors: two chosen dimensions, a projection of all of them (PCA exact and
#: linear; t-SNE and UMAP computed once and cached), or custom axes from one vector to another.
PROJECTIONS = ("dimensions", "pca", "tsne", "umap", "axes")
#: How vectors are drawn: arrows up to a measured count and points above it ("auto"), or as chosen.
DRAWINGS = ("auto", "arrows", "points")
#: What "Isolate" does to the vectors that are neither selected nor a neighbour.
ISOLATIONS = ("off", "faint", "hidden")


class Field:
    """A typed value of a :class:`State`: a default and a check that returns the value to keep."""

    def __init__(self, default: Any, check: Callable[[Any], Any] | None = None, doc: str = ""):
        self.default = default
        self.check = check or (lambda value: value)
        self.name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: State | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return instance._values[self.name]

    def __set__(self, instance: State, value: Any) -> None:
        instance.update(**{self.name: value})


class State:
    """Base of the view states: fields with defaults, checked on every change, evented."""

    changed = Signal(object)  # frozenset of the names of the fields that changed
    fields: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.fields = {
            name: value
            for klass in reversed(cls.__mro__)
            for name, value in vars(klass).items()
            if isinstance(value, Field)
        }

    def __init__(self, **values: Any):
        self._values: dict[str, Any] = {name: field.default for name, field in self.fields.items()}
        if values:
            self.update(**values)

    def update(self, **values: Any) -> frozenset[str]:
        """Set several fields at once (each checked first: a refused value changes nothing);
        announce the ones that changed in one event, and return their names."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise AttributeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        checked = {name: self.fields[name].check(value) for name, value in values.items()}
        names = frozenset(name for name, value in checked.items() if self._values[name] != value)
        for name in names:
            self._values[name] = checked[name]
        if names:
            self.changed.emit(names)
        return names

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready values."""
        return {name: _plain(value) for name, value in self._values.items()}

    def read_dict(self, data: Any) -> None:
        """Take the usable fields of ``data`` (a dict read from a file); the others get their defaults."""
        values = {name: field.default for name, field in self.fields.items()}
        if isinstance(data, dict):
            for name, field in self.fields.items():
                if name in data:
                    with contextlib.suppress(ValueError, TypeError, OverflowError):  # unusable: the default stands
                        values[name] = field.check(data[name])
        self.update(**values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({inner})"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _choice(choices: Iterable[str], allow_none: bool = False) -> Callable[[Any], Any]:
    options = tuple(choices)

    def check(value: Any) -> Any:
        if value is None and allow_none:
            return None
        if value not in options:
            raise ValueError(f"'{value}' is not one of {', '.join(options)}")
        return value

    return check


def _index(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1_000_000:
        raise ValueError(f"{value!r} is not a dimension's index")
    return int(value)


def _optional_name(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValueError(f"{value!r} is not a name")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _axes(value: Any) -> tuple[str, ...]:
    """Custom axes: four labels (x from, x to, y from, y to), or none."""
    labels = tuple(value)
    if labels and (len(labels) != 4 or not all(isinstance(v, str) and v and len(v) <= 10_000 for v in labels)):
        raise ValueError(f"{value!r} is not four labels")
    return labels


def _count(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{value!r} is not a whole number from {low} to {high}")
        return int(value)

    return check


class PlotState(State):
    """What the vector plot shows."""

    projection = Field(
        None,
        _choice(PROJECTIONS, allow_none=True),
        "one of PROJECTIONS; None until chosen (more than two dimensions then open in PCA)",
    )
    x = Field(0, _index, "the dimension along the horizontal axis (dimensions view)")
    y = Field(1, _index, "the dimension along the vertical axis (dimensions view)")
    axes = Field((), _axes, "custom axes: labels (x from, x to, y from, y to), e.g. man, woman, ...")
    seed = Field(0, _count(0, 2**31 - 1), "the seed of t-SNE and UMAP (the same seed gives the same picture)")
    draw = Field("auto", _choice(DRAWINGS), "arrows, points, or points above a measured count")
    color_by = Field(None, _optional_name, "the column the points are coloured by; None for each vector's colour")
    label_by = Field(None, _optional_name, "the column the tips are labelled with; None for the label")
    neighbours = Field(10, _count(0, 100), "how many nearest vectors of the selected one are listed and drawn")
    isolate = Field("off", _choice(ISOLATIONS), "the other vectors beside the selection and its neighbours")

    @property
    def mode(self) -> str:
        """The projection in effect: the chosen one, else 'dimensions'."""
        return self.projection or "dimensions"


def _colormap(value: Any) -> str | None:
    return None if value is None else check_colormap(value)


def _centre(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return float(value)


def _title(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 500:
        raise ValueError(f"{value!r} is not a title (text of at most 500 characters)")
    return " ".join(value.split())  # one line: line breaks and tabs become spaces


class HeatmapState(State):
    """What the heatmap (and the working panel, which scores with the same metric) shows."""

    metric = Field("cosine", _choice(METRICS), "the score of each pair")
    order = Field("original", _choice(ORDERS), "the order of the rows and columns")
    colormap = Field(None, _colormap, "the colour map's name; None for the metric's default")
    annotate = Field(True, _flag, "write the score in each cell when it fits")
    range = Field(None, check_range, "'fixed', 'data' or (lo, hi) for the colours; None for the metric's default")
    centre = Field(None, _centre, "the middle of a diverging colour map; None for the metric's natural centre")
    digits = Field(None, check_digits, "decimals in every cell; None for the metric's choice")
    dendrogram = Field(False, _flag, "draw the clustering tree beside a clustered order")
    title = Field("", _title, "a title above the heatmap (figures and exports)")

    def choose_metric(self, metric: str) -> None:
        """Score with ``metric``; colours, a range of numbers and the centre go back to that metric's defaults."""
        if metric != self.metric:
            changes: dict[str, Any] = {"metric": metric, "colormap": None, "centre": None}
            if isinstance(self.range, tuple):
                changes["range"] = None
            self.update(**changes)


class Rows(tuple):
    """Selected rows: a tuple of distinct rows in ascending order, checked once, with the same rows
    as a read-only NumPy array (``array``) for views that work on 100,000 of them at once."""

    array: np.ndarray

    @classmethod
    def of(cls, array: np.ndarray) -> Rows:
        rows = cls(array.tolist())
        rows.array = array if array.dtype == object else array.astype(np.intp, copy=False)
        rows.array.flags.writeable = False
        return rows


def _rows(value: Any) -> Rows:
    """Distinct rows in ascending order. Whole numbers in a NumPy array or a list are checked
    at once: selecting 100,000 rows (a search, Select All) must not check them one by one."""
    if isinstance(value, Rows):
        return value  # checked when it was made
    if isinstance(value, range) and value.step == 1:
        if len(value) and value.start < 0:
            raise ValueError(f"{value.start} is not a row")
        return Rows.of(np.arange(value.start, value.stop, dtype=np.intp))
    items = value if isinstance(value, (np.ndarray, list, tuple)) else list(value)
    if not isinstance(items, np.ndarray):
        if not items:
            return Rows.of(np.zeros(0, dtype=np.intp))
        if bool in set(map(type, items)):  # NumPy would take True for 1
            raise ValueError(f"{next(v for v in items if isinstance(v, bool))!r} is not a row")
    array = np.asarray(items)
    if array.ndim == 1 and array.dtype.kind in "iu":
        if len(array) and array.min() < 0:
            raise ValueError(f"{int(array.min())} is not a row")
        return Rows.of(_ascending_distinct(array))
    # Anything else (floats, text, huge numbers, bools in an array) is checked one by one.
    checked = sorted({_row(r) for r in (array.tolist() if isinstance(items, np.ndarray) else items)})
    return Rows.of(np.asarray(checked, dtype=object if checked and checked[-1] >= 2**62 else np.intp))


def _ascending_distinct(array: np.ndarray) -> np.ndarray:
    """``array`` sorted without repeats; rows that come sorted (a search's, Select All's) are only checked
    (NumPy's unique hashes: 0.6 s for 400,000 rows)."""
    if len(array) > 1 and not (array[1:] > array[:-1]).all():
        array = np.sort(array)
        array = array[np.concatenate(([True], array[1:] != array[:-1]))]
    return array


def row_runs(rows: Iterable[int]) -> np.ndarray:
    """The runs of consecutive rows in ascending ``rows``: a k x 2 array of each run's first and last row.
    (Rows 2, 3, 4, 9 make two runs, [2, 4] and [9, 9]: a table selects each run as one range.)"""
    array = np.asarray(rows if isinstance(rows, np.ndarray) else list(rows), dtype=np.int64)
    if not len(array):
        return np.zeros((0, 2), dtype=np.int64)
    breaks = np.flatnonzero(np.diff(array) != 1)
    firsts = np.concatenate(([array[0]], array[breaks + 1]))
    lasts = np.concatenate((array[breaks], [array[-1]]))
    return np.stack([firsts, lasts], axis=1)


def _row(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a row")
    return int(value)


def _pair(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    a, b = value
    return _row(a), _row(b)


class Selection(State):
    """The selected vectors and the pair compared, with one policy for both.

    - Selecting two or more rows compares the first two of them.
    - Choosing a pair (a heatmap cell) selects its two rows and compares them in
      the order chosen (row, then column).
    - Selecting one row or none keeps the pair compared before.
    - Rows follow insertions, removals and moves; a pair with a removed row ends.
    """

    rows = Field(Rows.of(np.zeros(0, dtype=np.intp)), _rows, "the selected rows, in table order (a Rows tuple)")
    pair = Field(None, _pair, "the two rows compared (a, b), or None")

    def select_rows(self, rows: Iterable[int]) -> None:
        """Select ``rows``; two or more also become the compared pair (the first two)."""
        chosen = _rows(rows)
        if len(chosen) >= 2:
            pair = self.pair if self.pair is not None and sorted(self.pair) == list(chosen[:2]) else chosen[:2]
            self.update(rows=chosen, pair=pair)
        else:
            self.update(rows=chosen)

    def select_pair(self, a: int, b: int) -> None:
        """Compare ``a`` with ``b`` and select both."""
        self.update(rows=(a, b), pair=(a, b))

    def remap(self, new_row: Callable[[int], int | None]) -> None:
        """Follow a structural change: ``new_row(old)`` is the row's new index, or None when it went."""
        rows = [r for r in (new_row(r) for r in self.rows) if r is not None]
        pair = None
        if self.pair is not None:
            a, b = (new_row(r) for r in self.pair)
            pair = None if a is None or b is None else (a, b)
        self.update(rows=rows, pair=pair)

    def limit(self, count: int) -> None:
        """Drop rows at or past ``count`` (a table that holds fewer rows than a file said)."""
        self.remap(lambda r: r if r < count else None)


def _search_text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a text to search for")
    if len(value) > SEARCH_TEXT_LIMIT:
        raise ValueError(f"a search of {len(value):,} characters is longer than the {SEARCH_TEXT_LIMIT:,} allowed")
    return value


#: The longest text the search box takes (a label is rarely longer; a pasted book is not a search).
SEARCH_TEXT_LIMIT = 1000


class SearchState(State):
    """The search over labels (``searchBox``): the text and how it matches.

    Not saved with the document: a search is a way of making a selection, and the
    selection it made is saved. Saved search text would either select again when the
    file opens, replacing the selection saved with it, or show a count of matches that
    is not what is selected. Opening another document clears the text; the options stay.
    """

    text = Field("", _search_text, "what is typed in the search box; empty when nothing is searched for")
    mode = Field("substring", _choice(MODES), "'substring' (default), 'word' (whole words) or 'regex'")
    case_sensitive = Field(False, _flag, "match upper and lower case exactly")

    @property
    def query(self) -> Query:
        """The query the search box stands for."""
        return Query(self.text, self.mode, self.case_sensitive)


class ViewState:
    """Every view's state for one document: ``plot``, ``heatmap`` and ``selection`` (saved with it),
    and ``search`` (not saved, see :class:`SearchState`)."""

    #: The version of :meth:`to_dict`'s layout (the document's JSON keeps it under "view").
    def __init__(self) -> None:
        from explorer.model.projection_store import ProjectionStore

        self.plot = PlotState()
        self.heatmap = HeatmapState()
        self.selection = Selection()
        #: t-SNE and UMAP coordinates computed before, with what they were computed from.
        self.projections = ProjectionStore()
        self.search = SearchState()

    @property
    def parts(self) -> dict[str, State]:
        return {"plot": self.plot, "heatmap": self.heatmap, "selection": self.selection}

    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-ready nested dicts."""
        return {name: part.to_dict() for name, part in self.parts.items()}

    def read_dict(self, data: Any) -> None:
        """Take a saved state; also reads the flat settings of format version 1."""
        data = data if isinstance(data, dict) else {}
        if not any(isinstance(data.get(name), dict) for name in self.parts):
            data = _from_version_1(data)
        for name, part in self.parts.items():
            part.read_dict(data.get(name))

    def take(self, other: ViewState) -> None:
        """Take over every value of ``other`` (a file was opened), announcing the changes."""
        self.projections.take(other.projections)
        self.read_dict(other.to_dict())

    @classmethod
    def from_dict(cls, data: Any) -> ViewState:
        state = cls()
        state.read_dict(data)
        return state


def _from_version_1(view: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the settings flat: metric, order, colormap, plot_dimensions, projection."""
    dims = view.get("plot_dimensions")
    plot: dict[str, Any] = {"projection": view.get("projection")}
    if isinstance(dims, list) and len(dims) >= 2:
        plot.update(x=dims[0], y=dims[1])
    heatmap = {key: view[key] for key in ("metric", "order", "colormap") if key in view}
    return {"plot": plot, "heatmap": heatmap}
