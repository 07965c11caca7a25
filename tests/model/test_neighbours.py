"""Nearest vectors in the original space, by the window's metric, against a plain numpy reference."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.model.builtin import materials
from explorer.model.neighbours import NeighbourSearch
from explorer.model.similarity import score


def test_the_lessons_nearest_to_a_by_cosine_are_d_then_c():
    search = NeighbourSearch(materials().values)
    found = search.nearest(0, 2, "cosine")
    assert [n.row for n in found] == [3, 2]  # D (cos 1), C (0.99994)
    assert found[0].score == pytest.approx(1.0) and found[1].score == pytest.approx(0.99994, abs=1e-5)


def test_by_distance_the_nearest_to_a_is_c():
    found = NeighbourSearch(materials().values).nearest(0, 1, "euclidean")
    assert found[0].row == 2 and found[0].score == pytest.approx(3.0)  # |A - C| = 3


@pytest.mark.parametrize("metric", ["cosine", "dot", "euclidean", "angle"])
def test_agrees_with_a_brute_force_reference(metric):
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2000, 12))
    found = NeighbourSearch(x).nearest(17, 8, metric)
    scores = np.array([score(x[17], v, metric) if i != 17 else np.nan for i, v in enumerate(x)])
    ranked = np.argsort(-scores if metric in ("cosine", "dot") else scores)
    ranked = [int(r) for r in ranked if r != 17][:8]
    assert [n.row for n in found] == ranked
    assert [n.score for n in found] == pytest.approx([scores[r] for r in ranked])


def test_a_changed_vector_is_searched_with_its_new_values():
    x = np.array(materials().values)
    search = NeighbourSearch(x)
    assert search.nearest(1, 1, "cosine")[0].row == 4  # E = 0.5 B
    x[2] = [30.0, 8.0]  # C now points as B does
    search.update_rows(x, [2])
    assert {n.row for n in search.nearest(1, 2, "cosine")} == {2, 4}


def test_a_zero_vector_has_no_neighbours_by_angle_and_is_left_out_of_others():
    x = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    search = NeighbourSearch(x)
    with pytest.raises(ValueError, match="zero vector"):
        search.nearest(0, 2, "cosine")
    assert [n.row for n in search.nearest(1, 5, "cosine")] == [2]
    assert [n.row for n in search.nearest(1, 5, "euclidean")] == [0, 2]
