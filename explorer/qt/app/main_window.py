"""The main window (``explorerMainWindow``): the vector table and the arrow plot on one document.

The table (with the Claims below it) and the plot share a splitter in the
middle; other panels (heatmap, working, vocabulary) are added as docks with
:meth:`MainWindow.add_panel`. Where everything goes and how big it is, is the
job of the :class:`~explorer.qt.app.layout.WindowLayout` the window owns.
Every panel talks to the same :class:`DocumentContext`; the window only wires
actions, files, the title and the status bar around it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QWidget,
)

from explorer.model.builtin import materials_document
from explorer.model.display import shown_message
from explorer.model.document import Document
from explorer.model.table import Dimension
from explorer.qt import errors
from explorer.qt.actions import make_action
from explorer.qt.app.dimensions import DimensionEdits
from explorer.qt.app.files import FileController
from explorer.qt.app.help import HelpMenu
from explorer.qt.app.layout import WindowLayout
from explorer.qt.app.recovery import RecoveryRecorder
from explorer.qt.app.settings import Settings
from explorer.qt.context import DocumentContext
from explorer.qt.names import named
from explorer.qt.plot.constructions import ConstructionOverlay
from explorer.qt.plot.panel import VectorPlotPanel
from explorer.qt.table.expression_bar import ExpressionBar, table_with_bar
from explorer.qt.table.search_bar import SearchBar, with_search_bar
from explorer.qt.table.view import VectorTableView
from explorer.qt.undo import history_action


class MainWindow(QMainWindow):
    """The Vector Explorer window on one document context."""

    def __init__(
        self,
        context: DocumentContext | None = None,
        settings: Settings | None = None,
        parent=None,
        journal_folder: Path | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("explorerMainWindow")
        self.context = context if context is not None else DocumentContext(materials_document())
        self.settings = settings if settings is not None else Settings()
        self.files = FileController(self.context, self.settings, self)
        #: Journals the unsaved work for crash recovery (in ``journal_folder``, else the recovery folder).
        self.recovery = RecoveryRecorder(self.context, self.files, journal_folder, self)
        self._menus: dict[str, QMenu] = {}

        self.table_view = VectorTableView(self.context)
        self.expression_bar = ExpressionBar(self.context)
        self.plot_panel = VectorPlotPanel(self.context)
        self.plot = self.plot_panel.plot
        self.search_bar = SearchBar(self.context, self.table_view, self.plot)
        #: Adds, removes and renames dimensions, asking for names and units (``dimensionDialog``).
        self.dimensions = DimensionEdits(self.context, self.table_view, self)
        #: The table above the Claims (added with the panels), beside the plot; the search bar (Ctrl+F) over it.
        self.left_splitter = named(QSplitter(Qt.Orientation.Vertical), "tableClaimsSplitter")
        table = table_with_bar(self.table_view, self.expression_bar)
        self.left_splitter.addWidget(with_search_bar(self.search_bar, table))
        self.left_splitter.setChildrenCollapsible(False)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(self.plot_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setAcceptDrops(True)

        self._build_actions()
        self._build_menus()
        #: The Help menu (``menuHelp``) and what it shows: the lesson's tour, shortcuts, formats, About.
        self.help = HelpMenu(self)
        self._build_panels()
        self.constructions = ConstructionOverlay(self.context, self.plot, self.working.claims)
        self.window_layout = WindowLayout(self)
        for panel in (self.heatmap, self.working, self.plot_panel, self.working.claims):
            self.window_layout.fit_panel(panel)
        self.statusBar().setObjectName("statusBar")
        self.context.message.connect(self._show_message)
        errors.reporter().reported.connect(self._show_message)
        self.context.undo_stack.cleanChanged.connect(self._on_clean_change)
        self.context.document.path_changed.connect(lambda path: self._update_title())
        self.context.selection_changed.connect(lambda rows: self._update_actions())
        self.files.recent_changed.connect(self._rebuild_recent_menu)
        self.table_view.rename_dimension_requested.connect(self.rename_dimension)
        self._update_title()
        self._update_actions()
        self.statusBar().showMessage(
            "Double-click a cell to edit it, drag an arrow tip to move a vector, paste a block from a spreadsheet."
        )

    def sizeHint(self) -> QSize:
        return QSize(1440, 900)

    # ------------------------------------------------------------ actions
    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return make_action(self, name, text, slot, shortcut, tip)

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.actionNew = self._action(
            "actionNew", "&New…", self.new_document, keys.New, "Start again on the lesson's materials or an empty table"
        )
        self.actionOpen = self._action(
            "actionOpen", "&Open…", self.files.open, keys.Open, "Open a CSV, TSV or Vector Explorer JSON file"
        )
        self.actionSave = self._action("actionSave", "&Save", self.files.save, keys.Save, "Save the document")
        self.actionSaveAs = self._action(
            "actionSaveAs", "Save &As…", self.files.save_as, keys.SaveAs, "Save the document as JSON, CSV or TSV"
        )
        self.actionQuit = self._action("actionQuit", "&Quit", self.close, keys.Quit)
        self.actionUndo = history_action(self.context.undo_stack, self, redo=False)
        self.actionRedo = history_action(self.context.undo_stack, self, redo=True)
        view = self.table_view
        self.actionAddVector = self._action(
            "actionAddVector",
            "Add &Vector",
            view.add_vector,
            "Ins",
            "Add a zero vector below the current row, named with the next free letter",
        )
        self.actionRemoveVector = self._action(
            "actionRemoveVector", "Re&move Vectors", view.remove_vectors, "Del", "Remove the selected vectors"
        )
        self.actionMoveUp = self._action("actionMoveUp", "Move &Up", lambda: view.move_vectors(-1), "Ctrl+Up")
        self.actionMoveDown = self._action("actionMoveDown", "Move Do&wn", lambda: view.move_vectors(+1), "Ctrl+Down")
        self.actionVectorColor = self._action(
            "actionVectorColor", "Vector &Colour…", view.choose_color, tip="Choose the colour of the current vector"
        )
        self.actionAddDimension = self._action(
            "actionAddDimension",
            "Add &Dimension…",
            self.add_dimension,
            tip="Add a dimension (all zeros) after the last one; asks for its name and unit",
        )
        self.actionRemoveDimension = self._action(
            "actionRemoveDimension",
            "Remove D&imension",
            self.remove_dimension,
            tip="Remove the dimension of the current column",
        )
        self.actionRenameDimension = self._action(
            "actionRenameDimension",
            "Re&name Dimension…",
            lambda: self.rename_dimension(None),
            tip="Change the name and unit of the current column's dimension",
        )
        self.actionExportHeatmap = self._action(
            "actionExportHeatmap",
            "&Export Heatmap…",
            self.export_heatmap,
            "Ctrl+E",
            "Save the similarity heatmap as PNG, SVG, PDF or CSV",
        )
        self.actionFitPlot = self._action(
            "actionFitPlot",
            "&Fit Plot to Vectors",
            self.plot.fit_view,
            "Ctrl+0",
            "Zoom the plot so that every arrow and the origin are in view",
        )
        self.actionFind = self._action(
            "actionFind",
            "&Find…",
            self.search_bar.start,
            keys.Find,
            "Find vectors by label (a part of it, whole words or a regular expression) and select them",
        )
        self.actionCopy = self._action("actionCopy", "&Copy", view.copy_selection, keys.Copy)
        self.actionPaste = self._action("actionPaste", "&Paste", view.paste, keys.Paste)
        for action in (self.actionCopy, self.actionPaste, self.actionAddVector, self.actionRemoveVector):
            # Shown in the menu; the table handles the keys itself, so Delete in a text field edits its text.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table_view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        model = self.table_view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(lambda *_: self._update_actions())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.actionNew, self.actionOpen])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("menuRecent")
        file_menu.addSeparator()
        file_menu.addActions([self.actionSave, self.actionSaveAs])
        file_menu.addSeparator()
        file_menu.addAction(self.actionExportHeatmap)
        file_menu.addSeparator()
        file_menu.addAction(self.actionQuit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.actionUndo, self.actionRedo])
        edit.addSeparator()
        edit.addActions([self.actionCopy, self.actionPaste])
        edit.addSeparator()
        edit.addAction(self.actionFind)
        edit.addSeparator()
        edit.addActions(
            [
                self.actionAddVector,
                self.actionRemoveVector,
                self.actionMoveUp,
                self.actionMoveDown,
                self.actionVectorColor,
                self.expression_bar.action,
            ]
        )
        edit.addSeparator()
        edit.addActions([self.actionAddDimension, self.actionRemoveDimension, self.actionRenameDimension])
        edit.addActions(self.table_view.metadata_actions.actions)
        view = bar.addMenu("&View")
        view.addAction(self.actionFitPlot)
        view.addSeparator()
        self._menus = {"file": file_menu, "edit": edit, "view": view}
        for name, menu in self._menus.items():
            menu.setObjectName(f"menu{name.title()}")
        self._rebuild_recent_menu()

    def menu(self, name: str) -> QMenu:
        """The File, Edit or View menu (``name`` in any case, without '&')."""
        return self._menus[name.replace("&", "").lower()]

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.files.open(p))
        self.recent_menu.setEnabled(bool(files))

    def _update_actions(self) -> None:
        table = self.context.table
        has_rows = table.row_count > 0
        self.actionRemoveVector.setEnabled(has_rows)
        self.actionMoveUp.setEnabled(has_rows)
        self.actionMoveDown.setEnabled(has_rows)
        self.actionVectorColor.setEnabled(has_rows)
        self.actionRemoveDimension.setEnabled(table.dimension_count > 1)
        self.actionRenameDimension.setEnabled(table.dimension_count > 0)

    # --------------------------------------------------------- dimensions
    def add_dimension(self, dimension: Dimension | None = None) -> bool:
        """Edit › Add Dimension (see :class:`DimensionEdits`)."""
        return self.dimensions.add(dimension)

    def remove_dimension(self) -> bool:
        """Edit › Remove Dimension: the current column's (the last one when no dimension column is current)."""
        return self.dimensions.remove()

    def rename_dimension(self, column: int | None = None, dimension: Dimension | None = None) -> bool:
        """Edit › Rename Dimension: ``column`` (the current one by default), asking unless ``dimension`` is given."""
        return self.dimensions.rename(column, dimension)

    # ------------------------------------------------------------- panels
    def _build_panels(self) -> None:
        """The heatmap and, tabbed below it, the working, vocabulary and history panels.

        The vocabulary panel starts behind the working panel's tab, so it is
        built the first time it is shown (or asked for), not at start-up.
        """
        from explorer.qt.app.history import HistoryView
        from explorer.qt.heatmap.panel import HeatmapPanel
        from explorer.qt.working.panel import WorkingPanel

        self.heatmap = HeatmapPanel(self.context)
        self.working = WorkingPanel(self.context)
        self._vocab = None
        self.heatmap_dock = self.add_panel(self.heatmap, "Similarity", "heatmapDock")
        self.working_dock = self.add_panel(self.working, "Working", "workingDock")
        self.vocab_dock = self.add_panel(named(QWidget(), "vocabPlaceholder"), "Vocabulary", "vocabDock")
        self.vocab_dock.visibilityChanged.connect(self._on_vocab_visibility_change)
        self.history_dock = self.add_panel(HistoryView(self.context), "History", "historyDock")
        # The Claims stand below the table, where a short table leaves room, not squeezed under the working.
        self.left_splitter.addWidget(self.working.claims)
        self.left_splitter.setStretchFactor(0, 0)
        self.left_splitter.setStretchFactor(1, 1)
        self.splitDockWidget(self.heatmap_dock, self.working_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.working_dock, self.vocab_dock)
        self.tabifyDockWidget(self.vocab_dock, self.history_dock)
        self.working_dock.raise_()

    @property
    def vocab(self):
        """The vocabulary panel (``vocabView``), built on first use."""
        if self._vocab is None:
            from explorer.qt.vocab import VocabPanel

            self._vocab = VocabPanel(self.context)
            self.window_layout.fit_panel(self._vocab)
            # Scrolled when the dock is low, so that it never squeezes the heatmap above it to a thumbnail.
            scroller = named(QScrollArea(widgetResizable=True), "vocabScroller")
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(self._vocab)
            self.vocab_dock.setWidget(scroller)
        return self._vocab

    def _on_vocab_visibility_change(self, visible: bool) -> None:
        if visible:
            self.vocab  # noqa: B018 - builds the panel

    def add_panel(
        self, widget, title: str, dock_object_name: str, area=Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        """Put ``widget`` in a dock the user can move, close and reopen from the View menu."""
        dock = QDockWidget(title, self)
        dock.setObjectName(dock_object_name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menu("view").addAction(dock.toggleViewAction())
        return dock

    # ------------------------------------------------------------- layout
    def restore_layout(self) -> None:
        """Restore geometry, docks and splitters from the settings (or the default layout)."""
        self.window_layout.restore()

    def save_layout(self) -> None:
        """Remember geometry, docks and splitters for the next run."""
        self.window_layout.save()

    def setVisible(self, visible: bool) -> None:
        # Restored before the panels are shown, not in showEvent (after them): while they are hidden their
        # resizes wait, and the heatmap and the plot lay out once at the final size instead of at each step.
        if visible and not self.window_layout.restored:
            self.restore_layout()
        super().setVisible(visible)

    # ------------------------------------------------------- title, status
    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — Vector Explorer")
        self.setWindowModified(self.files.is_modified())

    def _on_clean_change(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(shown_message(text))  # a message naming a 1 MB label stays a line

    # -------------------------------------------------------------- files
    def ask_new_document(self) -> Document | None:
        """What File › New starts with (``newDocumentDialog``), or None when cancelled."""
        from explorer.qt.app.new_document import ask_new_document

        return ask_new_document(self)

    def new_document(self) -> bool:
        """File › New: the built-in materials or an empty table, after asking about unsaved changes."""
        document = self.ask_new_document()
        return document is not None and self.files.new_document(document)

    def export_heatmap(self) -> None:
        """Ask for a format, size and file, then write the heatmap there."""
        from explorer.qt.heatmap.export_dialog import export_heatmap_interactive

        export_heatmap_interactive(self, self.context, self.heatmap.shown_rows(), self.settings)

    def closeEvent(self, event) -> None:
        if self.files.maybe_save():
            self.save_layout()
            if self._vocab is not None:
                self._vocab.shutdown()
            self.files.cancel_load()  # a file still being read must not fill a closed window
            self.recovery.close(remove=True)  # a clean close: nothing to recover
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event) -> None:
        if self._dropped_path(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        path = self._dropped_path(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.open(str(path))

    @staticmethod
    def _dropped_path(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 and local[0].is_file() else None
