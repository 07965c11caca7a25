"""How the heatmap writes numbers and thins labels: the lesson's scores, honestly rounded."""

import math

from explorer.qt.heatmap import style
from explorer.qt.heatmap.colorbar import nice_ticks, tick_text
from explorer.qt.heatmap.labels import label_step

COS_AB = 165 / (math.sqrt(909) * math.sqrt(241))
COS_AC = 819 / (math.sqrt(909) * math.sqrt(738))


def test_score_text_keeps_the_lessons_digits():
    assert style.score_text(COS_AB) == "0.353"
    assert style.score_text(COS_AC) == "0.99994"  # not "1.000": C is similar to A, not equal
    assert style.score_text(0.9999999999999998) == "1"  # D = 2.5 A: exactly parallel
    assert style.score_text(909.0) == "909" and style.score_text(27.17) == "27.17"
    assert style.score_text(float("nan")) == "undefined"


def test_cell_text_never_rounds_a_near_one_to_one():
    assert style.cell_text(COS_AB, 3) == "0.353"
    assert style.cell_text(COS_AC, 3) == "0.9999"
    assert style.cell_text(1.0, 3) == "1.000"
    assert style.cell_text(-0.0001, 3) == "0.000"
    assert style.cell_text(float("nan"), 3) == ""


def test_colour_indices_and_contrast():
    idx = style.color_indices([[-1.0, 0.0, 1.0, float("nan")]], -1, 1)
    assert idx.tolist() == [[0, 127, 254, style.UNDEFINED_INDEX]]
    dark = style.dark_text_table("CET-D1A")
    assert not dark[254] and dark[127]  # white on dark red, black on the pale centre
    assert style.color_of("CET-D1A", 1.0, -1, 1) != style.color_of("CET-D1A", COS_AB, -1, 1)


def test_colour_bar_ticks_and_label_thinning():
    ticks = nice_ticks(-1, 1, 480)
    assert [tick_text(t, ticks[1] - ticks[0]) for t in ticks] == [
        "-1.00",
        "-0.75",
        "-0.50",
        "-0.25",
        "0",
        "0.25",
        "0.50",
        "0.75",
        "1.00",
    ]
    assert label_step(cell_px=30, line_px=15) == 1
    assert label_step(cell_px=1.5, line_px=15) == 20
    assert label_step(cell_px=0.1, line_px=15) == 200


def test_cell_texts_agree_with_cell_text():
    import numpy as np

    rng = np.random.default_rng(1)
    scores = np.concatenate(
        [
            rng.uniform(-1, 1, 200),
            [COS_AB, COS_AC, 1.0, -1.0, 0.0, -0.0001, 0.99999, float("nan"), float("inf"), 2e6, 909.0, 27.17],
        ]
    )
    grid = scores[: 14 * 15].reshape(14, 15)
    for decimals in (0, 1, 2, 3):
        expected = [[style.cell_text(v, decimals) for v in row] for row in grid.tolist()]
        assert style.cell_texts(grid, decimals) == expected
