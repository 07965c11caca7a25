"""The crash-recovery journal's file format: framed records of a base snapshot and the commands after it.

A journal is a sequence of records, each framed as::

    b"VXJ1" | header length (u32) | payload length (u64) | CRC-32 of header and payload (u32)
    | header (JSON, ASCII) | payload (raw bytes: the arrays the header refers to)

A record cut short by a kill, or damaged, fails its length or CRC check and
ends the journal there: what came before it is restored. Records:

- ``base``: the whole document (labels, dimensions, values, colours,
  visibility, metadata columns, claims, view state, file path) and whether it was unsaved;
- ``command``: one command applied to the document (undo and redo apply
  commands too), encoded field by field from its dataclass;
- ``state``: the document became saved (``dirty`` false) or unsaved again;
- ``view``: the view state, at most every few seconds.

Commands are plain dataclasses of ints, floats, strings, tuples, dimensions,
arrays, other commands and the model's own small dataclasses (a formula, a
kind of vectors); decoding rebuilds only dataclasses defined in
``explorer.model``, so a journal never names code to run.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from explorer.model.commands import Command
from explorer.model.table import Dimension

if TYPE_CHECKING:  # the document imports what imports this module
    from explorer.model.document import Document

MAGIC = b"VXJ1"
_FRAME = struct.Struct("<4sIQI")


class JournalError(ValueError):
    """A journal that cannot be restored; the message is one sentence."""


class NotJournalable(TypeError):
    """A command holding a value the journal cannot write (the journal starts again from a snapshot)."""


@dataclass
class Snapshot:
    """The whole document at one moment, copied so that another thread may write it."""

    labels: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    values: np.ndarray
    colors: tuple[str, ...]
    visible: tuple[bool, ...]
    claims: tuple[str, ...] = ()
    view: dict[str, Any] = field(default_factory=dict)
    path: str | None = None
    dirty: bool = False
    #: The formulas of derived vectors, the kind of vectors and stored maps, as the JSON document keeps them.
    formulas: list[dict[str, Any]] = field(default_factory=list)
    kind: dict[str, Any] | None = None
    projections: list[Any] = field(default_factory=list)
    #: The metadata columns: (name, values), one text per vector.
    metadata: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, document: Document, dirty: bool = False) -> Snapshot:
        """Copy ``document`` now (on the thread that owns it)."""
        table = document.table
        return cls(
            table.labels,
            table.dimensions,
            table.values.copy(),
            table.colors,
            table.visible,
            document.claims.texts,
            document.view.to_dict(),
            str(document.path) if document.path is not None else None,
            dirty,
            document.formulas.to_list(),
            table.kind.to_dict() if table.kind is not None else None,
            document.view.projections.to_list(),
            tuple(table.metadata.items()),
        )

    def document(self) -> Document:
        """A new Document holding this snapshot."""
        from explorer.model.derived import Formulas
        from explorer.model.document import Document
        from explorer.model.table import VectorTable
        from explorer.model.vector_kind import VectorKind

        table = VectorTable(self.labels, self.dimensions, self.values, self.colors, self.visible, self.metadata)
        table.kind = VectorKind.from_dict(self.kind)
        formulas = Formulas.from_file(self.formulas, self.labels)
        document = Document(table, path=self.path, view=self.view, formulas=formulas, claims=self.claims)
        document.view.projections.read_list(self.projections)
        return document


# ------------------------------------------------------------------------------ framing
def frame(header: dict[str, Any], payload: bytes = b"") -> bytes:
    """One record's bytes."""
    head = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    crc = zlib.crc32(payload, zlib.crc32(head))
    return _FRAME.pack(MAGIC, len(head), len(payload), crc) + head + payload


def records(data: bytes) -> Iterator[tuple[dict[str, Any], memoryview]]:
    """The whole records of a journal's bytes, in order; stops at the first cut or damaged one."""
    view = memoryview(data)
    at = 0
    while at + _FRAME.size <= len(data):
        magic, head_size, payload_size, crc = _FRAME.unpack_from(data, at)
        start = at + _FRAME.size
        end = start + head_size + payload_size
        if magic != MAGIC or end > len(data):
            return
        head, payload = view[start : start + head_size], view[start + head_size : end]
        if zlib.crc32(payload, zlib.crc32(head)) != crc:
            return
        try:
            header = json.loads(bytes(head).decode("ascii"))
        except ValueError:
            return
        if not isinstance(header, dict):
            return
        yield header, payload
        at = end


# ------------------------------------------------------------------------------- base
def base_record(snapshot: Snapshot) -> bytes:
    """The record of a whole document."""
    values = np.ascontiguousarray(snapshot.values, dtype="<f8")
    labels, label_sizes = _strings(snapshot.labels)
    colors, color_sizes = _strings(snapshot.colors)
    visible = np.array(snapshot.visible, dtype=np.uint8).tobytes()
    header = {
        "kind": "base",
        "shape": list(values.shape),
        "label_sizes": len(label_sizes),
        "color_sizes": len(color_sizes),
        "dimensions": [[d.name, d.unit] for d in snapshot.dimensions],
        "claims": list(snapshot.claims),
        "view": snapshot.view,
        "path": snapshot.path,
        "dirty": snapshot.dirty,
        "formulas": snapshot.formulas,
        "vector_kind": snapshot.kind,
        "projections": snapshot.projections,
        "metadata": [name for name, _ in snapshot.metadata],
    }
    parts = [values.tobytes(), label_sizes.tobytes(), labels, color_sizes.tobytes(), colors, visible]
    for _, texts in snapshot.metadata:  # each metadata column as the labels are: sizes, then the UTF-8 bytes
        data, sizes = _strings(texts)
        parts += [sizes.tobytes(), data]
    header["parts"] = [len(p) for p in parts]
    return frame(header, b"".join(parts))


def read_base(header: dict[str, Any], payload: memoryview) -> Snapshot:
    """The snapshot a base record holds."""
    try:
        rows, columns = (int(n) for n in header["shape"])
        sizes = [int(n) for n in header["parts"]]
        chunks, at = [], 0
        for size in sizes:
            chunks.append(payload[at : at + size])
            at += size
        values = np.frombuffer(chunks[0], dtype="<f8").reshape(rows, columns).astype(np.float64)
        labels = _unstrings(chunks[2], np.frombuffer(chunks[1], dtype="<u4"))
        colors = _unstrings(chunks[4], np.frombuffer(chunks[3], dtype="<u4"))
        visible = tuple(bool(b) for b in bytes(chunks[5]))
        names = header.get("metadata", [])
        metadata = tuple(
            (str(name), _unstrings(chunks[7 + 2 * k], np.frombuffer(chunks[6 + 2 * k], dtype="<u4")))
            for k, name in enumerate(names if isinstance(names, list) else [])
        )
        dimensions = tuple(Dimension(str(name), str(unit)) for name, unit in header["dimensions"])
        view, formulas, projections = header.get("view"), header.get("formulas"), header.get("projections")
        return Snapshot(
            labels,
            dimensions,
            values,
            colors,
            visible,
            tuple(str(c) for c in header.get("claims", ())),
            view if isinstance(view, dict) else {},
            header.get("path") if isinstance(header.get("path"), str) else None,
            bool(header.get("dirty")),
            formulas if isinstance(formulas, list) else [],
            header.get("vector_kind") if isinstance(header.get("vector_kind"), dict) else None,
            projections if isinstance(projections, list) else [],
            metadata,
        )
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise JournalError(f"its snapshot of the document is damaged ({error})") from None


def _strings(texts: Iterable[str]) -> tuple[bytes, np.ndarray]:
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]  # a lone surrogate survives
    return b"".join(encoded), np.array([len(e) for e in encoded], dtype="<u4")


def _unstrings(data: memoryview, sizes: np.ndarray) -> tuple[str, ...]:
    raw = bytes(data)
    out, at = [], 0
    for size in sizes.tolist():
        out.append(raw[at : at + size].decode("utf-8", "surrogatepass"))
        at += size
    return tuple(out)


# --------------------------------------------------------------------------- commands
def command_record(command: Command) -> bytes:
    """The record of one command; raises NotJournalable for a value it cannot write."""
    arrays: list[np.ndarray] = []
    encoded = _encode(command, arrays)
    blobs = [np.ascontiguousarray(a).tobytes() for a in arrays]
    specs = [{"dtype": a.dtype.str, "shape": list(a.shape), "size": len(b)} for a, b in zip(arrays, blobs)]
    return frame({"kind": "command", "command": encoded, "arrays": specs}, b"".join(blobs))


def read_command(header: dict[str, Any], payload: memoryview) -> Command:
    """The command a command record holds."""
    try:
        arrays: list[np.ndarray] = []
        at = 0
        for spec in header["arrays"]:
            size = int(spec["size"])
            dtype = np.dtype(spec["dtype"])
            if dtype.kind not in "fiub":
                raise JournalError(f"it holds an array of an unexpected kind ({dtype})")
            arrays.append(np.frombuffer(payload[at : at + size], dtype=dtype).reshape(spec["shape"]).copy())
            at += size
        command = _decode(header["command"], arrays)
        if not isinstance(command, Command):  # a damaged record: a number, or a value a command holds
            raise JournalError(f"a recorded change holds a {type(command).__name__}, not a change of the document")
        return command
    except JournalError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ImportError) as error:
        raise JournalError(f"a recorded change cannot be read ({type(error).__name__}: {error})") from None


def _encode(value: Any, arrays: list[np.ndarray]) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Dimension):
        return {"__d": [value.name, value.unit]}
    if isinstance(value, np.ndarray):
        arrays.append(value)
        return {"__a": len(arrays) - 1}
    if isinstance(value, (tuple, list)):
        return {"__t": [_encode(v, arrays) for v in value]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)  # a command, or a value a command holds (a Formula, a VectorKind)
        if not cls.__module__.startswith("explorer.model."):
            raise NotJournalable(f"{cls.__qualname__} is not a model class")
        fields = {f.name: _encode(getattr(value, f.name), arrays) for f in dataclasses.fields(value) if f.init}
        return {"__c": f"{cls.__module__}:{cls.__qualname__}", "f": fields}
    raise NotJournalable(f"cannot write a {type(value).__name__} in the journal")


def _decode(value: Any, arrays: list[np.ndarray]) -> Any:
    if not isinstance(value, dict):
        return value
    if "__d" in value:
        name, unit = value["__d"]
        return Dimension(str(name), str(unit))
    if "__a" in value:
        return arrays[int(value["__a"])]
    if "__t" in value:
        return tuple(_decode(v, arrays) for v in value["__t"])
    if "__c" in value:
        cls = _command_class(str(value["__c"]))
        return cls(**{str(k): _decode(v, arrays) for k, v in value["f"].items()})
    raise JournalError("a recorded change holds a value of an unknown kind")


def _command_class(name: str) -> type:
    """A dataclass of the model (a command, or a value one holds); nothing else is ever built."""
    module_name, _, qualname = name.partition(":")
    if not module_name.startswith("explorer.model.") or not qualname.isidentifier():
        raise JournalError(f"a recorded change names '{name}', which is not a model command")
    cls = getattr(importlib.import_module(module_name), qualname, None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module_name):
        raise JournalError(f"a recorded change names '{name}', which is not a model command")
    return cls
