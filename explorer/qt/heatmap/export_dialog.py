"""The export dialog (``actionExportHeatmap``): file and format, size in pixels or cm/mm/in/pt, DPI,
the heatmap's look, a preview at the chosen size, Copy Image and Save.

- The format follows the file's extension as it is typed, and choosing a
  format changes the extension.
- Format, size, unit, DPI and folder are remembered between runs (QSettings,
  through :class:`~explorer.qt.app.settings.Settings`).
- The look (score, order, colours, range, decimals, numbers, dendrogram,
  title) is the document's heatmap view state: the dialog reflects it and
  writes changes back, so the panel behind follows; Cancel puts back what
  the state was when the dialog opened.
- Save says in the status bar where the file went.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.model import colormaps, ordering
from explorer.model.figure_size import FigureSize
from explorer.model.heatmap import shown_table
from explorer.model.heatmap_numbers import MAX_DIGITS
from explorer.model.similarity import METRIC_NAMES, METRICS
from explorer.qt.heatmap import export, render
from explorer.qt.heatmap.controls import fill_colormaps, select_colormap
from explorer.qt.heatmap.export_size import FigureSizeChooser
from explorer.qt.names import named

#: Format choices: (key, label, suffix, CSV layout).
FORMAT_CHOICES = (
    ("png", "PNG image", ".png", "matrix"),
    ("svg", "SVG drawing (crisp cells, text as text)", ".svg", "matrix"),
    ("pdf", "PDF document (fonts embedded)", ".pdf", "matrix"),
    ("csv", "CSV, the matrix with labels", ".csv", "matrix"),
    ("csv-pairs", "CSV, one line per pair (a,b,score)", ".csv", "pairs"),
)
PREVIEW = QSize(360, 300)
_STATE_FIELDS = ("metric", "order", "colormap", "annotate", "range", "centre", "digits", "dendrogram", "title")


class ExportHeatmapDialog(QDialog):
    """Choose where and how to export the heatmap of ``context``'s document, then export it."""

    def __init__(self, context, parent: QWidget | None = None, rows=None, settings=None):
        super().__init__(parent)
        self.setObjectName("exportHeatmapDialog")
        self.setWindowTitle("Export heatmap")
        self.context = context
        self.state = context.view.heatmap
        self._state_at_open = {name: getattr(self.state, name) for name in _STATE_FIELDS}
        if settings is None:
            from explorer.qt.app.settings import Settings

            settings = Settings()
        self.settings = settings
        #: The table rows to export (what the panel shows of a large document), or None for all.
        self.rows = None if rows is None or len(rows) == len(context.table) else list(rows)
        self._build()
        self._restore_settings()
        self.sync()
        self._connect()
        self._preview_timer = QTimer(self, singleShot=True, interval=120)
        self._preview_timer.timeout.connect(self.update_preview)
        self.state.changed.connect(self._on_state_change)
        self.finished.connect(lambda *_: self.state.changed.disconnect(self._on_state_change))
        self.update_preview()

    # -------------------------------------------------------------- building
    def _build(self) -> None:
        self.path_edit = named(QLineEdit(), "exportPath")
        browse = named(QPushButton("Browse…"), "exportBrowse")
        browse.clicked.connect(self._browse)
        self.format_combo = named(QComboBox(), "exportFormat")
        for key, label, suffix, csv_layout in FORMAT_CHOICES:
            self.format_combo.addItem(label, (key, suffix, csv_layout))
        self.size_chooser = FigureSizeChooser()
        self.width_spin, self.height_spin = self.size_chooser.width_spin, self.size_chooser.height_spin
        self.unit_combo, self.dpi_spin = self.size_chooser.unit_combo, self.size_chooser.dpi_spin
        self.metric_combo = named(QComboBox(), "exportMetric")
        for metric in METRICS:
            self.metric_combo.addItem(METRIC_NAMES[metric], metric)
        self.order_combo = named(QComboBox(), "exportOrder")
        for key in ordering.ORDERS:
            self.order_combo.addItem(ordering.ORDER_NAMES[key], key)
        self.colormap_combo = named(QComboBox(), "exportColormap")
        fill_colormaps(self.colormap_combo)
        self.range_edit = named(QLineEdit(), "exportRange")
        self.range_edit.setToolTip("fixed (the metric's range), data (lowest to highest score), or LO:HI")
        self.digits_spin = named(QSpinBox(minimum=-1, maximum=MAX_DIGITS), "exportDigits")
        self.digits_spin.setSpecialValueText("auto")
        self.annotate_check = named(QCheckBox("Numbers in the cells"), "exportAnnotate")
        self.dendrogram_check = named(QCheckBox("Dendrogram (clustered order)"), "exportDendrogram")
        self.title_edit = named(QLineEdit(placeholderText="no title"), "exportTitle")
        self.preview = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "exportPreview")
        self.preview.setMinimumSize(PREVIEW)
        self.preview.setStyleSheet("QLabel#exportPreview { background: #e8e8e8; border: 1px solid #bbb; }")
        self.note = named(QLabel(wordWrap=True), "exportNote")
        self.note.setStyleSheet("QLabel { color: #8a5a00; }")

        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", path_row)
        form.addRow("Format", self.format_combo)
        form.addRow("Size", self.size_chooser)
        form.addRow("Score", self.metric_combo)
        form.addRow("Order", self.order_combo)
        form.addRow("Colours", self.colormap_combo)
        form.addRow("Range", self.range_edit)
        form.addRow("Decimals", self.digits_spin)
        form.addRow("", self.annotate_check)
        form.addRow("", self.dendrogram_check)
        form.addRow("Title", self.title_edit)
        side = QVBoxLayout()
        side.addWidget(self.preview, 1)
        side.addWidget(self.note)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addLayout(side, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.copy_button = self.buttons.addButton("Copy Image", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("exportCopy")
        self.copy_button.setToolTip("Put the picture, at the chosen size, on the clipboard")
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_image)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.format_combo.currentIndexChanged.connect(self._on_format_chosen)
        self.path_edit.textEdited.connect(self._on_path_typed)
        self.size_chooser.changed.connect(self._preview_timer_start)
        self.metric_combo.currentIndexChanged.connect(lambda i: self.context.set_metric(self.metric_combo.itemData(i)))
        self.order_combo.currentIndexChanged.connect(lambda i: self._write(order=self.order_combo.itemData(i)))
        self.colormap_combo.currentIndexChanged.connect(lambda i: self._write(colormap=self.colormap_combo.itemData(i)))
        self.range_edit.editingFinished.connect(self._on_range_typed)
        self.digits_spin.valueChanged.connect(lambda v: self._write(digits=None if v < 0 else v))
        self.annotate_check.toggled.connect(lambda on: self._write(annotate=bool(on)))
        self.dendrogram_check.toggled.connect(self._on_dendrogram_toggled)
        self.title_edit.editingFinished.connect(lambda: self._write(title=self.title_edit.text().strip()))

    # ------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        settings = self.settings
        key = settings.value("export/format")
        index = next((i for i, choice in enumerate(FORMAT_CHOICES) if choice[0] == key), 0)
        self.format_combo.setCurrentIndex(index)
        self.size_chooser.restore(settings)
        folder = Path(settings.value("export/folder") or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        stem = self.context.document.path.stem if self.context.document.path else "heatmap"
        self.path_edit.setText(str(folder / f"{stem}{self._suffix()}"))
        self.size_chooser.set_format(self._suffix())

    def _save_settings(self) -> None:
        settings = self.settings
        settings.set_value("export/format", self.format_combo.currentData()[0])
        self.size_chooser.save(settings)
        settings.set_value("export/folder", str(Path(self.path_edit.text()).expanduser().parent))
        settings.sync()

    # ------------------------------------------------------------ the state
    def sync(self) -> None:
        """Show the view state in the look's controls (signals blocked)."""
        state = self.state
        widgets = (
            self.metric_combo,
            self.order_combo,
            self.colormap_combo,
            self.range_edit,
            self.digits_spin,
            self.annotate_check,
            self.dendrogram_check,
            self.title_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.metric_combo.setCurrentIndex(self.metric_combo.findData(state.metric))
            self.order_combo.setCurrentIndex(self.order_combo.findData(state.order))
            select_colormap(self.colormap_combo, state.colormap or colormaps.default_colormap(state.metric))
            from explorer.model.heatmap import default_range, range_text

            self.range_edit.setText(range_text(state.range if state.range is not None else default_range(state.metric)))
            self.digits_spin.setValue(-1 if state.digits is None else state.digits)
            self.annotate_check.setChecked(state.annotate)
            self.dendrogram_check.setChecked(state.dendrogram and state.order == "clustered")
            if self.title_edit.text().strip() != state.title:
                self.title_edit.setText(state.title)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _write(self, **values) -> None:
        try:
            self.state.update(**values)
        except ValueError as error:
            self.context.message.emit(f"Refused: {error}.")
            self.sync()

    def _on_state_change(self, names) -> None:
        if not shiboken6.isValid(self):  # the dialog went without being closed: stop listening
            self.state.changed.disconnect(self._on_state_change)
            return
        self.sync()
        self._preview_timer.start()

    def _on_range_typed(self) -> None:
        from explorer.model.heatmap import parse_range

        text = self.range_edit.text().strip()
        try:
            self.state.range = parse_range(text) if text else None
        except ValueError as error:
            QMessageBox.warning(self, "Export heatmap", f"{str(error)[:1].upper()}{str(error)[1:]}.")
            self.sync()

    def _on_dendrogram_toggled(self, on: bool) -> None:
        self._write(**({"dendrogram": True, "order": "clustered"} if on else {"dendrogram": False}))

    # -------------------------------------------------------- format, size
    def _suffix(self) -> str:
        return self.format_combo.currentData()[1]

    def _on_format_chosen(self, index: int) -> None:
        path = Path(self.path_edit.text() or "heatmap")
        self.path_edit.setText(str(path.with_suffix(self._suffix())))
        self.size_chooser.set_format(self._suffix())
        self._preview_timer.start()

    def _on_path_typed(self, text: str) -> None:
        """The format follows the extension typed (a CSV keeps its layout)."""
        suffix = Path(text).suffix.lower()
        if suffix not in export.FORMATS or suffix == self._suffix():
            return
        index = next(i for i, choice in enumerate(FORMAT_CHOICES) if choice[2] == suffix)
        self.format_combo.blockSignals(True)
        self.format_combo.setCurrentIndex(index)
        self.format_combo.blockSignals(False)
        self.size_chooser.set_format(self._suffix())
        self._preview_timer.start()

    def _preview_timer_start(self) -> None:
        self._preview_timer.start()

    def figure_size(self) -> FigureSize:
        """The size the dialog says, in its unit."""
        return self.size_chooser.figure_size()

    def options(self) -> export.HeatmapOptions:
        """What the dialog and the view state say, as export options."""
        state = self.state
        return export.HeatmapOptions(
            metric=state.metric,
            order=state.order,
            colormap=state.colormap,
            annotate=state.annotate,
            title=state.title,
            size=self.figure_size(),
            dpi=self.size_chooser.dpi(),
            csv_layout=self.format_combo.currentData()[2],
            range=state.range,
            centre=state.centre,
            digits=state.digits,
            dendrogram=state.dendrogram,
        )

    # -------------------------------------------------------------- preview
    def update_preview(self) -> None:
        """Draw the figure as it will be at the chosen size, shrunk to the preview's box."""
        if self._suffix() == ".csv":
            self.preview.setPixmap(QPixmap())
            self.preview.setText("CSV: every score at full precision,\nwith the labels, in the order shown")
            self.note.setText("")
            return
        try:
            options = self.options()
            table = self._table()
            export.check_table(table, self.context.document.title)
            export.check_size(options.figure_size, options.dpi, self._suffix())
            image, note = render.render_preview(
                export.heatmap_data(table, options), options.figure_size, options.dpi, PREVIEW * 2
            )
        except (export.ExportError, ValueError) as error:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(str(error))
            self.note.setText("")
            return
        pixmap = QPixmap.fromImage(image).scaled(
            PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.preview.setPixmap(pixmap)
        self.note.setText(f"{note[:1].upper()}{note[1:]}; a larger size shows them." if note else "")

    def _table(self):
        return shown_table(self.context.table, self.rows)

    # -------------------------------------------------------------- actions
    def copy_image(self) -> bool:
        """Put the picture at the chosen size on the clipboard."""
        try:
            options = self.options()
            table = self._table()
            export.check_table(table, self.context.document.title)
            export.check_size(options.figure_size, options.dpi, ".png")
            data = export.heatmap_data(table, options)
            image, _figure = render.render_image(data, options.figure_size, options.dpi)
        except (export.ExportError, ValueError) as error:
            self._say_failure(str(error), "Copy failed")
            return False
        QGuiApplication.clipboard().setImage(image)
        self.context.message.emit(
            f"Copied the heatmap ({image.width():,} × {image.height():,} pixels) to the clipboard"
        )
        return True

    def export(self) -> bool:
        """Write the file; on failure say why in one sentence and keep the dialog open."""
        path = Path(self.path_edit.text()).expanduser()
        if path.suffix.lower() != self._suffix() and path.suffix.lower() not in export.FORMATS:
            path = path.with_suffix(self._suffix())
            self.path_edit.setText(str(path))
        try:
            notes = export.export_heatmap(self._table(), path, self.options(), name=self.context.document.title)
        except export.ExportError as error:
            self._say_failure(str(error), "Export failed")
            return False
        except Exception as error:  # noqa: BLE001 - any failure is said in one sentence; the dialog stays open
            self._say_failure(f"could not write {path.name}: {_reason(error)}", "Export failed")
            return False
        self._save_settings()
        message = f"Exported the heatmap to {path}"
        if notes:
            message += f" ({notes[0]})"
        self.context.message.emit(message)
        self.accept()
        return True

    def _say_failure(self, error: str, what: str) -> None:
        self.context.message.emit(f"{what}: {error}")
        QMessageBox.warning(self, "Export heatmap", f"{error[:1].upper()}{error[1:]}.")

    def reject(self) -> None:
        """Cancel: the heatmap's look goes back to what it was when the dialog opened."""
        changed = {name: value for name, value in self._state_at_open.items() if getattr(self.state, name) != value}
        metric = changed.pop("metric", None)
        if metric is not None:
            self.context.set_metric(metric)
        if changed:
            self.state.update(**changed)
        super().reject()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export heatmap", self.path_edit.text(), "Images and data (*.png *.svg *.pdf *.csv)"
        )
        if path:
            self.path_edit.setText(path)
            self._on_path_typed(path)


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeEncodeError):
        return f"a label holds a character that cannot be written as UTF-8 (U+{ord(error.object[error.start]):04X})"
    if isinstance(error, MemoryError):
        return "there is not enough memory to draw it"
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else 'no reason given'}"


def export_heatmap_interactive(parent: QWidget | None, context, rows=None, settings=None) -> ExportHeatmapDialog:
    """Open the export dialog for ``context`` (connect ``actionExportHeatmap.triggered`` to this);
    ``rows`` limits it to the vectors the panel shows of a large document."""
    dialog = ExportHeatmapDialog(context, parent, rows, settings)
    dialog.open()
    return dialog
