"""Vector arithmetic on parsed expressions, with the rules of the lesson.

A vector plus or minus a vector is a vector; a number times a vector, or a
vector divided by a number, is a vector scaled; numbers combine as numbers.
Everything else is refused in one sentence that says where: a vector times a
vector (that is a dot product, not a vector), a number added to a vector, a
division by a vector or by zero, and a result too large to store. Values are
float64, computed in the order written, so ``A + A + A/2`` is exactly ``2.5 A``
for the lesson's numbers.

The same evaluator computes, instead of numbers, an expression's weights on the
vectors it names (:func:`combination`): every valid vector expression is
``w1 v1 + w2 v2 + ...``, which is what a neighbour search by gensim's rules needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar, Union

import numpy as np

from explorer.model.expressions import (
    DIVIDE,
    MINUS,
    PLUS,
    Expression,
    ExpressionError,
    Label,
    Negate,
    Node,
    Number,
    Operand,
    Product,
    Sum,
    format_number,
    located,
    shown,
    to_text,
)

#: What the largest float64 is, for messages.
LARGEST = "about 1.8e308"


class Combination(dict[str, float]):
    """``{label: weight}``: a vector expression as a weighted sum of the vectors it names."""

    def __add__(self, other: Combination) -> Combination:
        out = Combination(self)
        for label, weight in other.items():
            out[label] = out.get(label, 0.0) + weight
        return out

    def __sub__(self, other: Combination) -> Combination:
        return self + other * -1.0

    def __neg__(self) -> Combination:
        return self * -1.0

    def __mul__(self, k: float) -> Combination:
        return Combination({label: weight * k for label, weight in self.items()})

    __rmul__ = __mul__

    def __truediv__(self, k: float) -> Combination:
        return Combination({label: weight / k for label, weight in self.items()})

    def finite(self) -> bool:
        return all(np.isfinite(w) for w in self.values())


Value = Union[float, np.ndarray, Combination]  # noqa: UP007 - a runtime alias


def _finite(value: Value) -> bool:
    if isinstance(value, float):
        return bool(np.isfinite(value))
    if isinstance(value, Combination):
        return value.finite()
    return bool(np.isfinite(value).all())


#: What an expression's labels stand for: vectors (to evaluate) or weights (to combine).
_Vector = TypeVar("_Vector", np.ndarray, Combination)


class _Evaluator(Generic[_Vector]):
    def __init__(self, expression: Expression, vector_of: Callable[[Label], _Vector]):
        self.text = expression.text
        self.vector_of: Callable[[Label], _Vector] = vector_of

    def fail(self, at: int, message: str) -> ExpressionError:
        return ExpressionError(located(self.text, at + 1, message), at + 1)

    def value(self, node: Node) -> float | _Vector:
        if isinstance(node, Number):
            return float(node.value)
        if isinstance(node, Label):
            return self.vector_of(node)
        if isinstance(node, Negate):
            negated: float | _Vector = -self.value(node.operand)
            return negated
        if isinstance(node, Sum):
            return self._sum(node)
        return self._product(node)

    def _sum(self, node: Sum) -> float | _Vector:
        total = self.value(node.first)
        for i, operand in enumerate(node.rest):
            term = self.value(operand.node)
            if isinstance(total, float) and isinstance(term, float):
                total = total + term if operand.op == PLUS else total - term
            elif not isinstance(total, float) and not isinstance(term, float):
                with np.errstate(over="ignore", invalid="ignore"):
                    total = total + term if operand.op == PLUS else total - term
            else:
                verb = "add" if operand.op == PLUS else "subtract"
                raise self.fail(
                    operand.at,
                    f"cannot {verb} a number and a vector ({self._pair(Sum(node.first, node.rest[:i]), operand)}); "
                    "vectors add to vectors, and numbers scale them, as in 2.5 A",
                )
            self._check(total, Sum(node.first, node.rest[:i]), operand)
        return total

    def _product(self, node: Product) -> float | _Vector:
        result = self.value(node.first)
        for i, operand in enumerate(node.rest):
            factor = self.value(operand.node)
            before = Product(node.first, node.rest[:i])
            if operand.op == DIVIDE:
                if not isinstance(factor, float):
                    raise self.fail(
                        operand.at,
                        f"cannot divide by a vector ({self._pair(before, operand)}); only a number divides",
                    )
                if factor == 0:
                    raise self.fail(operand.at, f"{self._pair(before, operand)} divides by zero")
                with np.errstate(over="ignore", invalid="ignore"):
                    result = result / factor
            elif isinstance(result, float):
                with np.errstate(over="ignore", invalid="ignore"):
                    result = factor * result
            elif isinstance(factor, float):
                with np.errstate(over="ignore", invalid="ignore"):
                    result = result * factor
            else:
                raise self.fail(
                    operand.at,
                    f"cannot multiply two vectors ({self._pair(before, operand, '×')}); "
                    "a vector is multiplied by a number, as in 2.5 A",
                )
            self._check(result, before, operand)
        return result

    def _check(self, value: Value, before: Node, operand: Operand) -> None:
        if not _finite(value):
            raise self.fail(
                operand.at,
                f"{self._pair(before, operand)} is too large to store (the largest number is {LARGEST})",
            )

    @staticmethod
    def _pair(before: Node, operand: Operand, sign: str | None = None) -> str:
        """``A × B``: the two values an operator failed on, written as in the expression."""
        in_product = isinstance(before, Product)
        node = before.first if isinstance(before, Sum | Product) and not before.rest else before
        left, right = to_text(node), to_text(operand.node)
        if isinstance(node, Sum) and (in_product or node is not before):
            left = f"({left})"
        if isinstance(operand.node, Sum) or (in_product and isinstance(operand.node, Product)):
            right = f"({right})"
        text = f"{left} {sign or ('−' if operand.op == MINUS else operand.op)} {right}"
        return shown(text, 50)[1:-1]


def evaluate(
    expression: Expression, vector_of: Callable[[str], np.ndarray | None], missing: Callable[[str], str]
) -> float | np.ndarray:
    """The value of ``expression``: a float, or a float64 vector.

    ``vector_of(label)`` gives the vector of a label or None; ``missing(label)``
    says, in words, that there is none (``there is no vector labelled 'F'; ...``).
    Raises ExpressionError with one sentence naming the column.
    """

    def lookup(node: Label) -> np.ndarray:
        vector = vector_of(node.name)
        if vector is None:
            raise ExpressionError(located(expression.text, node.start + 1, missing(node.name)), node.start + 1)
        return np.array(vector, dtype=np.float64)

    return _Evaluator(expression, lookup).value(expression.root)


def evaluate_vector(
    expression: Expression,
    vector_of: Callable[[str], np.ndarray | None],
    missing: Callable[[str], str],
    what: str = "",
) -> np.ndarray:
    """Like :func:`evaluate`, refusing an expression whose value is a number, not a vector.

    ``what`` names the part in the message (``the left side``); by default the expression itself.
    """
    value = evaluate(expression, vector_of, missing)
    if isinstance(value, float):
        raise _not_a_vector(expression, value, what, "2.5 A")
    return value


def _not_a_vector(expression: Expression, value: float, what: str, example: str) -> ExpressionError:
    sentence = f"is a number ({format_number_short(value)}), not a vector; name at least one vector, as in {example}"
    if what:
        column = expression.root.start + 1
        return ExpressionError(located(expression.text, column, f"{what} {sentence}"), column)
    return ExpressionError(f"{shown(expression.text)} {sentence}")


def combination(expression: Expression, known: Callable[[str], bool], missing: Callable[[str], str]) -> Combination:
    """The weights of the vectors ``expression`` names: ``king - man + woman`` is {king: 1, man: -1, woman: 1}.

    The same rules as :func:`evaluate` apply (no vector times a vector, ...);
    a label unknown to ``known`` is refused with ``missing(label)``.
    """

    def lookup(node: Label) -> Combination:
        if not known(node.name):
            raise ExpressionError(located(expression.text, node.start + 1, missing(node.name)), node.start + 1)
        return Combination({node.name: 1.0})

    value = _Evaluator(expression, lookup).value(expression.root)
    if isinstance(value, float):
        raise _not_a_vector(expression, value, "", "king - man + woman")
    return value


def format_number_short(value: float) -> str:
    """A computed number for a message: 5, 2.5, 0.333333333333."""
    return format_number(value) if value == round(value, 12) else f"{value:.12g}"


def multiple_of_one(node: Node) -> tuple[float, str] | None:
    """``(k, label)`` when ``node`` is a number times one vector (``2.5 A``, ``A / 0.4``, ``-E``), else None.

    The factor is computed in the order written, as the evaluator would.
    """
    if isinstance(node, Label):
        return 1.0, node.name
    if isinstance(node, Negate):
        inner = multiple_of_one(node.operand)
        return (-inner[0], inner[1]) if inner else None
    if not isinstance(node, Product):
        return None
    factor, label = 1.0, None
    for op, part in [("*", node.first)] + [(o.op, o.node) for o in node.rest]:
        number = constant_value(part)
        if number is None:
            inner = multiple_of_one(part)
            if inner is None or label is not None or op == DIVIDE:
                return None
            factor, label = factor * inner[0], inner[1]
        elif op == DIVIDE:
            if number == 0:
                return None
            factor /= number
        else:
            factor *= number
    if label is None or not np.isfinite(factor):
        return None
    return factor, label


def constant_value(node: Node) -> float | None:
    """The value of a part that names no vector (``5/2``), else None."""
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Label):
        return None
    if isinstance(node, Negate):
        inner = constant_value(node.operand)
        return -inner if inner is not None else None
    try:
        value = _Evaluator(Expression(to_text(node), node), lambda label: np.zeros(1)).value(node)
    except ExpressionError:
        return None
    return value if isinstance(value, float) else None
