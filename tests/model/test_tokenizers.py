"""Text -> tokens -> indices at the three levels, and back (no Qt here)."""

import string
import time

import numpy as np
import pytest

from explorer.model.formats.errors import FormatError
from explorer.model.tokenizers import (
    CharacterTokenizer,
    SubwordTokenizer,
    TokenizerError,
    WordTokenizer,
    auto_vocab_size,
    make_tokenizer,
    unknown_capitals,
)
from explorer.model.vocabulary import UNKNOWN, MissingTokenError, Vocabulary

TEXT = 'The cat sat on the mat. Don\'t panic, (really)! "Yes," she said: the cats sat.'


# ------------------------------------------------------------------ characters
def test_hello_is_7_4_11_11_14_and_decodes_back():
    chars = CharacterTokenizer()
    encoding = chars.encode("hello")
    assert encoding.indices.tolist() == [7, 4, 11, 11, 14]
    assert encoding.tokens == ["h", "e", "l", "l", "o"]
    assert chars.decode(encoding.indices) == "hello"
    assert encoding.counts() == {7: 1, 4: 1, 11: 2, 14: 1}


def test_the_lesson_alphabet_is_a_to_z_then_unknown():
    chars = CharacterTokenizer()
    assert chars.vocabulary.tokens[:26] == tuple(string.ascii_lowercase)
    assert chars.vocabulary.index("z") == 25
    assert chars.vocabulary.unknown_index == 26
    assert chars.vocabulary.special_tokens == (UNKNOWN,)


def test_a_character_outside_a_to_z_is_unknown_unless_added():
    chars = CharacterTokenizer()
    assert chars.encode("hi!").indices.tolist() == [7, 8, 26]
    assert chars.decode([7, 8, 26]) == "hi<unk>"
    assert chars.encode("Hi").indices.tolist() == [26, 8]
    assert chars.add_symbols(["!", " "]) == [27, 28]
    assert chars.encode("hi! hi").indices.tolist() == [7, 8, 27, 28, 7, 8]
    assert chars.decode([7, 8, 27, 28, 7, 8]) == "hi! hi"
    assert CharacterTokenizer(lowercase=True).encode("Hi").indices.tolist() == [7, 8]


def test_emoji_and_cjk_are_unknown_characters_with_exact_spans():
    chars = CharacterTokenizer()
    encoding = chars.encode("猫😀a")
    assert encoding.indices.tolist() == [26, 26, 0]
    assert encoding.spans == [(0, 1), (1, 2), (2, 3)]
    chars.add_symbols(["猫"])
    assert chars.encode("猫").indices.tolist() == [27]


# ----------------------------------------------------------------------- words
def test_words_split_on_whitespace_and_punctuation_and_round_trip():
    words = WordTokenizer.fit(TEXT)
    encoding = words.encode(TEXT)
    assert encoding.tokens[:8] == ["The", "cat", "sat", "on", "the", "mat", ".", "Don't"]
    assert words.vocabulary.index(UNKNOWN) == 0
    assert encoding.indices[:6].tolist() == [1, 2, 3, 4, 5, 6]
    assert words.decode(encoding.indices) == TEXT
    assert encoding.counts()[words.vocabulary.index("sat")] == 2
    assert words.vocabulary.counts[words.vocabulary.index("the")] == 2  # learnt from the text
    assert [TEXT[a:b] for a, b in encoding.spans[:3]] == ["The", "cat", "sat"]


def test_word_lowercasing_merges_the_and_The():
    words = WordTokenizer.fit("The the THE", lowercase=True)
    assert words.encode("The the THE").indices.tolist() == [1, 1, 1]
    assert words.vocabulary.tokens == (UNKNOWN, "the")


def test_a_word_not_in_the_vocabulary_is_unknown():
    words = WordTokenizer.fit("the cat")
    assert words.encode("the dog").indices.tolist() == [1, 0]
    assert words.decode([1, 0]) == "the <unk>"


# -------------------------------------------------------------------- subwords
@pytest.mark.parametrize("size", [2, 10, 40, 200])
def test_a_trained_subword_vocabulary_of_size_n_has_at_most_n_entries(size):
    subwords = SubwordTokenizer.train(TEXT * 3, size)
    assert 1 <= len(subwords.vocabulary) <= size
    assert subwords.vocabulary.tokens[0] == UNKNOWN


def test_subwords_round_trip_text_with_emoji_and_cjk():
    text = TEXT + " 猫が好き 😀👍  two  spaces\nnew line"
    subwords = SubwordTokenizer.train(text, 300)
    encoding = subwords.encode(text)
    assert subwords.decode(encoding.indices) == text
    assert "▁cat" in encoding.tokens
    assert subwords.vocabulary.unknown_index not in encoding.indices.tolist()
    # Every span covers the text the piece came from.
    assert "".join(text[a:b] for a, b in encoding.spans) == text


def test_a_tiny_subword_vocabulary_makes_rare_characters_unknown():
    subwords = SubwordTokenizer.train("aaaa bbb c", 4)
    assert len(subwords.vocabulary) <= 4
    assert 0 in subwords.encode("aaaa bbb c").indices.tolist()


def test_subword_vocabulary_size_below_two_is_refused():
    with pytest.raises(TokenizerError, match="at least 2"):
        SubwordTokenizer.train("abc", 1)


@pytest.mark.parametrize("level", ["char", "word", "subword"])
def test_same_input_gives_the_same_indices_every_time(level):
    first = make_tokenizer(level, TEXT, vocab_size=60).encode(TEXT).indices
    for _ in range(3):
        again = make_tokenizer(level, TEXT, vocab_size=60).encode(TEXT).indices
        assert np.array_equal(first, again)


@pytest.mark.parametrize("level", ["char", "word", "subword"])
@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_and_blank_text_give_no_tokens_or_only_spaces(level, text):
    tokenizer = make_tokenizer(level, text, vocab_size=20)
    encoding = tokenizer.encode(text)
    if level == "word" or text == "":
        assert encoding.tokens == [] and encoding.indices.tolist() == []
        assert tokenizer.decode([]) == ""
    else:
        assert len(encoding) > 0


@pytest.mark.parametrize("level", ["word", "subword"])
def test_only_emoji_text_is_tokenized(level):
    text = "😀😀 🎉"
    tokenizer = make_tokenizer(level, text, vocab_size=20)
    encoding = tokenizer.encode(text)
    assert "😀" in "".join(encoding.tokens)
    assert tokenizer.vocabulary.unknown_index not in encoding.indices.tolist()


def test_one_megabyte_of_text_at_every_level():
    text = (TEXT + " 猫 😀\n") * (1_000_000 // (len(TEXT) + 6))
    assert len(text.encode()) >= 1_000_000 - 200
    start = time.perf_counter()
    chars = make_tokenizer("char").encode(text)
    words_tokenizer = make_tokenizer("word", text)
    words = words_tokenizer.encode(text)
    subwords_tokenizer = make_tokenizer("subword", text, vocab_size=500)
    subwords = subwords_tokenizer.encode(text)
    elapsed = time.perf_counter() - start
    assert len(chars) == len(text)
    assert len(words_tokenizer.vocabulary) == len(set(words.tokens)) + 1
    assert subwords_tokenizer.decode(subwords.indices) == text
    print(f"1 MB at three levels: {elapsed:.2f} s")  # the panel runs this off the interface thread


# ---------------------------------------------------------------- from files
def test_a_saved_tokenizer_json_loads_with_the_same_indices(tmp_path):
    trained = SubwordTokenizer.train(TEXT, 60)
    trained.save(tmp_path / "tokenizer.json")
    loaded = SubwordTokenizer.from_file(tmp_path / "tokenizer.json")
    assert loaded.vocabulary.tokens == trained.vocabulary.tokens
    assert loaded.encode(TEXT).indices.tolist() == trained.encode(TEXT).indices.tolist()


def test_a_malformed_tokenizer_json_names_the_line_and_column(tmp_path):
    path = tmp_path / "tokenizer.json"
    path.write_text('{\n  "model": 3\n}\n', encoding="utf-8")
    with pytest.raises(FormatError) as error:
        SubwordTokenizer.from_file(path)
    assert str(error.value).startswith("tokenizer.json, line ")
    assert "is not a tokenizer file" in str(error.value)
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(FormatError, match="tokenizer.json.*not a tokenizer file"):
        SubwordTokenizer.from_file(path)


def test_a_vocab_txt_loads_as_wordpiece(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("[PAD]\n[UNK]\nthe\ncat\nsat\n##s\n.\n", encoding="utf-8")
    wordpiece = SubwordTokenizer.from_file(path)
    encoding = wordpiece.encode("the cats sat.")
    assert encoding.tokens == ["the", "cat", "##s", "sat", "."]
    assert encoding.indices.tolist() == [2, 3, 5, 4, 6]
    assert wordpiece.encode("dog").indices.tolist() == [1]
    assert wordpiece.vocabulary.special_tokens == ("[PAD]", "[UNK]")
    assert wordpiece.decode(encoding.indices) == "the cats sat."


@pytest.mark.parametrize(
    "content, message",
    [
        ("[UNK]\nthe\n\ncat\n", "vocab.txt, line 3: is empty"),
        ("[UNK]\nthe\nthe\n", "vocab.txt, line 3: 'the' appears again (first on line 2)"),
        ("[UNK]\nthe cat\n", "vocab.txt, line 2: 'the cat' holds a space"),
        ("the\ncat\n", "vocab.txt: holds no unknown token"),
        ("", "vocab.txt: is empty"),
    ],
)
def test_a_malformed_vocab_txt_is_refused_with_its_line(tmp_path, content, message):
    path = tmp_path / "vocab.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError) as error:
        SubwordTokenizer.from_file(path)
    assert str(error.value).startswith(message)


# ------------------------------------------------------------------ vocabulary
def test_vocabulary_indices_never_move():
    vocab = Vocabulary(["x", "y"], unknown=UNKNOWN)
    assert vocab.add("z") == 3
    assert vocab.add("x") == 0
    assert vocab.tokens == ("x", "y", UNKNOWN, "z")
    assert vocab.encode(["z", "q", "x"]).tolist() == [3, 2, 0]


def test_vocabulary_without_unknown_refuses_missing_tokens_in_one_sentence():
    vocab = Vocabulary(["x"])
    with pytest.raises(MissingTokenError) as error:
        vocab.encode(["x", "q"])
    assert str(error.value) == "'q' is not in the vocabulary of 1 tokens"
    with pytest.raises(MissingTokenError, match="index 5 is outside the vocabulary"):
        vocab.decode([5])
    with pytest.raises(MissingTokenError, match="index -1"):
        vocab.decode([-1])


# ------------------------------------------------------ first use: the default size, ▁, capitals
def test_the_default_subword_size_splits_hello_into_subwords():
    subwords = make_tokenizer("subword", "hello")  # no size chosen
    assert subwords.encode("hello").tokens == ["▁", "hel", "lo"]
    assert len(subwords.vocabulary) == 9  # <unk>, ▁ h e l o, and 3 of the 5 merges to "▁hello"
    assert SubwordTokenizer.train("hello", 200).encode("hello").tokens == ["▁hello"]  # the old default: whole


@pytest.mark.parametrize("text", ["the cat sat on the mat", "Hello, world! Tokens become indices.", TEXT])
def test_the_default_size_leaves_some_words_in_pieces(text):
    encoding = make_tokenizer("subword", text).encode(text)
    words = {w for w in text.split() if w.isalpha()}
    whole = {t.lstrip("▁") for t in encoding.tokens} & words
    assert len(encoding) > len(text.split()) and len(whole) < len(words)
    assert auto_vocab_size(text) < len(SubwordTokenizer.train(text, 100_000).vocabulary)


def test_every_word_initial_piece_carries_the_mark_the_first_word_and_a_line_start_too():
    text = "hello world\nhello again\thello"
    subwords = SubwordTokenizer.train(text, 100_000)
    assert subwords.encode(text).tokens == ["▁hello", "▁world", "\n", "▁hello", "▁again", "\t", "▁hello"]
    for size in (16, 20):  # in pieces: the mark stands before every word, alone or with its first letters
        encoding = SubwordTokenizer.train(text, size).encode(text)
        assert "".join(encoding.tokens) == "▁hello▁world\n▁hello▁again\t▁hello"
        assert all(not token.endswith("▁") or not token.strip("▁") for token in encoding.tokens)


@pytest.mark.parametrize("text", ["hello", " hello", "a  b", "two\nnew line", "two\n new", "\n \n x", "a\r\nb\t c"])
def test_subwords_decode_back_exactly_and_spans_cover_the_text(text):
    subwords = SubwordTokenizer.train(text, 300)
    encoding = subwords.encode(text)
    assert subwords.decode(encoding.indices) == text
    assert "".join(text[a:b] for a, b in encoding.spans) == text
    assert all(a <= b for a, b in encoding.spans)


def test_capitals_that_became_unknown_are_named_when_lower_case_helps():
    chars = CharacterTokenizer()
    assert unknown_capitals(chars, chars.encode("Hello World")) == ["H", "W"]
    assert unknown_capitals(chars, chars.encode("hello!")) == []  # "!" is unknown, but not a capital
    assert unknown_capitals(chars, chars.encode("ÅSA")) == ["S", "A"]  # å is not in a..z either
    lower = CharacterTokenizer(lowercase=True)
    assert unknown_capitals(lower, lower.encode("Hello")) == []


def test_a_long_text_is_sized_on_its_distinct_words_without_training_twice_on_it_whole():
    from explorer.model.tokenizers import AUTO_WHOLE_TEXT, auto_vocab_size

    long = "hello world\tagain\n" * (AUTO_WHOLE_TEXT // 10)
    assert len(long) > AUTO_WHOLE_TEXT
    assert auto_vocab_size(long) == auto_vocab_size("hello world\tagain\n")
    assert auto_vocab_size(long.upper(), lowercase=True) == auto_vocab_size("hello world\tagain\n")
