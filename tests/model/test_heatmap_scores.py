"""The scores as the heatmap shows them, without Qt: numbers, decimals, colour ranges, colour maps."""

import math

import numpy as np
import pytest

from explorer.model import colormaps
from explorer.model.builtin import materials
from explorer.model.heatmap import (
    UNDEFINED_INDEX,
    color_indices,
    color_span,
    heatmap_scores,
    parse_range,
    value_range,
)
from explorer.model.heatmap_numbers import cell_text, cell_texts, check_digits, score_text

COS_AB = 165 / (math.sqrt(909) * math.sqrt(241))
COS_AC = 819 / (math.sqrt(909) * math.sqrt(738))


def test_score_text_keeps_the_lessons_digits():
    assert score_text(COS_AB) == "0.353"
    assert score_text(COS_AC) == "0.99994"  # not "1.000": C is similar to A, not equal
    assert score_text(0.9999999999999998) == "1"  # D = 2.5 A: exactly parallel
    assert score_text(909.0) == "909" and score_text(27.17) == "27.17"
    assert score_text(float("nan")) == "undefined"


def test_every_cell_has_the_same_decimals_and_a_near_one_is_never_one():
    assert cell_text(COS_AB, 3) == "0.353"
    assert cell_text(COS_AC, 3) == "0.999"  # cut, not rounded to 1.000
    assert cell_text(1.0, 3) == "1.000" and cell_text(-1.0, 3) == "-1.000"
    assert cell_text(-0.99996, 3) == "-0.999"
    assert cell_text(COS_AC, 5) == "0.99994" and cell_text(COS_AC, 2) == "0.99"
    assert cell_text(COS_AC, 0) == "<1" and cell_text(-COS_AC, 0) == ">-1" and cell_text(1.0, 0) == "1"
    assert cell_text(1.00004, 3) == "1.001"  # a dot product just above 1 is not written 1.000 either
    assert cell_text(-0.0001, 3) == "0.000" and cell_text(float("nan"), 3) == ""
    # The lesson's matrix at three decimals: one width for every cell.
    scores = heatmap_scores(materials())
    texts = scores.cell_texts(np.arange(5), np.arange(5))
    assert texts[0] == ["1.000", "0.353", "0.999", "1.000", "0.353"]
    assert {len(t) for row in texts for t in row} == {5}


def test_digits_give_every_cell_that_many_decimals():
    scores = heatmap_scores(materials(), "dot", digits=1)
    assert scores.decimals == 1
    texts = scores.cell_texts(np.arange(5), np.arange(5))
    assert texts[0][:2] == ["909.0", "165.0"]
    assert all(len(t.split(".")[1]) == 1 for row in texts for t in row)
    assert heatmap_scores(materials(), "euclidean").decimals == 1  # about three digits of 73.3
    with pytest.raises(ValueError, match="decimals from 0 to 8"):
        check_digits(12)


def test_cell_texts_agree_with_cell_text():
    rng = np.random.default_rng(1)
    scores = np.concatenate(
        [
            rng.uniform(-1, 1, 200),
            [COS_AB, COS_AC, 1.0, -1.0, 0.0, -0.0001, 0.99999, float("nan"), float("inf"), 2e6, 909.0, 27.17],
        ]
    )
    grid = scores[: 14 * 15].reshape(14, 15)
    for decimals in (0, 1, 2, 3):
        expected = [[cell_text(v, decimals) for v in row] for row in grid.tolist()]
        assert cell_texts(grid, decimals) == expected


def test_ranges_fixed_data_and_typed():
    scores = np.array([[1.0, 0.3], [0.3, 1.0]])
    assert value_range("cosine", scores) == (-1.0, 1.0)  # cosine's default: fixed
    assert value_range("cosine", scores, "data") == (0.3, 1.0)
    assert value_range("angle", scores, "fixed") == (0.0, 180.0)
    assert value_range("cosine", scores, (0.2, 0.9)) == (0.2, 0.9)
    assert parse_range("0.2:0.9") == (0.2, 0.9) and parse_range("Data") == "data"
    for bad, words in (("0.9:0.2", "lower to a higher"), ("a:b", "must be numbers"), ("wide", "not a range")):
        with pytest.raises(ValueError, match=words):
            parse_range(bad)
    # 46 GloVe-like words scoring 0.3 to 0.9 use the whole colour map with the data range.
    glove_like = np.linspace(0.3, 0.9, 46)[None, :]
    spread = color_indices(glove_like, *value_range("cosine", glove_like, "data"))
    assert spread.min() == 0 and spread.max() == 254
    assert np.ptp(color_indices(glove_like, -1.0, 1.0)) < 80  # fixed: all in one third of the map


def test_a_diverging_map_centres_where_told():
    assert color_span(0.3, 0.9, 0.0, diverging=True) == (-0.9, 0.9)  # as seaborn's center=0
    assert color_span(0.3, 0.9, 0.6, diverging=True) == pytest.approx((0.3, 0.9))
    assert color_span(0.3, 0.9, 0.6, diverging=False) == (0.3, 0.9)
    scores = heatmap_scores(materials(), range=(0.2, 1.0), centre=0.6)
    assert (scores.color_lo, scores.color_hi) == pytest.approx((0.2, 1.0))
    middle = color_indices(np.array([0.6]), scores.color_lo, scores.color_hi)[0]
    assert middle == 127  # the map's middle colour at the centre given


@pytest.mark.parametrize(
    "scores",
    [
        np.full((2, 2), 2.0**54),  # equal dot products of 2^53 or more (issue 9)
        np.full((3, 3), 1.7e308),
        np.array([[1.7e308, -1.7e308], [-1.7e308, 1.7e308]]),
        np.array([[np.inf, 0.0], [0.0, -np.inf]]),
        np.array([[np.nan, np.nan], [np.nan, np.nan]]),
    ],
)
def test_colour_ranges_take_any_finite_scores(scores):
    lo, hi = value_range("dot", scores, "data")
    assert math.isfinite(lo) and math.isfinite(hi) and lo < hi
    index = color_indices(scores, lo, hi)
    assert index.dtype == np.uint8 and ((index <= 254) | (index == UNDEFINED_INDEX)).all()
    assert value_range("dot", scores, "fixed")[0] < value_range("dot", scores, "fixed")[1]


def test_huge_scores_keep_their_order_in_colour():
    scores = np.array([-1.7e308, 0.0, 1.7e308])
    assert color_indices(scores, -1.7e308, 1.7e308).tolist() == [0, 127, 254]
    near = np.array([2.0**54, 2.0**54 + 2**30, 2.0**54 + 2**31])
    assert color_indices(near, near[0], near[-1]).tolist() == [0, 127, 254]


def test_colour_maps_by_common_names():
    assert colormaps.check_colormap("rdbu") == "RdBu" and colormaps.check_colormap("RdBu_r") == "RdBu_r"
    assert colormaps.check_colormap("cet_cbd1") == "CET-CBD1" and colormaps.check_colormap("COOLWARM") == "coolwarm"
    for name in ("viridis", "magma", "PuOr", "CET-D1A"):
        assert colormaps.check_colormap(name) == name
    with pytest.raises(ValueError, match="unknown colour map 'banana'"):
        colormaps.check_colormap("banana")
    assert colormaps.default_colormap("cosine") == "CET-CBD1" and colormaps.info("CET-CBD1").colorblind_safe
    assert colormaps.info("viridis").colorblind_safe and colormaps.is_diverging("RdBu_r")
    red_blue = colormaps.colors("RdBu", 256)
    assert red_blue[0][0] > red_blue[0][2] and red_blue[-1][2] > red_blue[-1][0]  # red low, blue high
    assert (colormaps.colors("RdBu_r", 256) == red_blue[::-1]).all()
    assert colormaps.colors("viridis", 255).shape == (255, 3)
