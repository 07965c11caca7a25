"""CSV and TSV with a header row: the first column is the label, then dimensions and metadata.

Columns of numbers are dimensions; columns of words are kept as metadata
columns of text (:mod:`explorer.model.formats.text_columns` says which is which).

A header such as ``mass (kg)`` gives the dimension's name and unit. The
separator is found from the header line (comma, tab or semicolon); with
semicolons a decimal comma (``7,5``) is accepted, as European spreadsheets
write it. A spreadsheet paste is the same format with tabs.

Labels and headers that a spreadsheet would run as formulas (``=HYPERLINK(…)``,
``+1``, ``-1``, ``@SUM``) are written with a leading apostrophe, which the
spreadsheet shows as text; reading takes it off again, so labels come back
exactly (see :mod:`explorer.model.text_safety`).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from explorer.model.formats.errors import FilePath, FormatError
from explorer.model.formats.fast import Progress, numeric_block
from explorer.model.formats.source import read_text
from explorer.model.formats.text_columns import ColumnReading, marked_text, read_column, text_header
from explorer.model.metadata import LONGEST_NAME
from explorer.model.names import unique_name
from explorer.model.table import Dimension, VectorTable, dimension_from_title
from explorer.model.text_safety import neutralise_formula, restore_formula, shown

#: Characters str.splitlines() breaks at but CSV does not.
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

# A label may be of any length (a 1 MB label reads whole); the csv module refuses fields over 128 kB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def parse_dimension(header: str, column: int) -> Dimension:
    """``mass (kg)`` -> Dimension('mass', 'kg'); an empty header gets a name."""
    dimension = dimension_from_title(restore_formula(header))
    return dimension if dimension.name else Dimension(f"dim{column}")


def sniff_delimiter(first_line: str) -> str:
    """The separator of a header line: tab, semicolon or comma (the default)."""
    counts = {d: first_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_delimited(
    text: str, path: FilePath | None = None, delimiter: str | None = None, progress: Progress | None = None
) -> VectorTable:
    """Parse CSV/TSV ``text`` (header row first) into a table, or raise FormatError.

    Columns of numbers are dimensions; columns of words are metadata (see
    :mod:`explorer.model.formats.text_columns` for the rule). Well-formed numbers
    are parsed in C (:func:`_fast_table`); anything else is read cell by cell,
    so that the message names the line and the column.
    """
    if not text.strip():
        raise FormatError(path, None, None, "is empty")
    if delimiter is None:
        delimiter = sniff_delimiter(text.lstrip("\ufeff").lstrip().splitlines()[0])
    fast = _fast_table(text, delimiter, progress)
    if fast is not None:
        return fast
    header, lines, labels, records = _records(text, path, delimiter)
    columns: list[Sequence[str] | np.ndarray] = list(zip(*records)) if records else [() for _ in header[1:]]
    return _table_of_columns(path, header, lines, labels, columns, decimal_comma=delimiter == ";")


def _records(
    text: str, path: FilePath | None, delimiter: str
) -> tuple[list[str], list[int], list[str], list[list[str]]]:
    """The header, and each row's line, label and other cells; refuses ragged rows and bad labels."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    header: list[str] | None = None
    labels: list[str] = []
    lines: list[int] = []
    records: list[list[str]] = []
    first_line_of: dict[str, int] = {}
    line = 1
    try:
        for record in reader:
            start_line, line = line, reader.line_num + 1
            if not "".join(record).strip():
                continue
            if header is None:
                header = record
                if len(header) < 2:
                    raise FormatError(
                        path,
                        start_line,
                        None,
                        "the header row needs a label column and at least one dimension column "
                        f"(separated by '{_name(delimiter)}')",
                    )
                continue
            if len(record) != len(header):
                raise FormatError(
                    path,
                    start_line,
                    min(len(record), len(header)) + 1,
                    f"this row has {len(record) - 1} values but the header names {len(header) - 1} dimensions",
                )
            label = restore_formula(record[0])
            if not label.strip():
                raise FormatError(path, start_line, 1, "the label is empty; every vector needs one")
            if label in first_line_of:
                raise FormatError(
                    path,
                    start_line,
                    1,
                    f"the label '{shown(label)}' is already used on line {first_line_of[label]}; labels must be unique",
                )
            first_line_of[label] = start_line
            labels.append(label)
            lines.append(start_line)
            records.append(record[1:])
    except csv.Error as error:
        raise FormatError(path, line, None, f"is not valid CSV ({error})") from None
    if header is None:
        raise FormatError(path, None, None, "has no header row")
    return header, lines, labels, records


def _table_of_columns(
    path: FilePath | None,
    header: list[str],
    lines: list[int],
    labels: list[str],
    columns: Sequence[Sequence[str] | np.ndarray],
    decimal_comma: bool,
) -> VectorTable:
    """Dimensions from the columns of numbers, metadata from the columns of text (or a refusal naming a cell).

    ``columns`` holds, for each column after the label, its cells, or its numbers already parsed.
    """
    dimensions: list[Dimension] = []
    numbers: list[np.ndarray] = []
    metadata: list[tuple[str, list[str]]] = []
    used: set[str] = set()  # the metadata columns' names so far (a set: thousands of columns stay quick)
    first_text = 0  # the column of the first metadata column
    by_column = columns
    for column, title in enumerate(header[1:], start=1):
        cells = by_column[column - 1]
        name = marked_text(restore_formula(title))
        if isinstance(cells, np.ndarray):  # parsed in C by the fast reader
            reading = ColumnReading("numbers", cells)
        else:
            cells = list(cells)
            reading = read_column(cells, decimal_comma) if name is None else ColumnReading("text")
        if reading.kind == "numbers":
            assert reading.numbers is not None  # a column read as numbers holds them
            dimensions.append(parse_dimension(title, column))
            numbers.append(reading.numbers)
        elif reading.kind == "refused":
            raise FormatError(path, lines[reading.row], column + 1, reading.why)
        elif name is not None or title.strip() or any(cell.strip() for cell in cells):
            name = name if name is not None else restore_formula(title).strip()
            name = unique_name((name or f"column {column + 1}")[:LONGEST_NAME].strip(), used, " ")
            used.add(name)
            metadata.append((name, [restore_formula(cell) for cell in cells]))
            first_text = column if len(metadata) == 1 else first_text
        # A column with no header and no values (a separator at the end of each line) is left out.
    if not dimensions and metadata and labels:
        column, (name, cells) = first_text, metadata[0]
        row = next((i for i, cell in enumerate(cells) if cell.strip()), 0)
        raise FormatError(
            path,
            lines[row],
            column + 1,
            f"has no column of numbers ('{shown(name)}' holds text such as '{shown(cells[row])}'); "
            "a vector needs at least one dimension",
        )
    values = np.column_stack(numbers) if numbers else np.zeros((len(labels), 0))
    return VectorTable(labels, dimensions, values.reshape(len(labels), len(dimensions)), metadata=metadata)


def _fast_table(text: str, delimiter: str, progress: Progress | None) -> VectorTable | None:
    """The table when the text is plain (no quotes, unique labels, the same number of cells on every line,
    finite numbers in every column but the columns of text); else None, and the careful reader decides."""
    if delimiter not in (",", "\t") or '"' in text or _OTHER_LINE_BREAKS.search(text):
        return None
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    header = lines[0].split(delimiter)
    body = lines[1:]
    if len(header) < 2 or not body:
        return None
    labels = [restore_formula(line.partition(delimiter)[0]) for line in body]
    if len(set(labels)) != len(labels) or not all(label.strip() for label in labels):
        return None
    texts = _text_columns_at_the_top(header, body, delimiter)
    if texts is None:
        return None
    if not texts:
        values = numeric_block(body, delimiter, len(header), progress)
        if values is None:
            return None
        dimensions = [parse_dimension(h, i) for i, h in enumerate(header[1:], start=1)]
        return VectorTable(labels, dimensions, values)
    numeric = [j for j in range(1, len(header)) if j not in texts]
    if not numeric or any(line.count(delimiter) != len(header) - 1 for line in body):
        return None
    values = numeric_block(body, delimiter, len(header), progress, usecols=numeric)
    if values is None:
        return None
    columns: list[Sequence[str] | np.ndarray] = [()] * (len(header) - 1)
    for k, j in enumerate(numeric):
        columns[j - 1] = values[:, k]
    for j in texts:
        cells = _cells_of_column(body, delimiter, j, len(header))
        columns[j - 1] = cells
        if marked_text(restore_formula(header[j])) is None and read_column(cells).kind != "text":
            return None  # a column of numbers with a word near the top: the careful reader names the cell
    return _table_of_columns(None, header, [], labels, columns, decimal_comma=False)


def _cells_of_column(lines: list[str], delimiter: str, j: int, width: int) -> list[str]:
    """Column ``j`` of lines of ``width`` cells, split from the nearer end (a whole split costs 3x more)."""
    if j < width // 2:
        return [line.split(delimiter, j + 1)[j] for line in lines]
    after = width - 1 - j
    return [line.rsplit(delimiter, after + 1)[-(after + 1)] for line in lines]


#: How many lines at the top say which columns are text, for the fast reader (the whole column is checked).
_TOP_LINES = 50


def _text_columns_at_the_top(header: list[str], body: list[str], delimiter: str) -> list[int] | None:
    """Columns marked as text or holding a cell that is not a number in the first lines; None when a line
    there has another number of cells."""
    top = [line.split(delimiter) for line in body[:_TOP_LINES]]
    if any(len(cells) != len(header) for cells in top):
        return None
    texts: list[int] = []
    for j in range(1, len(header)):
        if marked_text(restore_formula(header[j])) is not None:
            texts.append(j)
            continue
        try:
            np.array([cells[j] for cells in top], dtype=np.float64)
        except ValueError:
            texts.append(j)
    return texts


def _name(delimiter: str) -> str:
    return {"\t": "tab", ";": "semicolon", ",": "comma"}.get(delimiter, delimiter)


def read_delimited(path: Path, progress: Progress | None = None, notes: list[str] | None = None) -> VectorTable:
    """Read a CSV or TSV file (tab for .tsv, otherwise found from the header)."""
    path = Path(path)
    text = read_text(path, notes=notes)
    return parse_delimited(text, path, "\t" if path.suffix.lower() == ".tsv" else None, progress)


def format_value(value: float) -> str:
    """Shortest text that reads back as exactly ``value``: ``3``, ``7.5``, ``1e-300``."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def write_delimited(table: VectorTable, delimiter: str = ",") -> bytes:
    """The table as UTF-8 CSV (or TSV) bytes with a header row; reads back exactly.

    Metadata columns follow the dimensions; one whose values would read back as
    numbers is headed ``name [text]``. No text cell starts a spreadsheet formula
    (see the module's notes).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    metadata = [[neutralise_formula(value) for value in values] for _, values in table.metadata.items()]
    headers = [neutralise_formula(text_header(name, cells)) for name, cells in zip(table.metadata.names, metadata)]
    writer.writerow(["label"] + [neutralise_formula(d.title) for d in table.dimensions] + headers)
    for row, (label, values) in enumerate(zip(table.labels, table.values.tolist())):
        writer.writerow([neutralise_formula(label), *map(format_value, values), *[cells[row] for cells in metadata]])
    return out.getvalue().encode("utf-8")
