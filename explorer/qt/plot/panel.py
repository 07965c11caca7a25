"""The plot with its choosers, its note bar, its legend and the neighbours below it.

The choosers reflect ``context.view.plot`` (a PlotState): they are updated from its
events with their signals blocked, and the user's choices are written back through it.
Nothing here keeps a copy of what the plot shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.model.columns import available_columns
from explorer.qt.names import named
from explorer.qt.plot.legend import LegendView
from explorer.qt.plot.neighbours import NeighboursPanel, write_file
from explorer.qt.plot.plot import VectorPlot
from explorer.qt.plot.runner import ProjectionBar

PROJECTION_CHOICES = (
    ("Two dimensions", "dimensions"),
    ("PCA projection", "pca"),
    ("t-SNE map", "tsne"),
    ("UMAP map", "umap"),
    ("Custom axes", "axes"),
)
DRAW_CHOICES = (("Auto", "auto"), ("Arrows", "arrows"), ("Points", "points"))
AXIS_NAMES = ("plotAxisXFrom", "plotAxisXTo", "plotAxisYFrom", "plotAxisYTo")


class VectorPlotPanel(QWidget):
    """``vectorPlot`` under its choosers (``plotProjection``, ``plotXDimension``, ``plotYDimension``,
    custom axes, ``plotDraw``, ``colorBySelector``, ``labelBySelector``), above ``neighboursList``."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("vectorPlotPanel")
        self._context = context
        self._state = context.view.plot
        self.plot = VectorPlot(context, self)
        self.projection = _combo(
            "plotProjection",
            PROJECTION_CHOICES,
            "Two chosen dimensions, PCA, a t-SNE or UMAP map of all dimensions, or axes from one vector to another",
        )
        self.x_dimension = named(QComboBox(toolTip="The dimension along the horizontal axis"), "plotXDimension")
        self.y_dimension = named(QComboBox(toolTip="The dimension along the vertical axis"), "plotYDimension")
        self.axes = [named(QLineEdit(), name) for name in AXIS_NAMES]
        for edit, hint in zip(self.axes, ("x from", "x to", "y from", "y to")):
            edit.setPlaceholderText(hint)
            edit.setToolTip(f"Custom axes: the label of the vector the {hint.split()[0]} axis goes {hint.split()[1]}")
            edit.setMaximumWidth(90)
        self.draw = _combo("plotDraw", DRAW_CHOICES, "Arrows, points (the tips), or points above 2,000 vectors")
        self.color_by = named(QComboBox(toolTip="Colour the vectors by a column"), "colorBySelector")
        self.label_by = named(QComboBox(toolTip="Label the tips with a column"), "labelBySelector")
        self.export = named(QPushButton("Export coordinates…"), "exportCoordinates")
        self.export.setToolTip("Save the plotted coordinates as CSV (label,x,y)")
        self.bar = ProjectionBar(context, self.plot, self)
        self.legend = LegendView(self)
        self.neighbours = NeighboursPanel(context, self.plot, self)

        first = QHBoxLayout()
        first.setContentsMargins(4, 2, 4, 0)
        first.addWidget(QLabel("Show:"))
        first.addWidget(self.projection)
        self._x_label, self._y_label = QLabel("x:"), QLabel("y:")
        for widget in (self._x_label, self.x_dimension, self._y_label, self.y_dimension):
            first.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
        self._arrows = [QLabel("→"), QLabel("y:"), QLabel("→")]
        first.addWidget(self.axes[0])
        first.addWidget(self._arrows[0])
        first.addWidget(self.axes[1])
        first.addWidget(self._arrows[1])
        first.addWidget(self.axes[2])
        first.addWidget(self._arrows[2])
        first.addWidget(self.axes[3])
        first.addStretch(0)
        second = QHBoxLayout()
        second.setContentsMargins(4, 0, 4, 0)
        for text, widget in (("Draw:", self.draw), ("Colour:", self.color_by), ("Label:", self.label_by)):
            second.addWidget(QLabel(text))
            second.addWidget(widget, 1)
        # Small windows: the choosers shrink to a few letters (their tooltips and popups say all).
        for combo in (self.draw, self.color_by, self.label_by):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        self.neighbours.controls.insertWidget(3, self.export)
        self.neighbours.controls.insertWidget(0, self.legend)  # what the colours mean, above the buttons
        below = named(QWidget(), "plotBelow")
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.neighbours, 1)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addWidget(self.bar)
        middle_layout.addWidget(self.plot, 1)
        # The neighbours sit below the plot, which keeps its width between the table and the docks.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([480, 170])
        self.splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)

        self.projection.currentIndexChanged.connect(self._on_projection_chosen)
        self.x_dimension.currentIndexChanged.connect(lambda i: self._choose(x=max(i, 0)))
        self.y_dimension.currentIndexChanged.connect(lambda i: self._choose(y=max(i, 0)))
        for edit in self.axes:
            edit.editingFinished.connect(self._on_axes_edited)
        self.draw.currentIndexChanged.connect(lambda i: self._choose(draw=self.draw.itemData(i)))
        self.color_by.currentIndexChanged.connect(lambda i: self._choose(color_by=self.color_by.itemData(i)))
        self.label_by.currentIndexChanged.connect(lambda i: self._choose(label_by=self.label_by.itemData(i)))
        self.export.clicked.connect(lambda: self.export_coordinates())
        self.plot.projection_changed.connect(lambda *_: self._sync())
        self.plot.legend_changed.connect(self.legend.set_legend)
        self._state.changed.connect(lambda names: self._sync())
        table = context.table
        for signal in (table.columns_inserted, table.columns_removed, table.dimensions_changed, table.reset):
            signal.connect(lambda *_: self._sync())
        metadata = table.metadata  # its columns are offered in the choosers; a cell edit may make one numeric
        for signal in (metadata.columns_inserted, metadata.columns_removed, metadata.names_changed):
            signal.connect(lambda *_: self._sync())
        metadata.values_changed.connect(lambda *_: self._sync())
        self._sync()
        self.legend.set_legend(self.plot.legend)

    def _choose(self, **values) -> None:
        """Write the user's choice to the view state (the plot and the choosers follow its event)."""
        try:
            self._state.update(**values)
        except ValueError as error:
            self._context.message.emit(str(error))
            self._sync()

    def _on_projection_chosen(self, index: int) -> None:
        mode = self.projection.itemData(index)
        values = {"projection": mode}
        if mode == "axes" and not self._state.axes:
            values["axes"] = self._default_axes()
        if mode == "dimensions":
            values.update(x=max(self.x_dimension.currentIndex(), 0), y=max(self.y_dimension.currentIndex(), 0))
        self._choose(**values)

    def _default_axes(self) -> tuple[str, ...]:
        """Four vectors for new custom axes: the selected ones first, then the table's first."""
        table = self._context.table
        rows = list(dict.fromkeys([*self._context.selection, *range(min(4, len(table)))]))[:4]
        return tuple(table.label(r) for r in rows) if len(rows) == 4 else ()

    def _on_axes_edited(self) -> None:
        labels = tuple(edit.text().strip() for edit in self.axes)
        if labels == self._state.axes or not all(labels):
            return
        self._choose(axes=labels)

    def _sync(self) -> None:
        """Show the state's choices, with every chooser's signals blocked."""
        widgets = [
            self.projection,
            self.x_dimension,
            self.y_dimension,
            self.draw,
            self.color_by,
            self.label_by,
            *self.axes,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self._fill(widgets)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _fill(self, widgets) -> None:
        table, state = self._context.table, self._state
        dims = table.dimensions
        titles = [d.title for d in dims]
        for combo in (self.x_dimension, self.y_dimension):
            if [combo.itemText(i) for i in range(combo.count())] != titles:
                combo.clear()
                combo.addItems(titles)
        x, y = self.plot.shown_dimensions
        if dims:
            self.x_dimension.setCurrentIndex(min(x, len(dims) - 1))
            self.y_dimension.setCurrentIndex(min(y, len(dims) - 1))
        mode = self.plot.mode
        self.projection.setCurrentIndex([v for _, v in PROJECTION_CHOICES].index(mode))
        self.projection.setEnabled(len(dims) > 2 or mode != "dimensions")
        for widget in (self.x_dimension, self.y_dimension, self._x_label, self._y_label):
            widget.setVisible(mode != "axes")
            widget.setEnabled(mode == "dimensions" and len(dims) > 1)
        for widget in (*self.axes, *self._arrows):
            widget.setVisible(mode == "axes")
        for edit, label in zip(self.axes, state.axes or ("",) * 4):
            edit.setText(label)
        self.draw.setCurrentIndex([v for _, v in DRAW_CHOICES].index(state.draw))
        columns = [(c.name, c.kind) for c in available_columns(table)]
        for combo, chosen, first in (
            (self.color_by, state.color_by, "each vector's colour"),
            (self.label_by, state.label_by, "label"),
        ):
            wanted = [(first, None)] + [
                (f"{name}" if kind == "categorical" else f"{name} (numeric)", name)
                for name, kind in columns
                if not (combo is self.label_by and name == "label")
            ]
            if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] != wanted:
                combo.clear()
                for text, value in wanted:
                    combo.addItem(text, value)
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))

    def export_coordinates(self, path: str | None = None) -> bool:
        """Write the plotted coordinates as CSV (label,x,y; vectors not in the view left out)."""
        from explorer.model.formats.coordinates import coordinates_csv

        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Export coordinates", "coordinates.csv", "CSV (*.csv)")
        if not path:
            return False
        table = self._context.table
        coords = [self.plot.tip(r) for r in range(len(table))]
        return write_file(self._context, path, coordinates_csv(table.labels, coords), f"{len(table):,} coordinates")


def _combo(name: str, choices, tooltip: str) -> QComboBox:
    combo = named(QComboBox(), name)
    combo.setToolTip(tooltip)
    for text, value in choices:
        combo.addItem(text, value)
    return combo
