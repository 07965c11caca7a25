"""A block pasted from a spreadsheet, turned into one Compound command.

The text is TSV (tabs between cells, one line per row), as every spreadsheet
copies it. It lands at a cell of the table view: column 0 is the label, 1..D
the dimensions, D+1..D+M the metadata columns (text, taken as it is). Rows past
the end become new vectors; in a table without metadata columns, columns past
the last dimension become new dimensions, and a first row whose number cells
are not numbers is a header that names them. Every cell is checked before
anything changes, so a bad cell refuses the whole paste.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np

from explorer.model import change_names
from explorer.model.commands import (
    Command,
    Compound,
    InsertDimensions,
    InsertVectors,
    RenameVector,
    SetValues,
)
from explorer.model.formats.delimited import format_value, parse_dimension
from explorer.model.metadata_commands import SetMetadata
from explorer.model.names import unique_name
from explorer.model.table import Dimension, VectorTable
from explorer.model.values import InvalidValue, parse_number


class PasteError(ValueError):
    """A paste refused as a whole; the message names the line and column of the pasted text."""


def split_tsv(text: str) -> list[list[str]]:
    """Rows of cells from spreadsheet text; blank trailing lines dropped.

    Spreadsheets put quotes around a cell that holds a tab, a line break or
    a quote, doubling the quotes inside, as CSV does; such cells come back whole.
    """
    rows = [row or [""] for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t")]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def _is_number(cell: str) -> bool:
    try:
        parse_number(cell)
    except InvalidValue:
        return False
    return True


def paste_command(table: VectorTable, text: str, row: int, column: int) -> Compound:
    """The one command that pastes ``text`` with its top-left cell at (``row``, ``column``).

    ``column`` counts the label as 0; a column past the last dimension (the
    |v| column) appends dimensions. Raises :class:`PasteError` when a cell is
    not a number or the text is empty.
    """
    cells = split_tsv(text)
    if not cells or not any(c.strip() for r in cells for c in r):
        raise PasteError("the clipboard holds no text to paste")
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    dims, texts = table.dimension_count, len(table.metadata)
    column = min(column, dims + texts + 1)
    row = min(row, table.row_count)
    if texts and column + width - 1 > dims + texts:
        raise PasteError(
            f"the block is {column + width - 1 - dims - texts} column(s) wider than the table from there "
            "(|v| is read-only); paste it further left, or add the dimensions or metadata columns first"
        )
    # Cells that land on dimensions (existing or new), and those that land on metadata columns (text).
    value_columns = [j for j in range(width) if column + j >= 1 and not dims < column + j <= dims + texts]
    text_columns = [j for j in range(width) if dims < column + j <= dims + texts]

    header: list[str] | None = None
    if value_columns and not any(_is_number(cells[0][j]) for j in value_columns):
        if len(cells) == 1:
            raise PasteError(f"line 1, column {value_columns[0] + 1}: {_reason(cells[0][value_columns[0]])}")
        header, cells = cells[0], cells[1:]

    numbers = np.zeros((len(cells), len(value_columns)))
    for i, record in enumerate(cells):
        for k, j in enumerate(value_columns):
            try:
                numbers[i, k] = parse_number(record[j])
            except InvalidValue as error:
                line = i + 1 + (header is not None)
                raise PasteError(f"line {line}, column {j + 1}: {error}") from None

    commands: list[Command] = []
    # New dimensions first, so that new vectors get the full width.
    first_dimension = column - 1 if column >= 1 else 0
    last_dimension = first_dimension + len(value_columns)  # exclusive
    new_dims = last_dimension - table.dimension_count if value_columns else 0
    if new_dims > 0:
        used = {d.name for d in table.dimensions}
        dimensions: list[Dimension] = []
        for k in range(len(value_columns) - new_dims, len(value_columns)):
            title = header[value_columns[k]].strip() if header else ""
            dim = parse_dimension(title, table.dimension_count + len(dimensions) + 1)
            if not title or dim.name in used:
                dim = Dimension(
                    unique_name(f"dim{table.dimension_count + len(dimensions) + 1}", used), dim.unit if title else ""
                )
            used.add(dim.name)
            dimensions.append(dim)
        commands.append(
            InsertDimensions(table.dimension_count, tuple(dimensions), np.zeros((table.row_count, new_dims)))
        )
    width_after = max(table.dimension_count, last_dimension) if value_columns else table.dimension_count

    labels_given = column == 0
    new_rows = row + len(cells) - table.row_count
    used_labels = set(table.labels)
    if labels_given:
        existing = [cells[i][0].strip() for i in range(len(cells)) if row + i < table.row_count]
        used_labels -= {table.label(row + i) for i in range(len(existing))}
        used_labels |= {label for label in existing if label}
    if new_rows > 0:
        labels: list[str] = []
        for i in range(len(cells) - new_rows, len(cells)):
            given = cells[i][0].strip() if labels_given else ""
            label = given if given and given not in used_labels else unique_name(given or "v", used_labels)
            used_labels.add(label)
            labels.append(label)
        commands.append(InsertVectors(table.row_count, tuple(labels), np.zeros((new_rows, width_after)), text="Paste"))
    if labels_given:
        for i in range(len(cells)):
            label = cells[i][0].strip()
            if row + i < table.row_count and label and label != table.label(row + i):
                commands.append(RenameVector(row + i, label))
    if value_columns:
        commands.append(
            SetValues(
                tuple(range(row, row + len(cells))),
                tuple(range(first_dimension, last_dimension)),
                numbers,
                "Paste",
            )
        )
    if text_columns:
        block = tuple(tuple(record[j] for j in text_columns) for record in cells)
        first_text = column + text_columns[0] - dims - 1
        commands.append(
            SetMetadata(
                tuple(range(row, row + len(cells))),
                tuple(range(first_text, first_text + len(text_columns))),
                block,
                "Paste",
            )
        )
    return Compound(tuple(commands), change_names.paste(len(cells), width, _place(table, row, column)))


def _place(table: VectorTable, row: int, column: int) -> str:
    """Where a paste's top-left cell lands, as its undo text names it: ``A's mass``, ``A's category``
    (a metadata column), ``A``, ``the end``."""
    if row >= table.row_count:
        return "the end"
    label = table.label(row)
    if column == 0:
        return change_names.label_name(label)
    dimensions, names = table.dimension_count, table.metadata.names
    if column <= dimensions:
        return change_names.cell_name(label, table.dimensions[column - 1].name)
    if column <= dimensions + len(names):
        return change_names.cell_name(label, names[column - dimensions - 1])
    return change_names.cell_name(label, "|v|")


def copy_text(table: VectorTable, rows: Sequence[int], columns: Sequence[int]) -> str:
    """The cells at ``rows`` x ``columns`` (view columns: 0 label, 1..D, D+1..D+M metadata, D+M+1 |v|) as TSV."""
    from explorer.model.similarity import norm

    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")  # quotes cells as spreadsheets do
    for r in rows:
        cells = []
        for c in columns:
            if c == 0:
                cells.append(table.label(r))
            elif c <= table.dimension_count:
                cells.append(format_value(table.values[r, c - 1]))
            elif c <= table.dimension_count + len(table.metadata):
                cells.append(table.metadata.value(r, c - table.dimension_count - 1))
            else:
                cells.append(format_value(norm(table.values[r])))
        writer.writerow(cells)
    return out.getvalue()


def _reason(cell: str) -> str:
    try:
        parse_number(cell)
    except InvalidValue as error:
        return str(error)
    return "not a number"
