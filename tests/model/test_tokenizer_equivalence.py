"""The quick ways of splitting, placing, counting and decoding give what the one-at-a-time ways gave."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.tokenizers import WORD_PATTERN, CharacterTokenizer, SubwordTokenizer, _in_order, split_words
from explorer.model.vocabulary import MissingTokenError, Vocabulary

texts = st.text(st.sampled_from("ab A.,'’\"()▁ \n\t猫😀İ-") | st.characters(), max_size=60)


def _split_words_reference(text, lowercase=False):
    tokens, spans = [], []
    for match in WORD_PATTERN.finditer(text):
        tokens.append(match.group().lower() if lowercase else match.group())
        spans.append(match.span())
    return tokens, spans


def _in_order_reference(tokens, spans, text):
    out, end = [], 0
    for token, (start, stop) in zip(tokens, spans, strict=False):
        start = max(start, end)
        if token and not token.strip("▁"):
            spaces = len(text[start : start + len(token)]) - len(text[start : start + len(token)].lstrip(" "))
            stop = start + spaces
        stop = max(stop, start)
        out.append((start, stop))
        end = stop
    return out


@settings(max_examples=100, deadline=None)
@given(texts, st.booleans())
def test_words_and_their_places(text, lowercase):
    assert split_words(text, lowercase) == _split_words_reference(text, lowercase)
    encoding = CharacterTokenizer(lowercase=lowercase).encode(text)
    assert encoding.spans == [(i, i + 1) for i in range(len(text))]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["▁", "▁▁", "", "a", "▁a", "ab"]), max_size=12),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=14),
    st.text(st.sampled_from(" ab▁"), max_size=20),
)
def test_pieces_are_placed_in_order(tokens, spans, text):
    assert _in_order(tokens, spans, text) == _in_order_reference(tokens, spans, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-3, 8), max_size=30), st.sampled_from([list, np.array, tuple, iter]))
def test_counting_and_decoding_indices(indices, kind):
    vocabulary = Vocabulary(specials=())
    for token in "abcdef":
        vocabulary.add(token)
    inside = [i for i in indices if 0 <= i < 6]
    vocabulary.count(kind(inside) if kind is not np.array else np.array(inside, dtype=np.int64))
    expected: dict[int, int] = {}
    for i in inside:
        expected[i] = expected.get(i, 0) + 1
    assert list(vocabulary.counts.items()) == list(expected.items())
    given_indices = np.array(indices, dtype=np.int64) if kind is np.array else kind(indices)
    outside = [i for i in indices if not 0 <= i < 6]
    if outside:
        with pytest.raises(MissingTokenError, match=f"index {outside[0]} is outside the vocabulary"):
            vocabulary.decode(given_indices)
    else:
        assert vocabulary.decode(given_indices) == ["abcdef"[i] for i in indices]


def test_subword_pieces_decode_back_to_the_text():
    text = "The cat sat on the mat. 猫 😀\n" * 50
    tokenizer = SubwordTokenizer.train(text, 60)
    encoding = tokenizer.encode(text)
    assert tokenizer.decode(encoding.indices) == text
    assert tokenizer.vocabulary.decode(np.array(encoding.indices, dtype=np.uint32)) == encoding.tokens
