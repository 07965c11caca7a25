"""CSV and TSV with a header row: the first column is the label, the rest numbers.

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
from pathlib import Path

import numpy as np

from explorer.model.formats.errors import FormatError
from explorer.model.formats.fast import Progress, numeric_block
from explorer.model.formats.source import read_text
from explorer.model.table import Dimension, VectorTable
from explorer.model.text_safety import neutralise_formula, restore_formula, shown
from explorer.model.values import InvalidValue, parse_number

#: Characters str.splitlines() breaks at but CSV does not.
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_UNIT = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*)\)\s*$")

# A label may be of any length (a 1 MB label reads whole); the csv module refuses fields over 128 kB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def parse_dimension(header: str, column: int) -> Dimension:
    """``mass (kg)`` -> Dimension('mass', 'kg'); an empty header gets a name."""
    text = restore_formula(header).strip()
    match = _UNIT.match(text)
    if match and match.group("name"):
        return Dimension(match.group("name"), match.group("unit").strip())
    return Dimension(text or f"dim{column}")


def sniff_delimiter(first_line: str) -> str:
    """The separator of a header line: tab, semicolon or comma (the default)."""
    counts = {d: first_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_delimited(
    text: str, path=None, delimiter: str | None = None, progress: Progress | None = None
) -> VectorTable:
    """Parse CSV/TSV ``text`` (header row first) into a table, or raise FormatError.

    Well-formed numbers are parsed in C (:func:`_fast_table`); anything else
    is read cell by cell, so that the message names the line and the column.
    """
    if not text.strip():
        raise FormatError(path, None, None, "is empty")
    if delimiter is None:
        delimiter = sniff_delimiter(text.lstrip("\ufeff").lstrip().splitlines()[0])
    fast = _fast_table(text, delimiter, progress)
    if fast is not None:
        return fast
    decimal_comma = delimiter == ";"
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    header: list[str] | None = None
    labels: list[str] = []
    rows: list[list[float]] = []
    first_line_of: dict[str, int] = {}
    line = 1
    try:
        for record in reader:
            start_line, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
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
            values = []
            for column, cell in enumerate(record[1:], start=2):
                if decimal_comma:
                    cell = cell.replace(",", ".")
                try:
                    values.append(parse_number(cell))
                except InvalidValue as error:
                    raise FormatError(path, start_line, column, str(error)) from None
            labels.append(label)
            rows.append(values)
    except csv.Error as error:
        raise FormatError(path, line, None, f"is not valid CSV ({error})") from None
    if header is None:
        raise FormatError(path, None, None, "has no header row")
    dimensions = [parse_dimension(h, i) for i, h in enumerate(header[1:], start=1)]
    values = np.array(rows, dtype=np.float64).reshape(len(rows), len(dimensions))
    return VectorTable(labels, dimensions, values)


def _fast_table(text: str, delimiter: str, progress: Progress | None) -> VectorTable | None:
    """The table when the text is plain (no quotes, unique labels, finite numbers everywhere); else None."""
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
    values = numeric_block(body, delimiter, len(header), progress)
    if values is None:
        return None
    dimensions = [parse_dimension(h, i) for i, h in enumerate(header[1:], start=1)]
    return VectorTable(labels, dimensions, values)


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

    No text cell starts a spreadsheet formula (see the module's notes).
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["label"] + [neutralise_formula(d.title) for d in table.dimensions])
    for label, row in zip(table.labels, table.values):
        writer.writerow([neutralise_formula(label)] + [format_value(v) for v in row])
    return out.getvalue().encode("utf-8")
