"""What the plot's colours mean: a legend of categories, or a colour bar from low to high."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.model.columns import NO_VALUE_COLOUR
from explorer.qt.plot.colouring import Legend


class LegendView(QWidget):
    """``plotLegend``: categories with their colours and counts, or the gradient of a numeric column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("plotLegend")
        self.setMaximumWidth(180)
        self.title = QLabel()
        self.body = QLabel()
        self.body.setTextFormat(self.body.textFormat().RichText)
        self.bar = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        for widget in (self.title, self.bar, self.body):
            layout.addWidget(widget)
        self.set_legend(Legend())

    def set_legend(self, legend: Legend) -> None:
        self.setVisible(legend.column is not None)
        if legend.column is None:
            return
        self.title.setText(f"<b>Colour: {escape(legend.column)}</b>")
        if legend.kind == "numeric":
            self.bar.setPixmap(_gradient(legend.stops, 150, 12))
            self.bar.setVisible(True)
            text = f"{legend.low:.4g} <span style='color:#888'>to</span> {legend.high:.4g}"
            if legend.missing:
                text += f"<br><span style='color:{NO_VALUE_COLOUR}'>■</span> no value {legend.missing:,}"
            self.body.setText(text)
            return
        self.bar.setVisible(False)
        rows = "".join(
            f"<tr><td style='color:{c}'>■</td><td>{escape(name[:40])}</td>"
            f"<td align='right' style='color:#666'>{count:,}</td></tr>"
            for name, c, count in legend.categories
        )
        self.body.setText(f"<table cellspacing='1'>{rows}</table>")


def _gradient(stops, width: int, height: int) -> QPixmap:
    pixmap = QPixmap(width, height)
    gradient = QLinearGradient(0, 0, width, 0)
    for i, colour in enumerate(stops):
        gradient.setColorAt(i / max(len(stops) - 1, 1), QColor(colour))
    painter = QPainter(pixmap)
    painter.fillRect(pixmap.rect(), gradient)
    painter.end()
    return pixmap
