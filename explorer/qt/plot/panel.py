"""The plot with its choosers: which two dimensions to show, or the PCA projection."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from explorer.qt.plot.plot import VectorPlot


class VectorPlotPanel(QWidget):
    """``vectorPlot`` under a row of choosers (``plotProjection``, ``plotXDimension``, ``plotYDimension``)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("vectorPlotPanel")
        self._context = context
        self._updating = False
        self.plot = VectorPlot(context, self)
        self.projection = QComboBox(objectName="plotProjection")
        self.projection.addItem("Two dimensions", "dimensions")
        self.projection.addItem("PCA projection", "pca")
        self.projection.setToolTip("Show two chosen dimensions, or the two principal directions (PCA)")
        self.x_dimension = QComboBox(objectName="plotXDimension")
        self.y_dimension = QComboBox(objectName="plotYDimension")
        self.x_dimension.setToolTip("The dimension along the horizontal axis")
        self.y_dimension.setToolTip("The dimension along the vertical axis")
        self._x_label = QLabel("x:")
        self._y_label = QLabel("y:")

        choosers = QHBoxLayout()
        choosers.setContentsMargins(4, 2, 4, 0)
        choosers.addWidget(QLabel("Show:"))
        choosers.addWidget(self.projection)
        choosers.addSpacing(8)
        choosers.addWidget(self._x_label)
        choosers.addWidget(self.x_dimension, 1)
        choosers.addWidget(self._y_label)
        choosers.addWidget(self.y_dimension, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(choosers)
        layout.addWidget(self.plot, 1)

        self.projection.currentIndexChanged.connect(self._on_chooser_change)
        self.x_dimension.currentIndexChanged.connect(self._on_chooser_change)
        self.y_dimension.currentIndexChanged.connect(self._on_chooser_change)
        self.plot.projection_changed.connect(lambda *_: self._sync_choosers())
        table = context.table
        for signal in (table.columns_inserted, table.columns_removed, table.dimensions_changed, table.reset):
            signal.connect(lambda *_: self._sync_choosers())
        self._sync_choosers()

    def _sync_choosers(self) -> None:
        """Show the plot's current choice; offer PCA only when there are more than two dimensions."""
        self._updating = True
        try:
            dims = self._context.table.dimensions
            for combo in (self.x_dimension, self.y_dimension):
                combo.clear()
                combo.addItems([d.title for d in dims])
            x, y = self.plot.shown_dimensions
            if dims:
                self.x_dimension.setCurrentIndex(min(x, len(dims) - 1))
                self.y_dimension.setCurrentIndex(min(y, len(dims) - 1))
            pca = self.plot.mode == "pca"
            self.projection.setCurrentIndex(1 if pca else 0)
            self.projection.setEnabled(len(dims) > 2 or pca)
            for widget in (self.x_dimension, self.y_dimension, self._x_label, self._y_label):
                widget.setEnabled(not pca and len(dims) > 1)
        finally:
            self._updating = False

    def _on_chooser_change(self, *_):
        if self._updating:
            return
        mode = self.projection.currentData()
        self.plot.set_projection(mode, max(self.x_dimension.currentIndex(), 0), max(self.y_dimension.currentIndex(), 0))
