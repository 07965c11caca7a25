"""The working of a score, step by step, as the lesson writes it by hand.

``working(a, b, ...)`` returns a :class:`Working`: the vectors, then
|A| = √(3² + 30²) = √909 = 30.15, |B|, the dot product A·B = 3×15 + 30×4 =
165, the cosine similarity 165 / (30.15 × 15.52) = 0.353, the angle and the
Euclidean distance. Each step is a chain of small expressions (sums, squares,
roots, fractions: :mod:`explorer.model.working_terms`) with numbers written as
:mod:`explorer.model.working_numbers` writes them, which
:mod:`explorer.model.working_render` writes out as plain text, Markdown or rich
text HTML. With many dimensions a sum shows its first and last terms around an
ellipsis unless ``all_terms`` is asked for.

A zero vector has no direction: its cosine and angle steps say so instead of
a number, and nothing raises.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from explorer.model import similarity
from explorer.model.relations import format_cosine, relate
from explorer.model.working_numbers import format_angle, format_component, format_length, format_sum
from explorer.model.working_terms import (
    Call,
    Difference,
    Fraction,
    Num,
    Product,
    Root,
    Square,
    Step,
    Sum,
    Working,
    WorkingValues,
)

#: Sums with more terms than this show the first and last ones around an ellipsis.
ELIDE_ABOVE = 6
#: Labels longer than this are called a and b in the formulas.
SYMBOL_LENGTH = 12
#: How many leading terms an elided sum keeps (and one trailing term).
HEAD_TERMS = 3


# ------------------------------------------------------------------ sums
def _operand(x: float) -> Num:
    """A component as a factor or a base: negatives and powers of ten in brackets, (-2), (1e+300)."""
    text = format_component(x)
    return Num(f"({text})" if x < 0 or "e" in text else text)


def _terms(n: int, all_terms: bool) -> tuple[list[int], int]:
    """Indices of the terms to show, and how many are hidden after the first ``HEAD_TERMS``."""
    if all_terms or n <= ELIDE_ABOVE:
        return list(range(n)), 0
    return [*list(range(HEAD_TERMS)), n - 1], n - HEAD_TERMS - 1


def _squares(values: np.ndarray, all_terms: bool) -> Sum:
    shown, hidden = _terms(len(values), all_terms)
    return Sum(tuple(Square(_operand(values[i])) for i in shown), hidden, HEAD_TERMS if hidden else 0)


# -------------------------------------------------------------------- steps
def _vector_text(label: str, v: np.ndarray, dimensions: Sequence[object], all_terms: bool) -> str:
    shown, hidden = _terms(len(v), all_terms)
    parts = []
    for i in shown:
        unit = getattr(dimensions[i], "unit", "") if i < len(dimensions) else ""
        parts.append(f"{format_component(v[i])} {unit}".strip())
    if hidden:
        parts.insert(HEAD_TERMS, "…")
    return f"{label} = ({', '.join(parts)})"


def _norm_step(key: str, label: str, v: np.ndarray, all_terms: bool) -> tuple[Step, float]:
    length = similarity.norm(v)
    with np.errstate(over="ignore", under="ignore"):
        total = float(np.sum(v * v))
    chain: list[object] = [Num(f"|{label}|")]
    if len(v):
        chain.append(Root(_squares(v, all_terms)))
    if np.isfinite(total) and (total > 0 or length == 0):
        chain.append(Root(Num(format_sum(total))))
    chain.append(Num(format_length(length)))
    note = f"{len(v)} squares under the root" if len(v) > ELIDE_ABOVE else ""
    return Step(key, f"Length of {label}", tuple(chain), note), length


def _out_of_range(a: np.ndarray, b: np.ndarray) -> str:
    """Why the plain products of ``a`` and ``b`` cannot be written in float64, or ""."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        products = a * b
    if not np.isfinite(products).all():
        return "too large for float64"
    if ((products == 0) & (a != 0) & (b != 0)).any():
        return "too small for float64"
    return ""


def _dot_step(a_label: str, b_label: str, a: np.ndarray, b: np.ndarray, all_terms: bool) -> tuple[Step, float, str]:
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        dot = similarity.dot(a, b)
    trouble = _out_of_range(a, b)
    shown, hidden = _terms(len(a), all_terms)
    chain: list[object] = [Num(f"{a_label}·{b_label}")]
    if len(a):
        chain.append(
            Sum(
                tuple(Product((_operand(a[i]), _operand(b[i])), tight=True) for i in shown),
                hidden,
                HEAD_TERMS if hidden else 0,
            )
        )
    if not trouble and (1 < len(a) <= ELIDE_ABOVE or (all_terms and len(a) > 1)):
        chain.append(Sum(tuple(Num(_signed(format_sum(a[i] * b[i]), a[i] * b[i], j)) for j, i in enumerate(shown))))
    chain.append(Num(trouble or format_sum(dot)))
    note = f"{len(a)} products added" if len(a) > ELIDE_ABOVE else ""
    return Step("dot", f"Dot product of {a_label} and {b_label}", tuple(chain), note, "dot"), dot, trouble


def _signed(text: str, value: float, position: int) -> str:
    return f"({text})" if value < 0 and position > 0 else text


def working(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    a_label: str = "A",
    b_label: str = "B",
    dimensions: Sequence[object] = (),
    metric: str = "cosine",
    all_terms: bool = False,
) -> Working:
    """The step-by-step working of comparing ``a`` and ``b`` with ``metric``."""
    similarity.check_metric(metric)
    sa, sb = symbols(a_label, b_label)
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"the vectors have {a.size} and {b.size} values; they must have as many")
    steps = [
        Step(
            "vectors",
            "The vectors",
            (Num(_vector_text(sa, a, dimensions, all_terms)), Num(_vector_text(sb, b, dimensions, all_terms))),
            note=_legend(a_label, b_label, sa, sb),
            joiner=";",
        )
    ]
    norm_a_step, norm_a = _norm_step("norm_a", sa, a, all_terms)
    norm_b_step, norm_b = _norm_step("norm_b", sb, b, all_terms)
    dot_step, dot, trouble = _dot_step(sa, sb, a, b, all_terms)
    steps += [norm_a_step, norm_b_step, dot_step]

    cos = similarity.cosine(a, b) if norm_a and norm_b else float("nan")
    cos_symbol = f"cos({sa}, {sb})"
    zero = [label for label, n in ((sa, norm_a), (sb, norm_b)) if n == 0]
    if zero:
        why = " and ".join(zero) + (" are zero vectors" if len(zero) == 2 else " is a zero vector")
        undefined = (
            f"undefined: {why}, which has no direction"
            if len(zero) == 1
            else f"undefined: {why}, which have no direction"
        )
        steps.append(Step("cosine", "Cosine similarity", (Num(cos_symbol), Num(undefined)), metric="cosine"))
        steps.append(Step("angle", "Angle between them", (Num("θ"), Num(undefined)), metric="angle"))
        angle = float("nan")
    else:
        general = Fraction(Num(f"{sa}·{sb}"), Product((Num(f"|{sa}|"), Num(f"|{sb}|"))))
        numbers = Fraction(Num(format_sum(dot)), Product((Num(format_length(norm_a)), Num(format_length(norm_b)))))
        cosine_chain: tuple[object, ...] = (Num(cos_symbol), general, numbers, Num(format_cosine(cos)))
        if trouble:  # the plain sum over- or underflows; the cosine is computed on unit vectors
            cosine_chain = (Num(cos_symbol), general, Num(format_cosine(cos)))
        steps.append(
            Step(
                "cosine",
                "Cosine similarity",
                cosine_chain,
                "the dot product divided by both lengths, so only direction counts",
                "cosine",
            )
        )
        angle = similarity.angle(a, b)
        steps.append(
            Step(
                "angle",
                "Angle between them",
                (Num("θ"), Call("arccos", Num(format_cosine(cos))), Num(format_angle(angle))),
                metric="angle",
            )
        )
    distance = similarity.euclidean(a, b)
    with np.errstate(over="ignore", invalid="ignore"):
        diff = a - b
    shown, hidden = _terms(len(a), all_terms)
    if len(a) <= ELIDE_ABOVE:  # each difference written out: (3 − 15)²
        diffs = Sum(tuple(Square(Difference(_operand(a[i]), _operand(b[i]))) for i in shown))
    else:  # many terms: the differences as numbers, so that the line stays readable
        diffs = Sum(tuple(Square(_operand(diff[i])) for i in shown), hidden, HEAD_TERMS if hidden else 0)
    chain: list[object] = [Num(f"|{sa} − {sb}|")]
    if len(a):
        chain.append(Root(diffs))
    with np.errstate(over="ignore", under="ignore"):
        total = float(np.sum(diff * diff))
    if np.isfinite(total) and (total > 0 or distance == 0):
        chain.append(Root(Num(format_sum(total))))
    chain.append(Num(format_length(distance)))
    steps.append(Step("euclidean", "Euclidean distance", tuple(chain), metric="euclidean"))

    values: WorkingValues = {
        "norm_a": norm_a,
        "norm_b": norm_b,
        "dot": dot,
        "cosine": cos,
        "angle": angle,
        "euclidean": distance,
        "dot_text": trouble or format_sum(dot),
    }
    relation = relate(a, b)
    return Working(
        a_label,
        b_label,
        metric,
        len(a),
        tuple(steps),
        _headline(metric, sa, sb, values),
        _naming(sa, sb, trouble or format_sum(dot), cos, zero),
        relation,
        relation.describe(a_label, b_label, dimensions),
        values,
        sa,
        sb,
    )


def symbols(a_label: str, b_label: str) -> tuple[str, str]:
    """What the formulas call the two vectors: their labels, or a and b for long labels."""
    sa = a_label if len(a_label) <= SYMBOL_LENGTH else "a"
    sb = b_label if len(b_label) <= SYMBOL_LENGTH else "b"
    if sa == sb and a_label != b_label:
        sa, sb = "a", "b"
    return sa, sb


def _legend(a_label: str, b_label: str, sa: str, sb: str) -> str:
    parts = [f"{s} is “{label}”" for s, label in ((sa, a_label), (sb, b_label)) if s != label]
    return "; ".join(parts)


def _headline(metric: str, a: str, b: str, values: WorkingValues) -> str:
    name = similarity.METRIC_NAMES[metric]
    if metric == "cosine":
        text = format_cosine(values["cosine"])
        return f"{name}: cos({a}, {b}) = {text}"
    if metric == "dot":
        return f"{name}: {a}·{b} = {values['dot_text']}"
    if metric == "angle":
        return f"{name}: θ({a}, {b}) = {format_angle(values['angle'])}"
    return f"{name}: |{a} − {b}| = {format_length(values['euclidean'])}"


def _naming(a: str, b: str, dot: str, cos: float, zero: list[str]) -> str:
    """The lesson's "dot product" named exactly, with both numbers."""
    cos_text = "undefined (a zero vector has no direction)" if zero else format_cosine(cos)
    return (
        f'The lesson calls the normalised score a "dot product"; it is the cosine similarity, '
        f"cos({a}, {b}) = {cos_text}. The plain dot product is {a}·{b} = {dot}."
    )
