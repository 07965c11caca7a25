"""Claims about vectors, as the lesson writes them, checked against the table.

A claim names one vector on each side with a factor: ``D = 2.5 A``,
``D = 2.5*A``, ``D = 2.5 × A``, ``D=A*2.5``, ``D = A / 2``, ``C ≈ A`` (``~``
works too). Labels with spaces or symbols are quoted: ``"new york" = 2 paris``.

How a claim is judged:

- ``X = k Y`` is **true** when X is exactly k times Y in every dimension (up
  to rounding: a relative difference below 1e-9).
- ``X = Y`` between two different vectors that point the same way and are
  nearly as long (cos >= 0.999, lengths within 20 %) is **approximately true**:
  the lesson's "C = A: similar, not equal".
- A claim of a particular multiple, ``D = 2.5 A``, is about that factor: if
  the ratios differ from dimension to dimension it is **false**, however close,
  and the reason says in which dimension. Write ``D ≈ 2.5 A`` to claim it
  approximately; an ``≈`` claim is true when the vectors are that close.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from explorer.model import similarity
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

#: Lengths within this factor of each other count as "nearly as long" (with the same direction).
LENGTH_TOLERANCE = 1.25

#: The lesson's claims about the materials A-E, in its order.
LESSON_CLAIMS = ("C = A", "D = 2.5 A", "E = 2.5 A", "C = 0.2 B", "D = 0.5 B", "E = 0.5 B")


class ClaimError(ValueError):
    """A claim that cannot be read; the message is one sentence for the user."""


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
    """``left = factor × right`` (``approximate`` for ≈ and ~)."""

    text: str
    left: str
    factor: float
    right: str
    approximate: bool = False

    def __str__(self) -> str:
        sign = "≈" if self.approximate else "="
        k = "" if self.factor == 1 else ("-" if self.factor == -1 else f"{format_factor(self.factor)} ")
        return f"{self.left} {sign} {k}{self.right}"


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
_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_WORD = re.compile(r"[^\W\d]\w*(?:[.'’-]\w+)*")
_RELATIONS = ("==", "~=", "≈", "≃", "~", "=")
_TIMES = ("*", "×", "·", "⋅", "x")


def _tokens(text: str, labels) -> list[tuple[str, object]]:
    """Split ``text`` into (kind, value) tokens: num, label, rel, op, sign.

    ``labels`` is a set (or dict) of the known labels; a known label is read
    whole, the longest first, so that ``new york`` is one label.
    """
    return [(kind, value) for kind, value, _, _ in _scan(text, labels)]


def _scan(text: str, labels) -> list[tuple[str, object, int, int]]:
    """The tokens of :func:`_tokens` with where each starts and ends in ``text``."""
    out: list[tuple[str, object, int, int]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "\"'`“‘":
            close = {"“": "”", "‘": "’"}.get(ch, ch)
            end = text.find(close, i + 1)
            if end < 0:
                raise ClaimError(f"The quote {ch} before '{text[i + 1 :]}' is never closed.")
            out.append(("label", text[i + 1 : end], i, end + 1))
            i = end + 1
            continue
        rel = next((r for r in _RELATIONS if text.startswith(r, i)), None)
        if rel:
            out.append(("rel", rel, i, i + len(rel)))
            i += len(rel)
            continue
        label = _known_label_at(text, i, labels)
        if label is not None:
            out.append(("label", label, i, i + len(label)))
            i += len(label)
            continue
        number = _NUMBER.match(text, i)
        if number:
            out.append(("num", float(number.group()), i, number.end()))
            i = number.end()
            continue
        word = _WORD.match(text, i)
        if word:
            value = word.group()
            token = ("op", "*") if value == "x" and out and out[-1][0] == "num" else ("label", value)
            out.append((*token, i, word.end()))
            i = word.end()
            continue
        if ch in _TIMES or ch == "/":
            out.append(("op", "*" if ch != "/" else "/", i, i + 1))
        elif ch in "+-−":
            out.append(("sign", "-" if ch != "+" else "+", i, i + 1))
        else:
            raise ClaimError(f"'{ch}' is not understood in a claim; write it like 'D = 2.5 A'.")
        i += 1
    return out


def named_labels(text: str, labels) -> list[str]:
    """The labels a claim names, in order (known ``labels`` read whole); [] when it cannot be read."""
    try:
        return [value for kind, value, _, _ in _scan(text or "", _as_lookup(labels)) if kind == "label"]
    except ClaimError:
        return []


def rename_labels(text: str, renamed: dict[str, str], labels) -> str:
    """``text`` with every label in ``renamed`` replaced by its new name, the rest kept as written.

    ``labels`` are the labels known before the renaming (so that ``new york``
    is one label). A new name that would not read back as one word is quoted.
    A claim that cannot be read comes back unchanged.
    """
    try:
        tokens = _scan(text, _as_lookup(labels))
    except ClaimError:
        return text
    out, last = [], 0
    for kind, value, start, end in tokens:
        if kind == "label" and value in renamed:
            new = renamed[value]
            plain = _WORD.fullmatch(new) is not None and new != "x"
            out += [text[last:start], new if plain else _quote(new)]
            last = end
    return "".join(out) + text[last:] if out else text


def _quote(label: str) -> str:
    quote = next((q for q in "\"'`" if q not in label), None)
    return f"{quote}{label}{quote}" if quote else f"“{label}”"


def _as_lookup(labels):
    return labels if isinstance(labels, (dict, set, frozenset)) else dict.fromkeys(labels)


def _known_label_at(text: str, i: int, labels) -> str | None:
    """The longest known label (not a plain number) that starts at ``i`` and ends a word."""
    for j in range(len(text), i, -1):
        candidate = text[i:j]
        if (
            candidate in labels
            and _ends_word(text, j)
            and candidate.strip() == candidate
            and not _NUMBER.fullmatch(candidate)
        ):
            return candidate
    return None


def _ends_word(text: str, j: int) -> bool:
    return j >= len(text) or not (text[j].isalnum() or text[j] == "_")


def _side(tokens: list, which: str, text: str, labels) -> tuple[float, str]:
    """One side of a claim: a factor and one label."""
    if not tokens:
        raise ClaimError(f"The {which} side of '{text}' is empty; write it like 'D = 2.5 A'.")
    factor, label, i = 1.0, None, 0
    expect_operand = True
    op = "*"
    while i < len(tokens):
        kind, value = tokens[i]
        if expect_operand:
            if kind == "sign":
                if label is not None or (i and tokens[i - 1][0] != "op"):
                    raise ClaimError(
                        f"Sums and differences such as '{text}' cannot be checked; "
                        "compare one vector with a multiple of another, as in 'D = 2.5 A'."
                    )
                factor = -factor if value == "-" else factor
                i += 1
                continue
            if kind == "num":
                if op == "/":
                    if value == 0:
                        raise ClaimError(f"'{text}' divides by zero.")
                    factor /= value
                else:
                    factor *= value
            elif kind == "label":
                if op == "/":
                    raise ClaimError(f"'{text}' divides by a vector; only numbers can divide.")
                if label is not None:
                    raise ClaimError(f"The {which} side of '{text}' names two vectors, {label} and {value}; name one.")
                if value not in labels:
                    raise ClaimError(f"There is no vector labelled '{value}'{_known(labels)}.")
                label = value
            else:
                raise ClaimError(f"'{value}' needs a number or a vector before it in '{text}'.")
            expect_operand = False
            op = "*"
            i += 1
            continue
        if kind == "op":
            op, expect_operand = value, True
            i += 1
        elif kind == "sign":
            if i == len(tokens) - 1:
                raise ClaimError(f"'{text}' ends after '{tokens[i][1]}', which needs something after it.")
            raise ClaimError(
                f"Sums and differences such as '{text}' cannot be checked; "
                "compare one vector with a multiple of another, as in 'D = 2.5 A'."
            )
        else:  # juxtaposition: "2.5 A"
            op, expect_operand = "*", True
    if expect_operand:
        last = tokens[-1][1]
        raise ClaimError(f"'{text}' ends after '{last}', which needs something after it.")
    if label is None:
        raise ClaimError(f"The {which} side of '{text}' names no vector; write it like 'D = 2.5 A'.")
    if not math.isfinite(factor):
        raise ClaimError(f"'{text}' multiplies by a number too large to store (the largest is about 1.8e308).")
    return factor, label


def _known(labels) -> str:
    if not labels:
        return "; the table is empty"
    shown = ", ".join(itertools.islice(labels, 8))
    return f"; the labels are {shown}" + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")


def parse_claim(text: str, labels) -> Claim:
    """Read a claim such as ``D = 2.5 A``; raise ClaimError with one sentence when it cannot.

    ``labels`` are the known labels, in table order (a dict from label to row
    is quickest for big tables).
    """
    text = (text or "").strip()
    if not text:
        raise ClaimError("The claim is empty; write one like 'D = 2.5 A'.")
    if not isinstance(labels, (dict, set, frozenset)):
        labels = dict.fromkeys(labels)
    tokens = _tokens(text, labels)
    rels = [i for i, (kind, _) in enumerate(tokens) if kind == "rel"]
    if not rels:
        raise ClaimError(f"'{text}' has no '=' or '≈'; write a claim like 'D = 2.5 A'.")
    if len(rels) > 1:
        raise ClaimError(f"'{text}' has more than one '=' or '≈'; a claim compares two sides.")
    r = rels[0]
    left_factor, left = _side(tokens[:r], "left", text, labels)
    right_factor, right = _side(tokens[r + 1 :], "right", text, labels)
    if left_factor == 0:
        raise ClaimError(f"'{text}' multiplies {left} by 0, so it divides by zero to compare.")
    return Claim(text, left, right_factor / left_factor, right, tokens[r][1] not in ("=", "=="))


# ----------------------------------------------------------------- checking
def check_claim(claim: Claim | str, labels, vectors, dimensions: Sequence = ()) -> ClaimResult:
    """Judge ``claim`` against the vectors (rows of ``vectors`` in ``labels`` order).

    ``labels`` is a sequence of labels or, quicker for big tables, a dict from label to row.
    """
    if not isinstance(labels, dict):
        labels = {label: row for row, label in enumerate(labels)}
    if isinstance(claim, str):
        claim = parse_claim(claim, labels)
    x = np.asarray(vectors[labels[claim.left]], dtype=np.float64)
    y = np.asarray(vectors[labels[claim.right]], dtype=np.float64)
    relation = relate(y, x)  # the left vector in terms of the right one
    k = claim.factor
    target = k * y
    named = _multiple_name(k, claim.right)
    size_x, size_t = similarity.norm(x), similarity.norm(target)
    difference = similarity.norm(x - target)
    exact = difference <= EXACT_TOLERANCE * max(size_x, size_t) or (size_x == 0 and size_t == 0)
    if exact:
        if claim.left == claim.right and k == 1:
            return ClaimResult(claim, ClaimVerdict.TRUE, f"{claim.left} is itself", relation)
        if size_x == 0 and claim.factor not in (0, 1):
            reason = (
                f"{claim.left} and {claim.right} are zero vectors ({format_factor(claim.factor)} × a zero "
                "vector is a zero vector, with no direction)"
            )
            return ClaimResult(claim, ClaimVerdict.TRUE, reason, relation)
        return ClaimResult(claim, ClaimVerdict.TRUE, _exact_reason(claim, relation), relation)
    if size_x == 0 or size_t == 0:
        named_x = _multiple_name(k, claim.right, "×")
        zero = claim.left if size_x == 0 else named_x
        other = named_x if size_x == 0 else claim.left
        return ClaimResult(claim, ClaimVerdict.FALSE, f"{zero} is a zero vector and {other} is not", relation)
    cos = similarity.cosine(x, target)
    near = cos >= DIRECTION_TOLERANCE and 1 / LENGTH_TOLERANCE <= size_x / size_t <= LENGTH_TOLERANCE
    closeness = f"cos {format_cosine(cos)}, |{claim.left}| = {size_x / size_t:.2f} |{named}|"
    if near and claim.approximate:
        return ClaimResult(claim, ClaimVerdict.TRUE, f"{claim.left} ≈ {named}: {closeness}", relation)
    if near and k == 1:
        return ClaimResult(
            claim,
            ClaimVerdict.APPROXIMATE,
            f"similar, not equal: {claim.left} ≈ {claim.right} in direction, {closeness}",
            relation,
        )
    return ClaimResult(
        claim, ClaimVerdict.FALSE, _false_reason(claim, x, y, relation, dimensions, cos, closeness, near), relation
    )


def _multiple_name(k: float, label: str, times: str = "") -> str:
    if k == 1:
        return label
    if k == -1:
        return f"-{label}"
    return f"{format_factor(k)} {times + ' ' if times else ''}{label}"


def _exact_reason(claim: Claim, relation: Relation) -> str:
    k = claim.factor
    if k == 1:
        return f"{claim.left} and {claim.right} are the same vector"
    if k == 0:
        return f"{claim.left} is a zero vector"
    direction = "the same direction" if k > 0 else "the opposite direction"
    return f"{claim.left} = {format_factor(k)} × {claim.right}: {direction}, {format_factor(abs(k))} times the size"


def _false_reason(claim, x, y, relation, dimensions, cos, closeness, near) -> str:
    k = claim.factor
    if relation.verdict in (Verdict.MULTIPLE, Verdict.EQUAL):
        actual = "the same as" if relation.k == 1 else f"{format_factor(relation.k)} ×"
        return f"{claim.left} is {actual} {claim.right}, not {format_factor(k)} × {claim.right}"
    reason = dimension_reason(y, x, claim.right, claim.left, dimensions, k=k)
    detail = _worst_dimension(x, k * y, claim.left, _multiple_name(k, claim.right, "×"), dimensions)
    if near:
        return f"{reason}; {detail} (close, not exact: {closeness})"
    return f"{reason}; {detail}"


def _worst_dimension(x, target, left: str, named: str, dimensions) -> str:
    """``2.5 × A would have 75 l of volume, E has 2 l``: the dimension that differs most, with its unit."""
    scale = np.maximum(np.abs(x), np.abs(target))
    with np.errstate(divide="ignore", invalid="ignore"):
        off = np.where(scale > 0, np.abs(x - target) / np.where(scale > 0, scale, 1), 0)
    i = int(np.argmax(off))
    name, unit = dimension_name(dimensions, i)
    return f"{named} would have {format_quantity(target[i], unit)} of {name}, {left} has {format_quantity(x[i], unit)}"


def lesson_claims(labels: Sequence[str], dimensions: Sequence = ()) -> list[str]:
    """The lesson's six claims when the table is the materials A-E (mass and volume), else []."""
    names = [getattr(d, "name", str(d)).lower() for d in dimensions]
    if set("ABCDE") <= set(labels) and names[:2] == ["mass", "volume"]:
        return list(LESSON_CLAIMS)
    return []
