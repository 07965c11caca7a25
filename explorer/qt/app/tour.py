"""Help › The Lesson, Step by Step: a short guided tour over the materials A–E.

Five steps, one per part of the window, each a few sentences with the
lesson's own numbers: the table (``vectorTable``), the plot (``vectorPlot``),
the heatmap (``similarityHeatmap``), the working (``workingPanel``) and the
claims (``claimsTable``). A step outlines its widget, found by object name,
with a frame (``tourHighlight``) and shows its text in a small panel
(``lessonTour``) beside it, with Back, Next and Close. The tour is not modal:
the window works as usual while it is open, and the frame follows the widget
when the window is resized. Steps about a pair choose A and B, as the lesson
does, so that the heatmap, the working and the plot show what the text says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.model.builtin import materials
from explorer.qt.names import named

if TYPE_CHECKING:
    from explorer.qt.app.main_window import MainWindow

#: The frame's colour: Okabe–Ito orange, visible on white, grey and the heatmap's colours.
HIGHLIGHT = "#E69F00"


@dataclass(frozen=True)
class Step:
    """One step of the tour: the widget it shows (an object name), a title and its text."""

    target: str
    title: str
    text: str
    #: Rows to compare while this step shows (A and B), or None to leave the selection alone.
    pair: tuple[int, int] | None = None


STEPS: tuple[Step, ...] = (
    Step(
        "vectorTable",
        "The vector table",
        "Each row is a vector: material A is [3 kg, 30 l], B is [15 kg, 4 l]. The last column is its length, "
        "|A| = √(3² + 30²) = √909 = 30.15. Double-click a number to change it; every panel follows.",
    ),
    Step(
        "vectorPlot",
        "The vectors as arrows",
        "Every vector is an arrow from the origin. D = [7.5, 75] lies along A: D = 2.5 A, the same direction "
        "and 2.5 times as long. Drag an arrow's tip to move its vector.",
    ),
    Step(
        "similarityHeatmap",
        "How alike every pair is",
        "Each cell scores a pair by cosine similarity: cos(A, B) = 0.353, cos(A, D) = 1 (the same direction), "
        "and cos(A, C) = 0.99994, similar but not equal. Click a cell to compare that pair.",
        pair=(0, 1),
    ),
    Step(
        "workingPanel",
        "The working, by hand",
        "For the pair chosen, every step is written out: A·B = 3×15 + 30×4 = 165, and "
        "cos(A, B) = 165 / (30.15 × 15.52) = 0.353. The dot product is the sum; cosine divides it by the lengths.",
        pair=(0, 1),
    ),
    Step(
        "claimsTable",
        "Checking the lesson's claims",
        "D = 2.5 A is true and E = 0.5 B is true; E = 2.5 A is false, because E has 2.5 × A's mass but "
        "only 0.067 × its volume. Type a claim of your own below the list, such as C = 0.9 A.",
    ),
)


class Highlight(QWidget):
    """An outline drawn around a widget (``tourHighlight``); clicks pass through it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("tourHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(HIGHLIGHT), 4)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 6, 6)


class LessonTour(QFrame):
    """The tour's panel (``lessonTour``) over the main window: the step's title and text, Back, Next, Close."""

    def __init__(self, window: MainWindow, steps: tuple[Step, ...] = STEPS):
        super().__init__(window)
        self.setObjectName("lessonTour")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#lessonTour { background: #FFFDF5; border: 2px solid " + HIGHLIGHT + "; border-radius: 6px; }"
        )
        self._window = window
        self._steps = steps
        self.step = 0
        self.highlight = Highlight(window)
        self.heading = named(QLabel(textFormat=Qt.TextFormat.PlainText), "tourTitle")
        self.heading.setStyleSheet("font-weight: bold;")
        self.body = named(QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText), "tourText")
        self.note = named(QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText), "tourNote")
        self.note.setStyleSheet("color: #555555;")
        self.back = named(QPushButton("Back"), "tourBack")
        self.next = named(QPushButton("Next"), "tourNext")
        self.close_button = named(QPushButton("Close"), "tourClose")
        self.back.clicked.connect(lambda: self.show_step(self.step - 1))
        self.next.clicked.connect(self._on_next)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.setFixedWidth(340)
        self._watched: QWidget | None = None
        window.installEventFilter(self)

    # ------------------------------------------------------------------ steps
    @property
    def count(self) -> int:
        return len(self._steps)

    def target(self) -> QWidget | None:
        """The widget the current step shows."""
        return self._window.findChild(QWidget, self._steps[self.step].target)

    def start(self) -> None:
        """Show the first step."""
        self.show_step(0)

    def show_step(self, step: int) -> None:
        """Show step ``step`` (0-based): its text, the frame around its widget, the pair it compares."""
        self.step = max(0, min(step, self.count - 1))
        current = self._steps[self.step]
        self.heading.setText(f"Step {self.step + 1} of {self.count}: {current.title}")
        self.body.setText(current.text)
        on_materials = _holds_materials(self._window)
        self.note.setText(
            "" if on_materials else "The numbers are the lesson's materials A–E; File › New opens them again."
        )
        self.note.setVisible(not on_materials)
        self.back.setEnabled(self.step > 0)
        self.next.setText("Done" if self.step == self.count - 1 else "Next")
        self._reveal(current)
        if current.pair is not None and on_materials:
            self._window.context.select_pair(*current.pair)  # the main window's document context
        self._watch(self.target())
        self.show()
        self.raise_()
        self.place()
        self.next.setFocus()

    def _on_next(self) -> None:
        if self.step == self.count - 1:
            self.close()
        else:
            self.show_step(self.step + 1)

    def _reveal(self, step: Step) -> None:
        """Bring a step's dock to the front (the working shares its place with the vocabulary)."""
        window = self._window
        dock = {"similarityHeatmap": "heatmap_dock", "workingPanel": "working_dock"}.get(step.target)
        if dock is not None and hasattr(window, dock):
            getattr(window, dock).show()
            getattr(window, dock).raise_()

    # ---------------------------------------------------------------- placing
    def place(self) -> None:
        """Put the frame around the step's widget and the panel beside it, inside the window."""
        target = self.target()
        self.adjustSize()
        if target is None or not target.isVisible() or target.window() is not self._window:
            self.highlight.hide()  # closed, or in a floating dock: the panel alone, in the corner
            area = self._window.rect()
            self.move(area.right() - self.width() - 16, area.bottom() - self.height() - 40)
            return
        rect = QRect(target.mapTo(self._window, QPoint(0, 0)), target.size())
        self.highlight.setGeometry(rect.adjusted(-4, -4, 4, 4))
        self.highlight.show()
        self.highlight.raise_()
        self.move(_beside(rect, self.size(), self._window.rect().adjusted(8, 8, -8, -8)))
        self.raise_()

    def _watch(self, widget: QWidget | None) -> None:
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = widget
        if widget is not None:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.isVisible() and event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self.place()
        return False

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.highlight.hide()
        self._watch(None)
        super().closeEvent(event)


def _beside(target: QRect, size, area: QRect) -> QPoint:
    """Where a panel of ``size`` goes: right of ``target``, else left, below, above; else over its
    bottom-right corner; always inside ``area``."""
    gap = 12
    candidates = (
        QPoint(target.right() + gap, target.top()),
        QPoint(target.left() - gap - size.width(), target.top()),
        QPoint(target.left(), target.bottom() + gap),
        QPoint(target.left(), target.top() - gap - size.height()),
    )
    for point in candidates:
        if area.contains(QRect(point, size)):
            return point
    for point in candidates[:2]:  # beside it, moved up or down into the window
        y = min(max(point.y(), area.top()), area.bottom() - size.height())
        if area.contains(QRect(QPoint(point.x(), y), size)):
            return QPoint(point.x(), y)
    x = min(max(target.right() - size.width() - gap, area.left()), area.right() - size.width())
    y = min(max(target.bottom() - size.height() - gap, area.top()), area.bottom() - size.height())
    return QPoint(x, y)


def _holds_materials(window) -> bool:
    """Whether the window shows the lesson's materials A–E (the numbers the steps quote)."""
    table = window.context.table
    lesson = materials()
    return table.labels[:5] == lesson.labels and np.array_equal(table.values[:5], lesson.values)
