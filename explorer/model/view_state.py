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
at once redraws once. The evented base is :mod:`explorer.model.state`; the
selection and its pair policy are :mod:`explorer.model.selection`.
"""

from __future__ import annotations

import math
from typing import Any

from explorer.model.colormaps import check_colormap
from explorer.model.heatmap import check_range
from explorer.model.heatmap_numbers import check_digits
from explorer.model.ordering import ORDERS
from explorer.model.search import MODES, Query
from explorer.model.selection import Rows, Selection, row_runs
from explorer.model.similarity import METRICS
from explorer.model.state import (
    Field,
    State,
    check_axes,
    check_choice,
    check_count,
    check_flag,
    check_index,
    check_optional_name,
)

__all__ = [
    "DRAWINGS",
    "ISOLATIONS",
    "PROJECTIONS",
    "Field",
    "HeatmapState",
    "PlotState",
    "Rows",
    "SearchState",
    "Selection",
    "State",
    "ViewState",
    "row_runs",
]

#: How the plot places vectors: two chosen dimensions, a projection of all of them (PCA exact and
#: linear; t-SNE and UMAP computed once and cached), or custom axes from one vector to another.
PROJECTIONS = ("dimensions", "pca", "tsne", "umap", "axes")
#: How vectors are drawn: arrows up to a measured count and points above it ("auto"), or as chosen.
DRAWINGS = ("auto", "arrows", "points")
#: What "Isolate" does to the vectors that are neither selected nor a neighbour.
ISOLATIONS = ("off", "faint", "hidden")


def _expression_text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 10_000:
        raise ValueError(f"{value!r} is not an expression (text of at most 10,000 characters)")
    return value.strip()


class PlotState(State):
    """What the vector plot shows."""

    projection = Field(
        None,
        check_choice(PROJECTIONS, allow_none=True),
        "one of PROJECTIONS; None until chosen (more than two dimensions then open in PCA)",
    )
    x = Field(0, check_index, "the dimension along the horizontal axis (dimensions view)")
    y = Field(1, check_index, "the dimension along the vertical axis (dimensions view)")
    axes = Field((), check_axes, "custom axes: labels (x from, x to, y from, y to), e.g. man, woman, ...")
    seed = Field(0, check_count(0, 2**31 - 1), "the seed of t-SNE and UMAP (the same seed gives the same picture)")
    draw = Field("auto", check_choice(DRAWINGS), "arrows, points, or points above a measured count")
    color_by = Field(None, check_optional_name, "the column the points are coloured by; None for each vector's colour")
    label_by = Field(None, check_optional_name, "the column the tips are labelled with; None for the label")
    neighbours = Field(10, check_count(0, 100), "how many nearest vectors of the selected one are listed and drawn")
    isolate = Field("off", check_choice(ISOLATIONS), "the other vectors beside the selection and its neighbours")
    near = Field("", _expression_text, "a label or expression whose nearest vectors are listed; empty: the selection's")

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

    metric = Field("cosine", check_choice(METRICS), "the score of each pair")
    order = Field("original", check_choice(ORDERS), "the order of the rows and columns")
    colormap = Field(None, _colormap, "the colour map's name; None for the metric's default")
    annotate = Field(True, check_flag, "write the score in each cell when it fits")
    range = Field(None, check_range, "'fixed', 'data' or (lo, hi) for the colours; None for the metric's default")
    centre = Field(None, _centre, "the middle of a diverging colour map; None for the metric's natural centre")
    digits = Field(None, check_digits, "decimals in every cell; None for the metric's choice")
    dendrogram = Field(False, check_flag, "draw the clustering tree beside a clustered order")
    title = Field("", _title, "a title above the heatmap (figures and exports)")

    def choose_metric(self, metric: str) -> None:
        """Score with ``metric``; colours, a range of numbers and the centre go back to that metric's defaults."""
        if metric != self.metric:
            changes: dict[str, Any] = {"metric": metric, "colormap": None, "centre": None}
            if isinstance(self.range, tuple):
                changes["range"] = None
            self.update(**changes)


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
    mode = Field("substring", check_choice(MODES), "'substring' (default), 'word' (whole words) or 'regex'")
    case_sensitive = Field(False, check_flag, "match upper and lower case exactly")

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
