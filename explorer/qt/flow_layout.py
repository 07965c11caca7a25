"""A layout that places widgets in a row and wraps them onto the next row when the row is full.

Panels put their choosers in one: in a narrow dock the choosers take a second
row instead of being cut ("cosine si"). A caption and its chooser can be kept
together on one row by putting both in a small widget first (:func:`pair`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Left-to-right rows of widgets, wrapping to a new row when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row of everything."""
        width = sum(item.sizeHint().width() for item in self._visible()) + self._spacing * max(
            0, len(self._visible()) - 1
        )
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        left, top, right, bottom = self._margins()
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        """The widest single widget: narrower than that, rows cannot help."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        left, top, right, bottom = self._margins()
        return size + QSize(left + right, top + bottom)

    def _margins(self) -> tuple[int, int, int, int]:
        margins = self.contentsMargins()
        return margins.left(), margins.top(), margins.right(), margins.bottom()

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not ((widget := item.widget()) is not None and widget.isHidden())]

    def _arrange(self, rect: QRect, move: bool) -> int:
        left, top, right, bottom = self._margins()
        area = rect.adjusted(left, top, -right, -bottom)
        x, y, row_height = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, QSize]] = []

        def finish_row() -> None:
            if move:
                for item, size in row:
                    pos = item.geometry().topLeft()
                    # Centre each widget in its row's height.
                    item.setGeometry(QRect(QPoint(pos.x(), y + (row_height - size.height()) // 2), size))

        for item in self._visible():
            size = item.sizeHint().boundedTo(QSize(area.width(), 10_000)).expandedTo(item.minimumSize())
            if row and x + size.width() > area.right() + 1:
                finish_row()
                x, y = area.x(), y + row_height + self._spacing
                row, row_height = [], 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            row.append((item, size))
            x += size.width() + self._spacing
            row_height = max(row_height, size.height())
        finish_row()
        return y + row_height - rect.y() + bottom


def pair(caption: str, widget: QWidget) -> QWidget:
    """A caption (with ``widget`` as its buddy, for Alt+letter) and ``widget``, kept on one row."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(caption)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    holder.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return holder
