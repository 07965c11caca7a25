"""What kind of vectors a table holds, when a model made them: "sentence vectors of all-MiniLM-L6-v2".

The lesson's materials need no such note: their dimensions (mass in kg,
volume in l) say what the numbers are. Sentence vectors have 384 nameless
dimensions ``d1 … d384``; what their numbers mean lies in how the model made
them. A :class:`VectorKind` says it once for the whole table: what one vector
stands for, the model, and how the numbers were made ("the mean of its token
vectors after 6 layers, normalised to length 1"). The table carries it
(:attr:`VectorTable.kind`), a command changes it (so undo restores it), the
JSON document saves it, and the working panel writes it beside a pair's
working. A vector that the model did not make (typed, edited, computed) is
recognised by its length when the model's vectors have length 1, and gets no
such note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:  # the table imports this module
    from explorer.model.table import VectorTable

#: How far from 1 the length of a normalised model vector may be (float32 rounding, a CSV round trip).
UNIT_TOLERANCE = 1e-3


@dataclass(frozen=True)
class VectorKind:
    """What one vector of a table stands for, which model made it, and how."""

    #: What one vector stands for: "sentence".
    stands_for: str
    #: The model: "all-MiniLM-L6-v2".
    model: str
    #: How one vector's numbers were made: "the mean of its token vectors after 6 layers, normalised to length 1".
    made: str = ""
    #: Every vector the model makes has length 1.
    unit_length: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The kind as saved in the JSON document."""
        return {"stands_for": self.stands_for, "model": self.model, "made": self.made, "unit_length": self.unit_length}

    @classmethod
    def from_dict(cls, data: Any) -> VectorKind | None:
        """The kind saved in a JSON document; None when it is absent or unusable (a document still opens)."""
        if not isinstance(data, Mapping):
            return None
        texts = [data.get(key, "") for key in ("stands_for", "model", "made")]
        if not all(isinstance(t, str) and len(t) <= 1000 for t in texts) or not texts[0] or not texts[1]:
            return None
        stands_for, model, made = texts
        return cls(stands_for, model, made, unit_length=data.get("unit_length") is True)

    def made_these(self, *vectors: npt.ArrayLike) -> bool:
        """Whether the model could have made these vectors (of length 1, when its vectors have length 1)."""
        if not self.unit_length:
            return True
        return all(abs(float(np.linalg.norm(np.asarray(v, dtype=np.float64))) - 1.0) <= UNIT_TOLERANCE for v in vectors)

    def describe_pair(self, a_label: str, b_label: str, cosine: float) -> str:
        """Two or three sentences on what a pair of the model's vectors and their cosine mean."""
        a, b = _quote(a_label), _quote(b_label)
        text = f"{a} and {b} are {self.stands_for} vectors of {self.model}"
        text += f": each is {self.made}." if self.made else "."
        if self.unit_length:
            text += " Both have length 1, so their dot product is their cosine."
        if cosine == cosine:
            text += (
                f" cos = {cosine:.3f} reads as the lesson reads its cosines: the closer to 1, the more alike "
                f"the direction, here the more alike the {self.stands_for}s as the model reads them; "
                "near 0, unrelated."
            )
        return text


def _quote(label: str, limit: int = 40) -> str:
    label = " ".join(label.split())
    return f"“{label if len(label) <= limit else label[: limit - 1].rstrip() + '…'}”"


def pair_note(table: VectorTable, a: int, b: int) -> str:
    """What vectors ``a`` and ``b`` of ``table`` are and how to read their cosine, or "" when the
    table's kind says nothing about them (no kind, or vectors its model could not have made)."""
    from explorer.model.similarity import cosine

    kind = table.kind
    if kind is None:
        return ""
    va, vb = table.vector(a), table.vector(b)
    if not kind.made_these(va, vb):
        return ""
    return kind.describe_pair(table.label(a), table.label(b), cosine(va, vb))
