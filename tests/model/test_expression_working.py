"""Expressions written out component by component with the lesson's numbers."""

import pytest

from explorer.model.builtin import materials
from explorer.model.claims import ClaimError
from explorer.model.expression_working import claim_lines, expression_lines


@pytest.fixture
def table():
    return materials()


@pytest.mark.parametrize(
    "text, line",
    [
        ("A + E", "A + E = [3 + 7.5, 30 + 2] = [10.5, 32]"),
        ("(A + C) / 2", "(A + C) / 2 = [(3 + 3) / 2, (30 + 27) / 2] = [3, 28.5]"),
        ("2.5 A", "2.5 A = [2.5 × 3, 2.5 × 30] = [7.5, 75]"),
        ("A - 2 (B - E)", "A - 2 (B - E) = [3 - 2 × (15 - 7.5), 30 - 2 × (4 - 2)] = [-12, 26]"),
        ("A + -E", "A + -E = [3 + -7.5, 30 + -2] = [-4.5, 28]"),
        ("-A", "-A = [-3, -30]"),
        ("A", "A = [3, 30]"),
    ],
)
def test_component_by_component(table, text, line):
    assert expression_lines(text, table.labels, table.values) == [line]


def test_a_claim_compares_the_two_sides_by_cosine_and_relation(table):
    assert claim_lines("A + E = C", table.labels, table.values, table.dimensions) == [
        "A + E = [3 + 7.5, 30 + 2] = [10.5, 32]",
        "C = [3, 27]",
        "cos(A + E, C) = 0.979",
        "(A + E) is not a multiple of C: (A + E) has 3.5 × C's mass but 1.19 × its volume (cos 0.979)",
        "A + E = [10.5 kg, 32 l], C = [3 kg, 27 l]",
    ]
    assert claim_lines("D = A + A + A/2", table.labels, table.values, table.dimensions)[2:4] == [
        "cos(D, A + A + A/2) = 1.000",
        "D = (A + A + A/2): the same vector",
    ]


def test_fifty_dimensions_show_the_first_two_and_the_last():
    labels, values = ["a", "b"], [[float(i) for i in range(50)], [1.0] * 50]
    import numpy as np

    assert expression_lines("a + b", labels, np.array(values)) == ["a + b = [0 + 1, 1 + 1, …, 49 + 1] = [1, 2, …, 50]"]


def test_a_claim_that_cannot_be_computed_raises_its_sentence(table):
    with pytest.raises(ClaimError, match="cannot multiply two vectors"):
        claim_lines("A B = C", table.labels, table.values)
