"""The shapes a written working is made of: numbers, squares, roots, sums, fractions, steps.

:func:`explorer.model.working.working` builds a :class:`Working` from them and
:mod:`explorer.model.working_render` writes one out as plain text, Markdown or HTML.
A :class:`Sum` may hide its middle terms behind an ellipsis (``hidden``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from explorer.model.relations import Relation


@dataclass(frozen=True)
class Num:
    """A number or symbol already written out: ``30.15``, ``|A|``, ``A·B``."""

    text: str


@dataclass(frozen=True)
class Square:
    """``base²``."""

    base: object


@dataclass(frozen=True)
class Root:
    """``√(inner)``."""

    inner: object


@dataclass(frozen=True)
class Product:
    """``3×15`` (tight) or ``30.15 × 15.52``."""

    factors: tuple[object, ...]
    tight: bool = False


@dataclass(frozen=True)
class Difference:
    """``3 − 15``."""

    left: object
    right: object


@dataclass(frozen=True)
class Sum:
    """``t₁ + t₂ + … + tₙ``; ``hidden`` terms were left out at the ellipsis (after ``head``)."""

    terms: tuple[object, ...]
    hidden: int = 0
    head: int = 0


@dataclass(frozen=True)
class Fraction:
    """``numerator / denominator``, drawn as a fraction where the renderer can."""

    numerator: object
    denominator: object


@dataclass(frozen=True)
class Call:
    """``arccos(0.353)``."""

    name: str
    argument: object


@dataclass(frozen=True)
class Step:
    """One line of the working: a title, and expressions joined by ``=``."""

    key: str  # vectors, norm_a, norm_b, dot, cosine, angle, euclidean
    title: str
    chain: tuple[object, ...]
    note: str = ""
    metric: str = ""  # the metric whose value this step ends in, if any
    joiner: str = "="  # between the expressions of the chain


class WorkingValues(TypedDict):
    """The numbers a working arrives at (``dot_text`` says why the dot product cannot be written, when it cannot)."""

    norm_a: float
    norm_b: float
    dot: float
    cosine: float
    angle: float
    euclidean: float
    dot_text: str


@dataclass(frozen=True)
class Working:
    """Every step of comparing two vectors, and the relation between them."""

    a_label: str
    b_label: str
    metric: str
    dimension_count: int
    steps: tuple[Step, ...]
    headline: str
    naming: str
    relation: Relation
    relation_text: str
    values: WorkingValues
    a_symbol: str = ""  # the label, or "a" standing for a long one in the formulas
    b_symbol: str = ""

    @property
    def elided(self) -> bool:
        """True when some sums show only their first and last terms."""
        return any(_has_hidden(e) for s in self.steps for e in s.chain)

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)


def _has_hidden(expr: object) -> bool:
    if isinstance(expr, Sum):
        return expr.hidden > 0 or any(_has_hidden(t) for t in expr.terms)
    for name in ("inner", "base", "numerator", "denominator", "argument", "left", "right"):
        if hasattr(expr, name) and _has_hidden(getattr(expr, name)):
            return True
    if isinstance(expr, Product):
        return any(_has_hidden(f) for f in expr.factors)
    return False
