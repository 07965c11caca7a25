"""Which columns of a CSV/TSV are dimensions and which are metadata (text): one rule for reading and writing.

A column is a **dimension** when every cell holds a number. A column is
**metadata** (text, kept as it is written) when most of its filled cells are
not numbers (``category``: metal, wood, ...), when all its cells are empty, or
when its header ends in ``[text]`` (``year [text]``: what this program writes
for a metadata column that would otherwise read as numbers). A column of
numbers with a few bad cells (a typo ``3.o``, ``nan``, an empty cell) is
neither: it is refused, naming the line and column of its first bad cell,
because reading it as text would quietly take a dimension away.

"Most" is decided by counting: a column is text when its cells that are not
numbers outnumber those that are. A cell such as ``nan``, ``inf``, ``1e400``,
``1_0`` or a malformed number (``1.234,5``, ``1.2.3``, ``1 000``) counts as a
number that is refused, not as text; a date (``2024-01-05``) or a code
(``A1``) is text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from explorer.model.values import InvalidValue, parse_number

#: The header suffix that marks a metadata column whose values look like numbers.
TEXT_MARKER = " [text]"


def marked_text(header: str) -> str | None:
    """The name of a header marked as text (``year [text]`` -> ``year``), else None."""
    stripped = header.strip()
    return stripped[: -len(TEXT_MARKER)].strip() if stripped.endswith(TEXT_MARKER) else None


#: A malformed number rather than a word: digits with points, commas, spaces and signs (``1.234,5``,
#: ``1,2,3``, ``1 000``, ``--3``), or an exponent. Dates (``2024-01-05``) and codes (``A1``) are words.
_MALFORMED_NUMBER = re.compile(r"[+\-\u2212]*[\d.,]*\d[\d., ]*(?:[eE][+\-]?\d*)?[+\-]?")


def _number_like(cell: str) -> bool:
    """A cell Python reads as a float (``nan``, ``1e400`` and ``1_0`` included), or a malformed number."""
    try:
        float(cell)
    except ValueError:
        return _MALFORMED_NUMBER.fullmatch(cell) is not None
    return True


@dataclass(frozen=True)
class ColumnReading:
    """What a column is: ``numbers`` (its values), ``text``, or ``refused`` at ``row`` (of its cells) saying ``why``."""

    kind: str
    numbers: np.ndarray | None = None
    row: int = -1
    why: str = ""


def read_column(cells: Sequence[str], decimal_comma: bool = False) -> ColumnReading:
    """Decide what a column of cells is, by the module's rule (without a header marker)."""
    if decimal_comma:
        cells = [cell.replace(",", ".") for cell in cells]
    if "_" not in "".join(cells):
        try:
            numbers = np.array(cells, dtype=np.float64)
        except ValueError:
            numbers = None
        if numbers is not None and np.isfinite(numbers).all():
            return ColumnReading("numbers", numbers)
    count_numbers = count_text = 0
    first_bad = -1
    for row, cell in enumerate(cells):
        stripped = cell.strip()
        if stripped and _number_like(stripped):
            count_numbers += 1
            try:
                parse_number(stripped)
                continue
            except InvalidValue:
                pass
        elif stripped:
            count_text += 1
        if first_bad < 0:
            first_bad = row
    if count_text > count_numbers or (count_text == 0 and count_numbers == 0):
        return ColumnReading("text")
    try:
        parse_number(cells[first_bad])
    except InvalidValue as error:
        return ColumnReading("refused", row=first_bad, why=str(error))
    return ColumnReading("refused", row=first_bad, why="it is not a number")  # pragma: no cover


def reads_as_text(cells: Sequence[str]) -> bool:
    """True when a column of these cells, without a marker, reads back as text (what the writer asks)."""
    return read_column(cells).kind == "text"


def text_header(name: str, cells: Sequence[str]) -> str:
    """The header a metadata column is written with: its name, marked as text when the cells alone
    would read as numbers (or the name itself ends with the marker)."""
    needs_marker = marked_text(name) is not None or not reads_as_text(cells)
    return name + TEXT_MARKER if needs_marker else name
