"""What Edit › Undo calls each change: "A's mass 3 → 4", "Rename A → F", "Remove B and C".

A command carries its name (``Command.text``) from where it is built in the
model; the window only puts "Undo: " or "Redo: " before it, and a refused
command's message starts with it ("A's mass 3 → 4 refused: …"). Labels and
claims are shortened in the middle and their control characters escaped, so a
1 MB label or an escape sequence makes a menu entry of one short line.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.model.table import Dimension
from explorer.model.text_safety import shown

#: The longest label (in characters) a change's name holds whole.
LABEL_CHARS = 24
#: The longest claim (in characters) a change's name holds whole.
CLAIM_CHARS = 32
#: Names of the colours of the default palette (Okabe–Ito), as its authors name them.
COLOUR_NAMES = {
    "#0072B2": "blue",
    "#D55E00": "vermillion",
    "#009E73": "bluish green",
    "#CC79A7": "reddish purple",
    "#E69F00": "orange",
    "#56B4E9": "sky blue",
    "#F0E442": "yellow",
    "#000000": "black",
}


def label_name(label: str) -> str:
    """A label as a change names it: ``A``, or the ends of a long one around '…'."""
    return shown(label, LABEL_CHARS)


def possessive(label: str) -> str:
    """``A's``."""
    return f"{label_name(label)}'s"


def number_name(value: float) -> str:
    """``3``, ``7.5``, ``1e-300``: the shortest text that reads back as ``value``, or 6 digits when that is long."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    return text if len(text) <= 10 else f"{value:.6g}"


def cell_name(label: str, column: str) -> str:
    """``A's mass``: a vector's value in a column (a dimension's name, or ``|v|``)."""
    return f"{possessive(label)} {shown(column, LABEL_CHARS)}"


def vector_name(values: Sequence[float]) -> str:
    """``[3, 30]``; a vector of more than four values shows its ends: ``[1, 2, …, 50]``."""
    names = [number_name(v) for v in values]
    if len(names) > 4:
        names = [*names[:2], "…", *names[-1:]]
    return "[" + ", ".join(names) + "]"


def labels_name(labels: Sequence[str], noun: str = "vector") -> str:
    """``A``, ``A and C``, ``A, B and C``, or ``5 vectors`` when there are more than three."""
    names = [label_name(label) for label in labels]
    if len(names) > 3:
        return f"{len(names):,} {noun}s"
    if len(names) <= 1:
        return names[0] if names else f"no {noun}s"
    return ", ".join(names[:-1]) + " and " + names[-1]


def colour_name(colour: str) -> str:
    """``sky blue`` for a colour of the default palette, else its ``#RRGGBB``."""
    return COLOUR_NAMES.get(colour.upper(), colour.upper())


def dimension_name(dimension: Dimension) -> str:
    """``volume (l)``, shortened like a label."""
    return shown(dimension.title, LABEL_CHARS + 8)


def claim_name(text: str) -> str:
    """A claim as a change names it: ``C = A``, or the ends of a long one."""
    return shown(text, CLAIM_CHARS)


# ------------------------------------------------------------------------ the changes
def value_change(label: str, dimension: Dimension, old: float, new: float) -> str:
    """One cell: ``A's mass 3 → 4``."""
    return f"{cell_name(label, dimension.name)} {number_name(old)} → {number_name(new)}"


def vector_change(verb: str, label: str, new: Sequence[float]) -> str:
    """A whole vector: ``Drag A to [4, 31]``."""
    return f"{verb} {label_name(label)} to {vector_name(new)}"


def rename(old: str, new: str) -> str:
    """``Rename A → F``."""
    return f"Rename {label_name(old)} → {label_name(new)}"


def add_vectors(labels: Sequence[str]) -> str:
    """``Add vector F`` or ``Add 3 vectors``."""
    return f"Add vector {label_name(labels[0])}" if len(labels) == 1 else f"Add {labels_name(labels)}"


def remove_vectors(labels: Sequence[str]) -> str:
    """``Remove B``, ``Remove B and C``, ``Remove 12 vectors``."""
    return f"Remove {labels_name(labels)}"


def move_vectors(labels: Sequence[str], up: bool) -> str:
    """``Move C up``, ``Move B and C down``."""
    return f"Move {labels_name(labels)} {'up' if up else 'down'}"


def colour_change(label: str, colour: str) -> str:
    """``A's colour → sky blue``."""
    return f"{possessive(label)} colour → {colour_name(colour)}"


def visibility_change(label: str, visible: bool) -> str:
    """``Hide A`` or ``Show A``."""
    return f"{'Show' if visible else 'Hide'} {label_name(label)}"


def add_dimension(dimension: Dimension) -> str:
    """``Add dimension density (kg/l)``."""
    return f"Add dimension {dimension_name(dimension)}"


def remove_dimension(dimension: Dimension) -> str:
    """``Remove dimension volume (l)``."""
    return f"Remove dimension {dimension_name(dimension)}"


def rename_dimension(old: Dimension, new: Dimension) -> str:
    """``Rename dimension mass (kg) → weight (kg)``."""
    return f"Rename dimension {dimension_name(old)} → {dimension_name(new)}"


def paste(rows: int, columns: int, at: str) -> str:
    """``Paste 2 × 3 cells at A's mass``."""
    cells = "1 cell" if rows == columns == 1 else f"{rows:,} × {columns:,} cells"
    return f"Paste {cells} at {at}"


def edit_text(label: str, column: str, old: str, new: str) -> str:
    """One metadata cell: ``A's category metal → rock`` (an empty value is ``(empty)``)."""
    return f"{cell_name(label, column)} {_text_name(old)} → {_text_name(new)}"


def _text_name(text: str) -> str:
    return shown(text, LABEL_CHARS) if text else "(empty)"


def add_text_column(name: str) -> str:
    """``Add column of text category``."""
    return f"Add column of text {label_name(name)}"


def remove_text_column(name: str) -> str:
    """``Remove column of text category``."""
    return f"Remove column of text {label_name(name)}"


def rename_text_column(old: str, new: str) -> str:
    """``Rename column of text category → kind``."""
    return f"Rename column of text {label_name(old)} → {label_name(new)}"


def new_vector(label: str, expression: str) -> str:
    """``New vector G = A + C``, or ``New vector (A + C) / 2`` when the expression is its label."""
    if label == expression:
        return f"New vector {claim_name(expression)}"
    return f"New vector {label_name(label)} = {claim_name(expression)}"


def follow_formula(label: str, follow: bool) -> str:
    """``Follow G's formula`` or ``Freeze G``."""
    return f"Follow {possessive(label)} formula" if follow else f"Freeze {label_name(label)}"


def add_claims(texts: Sequence[str]) -> str:
    """``Add claim C = A`` or ``Add 3 claims``."""
    return f"Add claim {claim_name(texts[0])}" if len(texts) == 1 else f"Add {len(texts):,} claims"


def edit_claim(old: str, new: str) -> str:
    """``Edit claim C = A → C ≈ A``."""
    return f"Edit claim {claim_name(old)} → {claim_name(new)}"


def remove_claims(texts: Sequence[str]) -> str:
    """``Remove claim C = A`` or ``Remove 3 claims``."""
    return f"Remove claim {claim_name(texts[0])}" if len(texts) == 1 else f"Remove {len(texts):,} claims"
