"""The main window's layout: restored from the settings, or a default that suits the window's width.

The default gives the table the width of its columns first (its label column
shortened to :data:`LABEL_WIDTH_SMALL` when room is short), the docks on the
right a little over a third of the window but no more than leaves the plot
:data:`PLOT_WISH` pixels, and the plot the rest. Until the user moves a
splitter or a dock edge, the default follows the window's width (a window
manager may shrink the window to a small screen after it was laid out); moving
the splitter, a dock's edge, or closing or floating a dock keeps the user's choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

#: Width (px) the label column may be shortened to on small windows (its labels elided).
LABEL_WIDTH_SMALL = 120
#: Width (px) the plot should keep before the docks take more.
PLOT_WISH = 360


class WindowLayout:
    """Mixin for the main window: ``restore_layout``, ``save_layout`` and the default layout."""

    _default_layout = False  # the layout is the default one and follows the window's width
    _default_dock_width = 0
    _default_width = 0  # the window's width the default layout was made for

    def restore_layout(self) -> None:
        """Restore geometry, docks and splitter from the settings (call after all panels are added)."""
        self._layout_restored = True
        state = self.settings.value("window/state")
        if not state.isEmpty():
            self.restoreState(state)  # docks first, so that hidden ones no longer widen the window
            self.layout().activate()
        geometry = self.settings.value("window/geometry")
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self.sizeHint())
        splitter = self.settings.value("window/splitter")
        if state.isEmpty():
            self.resizeDocks([self.heatmap_dock, self.working_dock], [2, 3], Qt.Orientation.Vertical)
            self._apply_default_layout()
            if splitter.isEmpty():
                self._default_layout = True
                self.splitter.splitterMoved.connect(self._leave_default_layout)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        elif not state.isEmpty():
            self.layout().activate()  # so that the splitter has its width beside the docks
            self._fit_splitter()

    def save_layout(self) -> None:
        """Remember geometry, docks and splitter for the next run."""
        self.settings.set_value("window/geometry", self.saveGeometry())
        self.settings.set_value("window/state", self.saveState())
        self.settings.set_value("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._default_layout and event.size().width() != self._default_width:
            docks = (self.heatmap_dock, self.working_dock)
            if self.heatmap_dock.width() != self._default_dock_width or any(
                d.isHidden() or d.isFloating() for d in docks
            ):
                self._default_layout = False  # the user moved or closed the docks: keep their choice
            else:
                self._apply_default_layout()

    def _leave_default_layout(self, *_) -> None:
        self._default_layout = False

    def _apply_default_layout(self) -> None:
        """Docks, table and plot shared for the window's width (see the module's docstring)."""
        self.layout().activate()
        width = self.width()
        docks = self.heatmap_dock.minimumSizeHint().width()
        plot = max(PLOT_WISH, self._plot_minimum())
        table = self._table_width_needed()
        if width - table - plot - docks < 24:  # a small window: the table's columns come first
            self._shorten_label_column()
            table = self._table_width_needed()
        right = max(docks, min(max(560, min(680, width * 46 // 100)), width - table - plot - 24))
        self.resizeDocks([self.heatmap_dock], [right], Qt.Orientation.Horizontal)
        self.layout().activate()  # so that the splitter has its width beside the docks
        self._fit_splitter()
        self._default_dock_width = self.heatmap_dock.width()
        self._default_width = width

    def _plot_minimum(self) -> int:
        return self.plot_panel.minimumSizeHint().width()

    def _table_width_needed(self) -> int:
        view = self.table_view
        return (
            view.verticalHeader().sizeHint().width()
            + view.frameWidth() * 2
            + 4
            + sum(view.columnWidth(c) for c in range(view.model().columnCount()))
            + view.verticalScrollBar().sizeHint().width()
        )

    def _shorten_label_column(self) -> None:
        view = self.table_view
        if view.columnWidth(0) > LABEL_WIDTH_SMALL:
            view.setColumnWidth(0, LABEL_WIDTH_SMALL)

    def _fit_splitter(self) -> None:
        """Give the table the width its columns need (at most half the window, unless the plot keeps
        its minimum anyway), the plot the rest."""
        needed = self._table_width_needed()
        total = self.splitter.width() or self.width() - 20  # the splitter shares the window with docks
        table = min(needed, max(total // 2, total - self._plot_minimum()))
        self.splitter.setSizes([table, max(total - table, 200)])
