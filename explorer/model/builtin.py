"""The built-in data: the lesson's materials A-E (mass kg, volume l)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.model.claims import LESSON_CLAIMS
from explorer.model.formats.delimited import read_delimited
from explorer.model.table import VectorTable
from explorer.resources_path import resource_path

if TYPE_CHECKING:  # the document is imported when it is made
    from explorer.model.document import Document


def materials() -> VectorTable:
    """Materials A-E: A [3, 30], B [15, 4], C [3, 27], D [7.5, 75], E [7.5, 2]."""
    return read_delimited(resource_path("materials.csv"))


def materials_document() -> Document:
    """The document the window opens on: materials A-E with the lesson's six claims."""
    from explorer.model.document import Document

    return Document(materials(), claims=LESSON_CLAIMS)
