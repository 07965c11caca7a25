"""The heatmap panel's choosers: score, order, colours (with swatches), numbers, dendrogram, range.

:class:`HeatmapControls` reflects the document's heatmap view state
(``context.view.heatmap``): when the state changes it sets its controls with
their signals blocked, and when the user changes a control it writes the
choice back to the state. It keeps no copy of its own. The choosers sit in a
:class:`~explorer.qt.flow_layout.FlowLayout`, so a narrow dock wraps them
onto a second row instead of cutting their text. The colour range, its
centre and the decimals are in the *Range…* button's popup.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from explorer.model import colormaps, ordering
from explorer.model.heatmap import default_range, parse_range, range_text
from explorer.model.heatmap_numbers import MAX_DIGITS
from explorer.model.similarity import METRIC_NAMES, METRICS
from explorer.qt.flow_layout import FlowLayout, pair
from explorer.qt.heatmap import style
from explorer.qt.names import named

#: The range chooser's entries: what it says, and the state's value (None: typed in the field beside it).
RANGE_CHOICES = (("fixed range", "fixed"), ("data range", "data"), ("from … to …", None))


def colormap_icon(name: str) -> QIcon:
    """The colour map's swatch, for choosers."""
    return QIcon(style.swatch(name, 48, 12))


def fill_colormaps(combo: QComboBox) -> None:
    """Every colour map with its swatch; the tooltip says what it is."""
    combo.setIconSize(QSize(48, 12))
    for name, info in colormaps.COLORMAPS.items():
        combo.addItem(colormap_icon(name), name, name)
        combo.setItemData(combo.count() - 1, f"{name}: {info.description}", 3)  # Qt.ToolTipRole


def select_colormap(combo: QComboBox, name: str) -> None:
    """Show ``name`` in ``combo`` (adding it, e.g. a reversed map, when it is not listed)."""
    index = combo.findData(name)
    if index < 0:
        combo.addItem(colormap_icon(name), name, name)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class HeatmapControls(QWidget):
    """Choosers that reflect and set the heatmap's view state (see the module's docstring)."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("heatmapControls")
        self.context = context
        self.state = context.view.heatmap

        self.metric_selector = named(QComboBox(), "metricSelector")
        for metric in METRICS:
            self.metric_selector.addItem(METRIC_NAMES[metric], metric)
        self.metric_selector.setToolTip("The score shown for each pair of vectors")
        self.order_selector = named(QComboBox(), "heatmapOrder")
        for key in ordering.ORDERS:
            self.order_selector.addItem(ordering.ORDER_NAMES[key], key)
        self.order_selector.setToolTip("Order of the rows and columns; changes the picture, not the scores")
        self.colormap_selector = named(QComboBox(), "heatmapColormap")
        fill_colormaps(self.colormap_selector)
        self.colormap_selector.setToolTip("Colour map (diverging maps suit cosine similarity)")
        self.numbers_check = named(QCheckBox("Numbers"), "heatmapNumbers")
        self.numbers_check.setToolTip("Write the score in each cell when the cells are large enough")
        self.numbers_note = named(QLabel(), "heatmapNumbersNote")
        self.numbers_note.setStyleSheet("QLabel { color: #8a5a00; font-style: italic; }")
        self.numbers_note.setToolTip("Enlarge the panel, zoom in (mouse wheel) or export at a larger size")
        self.numbers_note.hide()
        self.dendrogram_check = named(QCheckBox("Dendrogram"), "heatmapDendrogram")
        self.dendrogram_check.setToolTip("Draw the clustering tree beside the clustered order (chooses that order)")
        self.show_selected_button = named(QPushButton("Show selected"), "heatmapShowSelected")
        self.export_button = named(QToolButton(), "heatmapExportButton")
        self.export_button.setText("Export…")
        self.export_button.setToolTip("Export the heatmap as PNG, SVG, PDF or CSV")
        self.range_button = named(QToolButton(), "heatmapRangeButton")
        self.range_button.setText("Range…")
        self.range_button.setToolTip("Colour range, the centre of a diverging map, and the decimals in the cells")
        self.range_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._build_range_popup()

        layout = FlowLayout(self)
        for caption, widget in (
            ("&Score", self.metric_selector),
            ("&Order", self.order_selector),
            ("&Colours", self.colormap_selector),
        ):
            layout.addWidget(pair(caption, widget))
        for control in (
            self.range_button,
            self.numbers_check,
            self.dendrogram_check,
            self.show_selected_button,
            self.export_button,
            self.numbers_note,
        ):
            layout.addWidget(control)

        self.sync()
        self.metric_selector.currentIndexChanged.connect(self._on_metric_chosen)
        self.order_selector.currentIndexChanged.connect(self._on_order_chosen)
        self.colormap_selector.currentIndexChanged.connect(self._on_colormap_chosen)
        self.numbers_check.toggled.connect(self._on_numbers_toggled)
        self.dendrogram_check.toggled.connect(self._on_dendrogram_toggled)
        self.range_selector.currentIndexChanged.connect(self._on_range_chosen)
        self.range_edit.editingFinished.connect(self._on_range_typed)
        self.centre_edit.editingFinished.connect(self._on_centre_typed)
        self.digits_spin.valueChanged.connect(self._on_digits_chosen)

    def _build_range_popup(self) -> None:
        self.range_selector = named(QComboBox(), "heatmapRange")
        for text, value in RANGE_CHOICES:
            self.range_selector.addItem(text, value)
        self.range_selector.setToolTip(
            "fixed: the metric's natural range (cosine -1 to 1); data: the lowest to the highest score; "
            "or a range you type"
        )
        self.range_edit = named(QLineEdit(placeholderText="LO:HI, e.g. 0.2:0.9"), "heatmapRangeEdit")
        self.range_edit.setToolTip("The colours' range as LO:HI; scores outside it get the end colours")
        self.centre_edit = named(QLineEdit(placeholderText="0"), "heatmapCentre")
        self.centre_edit.setToolTip("The score that gets a diverging map's middle colour (empty: the metric's own)")
        self.digits_spin = named(QSpinBox(minimum=-1, maximum=MAX_DIGITS), "heatmapDigits")
        self.digits_spin.setSpecialValueText("auto")
        self.digits_spin.setToolTip("Decimals in every cell (auto: three for cosine, about three digits otherwise)")
        popup = named(QWidget(), "heatmapRangePopup")
        form = QFormLayout(popup)
        form.addRow("Colours span", self.range_selector)
        form.addRow("", self.range_edit)
        form.addRow("Centre", self.centre_edit)
        form.addRow("Decimals", self.digits_spin)
        menu = QMenu(self.range_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(popup)
        menu.addAction(action)
        self.range_button.setMenu(menu)
        self.range_popup = popup

    # --------------------------------------------------------- reflecting
    def sync(self) -> None:
        """Set every control from the view state (signals blocked: nothing is written back)."""
        state = self.state
        widgets = (
            self.metric_selector,
            self.order_selector,
            self.colormap_selector,
            self.numbers_check,
            self.dendrogram_check,
            self.range_selector,
            self.range_edit,
            self.centre_edit,
            self.digits_spin,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.metric_selector.setCurrentIndex(self.metric_selector.findData(state.metric))
            self.order_selector.setCurrentIndex(self.order_selector.findData(state.order))
            select_colormap(self.colormap_selector, self.colormap())
            self.numbers_check.setChecked(state.annotate)
            self.dendrogram_check.setChecked(state.dendrogram and state.order == "clustered")
            spec = state.range if state.range is not None else default_range(state.metric)
            self.range_selector.setCurrentIndex(self.range_selector.findData(spec) if isinstance(spec, str) else 2)
            self.range_edit.setText(range_text(spec) if isinstance(spec, tuple) else "")
            self.range_edit.setEnabled(isinstance(spec, tuple) or self.range_selector.currentData() is None)
            self.centre_edit.setText("" if state.centre is None else f"{state.centre:g}")
            self.centre_edit.setEnabled(colormaps.is_diverging(self.colormap()))
            self.digits_spin.setValue(-1 if state.digits is None else state.digits)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def colormap(self) -> str:
        """The state's colour map when the program has it, else the metric's default."""
        name = self.state.colormap
        return name if name is not None else colormaps.default_colormap(self.state.metric)

    def set_numbers_note(self, text: str) -> None:
        """Say why numbers are not drawn ('numbers hidden: cells too small'), or nothing."""
        if text != self.numbers_note.text():
            self.numbers_note.setText(text)
        self.numbers_note.setVisible(bool(text))

    # ------------------------------------------------------------ writing
    def _on_metric_chosen(self, index: int) -> None:
        self.context.set_metric(self.metric_selector.itemData(index))

    def _on_order_chosen(self, index: int) -> None:
        self.state.order = ordering.check_order(self.order_selector.itemData(index))

    def _on_colormap_chosen(self, index: int) -> None:
        self.state.colormap = colormaps.check_colormap(self.colormap_selector.itemData(index))

    def _on_numbers_toggled(self, checked: bool) -> None:
        self.state.annotate = bool(checked)

    def _on_dendrogram_toggled(self, checked: bool) -> None:
        if checked:
            self.state.update(dendrogram=True, order="clustered")
        else:
            self.state.dendrogram = False

    def _on_range_chosen(self, index: int) -> None:
        value = self.range_selector.itemData(index)
        if value is not None:
            self.state.range = value
        else:
            self.range_edit.setEnabled(True)
            self.range_edit.setFocus()

    def _on_range_typed(self) -> None:
        text = self.range_edit.text().strip()
        if not text:
            return
        try:
            self.state.range = parse_range(text)
        except ValueError as error:
            self.context.message.emit(f"Colour range refused: {error}.")
            self.sync()

    def _on_centre_typed(self) -> None:
        text = self.centre_edit.text().strip().replace(",", ".")
        try:
            value = None if not text else float(text)
            if value is not None and not math.isfinite(value):
                raise ValueError
        except ValueError:
            self.context.message.emit(f"Centre refused: '{text}' is not a number.")
            self.sync()
            return
        self.state.centre = value

    def _on_digits_chosen(self, value: int) -> None:
        self.state.digits = None if value < 0 else value
