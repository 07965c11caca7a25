"""Claims such as "D = 2.5 A", read and checked as the lesson does."""

import pytest

from explorer.model.builtin import materials
from explorer.model.claims import (
    LESSON_CLAIMS,
    ClaimError,
    ClaimVerdict,
    check_claim,
    lesson_claims,
    named_labels,
    parse_claim,
    rename_labels,
)

LABELS = ("A", "B", "C", "D", "E")


@pytest.fixture
def table():
    return materials()


def check(table, text, values=None):
    return check_claim(text, table.labels, table.values if values is None else values, table.dimensions)


def test_the_lessons_six_claims(table):
    marks = [check(table, c).verdict.mark for c in LESSON_CLAIMS]
    assert marks == ["≈", "✅", "❌", "❌", "❌", "✅"]
    assert check(table, "C = A").reason.startswith("similar, not equal: C ≈ A in direction, cos 0.99994")
    assert check(table, "C = A").holds  # the lesson ticks it: similar, not equal
    assert check(table, "D = 2.5 A").reason == "D = 2.5 × A: the same direction, 2.5 times the size"
    assert check(table, "E = 2.5 A").reason.startswith("E has 2.5 × A's mass but 0.067 × its volume")
    assert "2.5 × A would have 75 l of volume, E has 2 l" in check(table, "E = 2.5 A").reason
    assert check(table, "C = 0.2 B").reason.startswith("C has 0.2 × B's mass but 6.75 × its volume")
    assert check(table, "D = 0.5 B").reason.startswith("D has 0.5 × B's mass but 18.8 × its volume")


def test_lesson_claims_only_for_the_materials(table):
    assert lesson_claims(table.labels, table.dimensions) == list(LESSON_CLAIMS)
    assert lesson_claims(("king", "queen"), ("d1", "d2")) == []


@pytest.mark.parametrize(
    "text",
    [
        "D = 2.5 A",
        "D = 2.5*A",
        "D = 2.5 × A",
        "D=A*2.5",
        "D = 2.5A",
        "D = A / 0.4",
        "D == 5/2 A",
        "D = 2.5 x A",
        "D = 2.5 · A",
        "2 D = 5 A",
    ],
)
def test_spellings_of_one_claim(text):
    claim = parse_claim(text, LABELS)
    left, factor, right = claim.multiple
    assert (left, factor, right, claim.approximate) == ("D", pytest.approx(2.5), "A", False)


@pytest.mark.parametrize("text", ["C ≈ A", "C ~ A", "C ~= A"])
def test_approximate_spellings(text, table):
    claim = parse_claim(text, LABELS)
    assert claim.approximate and claim.multiple == ("C", 1, "A")
    result = check(table, text)
    assert result.verdict is ClaimVerdict.TRUE
    assert result.reason == "C ≈ A: cos 0.99994, |C| = 0.90 |A|"


def test_editing_d_makes_the_claim_false_and_says_why(table):
    values = table.values.copy()
    values[3] = [7.5, 70]
    result = check(table, "D = 2.5 A", values)
    assert result.verdict is ClaimVerdict.FALSE
    assert result.reason.startswith("D has 2.5 × A's mass but 2.33 × its volume")
    assert "2.5 × A would have 75 l of volume, D has 70 l" in result.reason
    # claimed approximately, it holds
    assert check(table, "D ≈ 2.5 A", values).verdict is ClaimVerdict.TRUE


def test_a_different_exact_multiple(table):
    result = check(table, "D = 2 A")
    assert result.verdict is ClaimVerdict.FALSE
    assert result.reason == "D is 2.5 × A, not 2 × A"


def test_quoted_and_word_labels():
    labels = ("new york", "paris", "king")
    claim = parse_claim('"new york" = 2 paris', labels)
    assert claim.multiple == ("new york", 2, "paris")
    assert parse_claim("new york = paris", labels).multiple[0] == "new york"


def test_zero_vectors():
    labels, values = ("Z", "A"), [[0.0, 0.0], [3.0, 30.0]]
    assert check_claim("Z = 0 A", labels, values).verdict is ClaimVerdict.TRUE
    result = check_claim("Z = A", labels, values)
    assert result.verdict is ClaimVerdict.FALSE and result.reason == "Z is a zero vector and A is not"


def test_a_multiple_of_a_zero_vector_is_not_said_to_have_a_direction():
    result = check_claim("Y = 2 Z", ("Z", "Y"), [[0.0, 0.0], [0.0, 0.0]])
    assert result.verdict is ClaimVerdict.TRUE
    assert result.reason == "Y and Z are zero vectors (2 × a zero vector is a zero vector, with no direction)"


@pytest.mark.parametrize(
    "text, message",
    [
        ("D = A +", "'D = A +', column 8: expected a vector, a number or '(' after '+', found the end of the claim"),
        ("", "The claim is empty; write one like 'D = 2.5 A'"),
        ("   ", "The claim is empty; write one like 'D = 2.5 A'"),
        ("D A", "'D A' has no '=' or '≈'; write a claim like 'D = 2.5 A'"),
        ("D = A = B", "'D = A = B', column 7: a second '='; a claim compares two sides"),
        ("= A", "The left side of '= A' is empty; write it like 'D = 2.5 A'"),
        ("D =", "The right side of 'D =' is empty; write it like 'D = 2.5 A'"),
        ('"D = A', "'\"D = A', column 1: the quote \" is never closed"),
        ("D + = A", "'D + = A', column 5: expected a vector, a number or '(' after '+', found '='"),
        ("D = (A", "'D = (A', column 7: expected ')' to close the '(' at column 5, found the end of the claim"),
        ("D) = A", "'D) = A', column 2: ')' has no '(' before it to close"),
        ("D = A ^ 2", "'D = A ^ 2', column 7: '^' is not understood; write vectors, numbers, + - * / and brackets"),
        ("D = 2 3 A", "'D = 2 3 A', column 7: expected an operator between 2 and 3"),
        (
            "D = 1e400 A",
            "'D = 1e400 A', column 5: the number 1e400 is too large to store (the largest is about 1.8e308)",
        ),
    ],
)
def test_malformed_claims_give_one_sentence(text, message):
    with pytest.raises(ClaimError) as error:
        parse_claim(text, LABELS)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "text, message",
    [
        ("D = A / 0", "'D = A / 0', column 7: A / 0 divides by zero"),
        ("F = A", "'F = A', column 1: there is no vector labelled 'F'; the labels are A, B, C, D, E"),
        (
            "2.5 = A",
            "'2.5 = A', column 1: the left side is a number (2.5), not a vector; name at least one vector, as in 2.5 A",
        ),
        (
            "D = A B",
            "'D = A B', column 7: cannot multiply two vectors (A × B); a vector is multiplied by a number, as in 2.5 A",
        ),
        ("D = A / B", "'D = A / B', column 7: cannot divide by a vector (A / B); only a number divides"),
        (
            "D = 2 + A",
            "'D = 2 + A', column 7: cannot add a number and a vector (2 + A); vectors add to vectors, "
            "and numbers scale them, as in 2.5 A",
        ),
        (
            "D = A - 1",
            "'D = A - 1', column 7: cannot subtract a number and a vector (A − 1); vectors add to "
            "vectors, and numbers scale them, as in 2.5 A",
        ),
        (
            "D = 1e200 * 1e200 A",
            "'D = 1e200 * 1e200 A', column 11: 1e200 * 1e200 is too large to store (the "
            "largest number is about 1.8e308)",
        ),
        (
            "D = A / 1e-320 / 1e-320",
            "'D = A / 1e-320 / 1e-320', column 7: A / 1e-320 is too large to "
            "store (the largest number is about 1.8e308)",
        ),
        (
            "D = 5e306 A + 5e306 A",
            "'D = 5e306 A + 5e306 A', column 13: 5e306 A + 5e306 A is too large to "
            "store (the largest number is about 1.8e308)",
        ),
    ],
)
def test_claims_that_cannot_be_computed_give_one_sentence(table, text, message):
    with pytest.raises(ClaimError) as error:
        check(table, text)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "text, mark, reason",
    [
        (
            "A + E = C",
            "❌",
            "A + E = [10.5 kg, 32 l] but C = [3 kg, 27 l]: A + E has 10.5 kg of mass, C has 3 kg (cos 0.979)",
        ),
        ("E = B - E", "✅", "E = B - E = [7.5 kg, 2 l]"),
        ("2*B - B = B", "✅", "2*B - B = B = [15 kg, 4 l]"),
        ("D = A + A + A/2", "✅", "D = A + A + A/2 = [7.5 kg, 75 l]"),
        ("A + A + A/2 = 2.5 A", "✅", "A + A + A/2 = 2.5 A = [7.5 kg, 75 l]"),
        ("(A + C) / 2 ≈ C", "✅", "(A + C) / 2 ≈ C: cos 0.99998, |(A + C) / 2| = 1.05 |C|"),
        (
            "(A + C) / 2 = C",
            "≈",
            "similar, not equal: (A + C) / 2 ≈ C in direction, cos 0.99998, |(A + C) / 2| = 1.05 |C|",
        ),
        ("A - A = 0 B", "✅", "A - A and 0 B are both the zero vector"),
        ("A - A = B - E", "❌", "A - A is a zero vector and B - E is not"),
        ("D = (A)", "❌", "D is 2.5 × A, not 1 × A"),
        ("-D = -2.5 A", "✅", "D = 2.5 × A: the same direction, 2.5 times the size"),
        ("D = -(-2.5 A)", "✅", "D = 2.5 × A: the same direction, 2.5 times the size"),
    ],
)
def test_sums_differences_and_brackets(table, text, mark, reason):
    result = check(table, text)
    assert (result.verdict.mark, result.reason) == (mark, reason)


def test_a_sum_in_fifty_dimensions_names_the_dimension_not_every_value():
    labels = ("a", "b", "c")
    values = [[1.0] * 50, [2.0] * 50, [3.0] * 49 + [3.5]]
    result = check_claim("a + b = c", labels, values)
    assert result.verdict is ClaimVerdict.APPROXIMATE  # cos 0.9997
    values[2] = [3.0] * 49 + [-40.0]
    result = check_claim("a + b = c", labels, values)
    assert result.reason == "a + b has 3 of dimension 50, c has -40 (cos 0.335)"


# ------------------------------------------------------------------ renaming
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D = 2.5 A", "D = 2.5 Alpha"),
        ("D=A*2.5", "D=Alpha*2.5"),
        ("A ≈ A", "Alpha ≈ Alpha"),
        ("E = 0.5 B", "E = 0.5 B"),
        ("'A' = 2 B", "Alpha = 2 B"),
    ],
)
def test_renaming_a_label_rewrites_only_that_label(text, expected):
    assert rename_labels(text, {"A": "Alpha"}, "ABCDE") == expected


def test_renaming_to_a_label_with_spaces_quotes_it_and_reads_back():
    renamed = rename_labels("D = 2.5 A", {"A": "new york"}, "ABCDE")
    assert renamed == 'D = 2.5 "new york"'
    labels = ["new york", "B", "C", "D"]
    assert parse_claim(renamed, labels).multiple[2] == "new york"
    assert rename_labels(renamed, {"new york": "A"}, labels) == "D = 2.5 A"


def test_a_swap_of_two_labels_and_an_unreadable_claim():
    assert rename_labels("D = 2.5 A", {"A": "D", "D": "A"}, "ABCDE") == "A = 2.5 D"
    assert rename_labels("D = 'A", {"A": "Z"}, "ABCDE") == "D = 'A"


def test_named_labels():
    assert named_labels("D = 2.5 A", "ABCDE") == ["D", "A"]
    assert named_labels("D = 2.5 A", []) == ["D", "A"]
    assert named_labels('"new york" = 2 paris', ["new york"]) == ["new york", "paris"]
    assert named_labels("D = 'A", "ABCDE") == []
