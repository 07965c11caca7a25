"""Properties of vector arithmetic and of printing expressions, for any vectors and any expression."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.arithmetic import evaluate
from explorer.model.expressions import (
    Label,
    Negate,
    Number,
    Operand,
    Product,
    Sum,
    labels_in,
    parse_expression,
    to_text,
)

EPS = np.finfo(np.float64).eps

finite = st.floats(min_value=-1e100, max_value=1e100, allow_nan=False, allow_infinity=False)
dimensions = st.integers(min_value=1, max_value=6)


@st.composite
def two_vectors(draw):
    n = draw(dimensions)
    return (
        np.array(draw(st.lists(finite, min_size=n, max_size=n))),
        np.array(draw(st.lists(finite, min_size=n, max_size=n))),
    )


def compute(text: str, **vectors):
    expression = parse_expression(text, vectors)
    return evaluate(expression, vectors.get, lambda name: f"no {name}")


@given(two_vectors())
def test_addition_commutes(xy):
    x, y = xy
    assert np.array_equal(compute("x + y", x=x, y=y), compute("y + x", x=x, y=y))


@given(two_vectors())
def test_adding_then_subtracting_gives_back_the_vector_to_rounding(xy):
    x, y = xy
    back = compute("(x + y) − y", x=x, y=y)
    # one rounding in the sum, one in the difference: each at most half an ulp of the larger operand
    bound = 2 * EPS * np.maximum(np.abs(x), np.abs(y))
    assert np.all(np.abs(back - x) <= bound)


@given(two_vectors(), st.floats(min_value=-1e100, max_value=1e100, allow_nan=False))
def test_a_number_distributes_over_a_sum_to_rounding(xy, k):
    x, y = xy
    number = repr(k)  # -2.5 reads as minus 2.5: the same number
    left = compute(f"{number} (x + y)", x=x, y=y)
    right = compute(f"{number} x + {number} y", x=x, y=y)
    # three roundings on each side, relative to the terms; subnormal results round absolutely
    # (the size of the terms first: EPS * |k| alone underflows to 0 for a subnormal k)
    bound = 4 * EPS * (abs(k) * (np.abs(x) + np.abs(y))) + 4 * np.nextafter(0, 1)
    assert np.all(np.abs(left - right) <= bound)


# ------------------------------------------------------------ printing back
label_names = st.one_of(
    st.sampled_from(["A", "B", "king", "x", "new york", "e-mail", "c++", "a + b", "2 A", "(A)", 'say "hi"', "É"]),
    st.text(min_size=1, max_size=8),
)
numbers = st.floats(min_value=0, max_value=1e300, allow_nan=False, allow_infinity=False).map(abs)
leaves = st.one_of(numbers.map(Number), label_names.map(Label))


def _operands(children, ops):
    return st.lists(st.tuples(st.sampled_from(ops), children), min_size=1, max_size=3).map(
        lambda pairs: tuple(Operand(op, node) for op, node in pairs)
    )


trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        children.map(Negate),
        st.builds(Sum, children, _operands(children, ["+", "-"])),
        st.builds(Product, children, _operands(children, ["*", "/"])),
    ),
    max_leaves=12,
)


@settings(max_examples=400)
@given(trees)
def test_printing_and_reading_back_gives_the_same_tree(tree):
    text = to_text(tree)
    known = set(labels_in(tree))
    assert parse_expression(text, known).root == tree  # with the labels known, as over a table
    assert parse_expression(text).root == tree  # and with none known, as over an unknown vocabulary
    assert to_text(parse_expression(text, known).root) == text
