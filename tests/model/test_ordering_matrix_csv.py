"""Heatmap orders and the matrix CSV writers, on the lesson's materials (no Qt)."""

import csv
import io

import numpy as np

from explorer.model import ordering, similarity
from explorer.model.builtin import materials
from explorer.model.formats.matrix_csv import write_matrix_csv, write_pairs_csv


def test_label_order_is_natural():
    labels = ["v10", "v2", "B", "a", "v1"]
    assert [labels[i] for i in ordering.label_order(labels)] == ["a", "B", "v1", "v2", "v10"]


def test_clustered_order_puts_parallel_materials_together():
    table = materials()
    m = similarity.cosine_matrix(table.values)
    order = [table.labels[i] for i in ordering.order_rows("clustered", table.labels, m, "cosine")]
    # A, C, D point the same way (cos >= 0.99994); B and E are parallel: two blocks.
    blocks = {frozenset(order[:3]), frozenset(order[3:])}, {frozenset(order[:2]), frozenset(order[2:])}
    assert {frozenset("ACD"), frozenset("BE")} in blocks
    assert sorted(order) == list("ABCDE")


def test_clustered_order_survives_zero_vectors_and_all_metrics():
    values = np.array([[1.0, 0.0], [0.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.0, 0.0]])
    labels = list("pzqrw")
    for metric in similarity.METRICS:
        m = similarity.similarity_matrix(values, metric)
        order = ordering.order_rows("clustered", labels, m, metric)
        assert sorted(order.tolist()) == [0, 1, 2, 3, 4]
    m = similarity.cosine_matrix(values)
    order = ordering.clustered_order(m, "cosine").tolist()
    assert abs(order.index(0) - order.index(2)) == 1  # p and q are nearly parallel
    assert abs(order.index(1) - order.index(4)) == 1  # the two zero vectors sit together


def test_matrix_csv_holds_the_lessons_scores_at_full_precision():
    table = materials()
    m = similarity.cosine_matrix(table.values)
    rows = list(csv.reader(io.StringIO(write_matrix_csv(table.labels, m, "cosine similarity").decode())))
    assert rows[0] == ["cosine similarity", "A", "B", "C", "D", "E"]
    score = {(rows[0][j], r[0]): r[j] for r in rows[1:] for j in range(1, 6)}
    assert round(float(score["A", "B"]), 3) == 0.353
    assert float(score["A", "B"]) == m[0, 1]  # bit for bit
    assert round(float(score["A", "D"]), 12) == 1
    assert round(float(score["B", "E"]), 12) == 1
    assert round(float(score["A", "C"]), 5) == 0.99994


def test_undefined_is_an_empty_cell_in_both_layouts():
    values = np.array([[3.0, 30.0], [0.0, 0.0]])
    m = similarity.cosine_matrix(values)
    rows = list(csv.reader(io.StringIO(write_matrix_csv(["A", "Z"], m).decode())))
    assert rows[1] == ["A", "1.0", ""] and rows[2] == ["Z", "", ""]
    pairs = list(csv.reader(io.StringIO(write_pairs_csv(["A", "Z"], m).decode())))
    assert pairs == [["a", "b", "score"], ["A", "A", "1.0"], ["A", "Z", ""], ["Z", "Z", ""]]


def test_pairs_csv_of_materials():
    table = materials()
    m = similarity.cosine_matrix(table.values)
    pairs = list(csv.reader(io.StringIO(write_pairs_csv(table.labels, m).decode())))
    assert len(pairs) == 1 + 15
    ab = next(p for p in pairs if p[:2] == ["A", "B"])
    assert round(float(ab[2]), 3) == 0.353
