"""Searching labels: substring (the default), whole words and regular expressions, against a plain
Python reference, with the hostile cases (separators in labels, slow patterns, bad patterns)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.search import LabelIndex, Query, SearchError, search_labels

WORDS = ["king", "queen", "King's", "kingdom", "viking", "a king", "Ünïcødé", "new york", "York", "q"]


def naive(labels, text, case_sensitive=False):
    if case_sensitive:
        return [i for i, label in enumerate(labels) if text in label]
    return [i for i, label in enumerate(labels) if text.lower() in label.lower()]


def test_substring_ignores_case_by_default():
    assert list(search_labels(WORDS, "KING")) == [0, 2, 3, 4, 5]
    assert list(search_labels(WORDS, "King", case_sensitive=True)) == [2]
    assert list(search_labels(WORDS, "ünï")) == [6]


def test_whole_words_and_regular_expressions():
    assert list(search_labels(WORDS, "king", mode="word")) == [0, 2, 5]
    assert list(search_labels(WORDS, "york", mode="word")) == [7, 8]
    assert list(search_labels(WORDS, "^k.*g$", mode="regex")) == [0]  # ^ and $ anchor at each label
    assert list(search_labels(WORDS, r"^q", mode="regex")) == [1, 9]


def test_a_hit_never_runs_from_one_label_into_the_next():
    labels = ["ab", "cd", "a\nb", "xa"]
    assert list(search_labels(labels, "b\nc")) == []
    assert list(search_labels(labels, "a\nb")) == [2]  # a label may hold the separator itself
    assert list(search_labels(labels, "ac")) == []


def test_an_empty_query_finds_nothing_and_so_does_an_empty_table():
    assert list(search_labels(WORDS, "")) == []
    assert list(search_labels([], "king")) == []


@pytest.mark.parametrize(
    ("pattern", "said"),
    [("(", "is not a regular expression at character"), ("a*", "matches every label")],
)
def test_bad_patterns_are_refused_in_one_sentence(pattern, said):
    with pytest.raises(SearchError, match=re.escape(said)):
        search_labels(WORDS, pattern, mode="regex")


def test_a_pattern_that_would_take_exponential_time_is_refused_not_run_for_ever():
    labels = ["a" * 60 + "!"] * 50
    with pytest.raises(SearchError, match="takes too long"):
        search_labels(labels, r"^(a|aa)+$", mode="regex")


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown search mode"):
        Query("x", "fuzzy")


label_text = st.text(alphabet=st.sampled_from("abcAB é\nß∑x"), max_size=8)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(label_text, max_size=30),
    st.text(alphabet=st.sampled_from("abAé\nx"), min_size=1, max_size=4),
    st.booleans(),
)
def test_substring_search_agrees_with_plain_python(labels, needle, case_sensitive):
    index = LabelIndex(labels)
    assert list(index.search(Query(needle, case_sensitive=case_sensitive))) == naive(labels, needle, case_sensitive)


@settings(max_examples=50, deadline=None)
@given(st.lists(label_text.filter(lambda s: "\n" not in s), max_size=30), st.sampled_from(["a", "b", "ab"]))
def test_regex_search_agrees_with_plain_python(labels, word):
    pattern = rf"{word}+"
    expected = [i for i, label in enumerate(labels) if re.search(pattern, label, re.IGNORECASE)]
    assert list(LabelIndex(labels).search(Query(pattern, "regex"))) == expected


def test_typing_on_the_label_column_finds_labels_that_start_with_the_text():
    index = LabelIndex(WORDS)
    assert list(index.starting_with("KI")) == [0, 2, 3]  # not "viking" or "a king"
    assert list(index.starting_with("york")) == [8]
    assert list(index.starting_with("")) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(label_text, max_size=30), st.text(alphabet=st.sampled_from("abAé\nx"), min_size=1, max_size=3))
def test_prefix_search_agrees_with_plain_python(labels, start):
    expected = [i for i, label in enumerate(labels) if label.lower().startswith(start.lower())]
    assert list(LabelIndex(labels).starting_with(start)) == expected


def test_the_table_index_is_built_once_and_again_only_when_labels_change():
    from explorer.model.builtin import materials
    from explorer.model.commands import InsertVectors, RenameVector, set_cell
    from explorer.model.search import TableLabelIndex

    table = materials()
    labels = TableLabelIndex(table)
    heard = []
    labels.changed.connect(lambda: heard.append(True))
    first = labels.index
    assert labels.index is first  # searching again does not build it again
    set_cell(0, 0, 4.0).apply(table)  # a value: the labels stay, so does the index
    assert labels.index is first and not heard
    RenameVector(1, "Bread").apply(table)
    assert labels.built is False and heard == [True]
    assert list(labels.search(Query("bread"))) == [1]
    InsertVectors(0, ["breadcrumb"], [[1.0, 1.0]]).apply(table)
    assert list(labels.search(Query("bread"))) == [0, 2]
