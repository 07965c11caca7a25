"""Fixtures for the Qt tests: a document context on the built-in materials."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def materials_context(qapp):
    """A DocumentContext on materials A-E and the lesson's claims, as the window opens with."""
    from explorer.model.builtin import materials_document
    from explorer.qt.context import DocumentContext

    context = DocumentContext(materials_document())
    yield context
    dispose(context)


@pytest.fixture
def new_context(qapp):
    """``new_context(document)``: a DocumentContext on a document of the test's own, emptied when the test ends
    (see :func:`dispose`)."""
    from explorer.qt.context import DocumentContext

    made = []

    def make(document=None):
        made.append(DocumentContext(document))
        return made[-1]

    yield make
    for context in made:
        dispose(context)


@pytest.fixture
def calls(monkeypatch):
    """How often each panel showed everything again ("VectorPlot.rebuild", "HeatmapPanel.recompute",
    "WorkingPanel.refresh", "ClaimsChecker.check_all", "NeighboursPanel.refresh"); patched before the panels
    are made, so what they do at the end of a burst of changes counts too."""
    from explorer.qt.heatmap.panel import HeatmapPanel
    from explorer.qt.plot.neighbours import NeighboursPanel
    from explorer.qt.plot.plot import VectorPlot
    from explorer.qt.working.claims import ClaimsChecker
    from explorer.qt.working.panel import WorkingPanel

    counted = (
        (VectorPlot, "rebuild"),
        (HeatmapPanel, "recompute"),
        (WorkingPanel, "refresh"),
        (ClaimsChecker, "check_all"),
        (NeighboursPanel, "refresh"),
    )
    counts = {f"{cls.__name__}.{name}": 0 for cls, name in counted}

    def counting(cls, name):
        original = getattr(cls, name)

        def wrapper(self, *args, **kwargs):
            counts[f"{cls.__name__}.{name}"] += 1
            return original(self, *args, **kwargs)

        return wrapper

    for cls, name in counted:
        monkeypatch.setattr(cls, name, counting(cls, name))
    return counts


def dispose(context) -> None:
    """Empty the context's undo stack now, on the interface thread: a context left to the garbage collector
    with undo steps may be collected on a worker thread, where its stack cannot be emptied safely."""
    context.undo_stack.clear()


@pytest.fixture
def messages(materials_context):
    """What the panels on ``materials_context`` say to the user (the window's status bar shows each), in order."""
    said: list[str] = []
    materials_context.message.connect(said.append)
    return said


@pytest.fixture
def table_view(qtbot, materials_context):
    """The vector table on materials A-E, shown on its own (the window's ``table_view``)."""
    from explorer.qt.table.view import VectorTableView
    from tests.qt.helpers import shown

    return shown(qtbot, VectorTableView(materials_context), 560, 360)


@pytest.fixture
def plot_panel(qtbot, materials_context):
    """The plot panel (projection choosers, neighbours, the arrow plot) on materials A-E, shown on its own."""
    from explorer.qt.plot.panel import VectorPlotPanel
    from tests.qt.helpers import shown

    return shown(qtbot, VectorPlotPanel(materials_context), 640, 560)


@pytest.fixture
def plot(request, qtbot, materials_context):
    """The arrow plot on materials A-E: the plot panel's when a test also asks for ``plot_panel``, else on its own."""
    if "plot_panel" in request.fixturenames:
        return request.getfixturevalue("plot_panel").plot
    from explorer.qt.plot.plot import VectorPlot
    from tests.qt.helpers import shown

    return shown(qtbot, VectorPlot(materials_context), 560, 480)


@pytest.fixture
def working_panel(qtbot, materials_context):
    """The working panel with the claims checker (``working_panel.claims``) on materials A-E, shown on its own."""
    from explorer.qt.working.panel import WorkingPanel
    from tests.qt.helpers import shown

    return shown(qtbot, WorkingPanel(materials_context), 760, 820)


@pytest.fixture
def undo_action(materials_context):
    """Edit › Undo as the window makes it (enabled and named from the undo stack), without the window."""
    yield from _history_action(materials_context, redo=False)


@pytest.fixture
def redo_action(materials_context):
    """Edit › Redo as the window makes it, without the window."""
    yield from _history_action(materials_context, redo=True)


def _history_action(context, redo: bool):
    """The action, deleted when the test ends. Not a child of the context: when a context is collected later,
    its undo stack is destroyed first and says so (canUndoChanged, ...) to actions still among its children,
    whose Python side may already be gone ("Slot '_HistoryAction::' not found" in a later test)."""
    import shiboken6

    from explorer.qt.undo import history_action

    action = history_action(context.undo_stack, None, redo=redo)
    yield action
    shiboken6.delete(action)  # its connections go with it


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, qapp):
    """Point every QSettings (native and INI) at this test's own folder."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window on materials A-E, shown, with its questions answered without dialogs.

    ``window.errors`` collects what would have been shown in a message box;
    ``window.answers`` holds what the file questions return (``open``, ``save``,
    ``save_changes``).
    """
    from PySide6.QtWidgets import QMessageBox

    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    win = MainWindow(settings=Settings(str(tmp_path / "explorer.ini")))
    win.errors = []
    win.answers = {"open": "", "save": "", "save_changes": QMessageBox.StandardButton.Discard}
    win.files.show_error = lambda text: (win.errors.append(text), win.context.message.emit(text))
    win.files.ask_open_path = lambda: win.answers["open"]
    win.files.ask_save_path = lambda: win.answers["save"]
    win.files.ask_save_changes = lambda: win.answers["save_changes"]
    answer_add_dimension(win)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    dispose(win.context)


def answer_add_dimension(window) -> None:
    """Add Dimension takes the name it offers (dim3, ...) without its dialog; Rename still asks.
    (Tests of the dialog itself put ``window.dimensions.ask`` back with ``del``.)"""
    ask = window.dimensions.ask
    window.dimensions.ask = lambda dimension, adding: dimension if adding else ask(dimension, adding)


#: The labels of ``words_window``.
WORDS = ["king", "queen", "kingdom", "viking", "man", "woman", "King's", "cat", "kitten", "car"]


def words_document():
    """Ten words with two dimensions each (row i's tip at (10 - i, 10 - i) + (0, i % 2))."""
    from explorer.model.document import Document
    from explorer.model.table import Dimension, VectorTable

    values = [[10.0 - i, 10.0 - i + i % 2] for i in range(len(WORDS))]
    return Document(VectorTable(WORDS, [Dimension("x"), Dimension("y")], values))


@pytest.fixture
def words_window(window):
    """The window on :func:`words_document`, opened as a document the user opens."""
    window.context.replace_document(words_document())
    return window


@pytest.fixture
def words_panes(qtbot, new_context):
    """The table with its search bar over it, beside the plot, on :func:`words_document`, without the rest of
    the window; Find (Ctrl+F) is the window's action, made the same way. Has the window's names for its
    parts: ``context``, ``table_view``, ``plot``, ``search_bar``, ``actionFind``."""
    from types import SimpleNamespace

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QSplitter

    from explorer.qt.actions import make_action
    from explorer.qt.plot.plot import VectorPlot
    from explorer.qt.table.search_bar import SearchBar, with_search_bar
    from explorer.qt.table.view import VectorTableView
    from tests.qt.helpers import shown

    context = new_context(words_document())
    table_view = VectorTableView(context)
    plot = VectorPlot(context)
    search_bar = SearchBar(context, table_view, plot)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(with_search_bar(search_bar, table_view))
    splitter.addWidget(plot)
    find = make_action(splitter, "actionFind", "&Find…", search_bar.start, QKeySequence.StandardKey.Find)
    splitter.addAction(find)
    shown(qtbot, splitter, 780, 640)
    splitter.setSizes([390, 390])  # the plot taller than wide, as in the window
    return SimpleNamespace(
        context=context, table_view=table_view, plot=plot, search_bar=search_bar, actionFind=find, widget=splitter
    )
