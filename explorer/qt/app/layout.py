"""The main window's layout: restored from the settings, or a default that gives room to what has content.

:class:`WindowLayout` is a helper the window owns; it works on the window's
public parts (``splitter``, ``left_splitter``, ``table_view``, ``plot_panel``,
the docks, ``settings``) and hears the window's resizes through an event filter.

The default layout, in the window's width: the table column gets the width of
the table's columns (its label column shortened to :data:`LABEL_WIDTH_SMALL`
when room is short), the docks on the right a little under half the window but
no more than leaves the plot :data:`PLOT_WISH` pixels, the plot the rest. In
the height: the table shrinks to its rows when they are few and the Claims
below it take the rest; the heatmap's dock gets the height its square of
cells needs (about half the window) and the working panel the rest. Until the
user moves a splitter or a dock's edge the default follows the window's size
and the table's rows; after that the user's layout is kept (and remembered).

At first start the window takes the screen's available room, up to its
preferred 1440 x 900. Choosers that must be narrower than their text elide it
('cosine simil…') and show it whole in their tooltip; table rows are at least
a line of their text high.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QWidget,
)

#: Width (px) the label column may be shortened to on small windows (its labels elided).
LABEL_WIDTH_SMALL = 120
#: Width (px) the plot should keep before the docks take more.
PLOT_WISH = 360
#: Width (px) the docks (heatmap, working) should have for the lesson's heatmap to show its numbers.
DOCK_WISH = 480
#: The table's column (with the Claims below) takes at least this share of a wide window, up to LEFT_MAX px.
LEFT_SHARE = 0.22
LEFT_MAX = 480
#: Share of the column's height the table may take when it has many rows.
TABLE_SHARE = 0.62


def fit_to_screen(wanted: QSize, available: QRect) -> QRect:
    """The window's first geometry: ``wanted`` where the screen has room, else the available room,
    centred in it."""
    size = wanted.boundedTo(available.size())
    x = available.x() + (available.width() - size.width()) // 2
    y = available.y() + (available.height() - size.height()) // 2
    return QRect(x, y, size.width(), size.height())


class ElidedChooser(QObject):
    """Paints a combo box narrower than its text with the text elided, and gives it the whole text
    as tooltip (event filter; one for all choosers)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QComboBox) and not watched.isEditable():
            self._paint(watched)
            return True
        return False

    @staticmethod
    def _paint(combo: QComboBox) -> None:
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        painter = QStylePainter(combo)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        room = field.width() - (option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0) - 2
        text = option.currentText
        elided = combo.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(0, room))
        option.currentText = elided
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()
        own = combo.property("ownToolTip")
        if own is None:
            own = combo.toolTip()
            combo.setProperty("ownToolTip", own)
        tip = own if elided == text else (f"{text}: {own}" if own else text)
        if combo.toolTip() != tip:
            combo.setToolTip(tip)


class RowsFitText(QObject):
    """Keeps the rows of short word-wrapped tables (the Claims, a neighbours list) as high as their
    text when their width changes (event filter on the tables' viewports)."""

    #: Longer tables keep their rows' height: measuring every row on each resize would cost too much.
    MAX_ROWS = 200

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            table = watched.parent()
            model = table.model() if isinstance(table, QTableView) else None
            short = model is not None and model.rowCount() <= self.MAX_ROWS
            if short and isinstance(table, QTableView) and event.oldSize().width() != event.size().width():
                # After the header has stretched its columns to the new width, not before.
                QTimer.singleShot(0, table, table.resizeRowsToContents)
        return False


class WindowLayout(QObject):
    """Restores, remembers and makes the default layout of the main ``window`` (see the module's docstring)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.restored = False
        #: True while the layout is the default one and follows the window's size and the table's rows.
        self.default = False
        self._width = 0  # the window's width the default layout was made for
        self._dock_width = 0
        self._elider = ElidedChooser(self)
        self._rows_fit = RowsFitText(self)
        window.installEventFilter(self)
        window.splitter.splitterMoved.connect(self._leave_default)
        window.left_splitter.splitterMoved.connect(self._leave_default)
        model = window.table_view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._on_rows_change)

    # ------------------------------------------------------------- restore
    def restore(self) -> None:
        """Restore geometry, docks and splitters from the settings, or make the default layout
        (call after all panels are added)."""
        w, settings = self.window, self.window.settings
        self.restored = True
        state = settings.value("window/state")
        if not state.isEmpty():
            w.restoreState(state)  # docks first, so that hidden ones no longer widen the window
            w.layout().activate()
        geometry = settings.value("window/geometry")
        if not geometry.isEmpty():
            w.restoreGeometry(geometry)
        else:
            screen = w.screen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1440, 900)
            w.setGeometry(fit_to_screen(w.sizeHint(), available))
            QTimer.singleShot(0, w, self._keep_frame_on_screen)  # once shown, the frame's size is known
        splitter, left = settings.value("window/splitter"), settings.value("window/left_splitter")
        if state.isEmpty():
            self.default = splitter.isEmpty()
            self.apply_default()
        if not splitter.isEmpty():
            w.splitter.restoreState(splitter)
        elif not state.isEmpty():
            w.layout().activate()  # so that the splitter has its width beside the docks
            self._fit_splitter()
        if not left.isEmpty():
            w.left_splitter.restoreState(left)
        else:
            self._fit_table_height()

    def _keep_frame_on_screen(self) -> None:
        """Shrink and move the window so that its frame (title bar included) is inside the available room."""
        w = self.window
        screen = w.screen()
        if screen is None or w.isMaximized() or w.isFullScreen():
            return
        available, frame = screen.availableGeometry(), w.frameGeometry()
        if available.contains(frame):
            return
        extra = QSize(frame.width() - w.width(), frame.height() - w.height())
        size = w.size().boundedTo(available.size() - extra)
        w.resize(size)
        w.move(available.topLeft())

    def save(self) -> None:
        """Remember geometry, docks and splitters for the next run."""
        w, settings = self.window, self.window.settings
        settings.set_value("window/geometry", w.saveGeometry())
        settings.set_value("window/state", w.saveState())
        settings.set_value("window/splitter", w.splitter.saveState())
        settings.set_value("window/left_splitter", w.left_splitter.saveState())
        settings.sync()

    # ------------------------------------------------------------- default
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.default:
            self._on_window_resize()
        return False

    def _on_window_resize(self) -> None:
        w = self.window
        docks = (w.heatmap_dock, w.working_dock)
        if w.heatmap_dock.width() != self._dock_width or any(d.isHidden() or d.isFloating() for d in docks):
            self.default = False  # the user moved or closed the docks: keep their choice
            return
        self.apply_default()

    def _leave_default(self, *_) -> None:
        self.default = False

    def _on_rows_change(self, *_) -> None:
        if self.default and self.restored:
            self._fit_table_height()

    def apply_default(self) -> None:
        """Docks, table, claims and plot shared for the window's size (see the module's docstring)."""
        w = self.window
        w.layout().activate()
        width = w.width()
        plot = max(PLOT_WISH, w.plot_panel.minimumSizeHint().width())
        table = self._table_width_needed()
        if width - table - plot - DOCK_WISH < 24:  # a small window: the table's columns come first
            view = w.table_view
            if view.columnWidth(0) > LABEL_WIDTH_SMALL:
                view.setColumnWidth(0, LABEL_WIDTH_SMALL)
            table = self._table_width_needed()
        docks = w.heatmap_dock.minimumSizeHint().width()
        right = max(docks, min(max(560, min(680, width * 46 // 100)), width - table - plot - 24))
        w.resizeDocks([w.heatmap_dock], [right], Qt.Orientation.Horizontal)
        w.layout().activate()  # so that the splitter has its width beside the docks
        self._fit_splitter()
        self._fit_dock_heights()
        self._fit_table_height()
        self._dock_width = w.heatmap_dock.width()
        self._width = width

    def _table_width_needed(self) -> int:
        view = self.window.table_view
        return (
            view.verticalHeader().sizeHint().width()
            + view.frameWidth() * 2
            + 4
            + sum(view.columnWidth(c) for c in range(view.model().columnCount()))
            + view.verticalScrollBar().sizeHint().width()
        )

    def _fit_splitter(self) -> None:
        """Give the table's column the width its columns need (at most half the window, unless the plot
        keeps its minimum anyway) and at least :data:`LEFT_SHARE` of the window for the Claims below it;
        the plot the rest."""
        w = self.window
        needed = max(self._table_width_needed(), min(LEFT_MAX, int(LEFT_SHARE * w.width())))
        total = w.splitter.width() or w.width() - 20  # the splitter shares the window with docks
        table = min(needed, max(total // 2, total - w.plot_panel.minimumSizeHint().width()))
        w.splitter.setSizes([table, max(total - table, 200)])

    def _fit_dock_heights(self) -> None:
        """The heatmap's dock gets what its square of cells needs, between 45% and 62% of the height."""
        w = self.window
        if w.heatmap_dock.isHidden() or w.working_dock.isHidden():
            return
        total = w.heatmap_dock.height() + w.working_dock.height()
        controls = w.heatmap.controls.sizeHint().height() + 40
        wanted = controls + max(160, w.heatmap_dock.width() - 120)
        heatmap = int(min(max(wanted, 0.45 * total), 0.62 * total))
        w.resizeDocks([w.heatmap_dock, w.working_dock], [heatmap, total - heatmap], Qt.Orientation.Vertical)

    def _fit_table_height(self) -> None:
        """The table as high as its rows (up to :data:`TABLE_SHARE` of its column), the Claims the rest."""
        w = self.window
        left = w.left_splitter
        total = left.height() or (w.height() - 60)
        if left.count() < 2 or total <= 0:
            return
        view = w.table_view
        rows = view.model().rowCount()
        header = view.horizontalHeader().height() or view.horizontalHeader().sizeHint().height()
        row_height = view.verticalHeader().defaultSectionSize()
        scroll = view.horizontalScrollBar().sizeHint().height()
        needed = header + row_height * max(rows, 3) + 2 * view.frameWidth() + scroll + 4
        # What stands with the table in its part of the splitter (the expression bar) needs its height too.
        needed += max(0, left.widget(0).sizeHint().height() - view.sizeHint().height())
        claims = left.widget(1).minimumSizeHint().height()
        table = max(120, min(needed, int(TABLE_SHARE * total), total - claims))
        left.setSizes([table, max(total - table, claims)])

    # ---------------------------------------------------------- the panels
    def fit_panel(self, panel: QWidget) -> None:
        """Docked panels share the window: their choosers may shrink below their text (eliding it, with
        the text as tooltip), and their table rows are at least a line of text high."""
        for box in panel.findChildren(QComboBox):
            box.setMinimumWidth(72)
            box.installEventFilter(self._elider)
        for table in panel.findChildren(QTableView):
            header = table.verticalHeader()
            line = QFontMetrics(table.font()).height() + 6
            if header.defaultSectionSize() < line:
                header.setDefaultSectionSize(line)
            table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            if table.wordWrap():
                table.viewport().installEventFilter(self._rows_fit)
        if (panel_layout := panel.layout()) is not None:
            panel_layout.activate()  # its minimum width counts from now, not only once shown
