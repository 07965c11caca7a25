"""Sentences into the vector table: one sentence per line, one vector per sentence, one undo step.

:func:`split_sentences` takes text with one sentence per line (blank lines and
repeats are left out: a label names one vector). :func:`send_sentences_command`
builds the command that puts the sentence vectors into the table, labelled by
the whole sentence, with the table's :class:`~explorer.model.vector_kind.VectorKind`
saying which model made them. Vectors of another model (or of unknown origin)
are never mixed with them: that needs the table's content replaced, which the
caller asks first. :func:`short_labels` trims sentences to labels that a CSV
file and a spreadsheet show well, keeping them unique.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from explorer.model.commands import Command, Compound, InsertVectors, SetKind
from explorer.model.send_tokens import DimensionMismatch, emptying_commands, new_positions
from explorer.model.table import VectorTable
from explorer.model.vector_kind import VectorKind

if TYPE_CHECKING:  # the model is loaded only when sentences are encoded
    from explorer.model.sentences import SentenceModel

SEND_TEXT = "Send sentences to vector table"
#: Characters of a sentence kept in a CSV label (the JSON document keeps the whole sentence).
CSV_LABEL_LENGTH = 80


def split_sentences(text: str) -> tuple[list[str], int, int]:
    """(sentences, blank lines left out, repeats left out) of ``text``, one sentence per line.

    Runs of spaces and tabs become one space (the model reads them alike), so that
    a label names one sentence.
    """
    sentences: list[str] = []
    seen: set[str] = set()
    blank = repeated = 0
    for line in text.splitlines():
        sentence = " ".join(line.split())
        if not sentence:
            blank += 1
        elif sentence in seen:
            repeated += 1
        else:
            seen.add(sentence)
            sentences.append(sentence)
    return sentences, blank, repeated


def sentence_kind(model: SentenceModel) -> VectorKind:
    """What the vectors of ``model`` (a SentenceModel) are, for the table."""
    return VectorKind("sentence", model.name, model.describe(), unit_length=model.normalize)


def needs_replacing(table: VectorTable, dimensions: int, kind: VectorKind) -> bool:
    """True when the table holds vectors these sentence vectors cannot join (another size or another model)."""
    return table.row_count > 0 and (table.dimension_count != dimensions or table.kind != kind)


def short_labels(sentences: Sequence[str], limit: int = CSV_LABEL_LENGTH) -> list[str]:
    """Sentences cut to ``limit`` characters (ending in …), line breaks as spaces, unique (… (2), … (3))."""
    labels: list[str] = []
    used: set[str] = set()
    for sentence in sentences:
        label = " ".join(sentence.split()) or "(empty)"
        if len(label) > limit:
            label = label[: limit - 1].rstrip() + "…"
        if label in used:
            label = _numbered(label, used)
        used.add(label)
        labels.append(label)
    return labels


def _numbered(label: str, used: set[str]) -> str:
    n = 2
    while f"{label} ({n})" in used:
        n += 1
    return f"{label} ({n})"


def send_sentences_command(
    table: VectorTable, sentences: Sequence[str], vectors: npt.ArrayLike, kind: VectorKind, replace: bool = False
) -> tuple[Command, str]:
    """The command that puts ``sentences`` with their ``vectors`` into ``table``, and a sentence saying so.

    Sentences already in the table are left out when appending. A table of other
    vectors raises DimensionMismatch unless ``replace``: then its vectors and
    dimensions give way to these (d1 … dD), as one step that undo reverses.
    """
    labels = [" ".join(s.split()) for s in sentences]
    if not labels or not all(labels):
        raise ValueError("give at least one sentence that is not empty")
    vectors = np.asarray(vectors, dtype=np.float64).reshape(len(labels), -1)
    dimensions = vectors.shape[1]
    n = len(labels)
    if needs_replacing(table, dimensions, kind) and not replace:
        what = f"{table.kind.stands_for} vectors of {table.kind.model}" if table.kind else "vectors of unknown origin"
        raise DimensionMismatch(
            f"the table holds {table.row_count} {what} with {table.dimension_count} dimensions; "
            f"replace its content to compare {n} sentence vector{'s' * (n != 1)} of {kind.model}"
        )
    if table.row_count and not needs_replacing(table, dimensions, kind):
        keep = new_positions(table, labels)
        if not keep:
            raise ValueError(f"{'that sentence is' if n == 1 else 'these sentences are'} already in the table")
        command: Command = InsertVectors(table.row_count, tuple(labels[i] for i in keep), vectors[keep], text=SEND_TEXT)
        said = f"Added {len(keep)} sentence vector{'s' * (len(keep) != 1)} to the table"
        if len(keep) < n:
            said += f" ({n - len(keep)} already there)"
        return command, said + "."
    parts = [
        *emptying_commands(table, dimensions, keep_dimensions=False),
        SetKind(kind),
        InsertVectors(0, tuple(labels), vectors),
    ]
    if table.row_count:
        said = (
            f"Replaced the table's {table.row_count} vectors of {table.dimension_count} dimensions with {n} sentence "
            f"vector{'s' * (n != 1)} of {dimensions}; undo brings them back."
        )
    else:
        said = f"Added {n} sentence vector{'s' * (n != 1)} of {dimensions} dimensions to the table."
    return Compound(tuple(parts), SEND_TEXT), said
