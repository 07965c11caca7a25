"""An expression's result written out component by component, with the real numbers.

``A + E = [3 + 7.5, 30 + 2] = [10.5, 32]``: each component of the result is
the expression with every vector replaced by its value in that dimension. A
claim is then compared as the working panel compares two vectors: the two
sides, the cosine between them and their relation (``C ≈ A + 0 B``, a
multiple, or neither, with the dimension that differs).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from explorer.model.arithmetic import evaluate_vector
from explorer.model.claims import ClaimError, parse_claim, vector_text
from explorer.model.expressions import (
    Expression,
    ExpressionError,
    Label,
    Negate,
    Node,
    Number,
    Product,
    Sum,
    format_number,
    parse_expression,
)
from explorer.model.relations import format_cosine, format_quantity, relate

#: Vectors with more dimensions than this show their first two and last components.
SHOWN = 4


def _value_text(value: float) -> str:
    text = format_quantity(float(value))
    return f"({text})" if value < 0 else text


def component_text(node: Node, vector_of: Callable[[str], np.ndarray], i: int) -> str:
    """``node`` with every vector replaced by its ``i``-th value: ``(3 + 3) / 2``."""
    if isinstance(node, Number):
        return format_number(node.value)
    if isinstance(node, Label):
        return _value_text(vector_of(node.name)[i])
    if isinstance(node, Negate):
        inner = component_text(node.operand, vector_of, i)
        return f"-{inner}" if isinstance(node.operand, Number | Label) else f"-({inner})"
    if isinstance(node, Sum):
        parts = [_grouped(node.first, vector_of, i, Sum)]
        for operand in node.rest:
            parts += [operand.op, _grouped(operand.node, vector_of, i, Sum)]
        return " ".join(parts)
    parts = [_grouped(node.first, vector_of, i, Product)]
    for operand in node.rest:
        parts += ["×" if operand.op == "*" else "/", _grouped(operand.node, vector_of, i, Product)]
    return " ".join(parts)


def _grouped(node: Node, vector_of: Callable[[str], np.ndarray], i: int, within: type[Node] | None) -> str:
    text = component_text(node, vector_of, i)
    needs = isinstance(node, Sum) or (within is Product and isinstance(node, Product))
    return f"({text})" if needs else text


def written_out(
    expression: Expression,
    vector_of: Callable[[str], np.ndarray | None],
    missing: Callable[[str], str],
    name: str | None = None,
) -> str:
    """``A + E = [3 + 7.5, 30 + 2] = [10.5, 32]`` (first two and last components above four dimensions).

    Raises ExpressionError as the evaluator does.
    """
    result = evaluate_vector(expression, vector_of, missing)
    n = len(result)
    shown = list(range(n)) if n <= SHOWN else [0, 1, n - 1]

    def bracket(items: list[str]) -> str:
        return "[" + ", ".join(items if n <= SHOWN else [*items[:2], "…", items[2]]) + "]"

    def found(label: str) -> np.ndarray:
        vector = vector_of(label)
        if vector is None:  # not reached: evaluate_vector has refused an unknown label
            raise ExpressionError(missing(label))
        return vector

    steps = [component_text(expression.root, found, i) for i in shown]
    values = [format_quantity(float(result[i])) for i in shown]
    name = (name or expression.text).strip()
    if steps == values:  # a vector on its own (or negated): nothing to work out
        return f"{name} = {bracket(values)}"
    return f"{name} = {bracket(steps)} = {bracket(values)}"


def _named(text: str) -> str:
    """A side as a name in a sentence: ``(A + E)`` in brackets, ``C`` as it is."""
    text = text.strip()
    return f"({text})" if any(c.isspace() or c in "+-−*/×÷" for c in text) else text


def _lookup(
    labels: Sequence[str], values: np.ndarray
) -> tuple[dict[str, int], Callable[[str], np.ndarray | None], Callable[[str], str]]:
    rows = {label: row for row, label in enumerate(labels)}

    def vector_of(name: str) -> np.ndarray | None:
        row = rows.get(name)
        return None if row is None else values[row]

    return rows, vector_of, lambda name: f"there is no vector labelled '{name}'"


def expression_lines(text: str, labels: Sequence[str], values: np.ndarray) -> list[str]:
    """The working of one expression over a table: one line, as :func:`written_out`."""
    rows, vector_of, missing = _lookup(labels, values)
    return [written_out(parse_expression(text, rows), vector_of, missing)]


def claim_lines(text: str, labels: Sequence[str], values: np.ndarray, dimensions: Sequence[object] = ()) -> list[str]:
    """The working of a claim: each side written out, then the cosine and the relation between them.

    ``A + E = [3 + 7.5, 30 + 2] = [10.5, 32]``, ``C = [3, 27]``,
    ``cos(A + E, C) = 0.979``, ``C is not a multiple of A + E: ...``. Raises
    ClaimError (an ExpressionError) when the claim cannot be read or computed.
    """
    rows, vector_of, missing = _lookup(labels, values)
    claim = parse_claim(text, rows)
    lines, vectors = [], []
    for side in (claim.left, claim.right):
        whole = Expression(claim.text, side.root)  # messages point into the claim
        try:
            lines.append(written_out(whole, vector_of, missing, side.text))
            vectors.append(evaluate_vector(whole, vector_of, missing))
        except ExpressionError as error:
            raise ClaimError(str(error), error.column) from None
    left, right = claim.left.text, claim.right.text
    x, t = vectors
    relation = relate(t, x)  # the left side in terms of the right one, as claims are judged
    lines.append(f"cos({left}, {right}) = {format_cosine(relation.cosine)}")
    lines.append(relation.describe(_named(right), _named(left), dimensions))
    if len(x) <= SHOWN:
        lines.append(f"{left} = {vector_text(x, dimensions)}, {right} = {vector_text(t, dimensions)}")
    return lines
