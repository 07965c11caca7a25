"""How two vectors relate: equal, an exact multiple, the same direction, or neither.

The lesson asks whether "D = 2.5 A" holds. The answer comes from the best
scale factor k with b ~ k a (least squares: k = a.b / a.a), the residual
|b - k a| relative to |b|, and the cosine between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
import numpy.typing as npt

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

    a: tuple[float, ...] = ()  # the vectors compared, for reasons in their dimensions
    b: tuple[float, ...] = ()

    def describe(self, a_label: str = "a", b_label: str = "b", dimensions: Sequence[object] = ()) -> str:
        """One sentence in the lesson's words.

        ``D = 2.5 × A: same direction, 2.5 times the size``;
        ``C ≈ A in direction: cos 0.99994, |C| = 0.90 |A|``; and, with the
        ``dimensions`` (names and units) for the reason,
        ``E is not a multiple of A: E has 0.5 × A's mass but 0.5 × its volume``.
        """
        if self.verdict is Verdict.EQUAL:
            return f"{b_label} = {a_label}: the same vector"
        if self.verdict is Verdict.MULTIPLE:
            k = format_factor(self.k)
            if self.k < 0:
                size = "the same size" if abs(self.k) == 1 else f"{format_factor(-self.k)} times the size"
                return f"{b_label} = {k} × {a_label}: the opposite direction, {size}"
            return f"{b_label} = {k} × {a_label}: same direction, {k} times the size"
        if self.verdict is Verdict.SAME_DIRECTION:
            return (
                f"{b_label} ≈ {a_label} in direction: cos {format_cosine(self.cosine)}, "
                f"|{b_label}| = {self.norm_ratio:.2f} |{a_label}|"
            )
        if self.verdict is Verdict.UNDEFINED:
            zero = [label for label, v in ((a_label, self.a), (b_label, self.b)) if not any(v)]
            if len(zero) == 2 or not (self.a or self.b):
                return f"{a_label} or {b_label} is a zero vector, which has no direction"
            return f"{zero[0]} is a zero vector, which has no direction, so the two cannot be compared in direction"
        sentence = f"{b_label} is not a multiple of {a_label}"
        reason = dimension_reason(self.a, self.b, a_label, b_label, dimensions) if self.a else ""
        if reason:
            return f"{sentence}: {reason} (cos {format_cosine(self.cosine)})"
        return f"{sentence} (cos {format_cosine(self.cosine)})"


def format_cosine(cos: float) -> str:
    """A cosine to 3 decimals, with more where 3 would round a near-1 score to 1: 0.353, 0.99994."""
    if cos != cos:
        return "undefined"
    digits = 3
    gap = 1.0 - abs(cos)
    if 1e-12 < gap < 5e-4:  # show the first digit that is not a 9
        digits = int(np.ceil(-np.log10(gap)))
    text = f"{cos:.{digits}f}"
    while abs(float(text)) == 1.0 and gap > 1e-12 and digits < 12:
        digits += 1
        text = f"{cos:.{digits}f}"
    return text


def format_ratio(r: float) -> str:
    """A ratio between two values as a reader says it: 2.5, 0.067, 6.75, 18.8, 120."""
    if r != r:
        return "undefined"
    if np.isinf(r):
        return "∞" if r > 0 else "-∞"
    if r == round(r) and abs(r) < 1e6:
        return str(round(r))
    if abs(r) >= 1e6:
        return f"{r:.3g}"
    if abs(r) >= 100:
        return f"{r:.0f}"
    if abs(r) >= 1:
        return f"{r:.3g}"
    if abs(r) >= 1e-3:
        return f"{r:.2g}"
    return f"{r:.1e}"


def format_quantity(value: float, unit: str = "") -> str:
    """A value with its unit: ``75 l``, ``2.5 kg``, ``0.418``."""
    if np.isfinite(value) and value == round(value) and abs(value) < 1e15:
        text = str(round(value))
    else:
        text = f"{value:.4g}"
    return f"{text} {unit}" if unit else text


def dimension_name(dimensions: Sequence[object], i: int) -> tuple[str, str]:
    if i < len(dimensions):
        d = dimensions[i]
        return (getattr(d, "name", str(d)), getattr(d, "unit", ""))
    return (f"dimension {i + 1}", "")


def dimension_reason(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    a_label: str,
    b_label: str,
    dimensions: Sequence[object] = (),
    k: float | None = None,
) -> str:
    """Why ``b`` is not ``k`` times ``a``, in the dimensions' own words.

    ``E has 2.5 × A's mass but 0.067 × its volume``. Without ``k`` the
    first dimension's ratio is the reference. Returns "" when
    every dimension has the same ratio.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    with np.errstate(all="ignore"):  # ratios of 1e300 to 1e-300 are infinite, and that is fine here
        return _dimension_reason(a, b, a_label, b_label, dimensions, k)


def _dimension_reason(
    a: np.ndarray, b: np.ndarray, a_label: str, b_label: str, dimensions: Sequence[object], k: float | None
) -> str:
    ratios = np.where(a != 0, b / np.where(a != 0, a, 1), np.nan)
    where_none = np.flatnonzero((a == 0) & (b != 0))
    defined = np.flatnonzero(~np.isnan(ratios))
    describe_range = k is None and len(a) > 3
    if k is None:
        k = float(ratios[defined[0]]) if len(defined) else 0.0
    if len(where_none):
        i = int(where_none[0])
        name, unit = dimension_name(dimensions, i)
        return f"{a_label} has no {name} but {b_label} has {format_quantity(b[i], unit)}"
    if not len(defined):
        return ""
    off = np.abs(ratios[defined] - k) > 1e-9 * max(abs(k), 1e-300)
    if not off.any():
        return ""
    if describe_range:
        low, high = int(defined[np.argmin(ratios[defined])]), int(defined[np.argmax(ratios[defined])])
        return (
            f"{b_label}'s values are {format_ratio(ratios[low])} × {a_label}'s in "
            f"{dimension_name(dimensions, low)[0]} but {format_ratio(ratios[high])} × in "
            f"{dimension_name(dimensions, high)[0]}"
        )
    distance = (
        np.abs(np.log(np.abs(ratios[defined]) + 1e-300) - np.log(abs(k) + 1e-300))
        + (np.sign(ratios[defined]) != np.sign(k)) * 100.0
    )
    near = int(defined[np.argmin(distance)])
    far = int(defined[np.argmax(distance)])
    near_name, _ = dimension_name(dimensions, near)
    far_name, _ = dimension_name(dimensions, far)
    sentence = (
        f"{b_label} has {format_ratio(ratios[near])} × {a_label}'s {near_name} "
        f"but {format_ratio(ratios[far])} × its {far_name}"
    )
    n_off = int(off.sum())
    if abs(ratios[near] - k) > 1e-9 * max(abs(k), 1e-300):
        sentence += f", not {format_ratio(k)} × each"
    elif n_off > 1:
        sentence += f" ({n_off} of {len(a)} dimensions differ from {format_ratio(k)} ×)"
    return sentence


def format_factor(k: float) -> str:
    """A scale factor as a person writes it: 2.5, 0.5, -1, 0.0667."""
    if not np.isfinite(k):
        return str(k)
    if k == round(k) and abs(k) < 1e15:
        return str(round(k))
    return f"{k:.4g}"


def relate(a: npt.ArrayLike, b: npt.ArrayLike, direction_tolerance: float = DIRECTION_TOLERANCE) -> Relation:
    """How ``b`` relates to ``a``."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"the vectors have {a.size} and {b.size} values; they must have as many")
    norm_a, norm_b = similarity.norm(a), similarity.norm(b)
    vectors = (tuple(a.tolist()), tuple(b.tolist()))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratios = tuple(float(r) if ai != 0 else float("nan") for r, ai in zip(b / a, a))
    cos = similarity.cosine(a, b)
    if np.array_equal(a, b):
        return Relation(
            Verdict.EQUAL,
            1.0 if norm_a else float("nan"),
            0.0,
            0.0,
            cos,
            ratios,
            1.0 if norm_a else float("nan"),
            vectors[0],
            vectors[1],
        )
    if norm_a == 0 or norm_b == 0:
        k = float("nan") if norm_a == 0 else 0.0
        residual = norm_b
        return Relation(
            Verdict.UNDEFINED,
            k,
            residual,
            1.0 if norm_b else 0.0,
            cos,
            ratios,
            norm_b / norm_a if norm_a else float("nan"),
            *vectors,
        )
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
    return Relation(verdict, k, residual, residual_unit, cos, ratios, norm_b / norm_a, *vectors)
