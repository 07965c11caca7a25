"""The program's own document: JSON with a format version.

Holds what CSV cannot: units, colours, visibility, the formulas of vectors
made from expressions (``"formulas": [{"label": "M", "expression": "(A + C) / 2",
"follow": true}]``; a file without them has none), the claims and the view state.
Metadata columns are kept as ``"metadata": [{"name": "category", "values": ["metal", ...]}]``,
one value per vector in the vectors' order; they are read tolerantly (a value
missing or of the wrong kind is repaired, and a note says so).

Version 2 keeps the view state nested (``{"plot": …, "heatmap": …,
"selection": …}``) and the claims as written (``"claims": ["D = 2.5 A", …]``;
a file without them has none); version 1 kept a few settings flat, and still opens.

Reading trusts nothing: ``NaN`` and ``Infinity`` (which Python's json would
accept) are refused with their line and column, an integer of thousands of
digits becomes a number too large to store, and brackets nested thousands
deep are named where they pass a hundred, never a RecursionError.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from explorer.model.formats.errors import FilePath, FormatError
from explorer.model.formats.indented_json import dumps_indented
from explorer.model.formats.source import read_text
from explorer.model.table import Dimension, TableError, VectorTable, palette_color
from explorer.model.text_safety import shown
from explorer.model.vector_kind import VectorKind

if TYPE_CHECKING:  # imported where used: they import this module
    from explorer.model.derived import Formulas
    from explorer.model.document import Document
    from explorer.model.view_state import ViewState

FORMAT_NAME = "vector-explorer"
FORMAT_VERSION = 2


def write_document(
    table: VectorTable,
    view: ViewState | None = None,
    *,
    formulas: Formulas | None = None,
    claims: Iterable[str] = (),
) -> bytes:
    """``table``, ``view`` (a ViewState; the defaults when None), ``formulas`` (a Formulas) and ``claims``
    (their texts) as UTF-8 JSON."""
    from explorer.model.view_state import ViewState

    view = view if view is not None else ViewState()
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "dimensions": [{"name": d.name, "unit": d.unit} for d in table.dimensions],
        "vectors": [
            {"label": label, "values": row, "color": color, "visible": visible}
            for label, row, color, visible in zip(table.labels, table.values.tolist(), table.colors, table.visible)
        ],
        "claims": list(claims),
        "view": view.to_dict(),
        # t-SNE / UMAP coordinates with what they were computed from, so reopening does not recompute.
        "projections": view.projections.to_list(),
    }
    if len(table.metadata):
        data["metadata"] = table.metadata.to_list()
    if formulas:
        data["formulas"] = formulas.to_list()
    if table.kind is not None:  # what the vectors are when a model made them (sentence vectors)
        data["kind"] = table.kind.to_dict()
    return (dumps_indented(data) + "\n").encode("utf-8")


def parse_document(text: str, path: FilePath | None = None, notes: list[str] | None = None) -> Document:
    """Parse document JSON text into a Document, or raise FormatError; ``notes`` gets a sentence
    for each repair (metadata of the wrong length or kind)."""
    from explorer.model.claim_list import claims_from_file
    from explorer.model.derived import Formulas
    from explorer.model.document import Document
    from explorer.model.metadata import metadata_from_file

    try:
        data = json.loads(text, parse_int=_integer, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise FormatError(path, error.lineno, error.colno, f"is not valid JSON ({error.msg})") from None
    except _Constant as constant:
        line, column = _find(text, constant.name)
        raise FormatError(path, line, column, f"{constant.name} is not a number a document may hold") from None
    except RecursionError:
        line, column = _find(text, None)
        raise FormatError(
            path, line, column, f"nests brackets more than {_DEEPEST:,} deep; a document is not like that"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise FormatError(path, None, None, "is JSON but not a Vector Explorer document")
    if _ESCAPED_UNSAVEABLE.search(text):
        _refuse_unsaveable(data, path)
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise FormatError(
            path,
            None,
            None,
            f"has format version {shown(repr(version))}; this program reads version {FORMAT_VERSION} or older",
        )
    try:
        dimensions = [Dimension(str(d["name"]), str(d.get("unit", ""))) for d in data["dimensions"]]
        vectors = data["vectors"]
        labels = [str(v["label"]) for v in vectors]
        values: list[list[float]] = []
        for index, vector in enumerate(vectors, start=1):
            row = vector["values"]
            if len(row) != len(dimensions):
                raise FormatError(
                    path,
                    None,
                    None,
                    f"vector {index} ('{shown(str(vector['label']))}') has {len(row)} values but there are "
                    f"{len(dimensions)} dimensions",
                )
            kinds = set(map(type, row))  # json.loads makes exactly these types, never subclasses
            if not kinds <= _NUMBER_TYPES:
                raise FormatError(
                    path,
                    None,
                    None,
                    f"vector {index} ('{shown(str(vector['label']))}') holds a value that is not a number",
                )
            try:
                floats = row if kinds <= _FLOAT_TYPE else [float(x) for x in row]
            except OverflowError:  # an integer of hundreds of digits
                floats = [math.inf]
            if not all(map(math.isfinite, floats)):
                raise FormatError(
                    path,
                    None,
                    None,
                    f"vector {index} ('{shown(str(vector['label']))}') holds a number too "
                    "large to store (the largest is about 1.8e308)",
                )
            values.append(floats)
        colors = [v["color"] if _is_color(v.get("color")) else palette_color(i) for i, v in enumerate(vectors)]
        visible = [v.get("visible") is not False for v in vectors]
        repairs: list[str] = []
        metadata = metadata_from_file(data.get("metadata"), len(labels), repairs)
        if notes is not None:
            name = Path(path).name if path else "the document"
            notes.extend(f"{name}: {repair}" for repair in repairs)
        table = VectorTable(labels, dimensions, values, colors, visible, metadata)
        table.kind = VectorKind.from_dict(data.get("kind"))
        view = data.get("view", {})
        formulas = Formulas.from_file(data.get("formulas"), labels)
        projections = data.get("projections")
        claims = claims_from_file(data.get("claims"))
    except KeyError as error:
        raise FormatError(path, None, None, f"is missing a part of the document ({shown(str(error))})") from None
    except (TypeError, AttributeError):
        raise FormatError(
            path,
            None,
            None,
            "has a part of the wrong kind: 'dimensions' and 'vectors' are lists of objects, "
            "each vector with a 'label' and a list of 'values'",
        ) from None
    except TableError as error:
        raise FormatError(path, None, None, str(error)) from None
    document = Document(table, path=Path(path) if path else None, view=view, formulas=formulas, claims=claims)
    document.view.projections.read_list(projections)
    return document


_NUMBER_TYPES = {int, float}
_FLOAT_TYPE = {float}
_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")


def _is_color(value: object) -> bool:
    """True for a colour the program writes and draws: '#RRGGBB' (or '#RGB')."""
    return isinstance(value, str) and _COLOR.fullmatch(value) is not None


def read_document(path: FilePath, notes: list[str] | None = None) -> Document:
    """Read a JSON document file (``notes`` gets a sentence when its encoding was guessed)."""
    return parse_document(read_text(Path(path), notes=notes, what="a JSON document"), Path(path), notes)


#: Integers of more digits than this are read as floats (Python refuses to turn 4,300 digits into an int).
_LONGEST_INTEGER = 300
#: Where nesting is reported when JSON is nested too deep to read.
_DEEPEST = 100


#: A JSON escape that may give a string no file can hold: a NUL or a surrogate (lone ones are refused).
_ESCAPED_UNSAVEABLE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def _refuse_unsaveable(data: object, path: FilePath | None) -> None:
    """Refuse a document holding a string that could not be saved again (a NUL, a lone surrogate), saying where."""
    from explorer.model.text_safety import unsaveable_character

    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
            stack.extend((where or "a key", key) for key in value if isinstance(key, str))
        elif isinstance(value, list):
            stack.extend((f"{where}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, str):
            bad = unsaveable_character(value)
            if bad is not None:
                raise FormatError(path, None, None, f"'{shown(where)}' holds {bad}, a character that cannot be saved")


def _integer(text: str) -> int | float:
    return int(text) if len(text) <= _LONGEST_INTEGER else float(text)


class _Constant(Exception):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _refuse_constant(name: str) -> NoReturn:
    raise _Constant(name)


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|NaN|-?Infinity')


def _find(text: str, constant: str | None) -> tuple[int | None, int | None]:
    """Line and column of the first ``constant`` outside strings, or (None) of the bracket deeper than _DEEPEST."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if constant is None and depth > _DEEPEST:
                break
        elif token in "]}":
            depth -= 1
        elif token.lstrip("-") == (constant or "").lstrip("-") and not token.startswith('"'):
            break
    else:
        return None, None
    start = match.start()
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1
