"""The built-in data: the lesson's materials A-E (mass kg, volume l)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.model.claims import LESSON_CLAIMS
from explorer.model.formats.delimited import read_delimited
from explorer.model.table import TableError, VectorTable, dimension_from_title
from explorer.model.text_safety import shown
from explorer.resources_path import resource_path

if TYPE_CHECKING:  # the document is imported when it is made
    from explorer.model.document import Document

#: What the window's title calls the built-in materials until they are saved to a file.
MATERIALS_NAME = "Materials A–E"


def empty_document(first: str = "x", second: str = "y") -> Document:
    """An empty table with two named dimensions (``mass (kg)`` reads as name and unit), "Untitled".

    Raises TableError when a name is empty or both are the same.
    """
    from explorer.model.document import Document

    dimensions = [dimension_from_title(first), dimension_from_title(second)]
    if not all(d.name for d in dimensions):
        raise TableError("each of the two dimensions needs a name, such as mass (kg) and volume (l)")
    if dimensions[0].name == dimensions[1].name:
        raise TableError(f"the two dimensions need different names, not '{shown(dimensions[0].name)}' twice")
    return Document(VectorTable([], dimensions))


def materials() -> VectorTable:
    """Materials A-E: A [3, 30], B [15, 4], C [3, 27], D [7.5, 75], E [7.5, 2]."""
    return read_delimited(resource_path("materials.csv"))


def materials_document() -> Document:
    """The document the window opens on: materials A-E with the lesson's six claims."""
    from explorer.model.document import Document

    return Document(materials(), claims=LESSON_CLAIMS, name=MATERIALS_NAME)
