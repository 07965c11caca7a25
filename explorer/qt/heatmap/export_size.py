"""The export dialog's size chooser: width x height in pixels, cm, mm, inches or points, and the DPI.

Changing the unit keeps the physical size (pixels at the DPI). The label
beside the DPI says what the size makes: a PNG's pixels, or an SVG or PDF
page in cm. The last size, unit and DPI are remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from explorer.model.figure_size import PER_INCH, UNIT_NAMES, FigureSize
from explorer.qt.names import named

#: Largest side the spin boxes take (pixels; physical sizes are checked by the export).
MAX_SIDE = 20000


class FigureSizeChooser(QWidget):
    """Width, height, unit and DPI (``exportWidth``, ``exportHeight``, ``exportUnit``, ``exportDpi``)."""

    #: The size or the DPI changed.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.unit = "px"
        self.suffix = ".png"
        self.width_spin = named(QDoubleSpinBox(decimals=0, minimum=1, maximum=MAX_SIDE), "exportWidth")
        self.height_spin = named(QDoubleSpinBox(decimals=0, minimum=1, maximum=MAX_SIDE), "exportHeight")
        self.unit_combo = named(QComboBox(), "exportUnit")
        for unit, name in UNIT_NAMES.items():
            self.unit_combo.addItem(name, unit)
        self.unit_combo.setToolTip("A size in cm, mm, inches or points is the PDF's page and the SVG's size exactly")
        self.dpi_spin = named(QSpinBox(minimum=10, maximum=2400, value=96), "exportDpi")
        self.dpi_spin.setToolTip("Dots per inch: the pixels of a PNG of a size in cm or inches; text keeps its size")
        self.pixels_label = named(QLabel(), "exportPixels")
        size_row = QHBoxLayout()
        size_row.setContentsMargins(0, 0, 0, 0)
        size_row.addWidget(self.width_spin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_spin)
        size_row.addWidget(self.unit_combo)
        dpi_row = QHBoxLayout()
        dpi_row.setContentsMargins(0, 0, 0, 0)
        dpi_row.addWidget(QLabel("DPI"))
        dpi_row.addWidget(self.dpi_spin)
        dpi_row.addWidget(self.pixels_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(size_row)
        layout.addLayout(dpi_row)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_chosen)
        for spin in (self.width_spin, self.height_spin, self.dpi_spin):
            spin.valueChanged.connect(self._on_change)

    def figure_size(self) -> FigureSize:
        """The size chosen, in its unit."""
        return FigureSize(max(0.01, self.width_spin.value()), max(0.01, self.height_spin.value()), self.unit)

    def dpi(self) -> float:
        return float(self.dpi_spin.value())

    def set_size(self, size: FigureSize, dpi: float | None = None) -> None:
        """Show ``size`` (and ``dpi``) without announcing each step."""
        for widget in (self.width_spin, self.height_spin, self.unit_combo, self.dpi_spin):
            widget.blockSignals(True)
        try:
            if dpi is not None:
                self.dpi_spin.setValue(round(min(2400.0, max(10.0, dpi))))
            self.unit = size.unit
            self.unit_combo.setCurrentIndex(max(0, self.unit_combo.findData(size.unit)))
            self._set_spin_units(size.unit)
            self.width_spin.setValue(size.width)
            self.height_spin.setValue(size.height)
        finally:
            for widget in (self.width_spin, self.height_spin, self.unit_combo, self.dpi_spin):
                widget.blockSignals(False)
        self._on_change()

    def set_format(self, suffix: str) -> None:
        """Say what the size makes for this format ('= 1,417 × 1,063 pixels' for PNG)."""
        self.suffix = suffix
        self._describe()

    def restore(self, settings) -> None:
        """The last size, unit and DPI exported."""
        unit = settings.value("export/unit")
        size = FigureSize(
            max(0.01, settings.value("export/width")),
            max(0.01, settings.value("export/height")),
            unit if unit in PER_INCH else "px",
        )
        self.set_size(size, settings.value("export/dpi"))

    def save(self, settings) -> None:
        settings.set_value("export/unit", self.unit)
        settings.set_value("export/width", float(self.width_spin.value()))
        settings.set_value("export/height", float(self.height_spin.value()))
        settings.set_value("export/dpi", float(self.dpi_spin.value()))

    def _set_spin_units(self, unit: str) -> None:
        decimals = 0 if unit in ("px", "pt", "mm") else 2
        for spin in (self.width_spin, self.height_spin):
            spin.blockSignals(True)
            spin.setDecimals(decimals)
            spin.setSingleStep(1 if decimals == 0 else 0.5)
            spin.setSuffix("" if unit == "px" else f" {unit}")
            spin.blockSignals(False)

    def _on_unit_chosen(self, index: int) -> None:
        """Keep the physical size, in the new unit (pixels at the DPI)."""
        unit = self.unit_combo.itemData(index)
        size = self.figure_size().converted(unit, self.dpi())
        self.set_size(size)

    def _on_change(self, *args) -> None:
        self._describe()
        self.changed.emit()

    def _describe(self) -> None:
        size, dpi = self.figure_size(), self.dpi()
        if self.suffix == ".csv":
            self.pixels_label.setText("")
        elif self.suffix == ".png":
            w, h = size.pixels(dpi)
            self.pixels_label.setText(f"= {w:,} × {h:,} pixels")
        else:
            w_in, h_in = size.inches(dpi)
            self.pixels_label.setText(f"= {w_in * 2.54:.1f} × {h_in * 2.54:.1f} cm page")
