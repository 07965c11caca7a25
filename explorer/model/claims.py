"""Claims about vectors, as the lesson writes them, checked against the table.

A claim compares two expressions (:mod:`explorer.model.expressions`):
``D = 2.5 A``, ``D = 2.5*A``, ``D=A*2.5``, ``D = A / 2``, ``C ≈ A`` (``~``
works too), and sums, differences and brackets: ``A + E = C``,
``D = A + A + A/2``, ``(A + C) / 2 ≈ B``. Labels with spaces or symbols are
quoted: ``"new york" = 2 paris``.

How a claim is judged:

- ``X = k Y`` (a number times one vector on each side) is **true** when X is
  exactly k times Y in every dimension (up to rounding: a relative difference
  below 1e-9).
- ``X = Y`` between two different vectors that point the same way and are
  nearly as long (cos >= 0.999, lengths within 20 %) is **approximately true**:
  the lesson's "C = A: similar, not equal".
- A claim of a particular multiple, ``D = 2.5 A``, is about that factor: if
  the ratios differ from dimension to dimension it is **false**, however close,
  and the reason says in which dimension. Write ``D ≈ 2.5 A`` to claim it
  approximately; an ``≈`` claim is true when the vectors are that close.
- Any other claim computes both sides (vector arithmetic: :mod:`explorer.model.arithmetic`)
  and compares the two vectors: equal to rounding is **true**, close as above
  is **approximately true** (or true, for ``≈``), anything else **false**, with
  the two vectors and the dimension where they differ most.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from explorer.model import similarity
from explorer.model.arithmetic import evaluate_vector, multiple_of_one
from explorer.model.expressions import (
    Expression,
    ExpressionError,
    located,
    named_labels,
    parse_tokens,
    rename_labels,
    shown,
    tokenize,
)
from explorer.model.relations import (
    DIRECTION_TOLERANCE,
    EXACT_TOLERANCE,
    Relation,
    Verdict,
    dimension_name,
    dimension_reason,
    format_cosine,
    format_factor,
    format_quantity,
    relate,
)

__all__ = [
    "LESSON_CLAIMS",
    "Claim",
    "ClaimError",
    "ClaimResult",
    "ClaimVerdict",
    "check_claim",
    "lesson_claims",
    "named_labels",
    "parse_claim",
    "rename_labels",
]

#: Lengths within this factor of each other count as "nearly as long" (with the same direction).
LENGTH_TOLERANCE = 1.25

#: The lesson's claims about the materials A-E, in its order.
LESSON_CLAIMS = ("C = A", "D = 2.5 A", "E = 2.5 A", "C = 0.2 B", "D = 0.5 B", "E = 0.5 B")

#: Vectors with more dimensions than this are not written out in a reason.
SHOWN_DIMENSIONS = 4


class ClaimError(ExpressionError):
    """A claim that cannot be read or computed; the message is one sentence for the user."""


class ClaimVerdict(Enum):
    """How a claim came out, with the mark the checker shows."""

    TRUE = "true"
    APPROXIMATE = "approximately true"
    FALSE = "false"

    @property
    def mark(self) -> str:
        return {"true": "✅", "approximately true": "≈", "false": "❌"}[self.value]


@dataclass(frozen=True)
class Claim:
    """``left = right`` (``approximate`` for ≈ and ~): two expressions, each as typed and as parsed."""

    text: str
    left: Expression
    right: Expression
    approximate: bool = False

    def __str__(self) -> str:
        return f"{self.left} {'≈' if self.approximate else '='} {self.right}"

    @property
    def multiple(self) -> tuple[str, float, str] | None:
        """``(X, k, Y)`` when the claim reads ``X = k Y`` (each side a number times one vector), else None."""
        left, right = multiple_of_one(self.left.root), multiple_of_one(self.right.root)
        if left is None or right is None or left[0] == 0:
            return None
        return left[1], right[0] / left[0], right[1]


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on a claim, its reason, and the relation it was judged from."""

    claim: Claim
    verdict: ClaimVerdict
    reason: str
    relation: Relation

    @property
    def holds(self) -> bool:
        """True or approximately true."""
        return self.verdict is not ClaimVerdict.FALSE


# ------------------------------------------------------------------ parsing
def parse_claim(text: str, labels: Iterable[str]) -> Claim:
    """Read a claim such as ``D = 2.5 A`` or ``A + E = C``; raise ClaimError with one sentence when it cannot.

    ``labels`` are the known labels, in table order (a dict from label to row
    is quickest for big tables).
    """
    text = (text or "").strip()
    if not text:
        raise ClaimError("The claim is empty; write one like 'D = 2.5 A'")
    try:
        tokens = tokenize(text, _as_lookup(labels))
    except ExpressionError as error:
        raise ClaimError(str(error), error.column) from None
    rels = [i for i, token in enumerate(tokens) if token.kind == "rel"]
    if not rels:
        raise ClaimError(f"{shown(text)} has no '=' or '≈'; write a claim like 'D = 2.5 A'")
    if len(rels) > 1:
        second = tokens[rels[1]]
        raise ClaimError(
            located(text, second.column, f"a second '{second.raw}'; a claim compares two sides"), second.column
        )
    r = rels[0]
    sides = []
    for which, lo, hi in (("left", 0, r), ("right", r + 1, len(tokens))):
        if lo == hi:
            raise ClaimError(f"The {which} side of {shown(text)} is empty; write it like 'D = 2.5 A'")
        try:
            root = parse_tokens(text, tokens, lo, hi, "claim")
        except ExpressionError as error:
            raise ClaimError(str(error), error.column) from None
        sides.append(Expression(text[tokens[lo].start : tokens[hi - 1].end], root))
    return Claim(text, sides[0], sides[1], tokens[r].value not in ("=", "=="))


def _as_lookup(labels: Iterable[str]) -> Collection[str]:
    return labels if isinstance(labels, dict | set | frozenset) else dict.fromkeys(labels)


def _missing(labels: Collection[str]) -> Callable[[str], str]:
    return lambda name: f"there is no vector labelled '{name}'{_known(labels)}"


def _known(labels: Collection[str]) -> str:
    if not labels:
        return "; the table is empty"
    shown_labels = ", ".join(itertools.islice(labels, 8))
    return f"; the labels are {shown_labels}" + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")


# ----------------------------------------------------------------- checking
def check_claim(
    claim: Claim | str, labels: Iterable[str], vectors: np.ndarray, dimensions: Sequence[object] = ()
) -> ClaimResult:
    """Judge ``claim`` against the vectors (rows of ``vectors`` in ``labels`` order).

    ``labels`` is a sequence of labels or, quicker for big tables, a dict from label to row.
    """
    rows: dict[str, int] = labels if isinstance(labels, dict) else {label: row for row, label in enumerate(labels)}
    if isinstance(claim, str):
        claim = parse_claim(claim, rows)

    def vector_of(name: str) -> np.ndarray | None:
        row = rows.get(name)
        return None if row is None else vectors[row]

    missing = _missing(rows)
    try:
        x = evaluate_vector(_whole(claim, claim.left), vector_of, missing, "the left side")
        target = evaluate_vector(_whole(claim, claim.right), vector_of, missing, "the right side")
    except ExpressionError as error:
        raise ClaimError(str(error), error.column) from None
    multiple = claim.multiple
    if multiple is not None:
        left, k, right = multiple
        x, y = (np.asarray(vectors[rows[label]], dtype=np.float64) for label in (left, right))
        return _check_multiple(claim, left, k, right, x, y, dimensions)
    return _check_expressions(claim, x, target, dimensions)


def _whole(claim: Claim, side: Expression) -> Expression:
    """``side`` with the claim's whole text, so that messages point into the claim."""
    return Expression(claim.text, side.root)


def _check_multiple(
    claim: Claim, left: str, k: float, right: str, x: np.ndarray, y: np.ndarray, dimensions: Sequence[object]
) -> ClaimResult:
    """``left = k right``: judged as the lesson does, about that factor."""
    relation = relate(y, x)  # the left vector in terms of the right one
    target = k * y
    named = _multiple_name(k, right)
    size_x, size_t, same = _sizes(x, target)
    if same or (size_x == 0 and size_t == 0):
        if left == right and k == 1:
            return ClaimResult(claim, ClaimVerdict.TRUE, f"{left} is itself", relation)
        if size_x == 0 and k not in (0, 1):
            reason = (
                f"{left} and {right} are zero vectors ({format_factor(k)} × a zero "
                "vector is a zero vector, with no direction)"
            )
            return ClaimResult(claim, ClaimVerdict.TRUE, reason, relation)
        return ClaimResult(claim, ClaimVerdict.TRUE, _exact_reason(left, k, right), relation)
    if size_x == 0 or size_t == 0:
        named_x = _multiple_name(k, right, "×")
        zero = left if size_x == 0 else named_x
        other = named_x if size_x == 0 else left
        return ClaimResult(claim, ClaimVerdict.FALSE, f"{zero} is a zero vector and {other} is not", relation)
    _, near, closeness = _nearness(x, target, left, named)
    if near and claim.approximate:
        return ClaimResult(claim, ClaimVerdict.TRUE, f"{left} ≈ {named}: {closeness}", relation)
    if near and k == 1:
        return ClaimResult(
            claim,
            ClaimVerdict.APPROXIMATE,
            f"similar, not equal: {left} ≈ {right} in direction, {closeness}",
            relation,
        )
    reason = _false_reason(left, k, right, x, y, relation, dimensions, closeness, near)
    return ClaimResult(claim, ClaimVerdict.FALSE, reason, relation)


def _sizes(x: np.ndarray, target: np.ndarray) -> tuple[float, float, bool]:
    """|x|, |target|, and whether they are the same vector to rounding."""
    size_x, size_t = similarity.norm(x), similarity.norm(target)
    return size_x, size_t, similarity.norm(x - target) <= EXACT_TOLERANCE * max(size_x, size_t)


def _nearness(x: np.ndarray, target: np.ndarray, left: str, right: str) -> tuple[float, bool, str]:
    """The cosine of two vectors (neither zero), whether they are near in direction and length, and
    ``cos 0.991, |A + E| = 1.19 |C|`` saying how near."""
    cos = similarity.cosine(x, target)
    ratio = similarity.norm(x) / similarity.norm(target)
    near = cos >= DIRECTION_TOLERANCE and 1 / LENGTH_TOLERANCE <= ratio <= LENGTH_TOLERANCE
    return cos, near, f"cos {format_cosine(cos)}, |{left}| = {ratio:.2f} |{right}|"


def _multiple_name(k: float, label: str, times: str = "") -> str:
    if k == 1:
        return label
    if k == -1:
        return f"-{label}"
    return f"{format_factor(k)} {times + ' ' if times else ''}{label}"


def _exact_reason(left: str, k: float, right: str) -> str:
    if k == 1:
        return f"{left} and {right} are the same vector"
    if k == 0:
        return f"{left} is a zero vector"
    direction = "the same direction" if k > 0 else "the opposite direction"
    return f"{left} = {format_factor(k)} × {right}: {direction}, {format_factor(abs(k))} times the size"


def _false_reason(
    left: str,
    k: float,
    right: str,
    x: np.ndarray,
    y: np.ndarray,
    relation: Relation,
    dimensions: Sequence[object],
    closeness: str,
    near: bool,
) -> str:
    if relation.verdict in (Verdict.MULTIPLE, Verdict.EQUAL):
        actual = "the same as" if relation.k == 1 else f"{format_factor(relation.k)} ×"
        return f"{left} is {actual} {right}, not {format_factor(k)} × {right}"
    reason = dimension_reason(y, x, right, left, dimensions, k=k)
    detail = _worst_dimension(x, k * y, left, _multiple_name(k, right, "×"), dimensions)
    if near:
        return f"{reason}; {detail} (close, not exact: {closeness})"
    return f"{reason}; {detail}"


def _worst_dimension(x: np.ndarray, target: np.ndarray, left: str, named: str, dimensions: Sequence[object]) -> str:
    """``2.5 × A would have 75 l of volume, E has 2 l``: the dimension that differs most, with its unit."""
    i = _most_different(x, target)
    name, unit = dimension_name(dimensions, i)
    return f"{named} would have {format_quantity(target[i], unit)} of {name}, {left} has {format_quantity(x[i], unit)}"


def _most_different(x: np.ndarray, target: np.ndarray) -> int:
    scale = np.maximum(np.abs(x), np.abs(target))
    with np.errstate(divide="ignore", invalid="ignore"):
        off = np.where(scale > 0, np.abs(x - target) / np.where(scale > 0, scale, 1), 0)
    return int(np.argmax(off))


def _check_expressions(claim: Claim, x: np.ndarray, target: np.ndarray, dimensions: Sequence[object]) -> ClaimResult:
    """Any other claim: both sides computed, then compared as two vectors."""
    left, right = claim.left.text, claim.right.text
    relation = relate(target, x)
    size_x, size_t, same = _sizes(x, target)
    if size_x == 0 and size_t == 0:
        return ClaimResult(claim, ClaimVerdict.TRUE, f"{left} and {right} are both the zero vector", relation)
    if same:
        reason = f"{left} = {right} = {vector_text(x, dimensions)}"
        return ClaimResult(claim, ClaimVerdict.TRUE, reason, relation)
    if size_x == 0 or size_t == 0:
        zero, other = (left, right) if size_x == 0 else (right, left)
        return ClaimResult(claim, ClaimVerdict.FALSE, f"{zero} is a zero vector and {other} is not", relation)
    cos, near, closeness = _nearness(x, target, left, right)
    if near and claim.approximate:
        return ClaimResult(claim, ClaimVerdict.TRUE, f"{left} ≈ {right}: {closeness}", relation)
    if near:
        reason = f"similar, not equal: {left} ≈ {right} in direction, {closeness}"
        return ClaimResult(claim, ClaimVerdict.APPROXIMATE, reason, relation)
    i = _most_different(x, target)
    name, unit = dimension_name(dimensions, i)
    values = ""
    if len(x) <= SHOWN_DIMENSIONS:
        values = f"{left} = {vector_text(x, dimensions)} but {right} = {vector_text(target, dimensions)}: "
    reason = (
        f"{values}{left} has {format_quantity(x[i], unit)} of {name}, {right} has {format_quantity(target[i], unit)} "
        f"(cos {format_cosine(cos)})"
    )
    return ClaimResult(claim, ClaimVerdict.FALSE, reason, relation)


def vector_text(values: Iterable[float], dimensions: Sequence[object] = ()) -> str:
    """``[10.5 kg, 32 l]``; long vectors shortened: ``[0.418, 0.2497, …, -0.7858] (50 values)``."""
    parts = [format_quantity(float(v), dimension_name(dimensions, i)[1]) for i, v in enumerate(values)]
    if len(parts) > SHOWN_DIMENSIONS:
        return f"[{', '.join(parts[:2])}, …, {parts[-1]}] ({len(parts)} values)"
    return f"[{', '.join(parts)}]"


def lesson_claims(labels: Sequence[str], dimensions: Sequence[object] = ()) -> list[str]:
    """The lesson's six claims when the table is the materials A-E (mass and volume), else []."""
    names = [getattr(d, "name", str(d)).lower() for d in dimensions]
    if set("ABCDE") <= set(labels) and names[:2] == ["mass", "volume"]:
        return list(LESSON_CLAIMS)
    return []
