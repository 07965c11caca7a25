"""Expressions over labelled vectors: reading, printing back, and computing them."""

import numpy as np
import pytest

from explorer.model.arithmetic import combination, evaluate, evaluate_vector, multiple_of_one
from explorer.model.builtin import materials
from explorer.model.expressions import (
    MAX_DEPTH,
    ExpressionError,
    Label,
    Negate,
    Number,
    Operand,
    Product,
    Sum,
    named_labels,
    parse_expression,
    rename_labels,
)

LABELS = {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}


@pytest.fixture
def table():
    return materials()


def value(table, text):
    rows = {label: row for row, label in enumerate(table.labels)}
    expression = parse_expression(text, rows)
    return evaluate(
        expression,
        lambda name: table.values[rows[name]] if name in rows else None,
        lambda name: f"there is no vector labelled '{name}'",
    )


# ------------------------------------------------------------------- reading
@pytest.mark.parametrize(
    "text, tidy",
    [
        ("(A + C) / 2", "(A + C) / 2"),
        ("(A+C)/2", "(A + C) / 2"),
        ("2.5 A", "2.5 A"),
        ("2.5A", "2.5 A"),
        ("2.5*A", "2.5 A"),
        ("2.5 × A", "2.5 A"),
        ("2.5 x A", "2.5 A"),
        ("2.5 · A", "2.5 A"),
        ("A * 2.5", "A * 2.5"),
        ("A − B", "A - B"),
        ("A – B", "A - B"),
        ("A ÷ 2", "A / 2"),
        ("-A", "-A"),
        ("- -A", "-(-A)"),
        ("+A", "A"),
        ("-2 A", "-2 A"),
        ("A + -B", "A + -B"),
        ("2(A + B)", "2 (A + B)"),
        ("A + A + A/2", "A + A + A / 2"),
        ("(A + B) + C", "(A + B) + C"),
        ("A + (B + C)", "A + (B + C)"),
        ("((A))", "A"),
        ("0.5 B", "0.5 B"),
        ("1e-5 A", "1e-05 A"),
        ("1E3 A", "1000 A"),
    ],
)
def test_spellings_and_the_tidy_form(text, tidy):
    assert str(parse_expression(text, LABELS)) == tidy


def test_the_tree_of_a_sum_of_multiples():
    assert parse_expression("2.5 A - B / 2", LABELS).root == Sum(
        Product(Number(2.5), (Operand("*", Label("A")),)),
        (Operand("-", Product(Label("B"), (Operand("/", Number(2)),))),),
    )
    assert parse_expression("-2 A", LABELS).root == Product(Negate(Number(2)), (Operand("*", Label("A")),))


def test_labels_with_spaces_and_symbols():
    labels = {"new york", "usa", "france", "e-mail", "c++", "king", "man", "woman"}
    assert parse_expression('"new york" - usa + france', labels).labels == ["new york", "usa", "france"]
    assert parse_expression("new york - usa + france", labels).labels == ["new york", "usa", "france"]
    assert parse_expression("e-mail - c++", labels).labels == ["e-mail", "c++"]
    # a word that is not a label is split at its operators
    assert str(parse_expression("king-man+woman", labels)) == "king - man + woman"
    # quotes of every kind; a quote inside quotes written twice
    assert parse_expression("'new york'", set()).labels == ["new york"]
    assert parse_expression("“new york”", set()).labels == ["new york"]
    assert parse_expression('"say ""hi"""', set()).labels == ['say "hi"']
    assert str(parse_expression('"say ""hi"""', set())) == '"say ""hi"""'
    # a label with a spaced operator is never read whole without quotes
    assert parse_expression("a + b", {"a", "b", "a + b"}).labels == ["a", "b"]
    assert parse_expression('"a + b"', {"a", "b", "a + b"}).labels == ["a + b"]


def test_x_is_times_after_a_number_unless_a_vector_is_called_x():
    assert str(parse_expression("2 x A", LABELS)) == "2 A"
    assert parse_expression("2 x A", {"x", "A"}).labels == ["x", "A"]
    assert str(parse_expression("2 x", {"x"})) == "2 * x"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "The expression is empty; write one like '(A + C) / 2'"),
        ("A +", "'A +', column 4: expected a vector, a number or '(' after '+', found the end of the expression"),
        ("A + * B", "'A + * B', column 5: expected a vector, a number or '(' after '+', found '*'"),
        ("A ×", "'A ×', column 4: expected a vector, a number or '(' after '×', found the end of the expression"),
        ("(A + B", "'(A + B', column 7: expected ')' to close the '(' at column 1, found the end of the expression"),
        ("(A + B", "'(A + B', column 7: expected ')' to close the '(' at column 1, found the end of the expression"),
        ("(", "'(', column 2: the '(' at column 1 is never closed"),
        ("()", "'()', column 2: expected a vector, a number or '(' inside the brackets, found ')'"),
        ("A)", "'A)', column 2: ')' has no '(' before it to close"),
        ("2 3 A", "'2 3 A', column 3: expected an operator between 2 and 3"),
        ("1.2.3 A", "'1.2.3 A', column 4: expected an operator between 1.2 and .3"),
        ("A ^ 2", "'A ^ 2', column 3: '^' is not understood; write vectors, numbers, + - * / and brackets"),
        ("A = B", "'A = B', column 3: an expression has no '='; a claim such as 'D = 2.5 A' has"),
        ('"A', "'\"A', column 1: the quote \" is never closed"),
        ("1e400 A", "'1e400 A', column 1: the number 1e400 is too large to store (the largest is about 1.8e308)"),
        (
            "9" * 400 + " A",
            f"'{'9' * 29}…{'9' * 27} A', column 1: the number 9999999999…9999999999 is too large to store "
            "(the largest is about 1.8e308)",
        ),
        ("A" + " + A" * 3000, "The expression is 12,001 characters long, more than the 10,000 an expression may have"),
    ],
)
def test_malformed_expressions_say_where_and_what_was_expected(text, message):
    with pytest.raises(ExpressionError) as error:
        parse_expression(text, LABELS)
    assert str(error.value) == message


def test_deep_nesting_is_refused_in_a_sentence_not_a_recursion_error():
    with pytest.raises(ExpressionError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_expression("(" * 2000 + "A" + ")" * 2000, LABELS)
    with pytest.raises(ExpressionError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_expression("-" * 5000 + "A", LABELS)
    # a long flat sum is fine: it is one node with many terms, not a deep tree
    long = parse_expression(" + ".join(["A"] * 2000), LABELS)
    assert len(long.root.rest) == 1999


# ----------------------------------------------------------------- computing
def test_the_lessons_arithmetic(table):
    assert value(table, "(A + C) / 2").tolist() == [3.0, 28.5]
    assert value(table, "A + E").tolist() == [10.5, 32.0]
    assert value(table, "A + A + A/2").tolist() == value(table, "D").tolist() == [7.5, 75.0]
    assert value(table, "B - E").tolist() == value(table, "E").tolist()
    assert value(table, "2*B - B").tolist() == [15.0, 4.0]
    assert value(table, "-(A - C)").tolist() == [0.0, -3.0]
    assert value(table, "2 * 3 / 4") == 1.5


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "A B",
            "'A B', column 3: cannot multiply two vectors (A × B); a vector is multiplied by a number, as in 2.5 A",
        ),
        (
            "A * (B + C)",
            "'A * (B + C)', column 3: cannot multiply two vectors (A × (B + C)); a vector is multiplied by a number, "
            "as in 2.5 A",
        ),
        ("2 / A", "'2 / A', column 3: cannot divide by a vector (2 / A); only a number divides"),
        ("A / (1 - 1)", "'A / (1 - 1)', column 3: A / (1 - 1) divides by zero"),
        (
            "A + 1",
            "'A + 1', column 3: cannot add a number and a vector (A + 1); vectors add to vectors, and numbers "
            "scale them, as in 2.5 A",
        ),
        (
            "(A + C) - 2",
            "'(A + C) - 2', column 9: cannot subtract a number and a vector ((A + C) − 2); vectors add to vectors, "
            "and numbers scale them, as in 2.5 A",
        ),
        ("F + A", "'F + A', column 1: there is no vector labelled 'F'"),
        (
            "1e308 * 10",
            "'1e308 * 10', column 7: 1e308 * 10 is too large to store (the largest number is about 1.8e308)",
        ),
        ("1e307 A", "'1e307 A', column 7: 1e307 * A is too large to store (the largest number is about 1.8e308)"),
    ],
)
def test_vector_arithmetic_refuses_what_is_not_defined(table, text, message):
    with pytest.raises(ExpressionError) as error:
        value(table, text)
    assert str(error.value) == message


def test_a_number_is_not_a_vector(table):
    expression = parse_expression("2 + 3", LABELS)
    with pytest.raises(ExpressionError) as error:
        evaluate_vector(expression, lambda name: None, str)
    assert str(error.value) == "'2 + 3' is a number (5), not a vector; name at least one vector, as in 2.5 A"


def test_an_expression_as_weights_on_the_vectors_it_names():
    words = {"king", "man", "woman"}
    known = words.__contains__
    weights = combination(parse_expression("king - man + woman", words), known, str)
    assert weights == {"king": 1.0, "man": -1.0, "woman": 1.0}
    assert combination(parse_expression("(king + king) / 2 - 0.5 man", words), known, str) == {
        "king": 1.0,
        "man": -0.5,
    }
    with pytest.raises(ExpressionError, match="cannot multiply two vectors"):
        combination(parse_expression("king man", words), known, str)


@pytest.mark.parametrize(
    "text, multiple",
    [
        ("A", (1.0, "A")),
        ("2.5 A", (2.5, "A")),
        ("A / 0.4", (2.5, "A")),
        ("5/2 A", (2.5, "A")),
        ("-(2 A)", (-2.0, "A")),
        ("2 (3 A)", (6.0, "A")),
        ("A + B", None),
        ("A / 0", None),
        ("2 / A", None),
    ],
)
def test_a_multiple_of_one_vector(text, multiple):
    assert multiple_of_one(parse_expression(text, LABELS).root) == multiple


# ----------------------------------------------------------------- renaming
def test_renaming_keeps_the_rest_as_written():
    assert rename_labels("(A+C)/2", {"A": "Alpha"}, "ABCDE") == "(Alpha+C)/2"
    assert rename_labels("2.5A - A", {"A": "new york"}, "ABCDE") == '2.5"new york" - "new york"'
    assert named_labels('2.5"new york" - "new york"', ["new york"]) == ["new york", "new york"]
    assert rename_labels("A +", {"A": "Z"}, "ABCDE") == "Z +"
    assert rename_labels("A ^", {"A": "Z"}, "ABCDE") == "A ^"  # cannot be read: unchanged


def test_expressions_compute_exactly_in_float64(table):
    assert np.array_equal(value(table, "0.1 A + 0.2 A"), np.array([3.0, 30.0]) * 0.1 + np.array([3.0, 30.0]) * 0.2)
