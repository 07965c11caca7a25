"""The program's own document: JSON with a format version.

Holds what CSV cannot: units, colours, visibility, the formulas of vectors
made from expressions (``"formulas": [{"label": "M", "expression": "(A + C) / 2",
"follow": true}]``; a file without them has none) and the view state.

Version 2 keeps the view state nested (``{"plot": …, "heatmap": …,
"selection": …}``); version 1 kept a few settings flat, and still opens.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from explorer.model.formats.errors import FormatError, read_text
from explorer.model.table import Dimension, TableError, VectorTable, palette_color
from explorer.model.vector_kind import VectorKind

FORMAT_NAME = "vector-explorer"
FORMAT_VERSION = 2


def write_document(table, view=None, *, formulas=None) -> bytes:
    """``table``, ``view`` (a ViewState; the defaults when None) and ``formulas`` (a Formulas) as UTF-8 JSON."""
    from explorer.model.view_state import ViewState

    view = view if view is not None else ViewState()
    data = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "dimensions": [{"name": d.name, "unit": d.unit} for d in table.dimensions],
        "vectors": [
            {"label": label, "values": [float(v) for v in row], "color": color, "visible": shown}
            for label, row, color, shown in zip(table.labels, table.values, table.colors, table.visible)
        ],
        "view": view.to_dict(),
        # t-SNE / UMAP coordinates with what they were computed from, so reopening does not recompute.
        "projections": view.projections.to_list(),
    }
    if formulas:
        data["formulas"] = formulas.to_list()
    if table.kind is not None:  # what the vectors are when a model made them (sentence vectors)
        data["kind"] = table.kind.to_dict()
    return (json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode("utf-8")


def parse_document(text: str, path=None):
    """Parse document JSON text into a Document, or raise FormatError."""
    from explorer.model.derived import Formulas
    from explorer.model.document import Document

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(path, error.lineno, error.colno, f"is not valid JSON ({error.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FormatError(path, None, None, "is JSON but not a Vector Explorer document")
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise FormatError(
            path,
            None,
            None,
            f"has format version {version!r}; this program reads version {FORMAT_VERSION} or older",
        )
    try:
        dimensions = [Dimension(str(d["name"]), str(d.get("unit", ""))) for d in data["dimensions"]]
        vectors = data["vectors"]
        labels = [str(v["label"]) for v in vectors]
        values = []
        for index, vector in enumerate(vectors, start=1):
            row = vector["values"]
            if len(row) != len(dimensions):
                raise FormatError(
                    path,
                    None,
                    None,
                    f"vector {index} ('{vector['label']}') has {len(row)} values but there are "
                    f"{len(dimensions)} dimensions",
                )
            if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in row):
                raise FormatError(
                    path, None, None, f"vector {index} ('{vector['label']}') holds a value that is not a number"
                )
            try:
                values.append([float(x) for x in row])
            except OverflowError:  # an integer of hundreds of digits
                raise FormatError(
                    path,
                    None,
                    None,
                    f"vector {index} ('{vector['label']}') holds a number too "
                    "large to store (the largest is about 1.8e308)",
                ) from None
        colors = [v["color"] if _is_color(v.get("color")) else palette_color(i) for i, v in enumerate(vectors)]
        visible = [v.get("visible") is not False for v in vectors]
        table = VectorTable(labels, dimensions, values, colors, visible)
        table.kind = VectorKind.from_dict(data.get("kind"))
        view = data.get("view", {})
        formulas = Formulas.from_file(data.get("formulas"), labels)
        projections = data.get("projections")
    except (KeyError, TypeError, AttributeError) as error:
        raise FormatError(path, None, None, f"is missing a part of the document ({error})") from None
    except TableError as error:
        raise FormatError(path, None, None, str(error)) from None
    document = Document(table, path=Path(path) if path else None, view=view, formulas=formulas)
    document.view.projections.read_list(projections)
    return document


def _is_color(value) -> bool:
    """True for a colour the program writes and draws: '#RRGGBB' (or '#RGB')."""
    return isinstance(value, str) and re.fullmatch(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})", value) is not None


def read_document(path: Path):
    """Read a JSON document file."""
    return parse_document(read_text(Path(path)), Path(path))
