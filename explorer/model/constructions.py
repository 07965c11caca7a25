"""The lesson's pictures of vector arithmetic, as geometry in the plot's two coordinates (pure numpy).

- A sum ``A + E``: the arrows tip to tail (E drawn from A's tip), the result from
  the origin, and the parallelogram (E from the origin, A from E's tip, dashed).
- A difference ``B - E``: both arrows from the origin and the arrow from E's tip
  to B's tip, which is B - E; the result from the origin, parallel to it.
- A multiple ``2.5 A`` (or ``(A + C) / 2``): the original arrow and the scaled one
  drawn over it, with its factor (``× 2.5``); a scaled sum shows the sum too.

Every vector of the expression is mapped to the plot by the view's linear map
(two chosen dimensions, or the PCA directions), so the sum of the mapped arrows
is the mapped sum and the picture holds in a projection too; it then says so.
The plot's drawing code only draws what :func:`construct` returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from explorer.model.arithmetic import constant_value
from explorer.model.expressions import (
    DIVIDE,
    MINUS,
    Expression,
    Label,
    Negate,
    Node,
    Product,
    Sum,
    to_text,
)
from explorer.model.relations import format_factor


@dataclass(frozen=True)
class Arrow:
    """An arrow from ``start`` to ``end`` (plot coordinates); ``role`` says how it is drawn.

    Roles: ``term`` (a part of a sum, tip to tail), ``result`` (what the expression
    makes, from the origin), ``side`` (a parallelogram side, dashed), ``original``
    (the vector before scaling), ``scaled`` (after), ``difference`` (tip to tip),
    ``claimed`` (the other side of a claim).
    """

    start: tuple[float, float]
    end: tuple[float, float]
    role: str
    text: str = ""


@dataclass(frozen=True)
class Construction:
    """The arrows of a construction, and a sentence about it (``projected: ...``), or ""."""

    arrows: tuple[Arrow, ...] = ()
    note: str = ""
    #: The parallelogram's corners (origin, first, sum, second) when the construction is a sum of two.
    parallelogram: tuple[tuple[float, float], ...] = field(default_factory=tuple)

    def by_role(self, role: str) -> list[Arrow]:
        return [a for a in self.arrows if a.role == role]


def view_map(
    dimension_count: int, mode: str, x: int = 0, y: int = 1, components: npt.ArrayLike | None = None
) -> np.ndarray:
    """The plot's linear map (2 x D): two chosen dimensions, or the PCA ``components``."""
    if mode == "pca" and components is not None:
        return np.asarray(components, dtype=np.float64)
    mapping = np.zeros((2, dimension_count))
    if dimension_count:
        mapping[0, min(x, dimension_count - 1)] = 1.0
        if dimension_count > 1:
            mapping[1, min(y, dimension_count - 1)] = 1.0
    return mapping


def _point(mapping: np.ndarray, vector: np.ndarray) -> tuple[float, float]:
    with np.errstate(over="ignore", invalid="ignore"):  # beyond float64: inf, which the plot does not draw
        p = mapping @ np.asarray(vector, dtype=np.float64)
    return float(p[0]), float(p[1])


def _add(p: tuple[float, float], q: tuple[float, float]) -> tuple[float, float]:
    return p[0] + q[0], p[1] + q[1]


def construct(
    expression: Expression,
    value_of: Callable[[Node], np.ndarray],
    mapping: np.ndarray,
    projected: str = "",
) -> Construction:
    """The construction of ``expression``'s top operation; ``value_of(node)`` computes a part (a vector).

    ``projected`` names the projection when the view is one (``PCA``): the note says
    that lengths and angles are the projection's, not the vectors' own.
    """
    arrows = _arrows(expression.root, value_of, mapping, str(expression))
    note = f"projected ({projected}): the picture is the projection of the arithmetic" if projected else ""
    corners = _parallelogram(expression.root, value_of, mapping)
    return Construction(tuple(arrows), note if arrows else "", corners)


def _terms(node: Sum) -> list[tuple[str, Node]]:
    return [("+", node.first)] + [(o.op, o.node) for o in node.rest]


def _arrows(node: Node, value_of: Callable[[Node], np.ndarray], mapping: np.ndarray, name: str) -> list[Arrow]:
    origin = (0.0, 0.0)
    if isinstance(node, Sum):
        terms = _terms(node)
        if len(terms) == 2 and terms[1][0] == MINUS:
            return _difference(node, value_of, mapping, name)
        arrows, tip = [], origin
        for op, part in terms:
            step = _point(mapping, value_of(part))
            if op == MINUS:
                step = (-step[0], -step[1])
            text = to_text(part) if op != MINUS else f"-{_grouped(part)}"
            arrows.append(Arrow(tip, _add(tip, step), "term", text))
            tip = _add(tip, step)
        if len(terms) == 2:
            first, second = arrows[0].end, (arrows[1].end[0] - arrows[0].end[0], arrows[1].end[1] - arrows[0].end[1])
            arrows.append(Arrow(origin, second, "side", arrows[1].text))
            arrows.append(Arrow(second, _add(second, first), "side", arrows[0].text))
        arrows.append(Arrow(origin, tip, "result", name))
        return arrows
    scaled = _scaling(node)
    if scaled is None:
        return []
    k, part = scaled
    original = _point(mapping, value_of(part))
    result = (k * original[0], k * original[1])
    inner = _arrows(part, value_of, mapping, to_text(part)) if isinstance(part, Sum) else []
    inner = [a for a in inner if a.role != "result"]
    return [
        *inner,
        Arrow(origin, original, "original", to_text(part)),
        Arrow(origin, result, "scaled", f"{name}  (× {format_factor(k)})"),
    ]


def _difference(node: Sum, value_of: Callable[[Node], np.ndarray], mapping: np.ndarray, name: str) -> list[Arrow]:
    origin = (0.0, 0.0)
    a = _point(mapping, value_of(node.first))
    b = _point(mapping, value_of(node.rest[0].node))
    return [
        Arrow(origin, a, "term", to_text(node.first)),
        Arrow(origin, b, "term", to_text(node.rest[0].node)),
        Arrow(b, a, "difference", name),
        Arrow(origin, (a[0] - b[0], a[1] - b[1]), "result", name),
    ]


def _parallelogram(
    node: Node, value_of: Callable[[Node], np.ndarray], mapping: np.ndarray
) -> tuple[tuple[float, float], ...]:
    if not isinstance(node, Sum) or len(node.rest) != 1 or node.rest[0].op == MINUS:
        return ()
    a = _point(mapping, value_of(node.first))
    b = _point(mapping, value_of(node.rest[0].node))
    return ((0.0, 0.0), a, _add(a, b), b)


def _grouped(node: Node) -> str:
    text = to_text(node)
    return f"({text})" if isinstance(node, Sum | Product) else text


def _scaling(node: Node) -> tuple[float, Node] | None:
    """``(k, part)`` when ``node`` is a number times one vector part: ``2.5 A``, ``(A + C) / 2``, ``-E``."""
    if isinstance(node, Negate):
        inner = _scaling(node.operand)
        if inner is not None:
            return -inner[0], inner[1]
        return (-1.0, node.operand) if constant_value(node.operand) is None else None
    if not isinstance(node, Product):
        return None
    k, part = 1.0, None
    for op, factor in [("*", node.first)] + [(o.op, o.node) for o in node.rest]:
        number = constant_value(factor)
        if number is None:
            if part is not None or op == DIVIDE:
                return None
            part = factor
        elif op == DIVIDE:
            if number == 0:
                return None
            k /= number
        else:
            k *= number
    if part is None or not np.isfinite(k):
        return None
    if isinstance(part, Label | Sum | Product | Negate):
        return k, part
    return None  # pragma: no cover - every non-constant part is one of these
