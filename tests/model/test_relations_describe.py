"""Relations described in the lesson's words, with reasons in the dimensions' own names."""

import numpy as np

from explorer.model.relations import dimension_reason, format_cosine, format_ratio, relate
from explorer.model.table import Dimension

MATERIAL = (Dimension("mass", "kg"), Dimension("volume", "l"))


def test_descriptions():
    assert relate([3, 30], [7.5, 75]).describe("A", "D", MATERIAL) == "D = 2.5 × A: same direction, 2.5 times the size"
    assert relate([3, 30], [3, 27]).describe("A", "C", MATERIAL) == "C ≈ A in direction: cos 0.99994, |C| = 0.90 |A|"
    assert relate([3, 30], [7.5, 2]).describe("A", "E", MATERIAL) == (
        "E is not a multiple of A: E has 2.5 × A's mass but 0.067 × its volume (cos 0.353)"
    )
    assert relate([1, 2], [-2, -4]).describe("P", "Q") == "Q = -2 × P: the opposite direction, 2 times the size"
    assert relate([0, 0], [1, 2]).describe("Z", "A").startswith("Z is a zero vector, which has no direction")


def test_reason_names_a_dimension_the_other_lacks():
    assert dimension_reason([3, 0], [6, 2], "A", "B", MATERIAL) == "A has no volume but B has 2 l"


def test_many_dimensions_give_the_range_of_ratios():
    a = np.ones(50)
    b = np.ones(50)
    b[9], b[30] = -3.0, 12.0
    names = [Dimension(f"d{i}") for i in range(1, 51)]
    assert dimension_reason(a, b, "u", "v", names) == "v's values are -3 × u's in d10 but 12 × in d31"
    assert dimension_reason(a, b, "u", "v", names, k=1.0) == (
        "v has 1 × u's d1 but -3 × its d10 (2 of 50 dimensions differ from 1 ×)"
    )


def test_number_formats():
    assert [format_cosine(c) for c in (0.35254, 0.999942, 1.0, -0.5, float("nan"))] == [
        "0.353",
        "0.99994",
        "1.000",
        "-0.500",
        "undefined",
    ]
    assert [format_ratio(r) for r in (2.5, 1 / 15, 6.75, 18.75, 150.2, 3.0)] == [
        "2.5",
        "0.067",
        "6.75",
        "18.8",
        "150",
        "3",
    ]
