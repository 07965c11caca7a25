"""Reading and writing documents: CSV / TSV, the program's JSON, word vectors, NumPy.

Every reader returns a whole table or raises :class:`FormatError`, whose
message names the file, the line and the column and says what was expected;
nothing is ever half-loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.model.formats.delimited import read_delimited, write_delimited
from explorer.model.formats.document_json import read_document, write_document
from explorer.model.formats.errors import FormatError
from explorer.model.formats.source import read_text
from explorer.model.formats.tables import TABLE_SUFFIXES, read_by_suffix, read_table

if TYPE_CHECKING:
    from collections.abc import Iterable

    from explorer.model.derived import Formulas
    from explorer.model.table import VectorTable
    from explorer.model.view_state import ViewState

__all__ = [
    "TABLE_SUFFIXES",
    "FormatError",
    "read_by_suffix",
    "read_delimited",
    "read_document",
    "read_table",
    "read_text",
    "write_delimited",
    "write_document",
    "write_table_bytes",
]


def write_table_bytes(
    table: VectorTable,
    suffix: str,
    view: ViewState | None = None,
    *,
    formulas: Formulas | None = None,
    claims: Iterable[str] = (),
) -> bytes:
    """The bytes of ``table`` saved as ``suffix`` (.json, .csv or .tsv); JSON keeps ``view``
    (a :class:`~explorer.model.view_state.ViewState`, or the defaults when None), ``formulas`` and ``claims``."""
    suffix = suffix.lower()
    if suffix == ".json":
        return write_document(table, view, formulas=formulas, claims=claims)
    if suffix in (".csv", ".tsv"):
        return write_delimited(table, "\t" if suffix == ".tsv" else ",")
    raise ValueError(f"cannot save as '{suffix}'; choose .json, .csv or .tsv")
