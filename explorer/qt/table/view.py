"""``vectorTable``: the editable view of the vectors.

Keys a spreadsheet user expects: Ctrl+C copies the selection as TSV, Ctrl+V
pastes a TSV block at the current cell (growing the table, one undo step),
Insert adds a vector, Delete removes the selected ones. The label column's
check box shows or hides a vector in the plot; its swatch opens a colour
picker (also in the context menu). Selection is shared with every other panel
through the document context (:mod:`explorer.qt.table.selection_sync`).

Enter ends an edit and moves down to the next row's cell, as in a spreadsheet
(Shift+Enter up); a refused value keeps the cursor on its cell. Insert adds a
vector named with the next free letter, in a colour no vector has, with the
cursor in its first value cell.

Typing never renames by accident: on the label column it jumps to a label that
starts with what was typed (:mod:`explorer.qt.table.type_to_find`); F2 or a
double-click renames. On a number cell typing starts an edit, as in a spreadsheet.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QColorDialog,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from explorer.model.edits import add_vector_command, colour_command, move_rows_command, remove_rows_command
from explorer.model.paste import PasteError, copy_text, paste_command
from explorer.qt.table.metadata_actions import MetadataColumnActions
from explorer.qt.table.model import VectorTableModel
from explorer.qt.table.selection_sync import TableSelectionSync
from explorer.qt.table.type_to_find import TypeToFind

#: Clipboard format marking a copy whose last column is |v| (the text it belongs to).
_LENGTH_COLUMN_MIME = "application/x-vector-explorer-length-column"


class CellDelegate(QStyledItemDelegate):
    """Shortens a long label in the middle but a number at its end: "-0.0…7169" would read as
    another number, "-0.01046…" stays a true prefix of it (the tooltip holds it whole)."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle if index.column() == 0 else Qt.TextElideMode.ElideRight


class VectorTableView(QTableView):
    """The vector table editor; every change goes through ``context.push``."""

    #: The user asked to rename the dimension of this table column (header double-click).
    rename_dimension_requested = Signal(int)
    #: Keeps the selection model and the view state's selected rows in step (made once the model is set).
    selection_sync: TableSelectionSync | None = None
    _refused = False  # the value just committed was refused (the cursor stays on its cell)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("vectorTable")
        self._context = context
        self._table_model = VectorTableModel(context, self)
        self.setModel(self._table_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setItemDelegate(CellDelegate(self))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultSectionSize(84)
        header.sectionDoubleClicked.connect(self._on_header_double_click)
        self.fit_label_column()
        self.model().modelReset.connect(self.fit_label_column)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_context_menu)
        self.selection_sync = TableSelectionSync(self, context)
        self._type_to_find = TypeToFind(self, context)
        #: Add, remove and rename metadata columns (columns of text beside the dimensions).
        self.metadata_actions = MetadataColumnActions(self, context)
        #: Asks the user for a colour; replaced in tests. Returns a QColor (invalid when cancelled).
        self.ask_color = lambda initial: QColorDialog.getColor(initial, self, "Vector colour")

    def fit_label_column(self) -> None:
        """Make the label column as wide as its labels, between 100 and 260 pixels."""
        self.resizeColumnToContents(0)
        self.setColumnWidth(0, min(max(self.columnWidth(0), 100), 260))

    def table_model(self) -> VectorTableModel:
        return self._table_model

    def _sync(self) -> TableSelectionSync:
        sync = self.selection_sync
        assert sync is not None  # made in __init__
        return sync

    # ----------------------------------------------------------- selection
    def _rows_with_selected_cells(self) -> list[int]:
        """Rows with a selected cell (from the selection's ranges, or the view state's rows when the
        selection is too large for Qt to hold whole; never one index per cell)."""
        return self._sync().rows()

    def selected_rows(self) -> list[int]:
        """Rows with a selected cell, or the current row when nothing is selected."""
        rows = self._rows_with_selected_cells()
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return rows

    def selectionCommand(self, index, event=None):
        command = super().selectionCommand(index, event)
        if self.selection_sync is not None:  # (Qt asks while the model is being set)
            self.selection_sync.note_command(command)
        return command

    def selectAll(self) -> None:
        """Select every vector (Ctrl+A) as one range."""
        self._sync().select_all()

    # ------------------------------------------------------------- actions
    def add_vector(self) -> bool:
        """Insert a zero vector below the current row (at the end when there is none), named with the next
        free letter (F after A–E) in a colour no vector has; the cursor waits in its first value cell, so
        typing a number fills it."""
        table = self._context.table
        current = self.currentIndex()
        row = current.row() + 1 if current.isValid() else table.row_count
        if not self._context.push(add_vector_command(table, row)):
            return False
        index = self.model().index(row, 1 if table.dimension_count else 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def remove_vectors(self) -> bool:
        """Remove the selected vectors (one undo step)."""
        rows = self.selected_rows()
        if not rows:
            self._context.message.emit("Select the vectors to remove first.")
            return False
        return self._context.push(remove_rows_command(rows, self._context.table))

    def move_vectors(self, step: int) -> bool:
        """Move the selected block of vectors one row up (``-1``) or down (``+1``)."""
        rows = self.selected_rows()
        table = self._context.table
        if not rows:
            return False
        if rows != list(range(rows[0], rows[-1] + 1)):
            self._context.message.emit("Select neighbouring vectors to move them together.")
            return False
        to = rows[0] + step
        if not 0 <= to <= table.row_count - len(rows):
            return False
        column = max(self.currentIndex().column(), 0)
        if not self._context.push(move_rows_command(table, rows[0], len(rows), to)):
            return False
        self.setCurrentIndex(self.model().index(to, column))
        self._context.select_rows(range(to, to + len(rows)))
        return True

    def choose_color(self, row: int | None = None) -> bool:
        """Ask for a new colour for ``row`` (the current row by default)."""
        if row is None:
            rows = self.selected_rows()
            if not rows:
                return False
            row = rows[0]
        table = self._context.table
        color = self.ask_color(QColor(table.color(row)))
        if not color.isValid():
            return False
        name = color.name().upper()
        if name == table.color(row).upper():
            return False
        return self._context.push(colour_command(table, row, name))

    def copy_selection(self) -> str:
        """Copy the selected cells' bounding block as TSV to the clipboard; return the text."""
        rows = self._rows_with_selected_cells()
        columns = self._sync().columns()
        if not rows or not columns:
            return ""
        text = copy_text(self._context.table, rows, columns)
        data = QMimeData()
        data.setText(text)
        if len(columns) > 1 and columns[-1] == self.table_model().norm_column:
            # Said beside the text: pasted back here, the read-only |v| column is not a new dimension.
            data.setData(_LENGTH_COLUMN_MIME, QByteArray(text.encode("utf-8")))
        QGuiApplication.clipboard().setMimeData(data)
        cells = "1 cell" if len(rows) == len(columns) == 1 else f"{len(rows):,} × {len(columns):,} cells"
        self._context.message.emit(f"Copied {cells} as tab-separated text (paste into a spreadsheet or here).")
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste TSV (the clipboard's by default) at the current cell as one undo step."""
        if text is None:
            data = QGuiApplication.clipboard().mimeData()
            text = data.text() if data is not None else ""
            if data is not None and bytes(data.data(_LENGTH_COLUMN_MIME).data()).decode("utf-8") == text:
                text = "".join(line.rsplit("\t", 1)[0] + "\n" for line in text.splitlines())  # drop |v|
        current = self.currentIndex()
        row = current.row() if current.isValid() else self._context.table.row_count
        column = current.column() if current.isValid() else 0
        try:
            command = paste_command(self._context.table, text, row, column)
        except PasteError as error:
            self._context.message.emit(f"Paste refused: {error}; nothing was changed.")
            return False
        return self._context.push(command)

    # -------------------------------------------------------------- events
    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() == Qt.Key.Key_Insert:
                self.add_vector()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.remove_vectors()
                return
            if event.key() in _ENTER_KEYS and event.modifiers() in _STEP_MODIFIERS:
                self.step_down(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return
        super().keyPressEvent(event)

    def step_down(self, rows: int = 1) -> None:
        """Move the cursor ``rows`` down (up when negative) in its column, as Enter does in a spreadsheet."""
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), self.model().rowCount() - 1)
        if row != current.row():
            index = self.model().index(row, current.column())
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def commitData(self, editor) -> None:
        refused = self.table_model().refused_edits
        super().commitData(editor)
        self._refused = self.table_model().refused_edits != refused

    def closeEditor(self, editor, hint) -> None:
        # Enter ends an edit with SubmitModelCache (Tab with EditNextItem, a click elsewhere with NoHint):
        # it moves down to the next row's cell, as in a spreadsheet; a refused value keeps the cursor there.
        refused, self._refused = self._refused, False
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and not refused:
            self.step_down()

    @overload
    def edit(self, index: QModelIndex | QPersistentModelIndex, /) -> None: ...
    @overload
    def edit(
        self, index: QModelIndex | QPersistentModelIndex, trigger: QAbstractItemView.EditTrigger, event: QEvent, /
    ) -> bool: ...
    def edit(
        self,
        index: QModelIndex | QPersistentModelIndex,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
        /,
    ) -> bool | None:
        if trigger is None:
            return super().edit(index)  # the public edit(index): opens the editor
        if index.isValid() and index.column() == 0 and not _renames(trigger, event):
            return False  # typing on a label searches (keyboardSearch); F2 or a double-click renames
        return super().edit(index, trigger, event)  # type: ignore[arg-type]  # Qt may pass no event (nullptr)

    def keyboardSearch(self, search: str) -> None:
        """Jump to the next vector whose label starts with what was just typed."""
        self._type_to_find.search(search)

    def swatch_rect(self, row: int):
        """Where the colour swatch of ``row`` is drawn, in viewport coordinates."""
        index = self.model().index(row, 0)
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        delegate = self.itemDelegateForIndex(index)
        if isinstance(delegate, QStyledItemDelegate):  # the CellDelegate
            delegate.initStyleOption(option, index)
        return self.style().subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, option, self)

    def mouseReleaseEvent(self, event) -> None:
        # A click on the colour swatch of a label cell opens the colour picker.
        index = self.indexAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if (
            event.button() == Qt.MouseButton.LeftButton
            and index.isValid()
            and index.column() == 0
            and self.swatch_rect(index.row()).contains(event.position().toPoint())
        ):
            self.choose_color(index.row())

    def _on_header_double_click(self, section: int) -> None:
        if 0 < section <= self._context.table.dimension_count:
            self.rename_dimension_requested.emit(section - 1)
        elif self.table_model().metadata_of(section) is not None:
            self.metadata_actions.rename_column(self.table_model().metadata_of(section))

    def _show_context_menu(self, position) -> None:
        index = self.indexAt(position)
        menu = QMenu(self)
        if index.isValid():
            colour = QAction("Colour…", menu)
            colour.triggered.connect(lambda: self.choose_color(index.row()))
            menu.addAction(colour)
        for text, slot in (
            ("Add vector", self.add_vector),
            ("Remove selected vectors", self.remove_vectors),
            ("Copy", self.copy_selection),
            ("Paste", self.paste),
        ):
            action = QAction(text, menu)
            action.triggered.connect(lambda checked=False, slot=slot: slot())
            menu.addAction(action)
        menu.addSeparator()
        menu.addActions(self.metadata_actions.actions)
        menu.popup(self.viewport().mapToGlobal(position))


_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_STEP_MODIFIERS = (
    Qt.KeyboardModifier.NoModifier,
    Qt.KeyboardModifier.KeypadModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def _renames(trigger, event) -> bool:
    """Whether an edit ``trigger`` on a label cell starts renaming: a double-click or F2 does,
    typing and Enter (the edit key on macOS) do not."""
    triggers = QAbstractItemView.EditTrigger
    if trigger == triggers.AnyKeyPressed:
        return False
    if trigger == triggers.EditKeyPressed:
        return getattr(event, "key", lambda: None)() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    return True
