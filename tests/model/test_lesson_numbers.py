"""The lesson's own numbers, from the model."""

import numpy as np
import pytest

from explorer.model import similarity
from explorer.model.builtin import materials


@pytest.fixture
def table():
    return materials()


def vec(table, label):
    return table.vector(table.index_of(label))


def test_materials_are_the_lessons(table):
    assert table.labels == ("A", "B", "C", "D", "E")
    assert [d.title for d in table.dimensions] == ["mass (kg)", "volume (l)"]
    assert vec(table, "D").tolist() == [7.5, 75.0]


def test_norms(table):
    assert similarity.norm(vec(table, "A")) == pytest.approx(np.sqrt(909))
    assert round(similarity.norm(vec(table, "A")), 2) == 30.15
    assert round(similarity.norm(vec(table, "B")), 2) == 15.52
    assert round(similarity.norm(vec(table, "E")), 2) == 7.76


def test_cosines(table):
    m = similarity.cosine_matrix(table.values)
    i = {label: n for n, label in enumerate(table.labels)}
    assert round(m[i["A"], i["B"]], 3) == 0.353
    assert m[i["A"], i["B"]] == pytest.approx(165 / (np.sqrt(909) * np.sqrt(241)), rel=1e-12)
    assert m[i["A"], i["D"]] == pytest.approx(1.0, abs=1e-12)
    assert m[i["B"], i["E"]] == pytest.approx(1.0, abs=1e-12)
    assert round(m[i["A"], i["C"]], 5) == 0.99994
    # Parallel pairs are exactly 1, not 0.9999999999999997 (what a CSV export would show).
    assert m[i["A"], i["D"]] == 1.0 and m[i["B"], i["E"]] == 1.0 and m[i["D"], i["A"]] == 1.0
    assert similarity.cosine_matrix(np.array([[1.0, 2.0], [-2.0, -4.0]]))[0, 1] == -1.0


def test_parallel_angles_are_exactly_zero(table):
    assert similarity.angle(vec(table, "B"), vec(table, "E")) == 0.0
    assert f"{similarity.angle(vec(table, 'B'), vec(table, 'E')):.3f}" == "0.000"
    assert similarity.angle([1.0, 2.0], [-3.0, -6.0]) == 180.0
    m = similarity.angle_matrix(table.values)
    assert m[1, 4] == 0.0 and m[4, 1] == 0.0
    assert f"{m[0, 3]:.3f}" == "0.000"
