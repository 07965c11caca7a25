"""How two vectors relate: equal, an exact multiple, the same direction, or neither.

The lesson asks whether "D = 2.5 A" holds. The answer comes from the best
scale factor k with b ~ k a (least squares: k = a.b / a.a), the residual
|b - k a| relative to |b|, and the cosine between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import numpy as np

from explorer.model import similarity

#: Relative residual below which b is taken to be exactly k a (rounding only).
EXACT_TOLERANCE = 1e-9
#: Cosine at or above which two vectors point "in the same direction".
DIRECTION_TOLERANCE = 0.999


class Verdict(Enum):
    """The kinds of relation, from strongest to weakest."""

    EQUAL = "equal"
    MULTIPLE = "multiple"
    SAME_DIRECTION = "same direction"
    UNDEFINED = "undefined"
    NEITHER = "neither"


@dataclass(frozen=True)
class Relation:
    """The relation of ``b`` to ``a``: b ~ k a with this residual and verdict."""

    verdict: Verdict
    k: float  # best scale factor, NaN when a is a zero vector
    residual: float  # |b - k a|
    relative_residual: float  # residual / |b| (0 when b is zero)
    cosine: float  # NaN when either vector is zero
    ratios: tuple[float, ...]  # b_i / a_i per dimension (NaN where a_i = 0)
    norm_ratio: float  # |b| / |a|

    def describe(self, a_label: str = "a", b_label: str = "b") -> str:
        """One sentence in the lesson's words, e.g. ``D = 2.5 × A``."""
        if self.verdict is Verdict.EQUAL:
            return f"{b_label} = {a_label}: the same vector"
        if self.verdict is Verdict.MULTIPLE:
            return f"{b_label} = {format_factor(self.k)} × {a_label}"
        if self.verdict is Verdict.SAME_DIRECTION:
            return f"{b_label} ≈ {a_label} in direction (cos {self.cosine:.5f})"
        if self.verdict is Verdict.UNDEFINED:
            return f"{a_label} or {b_label} is a zero vector, which has no direction"
        return f"{b_label} is not a multiple of {a_label} (cos {self.cosine:.3f})"


def format_factor(k: float) -> str:
    """A scale factor as a person writes it: 2.5, 0.5, -1, 0.0667."""
    if k == round(k):
        return str(int(round(k)))
    return f"{k:.4g}"


def relate(a, b, direction_tolerance: float = DIRECTION_TOLERANCE) -> Relation:
    """How ``b`` relates to ``a``."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"the vectors have {a.size} and {b.size} values; they must have as many")
    norm_a, norm_b = similarity.norm(a), similarity.norm(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = tuple(float(r) if ai != 0 else float("nan") for r, ai in zip(b / a, a))
    cos = similarity.cosine(a, b)
    if np.array_equal(a, b):
        return Relation(Verdict.EQUAL, 1.0 if norm_a else float("nan"), 0.0, 0.0, cos, ratios,
                        1.0 if norm_a else float("nan"))
    if norm_a == 0 or norm_b == 0:
        k = float("nan") if norm_a == 0 else 0.0
        residual = norm_b
        return Relation(Verdict.UNDEFINED, k, residual, 1.0 if norm_b else 0.0, cos, ratios,
                        norm_b / norm_a if norm_a else float("nan"))
    # Work on a / |a| scaled copies so huge and tiny vectors keep their precision.
    ua, ub = a / norm_a, b / norm_b
    k_unit = float(ua @ ub)  # b/|b| ~ k_unit a/|a|
    k = k_unit * norm_b / norm_a
    residual_unit = similarity.norm(ub - k_unit * ua)
    residual = residual_unit * norm_b
    if residual_unit <= EXACT_TOLERANCE:
        verdict = Verdict.MULTIPLE
    elif cos >= direction_tolerance:
        verdict = Verdict.SAME_DIRECTION
    else:
        verdict = Verdict.NEITHER
    return Relation(verdict, k, residual, residual_unit, cos, ratios, norm_b / norm_a)
