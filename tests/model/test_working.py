"""The working of a score, step by step, with the lesson's own numbers."""

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.working import working
from explorer.model.working_render import to_html, to_markdown, to_text


@pytest.fixture
def table():
    return materials()


def work(table, a, b, **kwargs):
    ra, rb = table.index_of(a), table.index_of(b)
    return working(table.vector(ra), table.vector(rb), a, b, table.dimensions, **kwargs)


def test_a_and_b_as_the_lesson_writes_them(table):
    text = to_text(work(table, "A", "B"))
    assert "|A| = √(3² + 30²) = √909 = 30.15" in text
    assert "|B| = √(15² + 4²) = √241 = 15.52" in text
    assert "A·B = 3×15 + 30×4 = 45 + 120 = 165" in text
    assert "cos(A, B) = A·B / (|A| × |B|) = 165 / (30.15 × 15.52) = 0.353" in text
    assert "θ = arccos(0.353) = 69.4°" in text
    assert "|A − B| = √((3 − 15)² + (30 − 4)²) = √820 = 28.64" in text
    assert "A = (3 kg, 30 l); B = (15 kg, 4 l)" in text


def test_b_and_e(table):
    text = to_text(work(table, "B", "E"))
    assert "|E| = √(7.5² + 2²) = √60.25 = 7.76" in text
    assert "B·E = 15×7.5 + 4×2 = 112.5 + 8 = 120.5" in text
    assert "120.5 / (15.52 × 7.76) = 1.000" in text
    assert "θ = arccos(1.000) = 0°" in text
    assert "Relation: E = 0.5 × B: same direction, 0.5 times the size." in text


def test_a_and_c_shows_five_decimals(table):
    w = work(table, "A", "C")
    text = to_text(w)
    assert "819 / (30.15 × 27.17) = 0.99994" in text
    assert w.relation_text == "C ≈ A in direction: cos 0.99994, |C| = 0.90 |A|"


def test_cosine_is_named_exactly_beside_the_plain_dot_product(table):
    w = work(table, "A", "B")
    assert "it is the cosine similarity, cos(A, B) = 0.353" in w.naming
    assert "The plain dot product is A·B = 165." in w.naming
    assert w.naming in to_text(w)


def test_metric_chooses_the_headline(table):
    assert work(table, "A", "B").headline == "cosine similarity: cos(A, B) = 0.353"
    assert work(table, "A", "B", metric="dot").headline == "dot product: A·B = 165"
    assert work(table, "A", "B", metric="euclidean").headline == "Euclidean distance: |A − B| = 28.64"
    assert work(table, "A", "B", metric="angle").headline == "angle (degrees): θ(A, B) = 69.4°"
    with pytest.raises(ValueError, match="unknown metric"):
        work(table, "A", "B", metric="manhattan")


def test_relations_in_the_lessons_words(table):
    assert work(table, "A", "D").relation_text == "D = 2.5 × A: same direction, 2.5 times the size"
    assert work(table, "A", "E").relation_text.startswith(
        "E is not a multiple of A: E has 2.5 × A's mass but 0.067 × its volume"
    )
    assert work(table, "A", "A").relation_text == "A = A: the same vector"


def test_zero_vector_gives_a_message_not_an_exception():
    w = working([0, 0], [3, 30], "Z", "A")
    text = to_text(w)
    assert "cos(Z, A) = undefined: Z is a zero vector, which has no direction" in text
    assert "|Z| = √(0² + 0²) = √0 = 0" in text
    assert np.isnan(w.values["cosine"]) and np.isnan(w.values["angle"])
    assert "undefined" in w.headline
    both = to_text(working([0, 0], [0, 0], "Y", "Z"))
    assert "Y and Z are zero vectors" in both


def test_many_dimensions_show_first_and_last_terms():
    a = np.arange(1, 51, dtype=float)
    b = np.full(50, 2.0)
    short = working(a, b, "u", "v")
    text = to_text(short)
    assert "|u| = √(1² + 2² + 3² + … + 50²) = √42925 = 207.18" in text
    assert "u·v = 1×2 + 2×2 + 3×2 + … + 50×2 = 2550" in text
    assert "50 squares under the root" in text
    assert short.elided
    full = working(a, b, "u", "v", all_terms=True)
    full_text = to_text(full)
    assert "+ 25² + 26² +" in full_text and "…" not in full_text.split("Relation")[0]
    assert not full.elided


def test_negative_values_are_bracketed():
    text = to_text(working([1, -2], [-3, 4], "P", "Q"))
    assert "|P| = √(1² + (-2)²) = √5 = 2.24" in text
    assert "P·Q = 1×(-3) + (-2)×4 = -3 + (-8) = -11" in text


def test_huge_values_keep_their_cosine_and_say_what_overflows():
    w = working([1e300, 1e300], [1e300, -2e300], "H", "I")
    text = to_text(w)
    assert "H·I = (1e+300)×(1e+300) + (1e+300)×(-2e+300) = too large for float64" in text
    assert "cos(H, I) = H·I / (|H| × |I|) = -0.316" in text
    assert "|H| = √((1e+300)² + (1e+300)²) = 1.41e+300" in text


def test_tiny_values_keep_their_cosine_and_say_what_underflows():
    w = working([1e-300, 2e-300], [3e-300, 1e-300], "S", "T", metric="dot")
    text = to_text(w)
    assert w.headline == "dot product: S·T = too small for float64"
    assert "cos(S, T) = S·T / (|S| × |T|) = 0.707" in text
    assert "|S − T| = √(((1e-300) − (3e-300))² + ((2e-300) − (1e-300))²) = 2.24e-300" in text


def test_no_dimensions():
    w = working([], [], "P", "Q")
    assert w.headline == "cosine similarity: cos(P, Q) = undefined"
    assert "P·Q = 0" in to_text(w)


def test_markdown_and_html(table):
    w = work(table, "A", "B")
    md = to_markdown(w)
    assert md.startswith("### A and B: cosine similarity: cos(A, B) = 0.353")
    assert "- **Length of A:** `|A| = √(3² + 30²) = √909 = 30.15`" in md
    assert "**Relation:** B is not a multiple of A" in md
    html = to_html(w)
    assert "3<sup>2</sup>" in html and "30<sup>2</sup>" in html
    assert "text-decoration: overline" in html and "909" in html
    assert "border-bottom: 1px solid" in html  # the fraction's rule
    assert "<b>0.353</b>" in html  # the chosen metric's result stands out


def test_long_labels_become_a_and_b_in_the_formulas():
    w = working([3, 30], [15, 4], "a rather long label for a material", "another long label")
    text = to_text(w)
    assert "|a| = √(3² + 30²) = √909 = 30.15" in text
    assert "a is “a rather long label for a material”; b is “another long label”" in text
    assert w.headline == "cosine similarity: cos(a, b) = 0.353"
    assert text.startswith("a rather long label for a material and another long label:")
    assert w.relation_text.startswith("another long label is not a multiple of a rather long label for a material")


def test_lengths_below_one_keep_three_significant_digits_so_the_working_adds_up():
    text = to_text(working(np.array([0.7638, 0.2551]), np.array([0.4954, 0.4495]), "w1", "w2"))
    assert "|w1| = √(0.7638² + 0.2551²) = √0.648466 = 0.805" in text
    assert "0.493054 / (0.805 × 0.669) = 0.915" in text  # 0.493054 / (0.81 × 0.67) would be 0.908


def test_a_component_is_formatted_for_reading_by_one_function_with_its_own_name():
    """The working's rounding for display is format_component; format_value is the exact text a file holds."""
    from explorer.model import working as working_module
    from explorer.model.formats.delimited import format_value
    from explorer.model.working import format_component

    assert format_component(-0.24971) == "-0.2497" and format_value(-0.24971) == "-0.24971"
    assert not hasattr(working_module, "format_value")
