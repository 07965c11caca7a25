"""``neighboursList``: the k nearest vectors of the selected one, or of an expression, in the original space.

Over every vector of the open document, with the metric the window scores with
(``metricSelector``'s choice, kept in the view state's heatmap metric): one metric
for the heatmap, the working and the neighbours, so the numbers agree across panels.
The search is model code (:class:`explorer.model.neighbours.NeighbourSearch`); this
panel shows it, tells the plot to draw lines to the neighbours, chooses how many
and what "Isolate" does, and exports the selection as CSV.

``neighboursExpression`` takes a label or an expression over the document's labels
(``king - man + woman``): the list then shows the nearest vectors to its result as
``explorer neighbours`` and the vocabulary panel find them
(:func:`explorer.model.most_similar.nearest`: by cosine, gensim's ``most_similar``,
the expression's own vectors left out).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.model.display import shown_text
from explorer.model.expressions import ExpressionError
from explorer.model.most_similar import METRICS as EXPRESSION_METRICS
from explorer.model.most_similar import nearest
from explorer.model.neighbours import NeighbourSearch
from explorer.model.similarity import METRIC_NAMES
from explorer.qt.batch import Pending
from explorer.qt.names import named
from explorer.qt.text import error_html, escape_html

ISOLATE_CHOICES = (("Show all", "off"), ("Others faint", "faint"), ("Others hidden", "hidden"))


class NeighboursPanel(QWidget):
    """The nearest vectors of the first selected one, the Isolate choice and Export selection."""

    def __init__(self, context, plot, parent=None):
        super().__init__(parent)
        self.setObjectName("neighboursPanel")
        self._context, self._plot = context, plot
        self._state = context.view.plot
        self.search = NeighbourSearch(context.table.values)
        self.title = named(QLabel(), "neighboursTitle")
        self.title.setWordWrap(True)
        self.expression = named(QLineEdit(), "neighboursExpression")
        self.expression.setPlaceholderText("king - man + woman")
        self.expression.setToolTip(
            "A label or an expression over this document's labels, then Enter: the nearest vectors to its result.\n"
            "By cosine as gensim's most_similar: each vector unit length, weighted and summed; its own vectors "
            "left out.\nEmpty: the neighbours of the selected vector."
        )
        self.expression.setClearButtonEnabled(True)
        self.expression.setMaxLength(10_000)  # as the view state keeps it
        self.list = named(QListWidget(), "neighboursList")
        self.list.setToolTip("The nearest vectors of the selected one; double-click one to select it")
        self.count = named(QSpinBox(), "neighboursCount")
        self.count.setRange(0, 100)
        self.count.setToolTip("How many neighbours to list and to draw lines to")
        self.isolate = named(QComboBox(), "plotIsolate")
        for text, value in ISOLATE_CHOICES:
            self.isolate.addItem(text, value)
        self.isolate.setToolTip("Isolate the selection and its neighbours: the others faint, or hidden")
        self.export = named(QPushButton("Export selection…"), "exportSelection")
        self.export.setToolTip("Save the selected vectors (labels and values) as CSV")

        row = QHBoxLayout()
        row.addWidget(QLabel("k:"))
        row.addWidget(self.count)
        #: The column of buttons beside the list (the panel adds its own below these).
        self.controls = QVBoxLayout()
        self.controls.addLayout(row)
        self.controls.addWidget(self.isolate)
        self.controls.addWidget(self.export)
        self.controls.addStretch(1)
        found = QVBoxLayout()
        found.addWidget(self.expression)
        found.addWidget(self.title)
        found.addWidget(self.list, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addLayout(found, 1)
        layout.addLayout(self.controls)

        self.count.valueChanged.connect(lambda k: self._state.update(neighbours=k))
        self.isolate.currentIndexChanged.connect(lambda i: self._state.update(isolate=self.isolate.itemData(i)))
        self.list.itemActivated.connect(self._on_item_activated)
        self.expression.returnPressed.connect(lambda: self._state.update(near=self.expression.text()))
        self.expression.textChanged.connect(lambda text: None if text.strip() else self._state.update(near=""))
        self.export.clicked.connect(self.export_selection)
        #: During a burst of changes (an undo of many steps) the list is made once, at its end.
        self._pending = Pending(context.batch, self.refresh, owner=self)
        table = context.table
        table.values_changed.connect(self._on_values_change)
        for signal in table.structure_signals():
            # First: the document's own listeners announce the selection's new rows, which this panel searches.
            signal.connect(self._on_structure_change, first=True)
            signal.connect(lambda *_: None if self._context.replacing else self._refresh_now_or_later())
        table.labels_changed.connect(lambda rows: self._refresh_now_or_later())
        context.selection_changed.connect(self._on_selection_change)
        context.metric_changed.connect(lambda metric: self.refresh())
        self._state.changed.connect(self._on_state_change)
        self._sync()
        self.refresh()

    def _sync(self, names=None) -> None:
        """Show the state's k, isolation and expression (when it changed) without writing them back."""
        widgets = (self.count, self.isolate, self.expression)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.count.setValue(self._state.neighbours)
            self.isolate.setCurrentIndex([v for _, v in ISOLATE_CHOICES].index(self._state.isolate))
            if (names is None or "near" in names) and self.expression.text().strip() != self._state.near:
                self.expression.setText(self._state.near)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _on_state_change(self, names) -> None:
        self._sync(names)
        if "neighbours" in names or "near" in names:
            self.refresh()

    def _refresh_now_or_later(self) -> None:
        if not self._pending.everything():
            self.refresh()

    def _on_selection_change(self, rows) -> None:
        if self._state.near and self._state.neighbours:
            self.export.setEnabled(bool(len(rows)))  # the expression's answer does not depend on the selection
            return
        self._refresh_now_or_later()

    def _on_values_change(self, rows, columns) -> None:
        self.search.update_rows(self._context.table.values, rows)
        self._refresh_now_or_later()

    def _on_structure_change(self, *args) -> None:
        self.search.set_values(self._context.table.values)

    def refresh(self) -> None:
        """List the nearest vectors of the expression, or of the first selected one, and draw lines to them."""
        context, table = self._context, self._context.table
        self.list.clear()
        self.title.setToolTip("")
        selection = context.selection_array
        selection = selection[selection < len(table)]  # (100,000 may be selected: no Python pass over them)
        self.export.setEnabled(bool(len(selection)))
        k = self._state.neighbours
        text = self._state.near
        if text and k:
            self._show_expression(text, k)
            return
        if not len(selection) or k == 0:
            self.title.setText("Select a vector to see its nearest ones." if k else "Neighbours are off (k = 0).")
            self._plot.set_neighbours(None, [])
            return
        query = int(selection[0])
        metric = context.metric
        try:
            found = self.search.nearest(query, k, metric)
        except (ValueError, IndexError) as error:
            self.title.setText(f"{shown_text(table.label(query))}: {error}")
            self._plot.set_neighbours(None, [])
            return
        name = escape_html(shown_text(table.label(query), 30))
        self.title.setText(f"Nearest {len(found)} to <b>{name}</b> by {METRIC_NAMES[metric]}")
        self.title.setToolTip(f"Over all {len(table):,} vectors, in their {table.dimension_count} dimensions")
        self._fill([(n.row, n.score) for n in found], metric)
        self._plot.set_neighbours(query, [n.row for n in found])

    def _show_expression(self, text: str, k: int) -> None:
        """List the nearest vectors to the expression's result (the model's one search, as the CLI's)."""
        table = self._context.table
        # Angle ranks as cosine does; the expression search scores it by cosine.
        metric = self._context.metric if self._context.metric in EXPRESSION_METRICS else "cosine"
        try:
            result = nearest(text, table.labels, table.values, k, metric)
        except ExpressionError as error:
            self.title.setText(error_html(str(error)))
            self.title.setToolTip(str(error))
            self._plot.set_neighbours(None, [])
            return
        query = escape_html(shown_text(result.query, 40))
        way = "each vector unit length first, as gensim's most_similar; " if metric == "cosine" else ""
        left_out = escape_html(", ".join(shown_text(name, 20) for name in result.weights))
        self.title.setText(
            f"Nearest {len(result.found)} to <b>{query}</b> by {METRIC_NAMES[metric]} ({way}{left_out} left out)"
        )
        self.title.setToolTip(f"Over all {len(table):,} vectors, in their {table.dimension_count} dimensions")
        self._fill(list(zip(result.rows, (score for _, score in result.found), strict=True)), metric)
        self._plot.set_neighbours(None, list(result.rows))

    def _fill(self, found: list[tuple[int, float]], metric: str) -> None:
        """Show (row, score) pairs in the list, each remembering its row for a double-click."""
        table = self._context.table
        for row, score in found:
            item = QListWidgetItem(f"{shown_text(table.label(row))}\t{score:.4g}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setToolTip(f"{table.label(row)}: {METRIC_NAMES[metric]} {score:.6g}")
            self.list.addItem(item)

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self._context.select_rows([item.data(Qt.ItemDataRole.UserRole)])

    def export_selection(self, path: str | None = None) -> bool:
        """Write the selected vectors (labels and values) to a CSV file; True when written."""
        from explorer.model.formats.coordinates import selection_csv

        rows = self._context.selection
        if not rows:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Export selection", "selection.csv", "CSV (*.csv)")
        if not path:
            return False
        return write_file(self._context, path, selection_csv(self._context.table, rows), f"{len(rows):,} vectors")


def write_file(context, path: str, data: bytes, what: str) -> bool:
    """Write ``data`` to ``path`` atomically; say so (or why not) on the status bar."""
    from explorer.model.formats.atomic import WriteFailed, write_atomically

    try:
        write_atomically(path, data)
    except WriteFailed as error:
        context.message.emit(f"Could not write {path}: {error.reason}.")
        return False
    context.message.emit(f"Wrote {what} to {path}.")
    return True
