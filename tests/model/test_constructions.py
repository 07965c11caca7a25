"""The geometry of the lesson's pictures: sums tip to tail, differences tip to tip, multiples over the original."""

import numpy as np
import pytest

from explorer.model.arithmetic import evaluate
from explorer.model.builtin import materials
from explorer.model.constructions import construct, view_map
from explorer.model.expressions import Expression, parse_expression
from explorer.model.projection import pca


def build(text, table=None, mapping=None, projected=""):
    table = table or materials()
    rows = {label: row for row, label in enumerate(table.labels)}
    expression = parse_expression(text, rows)

    def value_of(node):
        return evaluate(Expression(text, node), lambda n: table.values[rows[n]], str)

    return construct(expression, value_of, mapping if mapping is not None else view_map(2, "dimensions"), projected)


def ends(arrows):
    return [(a.start, a.end, a.text) for a in arrows]


def test_a_sum_tip_to_tail_with_its_parallelogram():
    c = build("A + E")
    assert ends(c.by_role("term")) == [((0, 0), (3, 30), "A"), ((3, 30), (10.5, 32), "E")]
    assert ends(c.by_role("result")) == [((0, 0), (10.5, 32), "A + E")]
    assert ends(c.by_role("side")) == [((0, 0), (7.5, 2), "E"), ((7.5, 2), (10.5, 32), "A")]
    assert c.parallelogram == ((0, 0), (3, 30), (10.5, 32), (7.5, 2))
    assert c.note == ""


def test_a_difference_from_one_tip_to_the_other():
    c = build("B - E")
    assert ends(c.by_role("difference")) == [((7.5, 2), (15, 4), "B - E")]
    assert ends(c.by_role("result")) == [((0, 0), (7.5, 2), "B - E")]
    assert not c.parallelogram


@pytest.mark.parametrize(
    "text, original, scaled, factor",
    [
        ("2.5 A", (3, 30), (7.5, 75), "× 2.5"),
        ("-E", (7.5, 2), (-7.5, -2), "× -1"),
        ("B / 2", (15, 4), (7.5, 2), "× 0.5"),
    ],
)
def test_a_multiple_over_its_original_with_its_factor(text, original, scaled, factor):
    c = build(text)
    assert c.by_role("original")[0].end == original
    assert c.by_role("scaled")[0].end == scaled and c.by_role("scaled")[0].text.endswith(f"({factor})")


def test_a_scaled_sum_shows_the_sum_and_the_scaling():
    c = build("(A + C) / 2")
    assert [a.role for a in c.arrows] == ["term", "term", "side", "side", "original", "scaled"]
    assert c.by_role("original")[0].end == (6, 57) and c.by_role("scaled")[0].end == (3, 28.5)


def test_a_label_alone_has_no_construction():
    assert build("A").arrows == ()


def test_in_a_projection_the_mapped_arrows_still_add_up_and_it_says_so():
    rng = np.random.default_rng(3)
    from explorer.model.table import VectorTable

    table = VectorTable(["a", "b", "c"], ["d1", "d2", "d3"], rng.normal(size=(3, 3)))
    mapping = view_map(3, "pca", components=pca(table.values).components)
    c = build("a + b", table, mapping, "PCA")
    terms, result = c.by_role("term"), c.by_role("result")[0]
    assert np.allclose(terms[1].end, result.end)
    assert np.allclose(result.end, mapping @ (table.values[0] + table.values[1]))
    assert c.note == "projected (PCA): the picture is the projection of the arithmetic"
