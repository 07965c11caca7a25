"""The export dialog (``actionExportHeatmap``): file, format, size, DPI, metric, order, colours, numbers, title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from explorer.model import ordering
from explorer.model.similarity import METRIC_NAMES, METRICS
from explorer.qt.heatmap import export, style

#: Format choices: (label, suffix, CSV layout).
FORMAT_CHOICES = (
    ("PNG image", ".png", "matrix"),
    ("SVG drawing (crisp cells)", ".svg", "matrix"),
    ("PDF document", ".pdf", "matrix"),
    ("CSV, the matrix with labels", ".csv", "matrix"),
    ("CSV, one line per pair (a,b,score)", ".csv", "pairs"),
)


class ExportHeatmapDialog(QDialog):
    """Choose where and how to export the heatmap of ``context``'s document, then export it."""

    def __init__(self, context, parent: QWidget | None = None, rows=None):
        super().__init__(parent)
        self.setObjectName("exportHeatmapDialog")
        self.setWindowTitle("Export heatmap")
        self.context = context
        #: The table rows to export (what the panel shows of a large document), or None for all.
        self.rows = None if rows is None or len(rows) == len(context.table) else list(rows)
        view = context.view.heatmap
        self.path_edit = QLineEdit(objectName="exportPath")
        browse = QPushButton("Browse…", objectName="exportBrowse")
        browse.clicked.connect(self._browse)
        self.format_combo = QComboBox(objectName="exportFormat")
        for label, suffix, layout in FORMAT_CHOICES:
            self.format_combo.addItem(label, (suffix, layout))
        self.width_spin = QSpinBox(objectName="exportWidth", minimum=16, maximum=export.MAX_PIXELS, value=1200)
        self.height_spin = QSpinBox(objectName="exportHeight", minimum=16, maximum=export.MAX_PIXELS, value=1000)
        self.dpi_spin = QSpinBox(objectName="exportDpi", minimum=10, maximum=2400, value=96)
        self.metric_combo = QComboBox(objectName="exportMetric")
        for metric in METRICS:
            self.metric_combo.addItem(METRIC_NAMES[metric], metric)
        self.metric_combo.setCurrentIndex(self.metric_combo.findData(context.metric))
        self.order_combo = QComboBox(objectName="exportOrder")
        for key in ordering.ORDERS:
            self.order_combo.addItem(ordering.ORDER_NAMES[key], key)
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(view.order)))
        self.colormap_combo = QComboBox(objectName="exportColormap")
        self.colormap_combo.addItems(list(style.COLORMAPS))
        colormap = view.colormap
        self.colormap_combo.setCurrentText(
            colormap if colormap in style.COLORMAPS else style.default_colormap(context.metric)
        )
        self.annotate_check = QCheckBox("Numbers in the cells", objectName="exportAnnotate", checked=True)
        self.title_edit = QLineEdit(objectName="exportTitle")
        self.title_edit.setPlaceholderText("no title")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_spin)
        size_row.addWidget(self.height_spin)
        form = QFormLayout(self)
        form.addRow("File", path_row)
        form.addRow("Format", self.format_combo)
        form.addRow("Size (pixels)", size_row)
        form.addRow("DPI", self.dpi_spin)
        form.addRow("Score", self.metric_combo)
        form.addRow("Order", self.order_combo)
        form.addRow("Colours", self.colormap_combo)
        form.addRow("", self.annotate_check)
        form.addRow("Title", self.title_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format_combo.currentIndexChanged.connect(self._on_format_chosen)
        self.metric_combo.currentIndexChanged.connect(self._on_metric_chosen)
        stem = context.document.path.stem if context.document.path else "heatmap"
        self.path_edit.setText(str(Path.home() / f"{stem}.png"))

    def options(self) -> export.HeatmapOptions:
        """What the dialog says, as export options."""
        return export.HeatmapOptions(
            metric=self.metric_combo.currentData(),
            order=self.order_combo.currentData(),
            colormap=self.colormap_combo.currentText(),
            annotate=self.annotate_check.isChecked(),
            title=self.title_edit.text().strip(),
            size=(self.width_spin.value(), self.height_spin.value()),
            dpi=self.dpi_spin.value(),
            csv_layout=self.format_combo.currentData()[1],
        )

    def _on_format_chosen(self, index: int) -> None:
        suffix = self.format_combo.itemData(index)[0]
        path = Path(self.path_edit.text() or "heatmap")
        self.path_edit.setText(str(path.with_suffix(suffix)))

    def _on_metric_chosen(self, index: int) -> None:
        self.colormap_combo.setCurrentText(style.default_colormap(self.metric_combo.itemData(index)))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export heatmap", self.path_edit.text(), "Images and data (*.png *.svg *.pdf *.csv)"
        )
        if path:
            self.path_edit.setText(path)
            suffix = Path(path).suffix.lower()
            for i, (_, choice, _) in enumerate(FORMAT_CHOICES):
                if choice == suffix:
                    self.format_combo.blockSignals(True)
                    self.format_combo.setCurrentIndex(i)
                    self.format_combo.blockSignals(False)
                    break

    def _table(self):
        """The document's table, or the shown rows of it as a table of their own."""
        table = self.context.table
        if self.rows is None:
            return table
        from explorer.model.table import VectorTable

        rows = self.rows
        return VectorTable(
            [table.labels[i] for i in rows],
            table.dimensions,
            table.values[rows],
            [table.colors[i] for i in rows],
            [table.visible[i] for i in rows],
        )

    def export(self) -> bool:
        """Write the file; on failure say why in one sentence and keep the dialog open."""
        try:
            export.export_heatmap(
                self._table(), Path(self.path_edit.text()), self.options(), name=self.context.document.title
            )
        except export.ExportError as error:
            self.context.message.emit(f"Export failed: {error}")
            QMessageBox.warning(self, "Export heatmap", f"{str(error)[:1].upper()}{str(error)[1:]}.")
            return False
        self.context.message.emit(f"Exported the heatmap to {self.path_edit.text()}")
        self.accept()
        return True


def export_heatmap_interactive(parent: QWidget | None, context, rows=None) -> ExportHeatmapDialog:
    """Open the export dialog for ``context`` (connect ``actionExportHeatmap.triggered`` to this);
    ``rows`` limits it to the vectors the panel shows of a large document."""
    dialog = ExportHeatmapDialog(context, parent, rows)
    dialog.open()
    return dialog
