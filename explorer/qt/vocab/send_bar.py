"""Sending token vectors to the document, and the bar that asks before replacing the table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton
from shiboken6 import isValid

from explorer.model.send_tokens import DimensionMismatch, needs_replacing, send_tokens_command


class ReplaceBar(QFrame):
    """``vocabReplaceBar``: pushes token vectors as one command; asks first when the
    table's dimension count differs (Replace table / Keep table)."""

    def __init__(self, context, say: Callable[[str], None], parent=None):
        super().__init__(parent, objectName="vocabReplaceBar")
        self.context = context
        self._say = say
        self._pending = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(wordWrap=True)
        self.replace_button = QPushButton("Replace table", objectName="vocabReplace")
        self.keep_button = QPushButton("Keep table", objectName="vocabKeep")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.replace_button)
        layout.addWidget(self.keep_button)
        self.replace_button.clicked.connect(self.replace)
        self.keep_button.clicked.connect(lambda: self.keep())
        # The question describes the table as it was: another file or a changed shape makes it stale.
        context.document_replaced.connect(self._on_table_change)
        table = context.table
        for signal in (
            table.rows_inserted,
            table.rows_removed,
            table.columns_inserted,
            table.columns_removed,
            table.reset,
        ):
            signal.connect(self._on_table_change)
        self.hide()

    def offer(self, labels, vectors, missing, source_name: str) -> bool:
        """Append ``labels`` / ``vectors`` to the table now, or ask when it must be replaced."""
        table = self.context.table
        if needs_replacing(table, vectors.shape[1]):
            self._pending = (labels, vectors, missing, source_name)
            self.label.setText(
                f"The table's {table.row_count} vectors have {table.dimension_count} dimensions; "
                f"these embedding rows have {vectors.shape[1]}. Replace the table's content with "
                f"{len(labels)} token vector{'s' * (len(labels) != 1)}? Undo brings it back."
            )
            self.show()
            self._say("The dimensions differ: replace the table, or keep it.")
            return False
        return self._send(labels, vectors, missing, source_name, replace=False)

    def replace(self) -> bool:
        """Replace the table's content with the pending token vectors (one undo step)."""
        self.hide()
        if self._pending is None:
            return False
        pending, self._pending = self._pending, None
        return self._send(*pending, replace=True)

    def keep(self, quietly: bool = False) -> None:
        """Forget the pending question; the table stays as it is."""
        if self.isHidden() and quietly:
            return
        self.hide()
        self._pending = None
        if not quietly:
            self._say("Nothing sent: the table keeps its vectors.")

    def _on_table_change(self, *args) -> None:
        if isValid(self):  # the table outlives the panel
            self.keep(quietly=True)

    def _send(self, labels, vectors, missing, source_name: str, replace: bool) -> bool:
        try:
            command, said = send_tokens_command(self.context.table, labels, vectors, replace=replace)
        except (DimensionMismatch, ValueError) as error:
            self._say(f"Nothing sent: {error}.")
            return False
        if not self.context.push(command):
            return False
        if missing:
            said += f" No row in {source_name} for: {', '.join(missing)}."
        self._say(said)
        self.context.message.emit(said)
        return True
