"""The Help menu (``menuHelp``): the lesson's tour, the keyboard shortcuts, the file formats, About.

- *The Lesson, Step by Step* (``actionTour``) starts :class:`~explorer.qt.app.tour.LessonTour`.
- *Keyboard Shortcuts* (``actionShortcuts``) lists every action of the window's
  menus that has a key, read from the actions themselves when it opens, so the
  list can never disagree with the keys.
- *File Formats* (``actionFileFormats``) says what File › Open reads and File › Save writes.
- *About Vector Explorer* (``actionAbout``) names the versions of Python, Qt,
  PySide6, pyqtgraph and numpy it runs on.
"""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from explorer.qt.actions import make_action
from explorer.qt.names import named

FILE_FORMATS = """
<h3>Files Vector Explorer reads (File › Open, or <code>explorer FILE</code>)</h3>
<ul>
<li><b>CSV / TSV</b> with a header row: the first column is the label, the others numbers;
a header <code>mass (kg)</code> gives the dimension's name and unit. Commas, tabs or semicolons
(with a decimal comma, <code>7,5</code>).</li>
<li><b>The program's own JSON document</b> (<code>.json</code>): labels, dimensions and units, values,
colours, claims, the view and the maps computed.</li>
<li><b>Word vectors</b>: GloVe or word2vec text (<code>.txt</code>, <code>.vec</code>: a word and its numbers
on each line), a TensorBoard projector <code>vectors.tsv</code> with its <code>metadata.tsv</code>,
and NumPy <code>.npy</code> / <code>.npz</code> (never pickles).</li>
</ul>
<h3>Files it writes</h3>
<ul>
<li><b>File › Save</b>: the JSON document (everything), or CSV / TSV (labels, units and values).</li>
<li><b>File › Export Heatmap</b>: PNG, SVG, PDF, or the scores as CSV (a matrix, or one pair a line).</li>
<li>The plot's <b>Export coordinates</b>: CSV <code>label,x,y</code>.</li>
</ul>
<p>A file that cannot be read is refused whole with one sentence naming the line and column;
the open document stays as it was. Saving replaces a file only once all of it is written.</p>
"""


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action in the window's menus that has a key, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def visit(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                visit(submenu, f"{path} › {_plain(action.text())}")
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
            if keys and id(action) not in seen:
                seen.add(id(action))
                rows.append((path, action.iconText(), ", ".join(keys)))  # "Undo", not "Undo: A's mass 3 → 4"

    for action in window.menuBar().actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            visit(submenu, _plain(action.text()))
    return rows


def versions() -> dict[str, str]:
    """The versions the program runs on: Vector Explorer, Python, Qt, PySide6, pyqtgraph, numpy."""
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    from explorer import __version__

    return {
        "Vector Explorer": __version__,
        "Python": platform.python_version(),
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "pyqtgraph": pyqtgraph.__version__,
        "numpy": numpy.__version__,
    }


class HelpMenu:
    """Builds ``menuHelp`` in ``window``'s menu bar and answers its actions (owned by the window)."""

    def __init__(self, window: QMainWindow):
        self._window = window
        self.tour = None
        self.actionTour = self._action(
            "actionTour", "The &Lesson, Step by Step", self.start_tour, "F1", "A short tour of the window on A–E"
        )
        self.actionShortcuts = self._action(
            "actionShortcuts", "&Keyboard Shortcuts", self.show_shortcuts, tip="Every key of the menus"
        )
        self.actionFileFormats = self._action(
            "actionFileFormats", "&File Formats", self.show_file_formats, tip="What Open reads and Save writes"
        )
        self.actionAbout = self._action("actionAbout", "&About Vector Explorer", self.show_about)
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.menu = window.menuBar().addMenu("&Help")
        self.menu.setObjectName("menuHelp")
        self.menu.addAction(self.actionTour)
        self.menu.addSeparator()
        self.menu.addActions([self.actionShortcuts, self.actionFileFormats])
        self.menu.addSeparator()
        self.menu.addAction(self.actionAbout)

    def _action(self, name: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        return make_action(self._window, name, text, slot, shortcut, tip)

    # ------------------------------------------------------------------ answers
    def start_tour(self):
        """Start (or start again) the lesson's tour; returns its panel."""
        from explorer.qt.app.tour import LessonTour

        if self.tour is None:
            self.tour = LessonTour(self._window)
        self.tour.start()
        return self.tour

    def show_shortcuts(self) -> QDialog:
        """A non-modal dialog (``shortcutsDialog``) listing the menus' keys."""
        rows = shortcut_rows(self._window)
        table = named(QTableWidget(len(rows), 3), "shortcutsTable")
        table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        dialog = self._dialog("shortcutsDialog", "Keyboard shortcuts", table)
        dialog.resize(520, 560)
        dialog.show()
        return dialog

    def show_file_formats(self) -> QDialog:
        """A non-modal dialog (``fileFormatsDialog``) on the files the program reads and writes."""
        text = named(QTextBrowser(), "fileFormatsText")
        text.setHtml(FILE_FORMATS)
        dialog = self._dialog("fileFormatsDialog", "File formats", text)
        dialog.resize(560, 480)
        dialog.show()
        return dialog

    def show_about(self) -> QMessageBox:
        """About Vector Explorer (``aboutDialog``), with the versions it runs on."""
        found = versions()
        lines = "".join(f"<tr><td>{name}</td><td>&nbsp;{version}</td></tr>" for name, version in found.items())
        box = QMessageBox(self._window)
        box.setObjectName("aboutDialog")
        box.setWindowTitle("About Vector Explorer")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            "<b>Vector Explorer</b><p>See vectors and embeddings: a table of labelled vectors, arrows from the "
            "origin, a heatmap of how alike every pair is, every step of a score worked out by hand, and text "
            f"followed through tokens to embedding rows.</p><table>{lines}</table>"
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()
        return box

    def _dialog(self, name: str, title: str, content) -> QDialog:
        dialog = named(QDialog(self._window), name)
        dialog.setWindowTitle(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(content)
        layout.addWidget(buttons)
        return dialog


def _plain(text: str) -> str:
    """A menu text without its mnemonic '&' (a doubled '&&' stays one '&') and without '…'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
