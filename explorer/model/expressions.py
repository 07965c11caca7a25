"""Expressions over labelled vectors: ``(A + C) / 2``, ``2.5 A``, ``"new york" - usa + france``.

The grammar, loosest first::

    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary | unary)*      # "2.5 A": a factor written after another
    unary    := ("-" | "+") unary | primary
    primary  := NUMBER | LABEL | "(" sum ")"

``−`` and ``–`` are minus, ``×``, ``·`` and ``⋅`` times, ``÷`` divided by; ``x``
right after a number is times (``2.5 x A``) unless a vector is labelled ``x``.
A known label is read whole, the longest first (``new york`` is one label when the
table has it); a label with spaces next to an operator, brackets or quotes is
written in quotes (``"a + b"``); a quote inside quotes is written twice.

:func:`parse_expression` turns text into a tree of :class:`Node` s that prints
back to text that parses to the same tree; every malformed expression raises an
:class:`ExpressionError` whose message says where (the column) and what was
expected. Evaluation lives in :mod:`explorer.model.arithmetic`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from explorer.model.expression_tokens import (
    DIVIDE,
    MINUS,
    PLUS,
    RELATIONS,
    TIMES,
    ExpressionError,
    Token,
    format_label,
    format_number,
    located,
    named_labels,
    rename_labels,
    shown,
    tokenize,
)

__all__ = [
    "DIVIDE",
    "MINUS",
    "PLUS",
    "RELATIONS",
    "TIMES",
    "Expression",
    "ExpressionError",
    "Label",
    "Negate",
    "Node",
    "Number",
    "Operand",
    "Product",
    "Sum",
    "Token",
    "format_label",
    "format_number",
    "labels_in",
    "located",
    "named_labels",
    "parse_expression",
    "parse_tokens",
    "rename_labels",
    "shown",
    "to_text",
    "tokenize",
]

#: Brackets and signs nested deeper than this are refused.
MAX_DEPTH = 100


# ---------------------------------------------------------------------- tree
@dataclass(frozen=True)
class Number:
    """A number as written (never negative: ``-2`` is a Negate of 2)."""

    value: float
    start: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Label:
    """A vector named by its label."""

    name: str
    start: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Negate:
    """``-x``."""

    operand: Node
    start: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Operand:
    """One operand after the first of a sum or a product, with its operator (+ - * /)."""

    op: str
    node: Node
    at: int = field(default=0, compare=False)  # index of the operator (or of the operand, if implied)


@dataclass(frozen=True)
class Sum:
    """``first ± rest[0] ± rest[1] ...``, left to right."""

    first: Node
    rest: tuple[Operand, ...]
    start: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Product:
    """``first */ rest[0] */ rest[1] ...``, left to right."""

    first: Node
    rest: tuple[Operand, ...]
    start: int = field(default=0, compare=False)


Node = Number | Label | Negate | Sum | Product


def to_text(node: Node) -> str:
    """The expression written out, with brackets only where they are needed."""
    if isinstance(node, Number):
        return format_number(node.value)
    if isinstance(node, Label):
        return format_label(node.name)
    if isinstance(node, Negate):
        inner = node.operand
        body = to_text(inner)
        return f"-{body}" if isinstance(inner, Number | Label) else f"-({body})"
    if isinstance(node, Sum):
        parts = [_in_sum(node.first)]
        for operand in node.rest:
            parts += [operand.op, _in_sum(operand.node)]
        return " ".join(parts)
    text = _in_product(node.first)
    previous = node.first
    for operand in node.rest:
        factor = _in_product(operand.node)
        implied = (
            operand.op == TIMES
            and (
                isinstance(previous, Number) or (isinstance(previous, Negate) and isinstance(previous.operand, Number))
            )
            and (isinstance(operand.node, Label | Sum | Product) and operand.node != Label("x"))
        )
        text += f" {factor}" if implied else f" {operand.op} {factor}"
        previous = operand.node
    return text


def _is_number_literal(node: Node) -> bool:
    """``2`` or ``-2``: what a factor may follow without a ``*`` (``-2 A``)."""
    return isinstance(node, Number) or (isinstance(node, Negate) and isinstance(node.operand, Number))


def _in_sum(node: Node) -> str:
    return f"({to_text(node)})" if isinstance(node, Sum) else to_text(node)


def _in_product(node: Node) -> str:
    return f"({to_text(node)})" if isinstance(node, Sum | Product) else to_text(node)


def labels_in(node: Node) -> list[str]:
    """The labels an expression names, in order of writing (with repeats)."""
    if isinstance(node, Label):
        return [node.name]
    if isinstance(node, Negate):
        return labels_in(node.operand)
    if isinstance(node, Sum | Product):
        out = labels_in(node.first)
        for operand in node.rest:
            out += labels_in(operand.node)
        return out
    return []


@dataclass(frozen=True)
class Expression:
    """A parsed expression: the text as typed and its tree; ``str()`` is the tidy form."""

    text: str
    root: Node

    def __str__(self) -> str:
        return to_text(self.root)

    @property
    def labels(self) -> list[str]:
        """The labels it names, each once, in order of writing."""
        return list(dict.fromkeys(labels_in(self.root)))


# -------------------------------------------------------------------- parser
class _Parser:
    """Recursive descent over the tokens ``tokens[lo:hi]`` of ``text``."""

    def __init__(self, text: str, tokens: list[Token], lo: int, hi: int, what: str, stop: Token | None):
        self.text, self.tokens, self.i, self.hi = text, tokens, lo, hi
        self.what = what  # "expression", "left side", ...
        self.stop = stop  # the token after the part parsed (the '=' of a claim), or None at the end
        self.depth = 0

    def fail(self, column: int, message: str) -> ExpressionError:
        return ExpressionError(located(self.text, column, message), column)

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < self.hi else None

    def ending(self) -> tuple[int, str]:
        """(column, description) of what follows the part parsed."""
        if self.stop is not None:
            return self.stop.column, self.stop.describe()
        return len(self.text) + 1, f"the end of the {self.what}"

    def parse(self) -> Node:
        if self.i >= self.hi:
            raise self.fail(self.ending()[0], f"the {self.what} is empty; expected a vector, a number or '('")
        node = self.sum()
        token = self.peek()
        if token is not None:
            if token.kind == "close":
                raise self.fail(token.column, "')' has no '(' before it to close")
            if token.kind == "rel":
                raise self.fail(token.column, f"an expression has no '{token.raw}'; a claim such as 'D = 2.5 A' has")
            raise self.fail(token.column, f"expected an operator before {token.describe()}")  # pragma: no cover
        return node

    def deeper(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(token.column, f"brackets and signs are nested more than {MAX_DEPTH} deep")

    def sum(self) -> Node:
        start = self.tokens[self.i].start
        first = self.product()
        rest = []
        while (token := self.peek()) is not None and token.kind == "op" and token.value in (PLUS, MINUS):
            self.i += 1
            rest.append(Operand(str(token.value), self.product(after=token), token.start))
        return Sum(first, tuple(rest), start) if rest else first

    def product(self, after: Token | None = None) -> Node:
        start_token = self.peek()
        first = self.unary(after)
        rest = []
        previous = self.tokens[self.i - 1]
        while (token := self.peek()) is not None:
            if token.kind == "op" and token.value in (TIMES, DIVIDE):
                self.i += 1
                rest.append(Operand(str(token.value), self.unary(after=token), token.start))
            elif token.kind in ("number", "label", "open"):
                if token.kind == "number" and previous.kind == "number":
                    raise self.fail(
                        token.column,
                        f"expected an operator between {previous.describe()} and {token.describe()}",
                    )
                rest.append(Operand(TIMES, self.unary(after=None), token.start))
            else:
                break
            previous = self.tokens[self.i - 1]
        return Product(first, tuple(rest), start_token.start if start_token else 0) if rest else first

    def unary(self, after: Token | None) -> Node:
        token = self.peek()
        if token is not None and token.kind == "op" and token.value in (PLUS, MINUS):
            self.i += 1
            self.deeper(token)
            operand = self.unary(after=token)
            self.depth -= 1
            return Negate(operand, token.start) if token.value == MINUS else operand
        return self.primary(after)

    def primary(self, after: Token | None) -> Node:
        token = self.peek()
        if token is None or token.kind not in ("number", "label", "open"):
            if token is None:
                column, found = self.ending()
            else:
                column, found = token.column, token.describe()
            where = f" after {after.describe()}" if after is not None else ""
            raise self.fail(column, f"expected a vector, a number or '('{where}, found {found}")
        self.i += 1
        if token.kind == "number":
            return Number(float(token.value), token.start)  # type: ignore[arg-type]  # a number token holds a float
        if token.kind == "label":
            return Label(str(token.value), token.start)
        self.deeper(token)
        following = self.peek()
        if following is None:
            raise self.fail(self.ending()[0], f"the '(' at column {token.column} is never closed")
        if following.kind == "close":
            raise self.fail(following.column, "expected a vector, a number or '(' inside the brackets, found ')'")
        inner = self.sum()
        close = self.peek()
        if close is None or close.kind != "close":
            column, found = (close.column, close.describe()) if close is not None else self.ending()
            raise self.fail(column, f"expected ')' to close the '(' at column {token.column}, found {found}")
        self.i += 1
        self.depth -= 1
        return inner


def parse_tokens(text: str, tokens: list[Token], lo: int, hi: int, what: str = "expression") -> Node:
    """Parse ``tokens[lo:hi]`` of ``text`` (one side of a claim, say) into a tree."""
    stop = tokens[hi] if hi < len(tokens) else None
    return _Parser(text, tokens, lo, hi, what, stop).parse()


def parse_expression(text: str, labels: Collection[str] = ()) -> Expression:
    """Read an expression such as ``(A + C) / 2``; raise ExpressionError with one sentence when it cannot.

    ``labels`` are the known labels (a set or dict is quickest): they are read
    whole, so ``new york`` needs no quotes when the table has it.
    """
    text = text or ""
    if not text.strip():
        raise ExpressionError("The expression is empty; write one like '(A + C) / 2'")
    tokens = tokenize(text, labels)
    return Expression(text, parse_tokens(text, tokens, 0, len(tokens)))
