"""A table of labelled vectors that announces every change.

Rows are vectors (a label, one float64 per dimension, a colour and a
visibility flag); columns are dimensions (a name and an optional unit). Beside
them the table keeps named columns of text, its :attr:`VectorTable.metadata`
(:mod:`explorer.model.metadata`), which move with their rows. The
table is changed only through the mutation methods below, which the commands
of :mod:`explorer.model.commands` call. Structural changes are announced
before and after (a Qt item model must be told before rows exist); value,
label, dimension and style changes after, naming the rows and columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from explorer.model.events import Signal, SignalInstance
from explorer.model.metadata import Metadata, MetadataError
from explorer.model.names import unique_name
from explorer.model.text_safety import shown as shown_text
from explorer.model.vector_kind import VectorKind

#: Okabe-Ito, a palette that colour-blind readers can tell apart.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#000000",
)


def palette_color(index: int) -> str:
    """The default colour of the vector at ``index``."""
    return PALETTE[index % len(PALETTE)]


@dataclass(frozen=True)
class Dimension:
    """One axis of the vectors: a name and an optional unit, e.g. ``mass`` / ``kg``."""

    name: str
    unit: str = ""

    @property
    def title(self) -> str:
        """``mass (kg)``, or just ``mass`` without a unit."""
        return f"{self.name} ({self.unit})" if self.unit else self.name


#: ``name (unit)``: the unit is what the last brackets hold, at the end of the title.
_TITLE = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*)\)\s*$")


def dimension_from_title(title: str) -> Dimension:
    """The one reading of ``name (unit)`` (CSV headers, pasted headers, the dimension dialogs):
    ``density (kg/l)`` -> Dimension('density', 'kg/l'); ``mass`` -> Dimension('mass').

    Only brackets at the end hold a unit, and only after a name: ``(kg)`` alone is a name.
    """
    text = title.strip()
    match = _TITLE.match(text)
    if match and match.group("name"):
        return Dimension(match.group("name"), match.group("unit").strip())
    return Dimension(text)


class TableError(ValueError):
    """A change the table refuses (duplicate label, wrong shape, non-finite value)."""


class VectorTable:
    """Labelled vectors with named dimensions; emits a signal for every change."""

    rows_inserting = Signal(int, int)  # start, count
    rows_inserted = Signal(int, int)
    rows_removing = Signal(int, int)
    rows_removed = Signal(int, int)
    rows_moving = Signal(int, int, int)  # start, count, final position
    rows_moved = Signal(int, int, int)
    columns_inserting = Signal(int, int)
    columns_inserted = Signal(int, int)
    columns_removing = Signal(int, int)
    columns_removed = Signal(int, int)
    values_changed = Signal(object, object)  # rows tuple, columns tuple
    labels_changed = Signal(object)  # rows tuple
    dimensions_changed = Signal(object)  # columns tuple (name or unit)
    styles_changed = Signal(object)  # rows tuple (colour or visibility)
    kind_changed = Signal()  # what kind of vectors the table holds (explorer.model.vector_kind)
    resetting = Signal()
    reset = Signal()

    def __init__(
        self,
        labels: Sequence[str] = (),
        dimensions: Sequence[Dimension | str] = (),
        values: npt.ArrayLike | None = None,
        colors: Sequence[str] | None = None,
        visible: Sequence[bool] | None = None,
        metadata: Metadata | Iterable[tuple[str, Sequence[str]]] = (),
    ):
        """``metadata``: (name, values) pairs of text columns, one value per vector (or a Metadata to copy)."""
        dims = [d if isinstance(d, Dimension) else Dimension(d) for d in dimensions]
        array = (
            np.zeros((len(labels), len(dims)))
            if values is None
            else np.array(values, dtype=np.float64, copy=True).reshape(len(labels), len(dims))
        )
        self._check_values(array)
        self._check_labels(list(labels))
        self._labels = list(labels)
        self._dimensions = dims
        self._values = array
        self._colors = list(colors) if colors is not None else [palette_color(i) for i in range(len(labels))]
        self._visible = list(visible) if visible is not None else [True] * len(labels)
        if len(self._colors) != len(labels) or len(self._visible) != len(labels):
            raise TableError("every vector needs one colour and one visibility flag")
        #: What the vectors are when a model made them (sentence vectors of all-MiniLM-L6-v2), else None.
        self.kind: VectorKind | None = None
        try:
            #: Named columns of text, one value per vector (a CSV's words, a projector's metadata.tsv).
            self.metadata = Metadata(len(labels), metadata.items() if isinstance(metadata, Metadata) else metadata)
        except MetadataError as error:
            raise TableError(str(error)) from None

    def structure_signals(self) -> tuple[SignalInstance, ...]:
        """The signals after which rows or columns stand elsewhere: inserted, removed, moved, or a new content."""
        return (
            self.rows_inserted,
            self.rows_removed,
            self.rows_moved,
            self.columns_inserted,
            self.columns_removed,
            self.reset,
        )

    # ----------------------------------------------------------------- reading
    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self._labels)

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        return tuple(self._dimensions)

    @property
    def values(self) -> np.ndarray:
        """The N x D float64 values, read-only (change them through commands)."""
        view = self._values.view()
        view.flags.writeable = False
        return view

    @property
    def colors(self) -> tuple[str, ...]:
        return tuple(self._colors)

    @property
    def visible(self) -> tuple[bool, ...]:
        return tuple(self._visible)

    @property
    def row_count(self) -> int:
        return len(self._labels)

    @property
    def dimension_count(self) -> int:
        return len(self._dimensions)

    def __len__(self) -> int:
        return len(self._labels)

    def label(self, row: int) -> str:
        return self._labels[row]

    def color(self, row: int) -> str:
        """The colour of ``row`` (without copying every colour, as ``colors`` does)."""
        return self._colors[row]

    def is_visible(self, row: int) -> bool:
        """Whether ``row`` is drawn in the plot."""
        return self._visible[row]

    def vector(self, row: int) -> np.ndarray:
        """A copy of the values of ``row``."""
        result: np.ndarray = self._values[row].copy()
        return result

    def index_of(self, label: str) -> int:
        """The row of ``label``; raises KeyError naming it when there is none."""
        try:
            return self._labels.index(label)
        except ValueError:
            raise KeyError(f"there is no vector labelled '{shown_text(label)}'") from None

    def copy(self) -> VectorTable:
        """An independent copy with the same content and no listeners."""
        copy = VectorTable(self._labels, self._dimensions, self._values, self._colors, self._visible, self.metadata)
        copy.kind = self.kind
        return copy

    def take(self, rows: Sequence[int] | np.ndarray) -> VectorTable:
        """A new table of the vectors at ``rows`` (in that order): labels, values, colours, visibility, metadata.

        What a heatmap of chosen vectors and ``--first K`` compare; the dimensions are the same.
        """
        rows = [int(row) for row in rows]
        return VectorTable(
            [self._labels[i] for i in rows],
            self._dimensions,
            self._values[rows] if rows else np.zeros((0, self.dimension_count)),
            [self._colors[i] for i in rows],
            [self._visible[i] for i in rows],
            self.metadata.take(rows),
        )

    def same_content(self, other: VectorTable) -> bool:
        """True when labels, dimensions, values (bit for bit), colours, visibility and metadata agree."""
        return (
            self._labels == other._labels
            and self._dimensions == other._dimensions
            and self._values.shape == other._values.shape
            and np.array_equal(self._values, other._values)
            and self._colors == other._colors
            and self._visible == other._visible
            and self.kind == other.kind
            and self.metadata.items() == other.metadata.items()
        )

    def unique_label(self, stem: str = "v") -> str:
        """A label not yet used: ``stem``, or ``stem2``, ``stem3``, ..."""
        return unique_name(stem, set(self._labels))

    # ----------------------------------------------------------- validation
    @staticmethod
    def _check_values(array: np.ndarray) -> None:
        if not np.isfinite(array).all():
            bad = np.argwhere(~np.isfinite(array))[0]
            raise TableError(
                f"row {bad[0] + 1}, column {bad[1] + 1} holds {array[tuple(bad)]!r}; only finite numbers are allowed"
            )

    @staticmethod
    def _check_labels(labels: list[str], others: Sequence[str] = ()) -> None:
        seen = set(others)
        for label in labels:
            if not isinstance(label, str) or not label.strip():
                raise TableError("a vector needs a label that is not empty")
            if label in seen:
                raise TableError(f"the label '{shown_text(label)}' is already used; labels must be unique")
            seen.add(label)

    # ------------------------------------------------------------- changing
    def insert_rows(
        self,
        start: int,
        labels: Sequence[str],
        values: npt.ArrayLike,
        colors: Sequence[str] | None = None,
        visible: Sequence[bool] | None = None,
        metadata: Iterable[Sequence[object]] | None = None,
    ) -> None:
        """Insert vectors before row ``start``; ``metadata`` gives one sequence of texts per metadata column
        (empty text when None)."""
        count = len(labels)
        block = np.array(values, dtype=np.float64).reshape(count, self.dimension_count)
        if not 0 <= start <= self.row_count:
            raise TableError(f"cannot insert at row {start + 1}")
        self._check_values(block)
        self._check_labels(list(labels), self._labels)
        colors = list(colors) if colors is not None else [palette_color(start + i) for i in range(count)]
        visible = list(visible) if visible is not None else [True] * count
        if len(colors) != count or len(visible) != count:
            raise TableError("every vector needs one colour and one visibility flag")
        try:
            texts = self.metadata.check_rows_block(count, metadata)
        except MetadataError as error:
            raise TableError(str(error)) from None
        self.rows_inserting.emit(start, count)
        self._labels[start:start] = list(labels)
        self._values = np.concatenate([self._values[:start], block, self._values[start:]])
        self._colors[start:start] = colors
        self._visible[start:start] = visible
        self.metadata.insert_rows(start, count, texts)
        self.rows_inserted.emit(start, count)

    def remove_rows(self, start: int, count: int) -> None:
        """Remove ``count`` vectors from row ``start``."""
        if count <= 0 or start < 0 or start + count > self.row_count:
            raise TableError(f"cannot remove rows {start + 1} to {start + count}")
        self.rows_removing.emit(start, count)
        del self._labels[start : start + count]
        del self._colors[start : start + count]
        del self._visible[start : start + count]
        self._values = np.delete(self._values, np.s_[start : start + count], axis=0)
        self.metadata.remove_rows(start, count)
        self.rows_removed.emit(start, count)

    def move_rows(self, start: int, count: int, to: int) -> None:
        """Move ``count`` rows from ``start`` so that they begin at row ``to`` afterwards."""
        n = self.row_count
        if count <= 0 or start < 0 or start + count > n or not 0 <= to <= n - count:
            raise TableError(f"cannot move rows {start + 1}-{start + count} to {to + 1}")
        if to == start:
            return
        order = list(range(n))
        moved = order[start : start + count]
        del order[start : start + count]
        order[to:to] = moved
        self.rows_moving.emit(start, count, to)
        self._labels = [self._labels[i] for i in order]
        self._colors = [self._colors[i] for i in order]
        self._visible = [self._visible[i] for i in order]
        self._values = self._values[order]
        self.metadata.reorder(order)
        self.rows_moved.emit(start, count, to)

    def set_values(self, rows: Sequence[int], columns: Sequence[int], block: npt.ArrayLike) -> None:
        """Set the cells at ``rows`` x ``columns`` to ``block`` (len(rows) x len(columns))."""
        rows, columns = tuple(rows), tuple(columns)
        array = np.array(block, dtype=np.float64).reshape(len(rows), len(columns))
        self._check_values(array)
        self._values[np.ix_(rows, columns)] = array
        self.values_changed.emit(rows, columns)

    def set_labels(self, rows: Sequence[int], labels: Sequence[str]) -> None:
        """Rename the vectors at ``rows``."""
        rows = tuple(rows)
        others = [label for i, label in enumerate(self._labels) if i not in rows]
        self._check_labels(list(labels), others)
        for row, label in zip(rows, labels):
            self._labels[row] = label
        self.labels_changed.emit(rows)

    def set_styles(self, rows: Sequence[int], colors: Sequence[str], visible: Sequence[bool]) -> None:
        """Set the colour and visibility of the vectors at ``rows``."""
        rows = tuple(rows)
        for row, color, shown in zip(rows, colors, visible):
            self._colors[row] = color
            self._visible[row] = bool(shown)
        self.styles_changed.emit(rows)

    def insert_columns(self, start: int, dimensions: Sequence[Dimension], values: npt.ArrayLike | None = None) -> None:
        """Insert dimensions before column ``start``; ``values`` is N x len(dimensions)."""
        count = len(dimensions)
        if not 0 <= start <= self.dimension_count:
            raise TableError(f"cannot insert a dimension at column {start + 1}")
        block = (
            np.zeros((self.row_count, count))
            if values is None
            else np.array(values, dtype=np.float64).reshape(self.row_count, count)
        )
        self._check_values(block)
        self.columns_inserting.emit(start, count)
        self._dimensions[start:start] = list(dimensions)
        self._values = np.concatenate([self._values[:, :start], block, self._values[:, start:]], axis=1)
        self.columns_inserted.emit(start, count)

    def remove_columns(self, start: int, count: int) -> None:
        """Remove ``count`` dimensions from column ``start``."""
        if count <= 0 or start < 0 or start + count > self.dimension_count:
            raise TableError(f"cannot remove dimensions {start + 1} to {start + count}")
        self.columns_removing.emit(start, count)
        del self._dimensions[start : start + count]
        self._values = np.delete(self._values, np.s_[start : start + count], axis=1)
        self.columns_removed.emit(start, count)

    def set_dimension(self, column: int, dimension: Dimension) -> None:
        """Rename a dimension or change its unit."""
        if not dimension.name.strip():
            raise TableError("a dimension needs a name that is not empty")
        self._dimensions[column] = dimension
        self.dimensions_changed.emit((column,))

    def set_kind(self, kind: VectorKind | None) -> None:
        """Say what kind of vectors the table holds (None: nothing is known beyond the dimensions)."""
        if kind is not None and not isinstance(kind, VectorKind):
            raise TableError("a table's kind is a VectorKind or nothing")
        self.kind = kind
        self.kind_changed.emit()

    def replace(self, other: VectorTable) -> None:
        """Take over all of ``other``'s content (opening a file), announced as a reset."""
        self.resetting.emit()
        self._labels = list(other._labels)
        self._dimensions = list(other._dimensions)
        self._values = other._values.copy()
        self._colors = list(other._colors)
        self._visible = list(other._visible)
        self.kind = other.kind
        self.metadata.replace(other.metadata)
        self.reset.emit()
