"""Sending token or sentence vectors to the document, the bar that asks before replacing the table, and
the link that selects the ones already in the table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton
from shiboken6 import isValid

from explorer.model import send_sentences
from explorer.model.send_tokens import DimensionMismatch, needs_replacing, rows_in_table, send_tokens_command
from explorer.model.vector_kind import VectorKind
from explorer.model.vocabulary import display_token
from explorer.qt.names import named


class ExistingLink(QLabel):
    """``vocabSelectExisting``: after a send that found tokens (or sentences) already in the table, a
    link that selects their rows (in the table, the plot and the heatmap)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.setObjectName("vocabSelectExisting")
        self.context = context
        self.tokens: list[str] = []
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(lambda *_: self.select())
        context.document_replaced.connect(lambda: self.offer([]))
        self.hide()

    def offer(self, labels) -> None:
        """Offer to select the rows of those ``labels`` that are in the table now (none: hide the link)."""
        table = self.context.table
        self.tokens = [table.label(row) for row in rows_in_table(table, labels)] if labels else []
        count = len(self.tokens)
        if not count:
            self.hide()
            return
        what = "the vector" if count == 1 else f"the {count} vectors"
        self.setText(f'<a href="select">Select {what} already in the table</a>')
        self.setToolTip("Select the rows these tokens already have in the vector table")
        self.show()

    def select(self) -> list[int]:
        """Select the rows whose labels are the offered ones; returns them."""
        rows = rows_in_table(self.context.table, self.tokens)
        self.context.select_rows(rows)
        return rows


class ReplaceBar(QFrame):
    """``vocabReplaceBar``: pushes token (or sentence) vectors as one command; asks first when the
    table's dimension count differs, or it holds vectors of another kind (Replace table / Keep table)."""

    def __init__(self, context, say: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.setObjectName("vocabReplaceBar")
        self.context = context
        self._say = say
        #: What waits for the user's answer: the arguments of :meth:`offer`.
        self._pending: tuple[Sequence[str], np.ndarray, Sequence[str], str, VectorKind | None] | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(wordWrap=True)
        #: Selects the sent tokens that were already in the table (placed by the panel).
        self.existing_link = ExistingLink(context)
        self.replace_button = named(QPushButton("Replace table"), "vocabReplace")
        self.keep_button = named(QPushButton("Keep table"), "vocabKeep")
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

    def offer(
        self,
        labels: Sequence[str],
        vectors: np.ndarray,
        missing: Sequence[str],
        source_name: str,
        kind: VectorKind | None = None,
    ) -> bool:
        """Append ``labels`` / ``vectors`` to the table now, or ask when it must be replaced.

        With a ``kind`` (a VectorKind) they are sentence vectors, which join only
        sentence vectors of the same model.
        """
        table = self.context.table
        width = vectors.shape[1]
        if kind is not None and send_sentences.needs_replacing(table, width, kind):
            what = f"{table.kind.stands_for} vectors of {table.kind.model}" if table.kind else "other vectors"
            question = (
                f"The table holds {table.row_count} {what} with {table.dimension_count} dimensions; these are "
                f"{kind.stands_for} vectors of {kind.model} with {width}."
            )
        elif kind is None and needs_replacing(table, width):
            question = (
                f"The table's {table.row_count} vectors have {table.dimension_count} dimensions; "
                f"these embedding rows have {width}."
            )
        else:
            question = ""
        if question:
            noun = f"{kind.stands_for if kind else 'token'} vector{'s' * (len(labels) != 1)}"
            self._pending = (labels, vectors, missing, source_name, kind)
            self.label.setText(
                f"{question} Replace the table's content with {len(labels)} {noun}? Undo brings it back."
            )
            self.show()
            same_width = table.dimension_count == width
            reason = "The table holds vectors of another kind" if same_width else "The dimensions differ"
            self._say(f"{reason}: replace the table, or keep it.")
            return False
        return self._send(labels, vectors, missing, source_name, kind, replace=False)

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

    def _send(
        self,
        labels: Sequence[str],
        vectors: np.ndarray,
        missing: Sequence[str],
        source_name: str,
        kind: VectorKind | None,
        replace: bool,
    ) -> bool:
        table = self.context.table
        # What is already in the table stays where it is (sending appends after it): offer to select it.
        self.existing_link.offer(_table_labels(labels, kind) if _appends(table, vectors, kind, replace) else [])
        try:
            if kind is not None:
                command, said = send_sentences.send_sentences_command(table, labels, vectors, kind, replace=replace)
            else:
                command, said = send_tokens_command(table, labels, vectors, replace=replace)
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


def _appends(table, vectors, kind, replace: bool) -> bool:
    """Whether sending these vectors appends to the table (leaving out what is already there)."""
    if replace:
        return False
    if kind is not None:
        return not send_sentences.needs_replacing(table, vectors.shape[1], kind)
    return not needs_replacing(table, vectors.shape[1])


def _table_labels(labels, kind) -> list[str]:
    """The labels the table gives these tokens (a space as ␣) or sentences (runs of spaces as one)."""
    return [" ".join(s.split()) for s in labels] if kind is not None else [display_token(t) for t in labels]
