"""Text into tokens at three levels: characters, words, subwords.

- characters: the lesson's vocabulary, the letters a..z with indices 0..25,
  then the unknown token ``<unk>`` (26), then any symbols the user adds
  (27, 28, ...). "hello" -> [7, 4, 11, 11, 14].
- words: split on whitespace and punctuation (each punctuation mark is a
  token), optionally lower-cased; the vocabulary is built from the text in the
  order words first appear, after ``<unk>`` at index 0.
- subwords: byte-pair encoding trained on the text with a chosen vocabulary
  size (Hugging Face ``tokenizers``), or loaded from a ``tokenizer.json`` or a
  WordPiece ``vocab.txt``. A piece that starts a word carries ``▁``: the first
  word, a word after a space and a word that starts a line alike
  (``▁hel lo``), and decoding gives the text back exactly. The size chosen
  when none is given (:func:`auto_vocab_size`) stops half-way between single
  characters and whole words, so that a short text visibly splits into
  subwords (``hello`` -> ``▁ hel lo``).

Every tokenizer has ``encode(text) -> Encoding`` and ``decode(indices) -> str``.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.model.progress import NO_PROGRESS, Progress
from explorer.model.vocabulary import UNKNOWN, Encoding, Vocabulary

if TYPE_CHECKING:  # tokenizers is imported when a subword tokenizer is made (start-up time)
    import tokenizers

    from explorer.model.formats.errors import FilePath

#: level -> the name a person reads.
LEVELS = {"char": "characters", "word": "words", "subword": "subwords (BPE)"}
#: The vocabulary panel's level for a tokenizer read from a file (it is given, not made).
FILE_LEVEL = "file"

#: Subword vocabulary size used when none is chosen: None, the size :func:`auto_vocab_size` picks.
DEFAULT_VOCAB_SIZE: int | None = None
#: Where between characters (0) and whole words (1) the automatic size stops.
AUTO_SHARE = 0.5
#: Longer texts are sized on their distinct words (:func:`auto_vocab_size`), not trained on twice whole.
AUTO_WHOLE_TEXT = 20_000
#: The largest subword vocabulary trained (the tokenizers library aborts the process from 2**31).
MAX_VOCAB_SIZE = 1_000_000


class TokenizerError(ValueError):
    """A tokenizer that cannot be built from what was given (one sentence)."""


class CharacterTokenizer:
    """One token per character; a..z are 0..25, ``<unk>`` is 26, added symbols follow."""

    level = "char"

    def __init__(self, symbols: Iterable[str] = (), lowercase: bool = False):
        self.lowercase = lowercase
        self.vocabulary = Vocabulary(string.ascii_lowercase, unknown=UNKNOWN)
        self.add_symbols(symbols)

    def add_symbols(self, symbols: Iterable[str]) -> list[int]:
        """Add each character of ``symbols`` to the vocabulary; return their indices."""
        return [self.vocabulary.add(ch) for text in symbols for ch in text]

    def _fold(self, text: str) -> str:
        if not self.lowercase:
            return text
        # str.lower() can change the length ("İ"); fold per character to keep spans exact.
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)

    def encode(self, text: str) -> Encoding:
        """Each character of ``text`` and its index."""
        tokens = list(self._fold(text))
        spans = list(zip(range(len(text)), range(1, len(text) + 1)))  # (i, i + 1) for each character
        return Encoding(text, tokens, self.vocabulary.encode(tokens), spans)

    def decode(self, indices: Iterable[int]) -> str:
        """The characters at ``indices`` joined; unknown ones read ``<unk>``."""
        return "".join(self.vocabulary.decode(indices))


#: A word (letters, digits, inner apostrophes as in "don't") or one punctuation mark.
WORD_PATTERN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = set(".,!?;:%)]}…»”’") | {"'s", "n't"}
_NO_SPACE_AFTER = set("([{«“‘$#¿¡")


def split_words(text: str, lowercase: bool = False) -> tuple[list[str], list[tuple[int, int]]]:
    """Words and punctuation marks of ``text`` with their (start, end) spans."""
    tokens, spans = [], []
    for match in WORD_PATTERN.finditer(text):
        tokens.append(match.group().lower() if lowercase else match.group())
        spans.append(match.span())
    return tokens, spans


def join_words(tokens: list[str]) -> str:
    """Words back into text: one space between words, none before closing punctuation."""
    out: list[str] = []
    quote_open = False
    previous = None
    for token in tokens:
        space = previous is not None
        if token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER:
            space = False
        if token == '"':
            if quote_open:
                space = False
            quote_open = not quote_open
        elif previous == '"' and quote_open:
            space = False
        if space:
            out.append(" ")
        out.append(token)
        previous = token
    return "".join(out)


class WordTokenizer:
    """Words and punctuation marks; the vocabulary is learnt from a text."""

    level = "word"

    def __init__(self, vocabulary: Vocabulary | None = None, lowercase: bool = False):
        self.lowercase = lowercase
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary(specials=(), unknown=UNKNOWN)

    @classmethod
    def fit(cls, text: str, lowercase: bool = False) -> WordTokenizer:
        """A word tokenizer whose vocabulary is ``<unk>`` then the words of ``text`` in order."""
        tokenizer = cls(lowercase=lowercase)
        tokens, _ = split_words(text, lowercase)
        add = tokenizer.vocabulary.add
        for token in dict.fromkeys(tokens):
            add(token)
        tokenizer.vocabulary.count(tokenizer.vocabulary.encode(tokens))
        return tokenizer

    def encode(self, text: str) -> Encoding:
        tokens, spans = split_words(text, self.lowercase)
        return Encoding(text, tokens, self.vocabulary.encode(tokens), spans)

    def decode(self, indices: Iterable[int]) -> str:
        """The words at ``indices`` joined with single spaces, punctuation attached."""
        return join_words(self.vocabulary.decode(indices))


class SubwordTokenizer:
    """Subword pieces from a Hugging Face tokenizer (trained BPE, tokenizer.json or vocab.txt)."""

    level = "subword"

    def __init__(self, hf_tokenizer: tokenizers.Tokenizer, source: str = "trained"):
        self._hf = hf_tokenizer
        self.source = source
        vocab = hf_tokenizer.get_vocab(with_added_tokens=True)
        ordered = sorted(vocab.items(), key=lambda item: item[1])
        if [i for _, i in ordered] != list(range(len(ordered))):
            raise TokenizerError("the tokenizer's indices are not 0, 1, 2, ... without gaps")
        specials = {t.content for t in hf_tokenizer.get_added_tokens_decoder().values() if t.special}
        unknown = _unknown_token(hf_tokenizer)
        self.vocabulary = Vocabulary()
        for token, _ in ordered:
            self.vocabulary.add(token, special=token in specials or token == unknown)
        if unknown is not None and unknown in self.vocabulary:
            self.vocabulary.set_unknown(unknown)

    @classmethod
    def train(cls, text: str, vocab_size: int | None = DEFAULT_VOCAB_SIZE, lowercase: bool = False) -> SubwordTokenizer:
        """Byte-pair encoding learnt from ``text`` with at most ``vocab_size`` entries (``<unk>`` first);
        None picks the size with :func:`auto_vocab_size`."""
        if vocab_size is None:
            vocab_size = auto_vocab_size(text, lowercase)
        if vocab_size < 2:
            raise TokenizerError("a subword vocabulary needs at least 2 entries (<unk> and one piece)")
        if vocab_size > MAX_VOCAB_SIZE:
            raise TokenizerError(f"a subword vocabulary holds at most {MAX_VOCAB_SIZE:,} entries, not {vocab_size:,}")
        return cls(_train_bpe(text, vocab_size, lowercase), "trained")

    def encode(self, text: str) -> Encoding:
        encoded = self._hf.encode(text, add_special_tokens=False)
        import numpy as np

        return Encoding(
            text,
            list(encoded.tokens),
            np.array(encoded.ids, dtype=np.int64),
            _in_order(list(encoded.tokens), list(encoded.offsets), text),
        )

    @classmethod
    def from_file(cls, path: FilePath) -> SubwordTokenizer:
        """A tokenizer from ``tokenizer.json`` (any Hugging Face model) or a WordPiece ``vocab.txt``."""
        from explorer.model.formats.errors import FormatError
        from explorer.model.formats.source import read_text

        path = Path(path)
        if path.suffix.lower() == ".json":
            from tokenizers import Tokenizer

            read_text(path, what="a tokenizer file")  # missing, empty, binary: the usual sentences
            try:
                return cls(Tokenizer.from_file(str(path)), path.name)
            except Exception as error:  # noqa: BLE001 - tokenizers raises a bare Exception
                line, column, message = _json_error_position(str(error))
                raise FormatError(path, line, column, f"is not a tokenizer file ({message})") from None
        return cls(_wordpiece_from_vocab(path, read_text(path, what="a vocabulary file")), path.name)

    def decode(self, indices: Iterable[int]) -> str:
        """The pieces at ``indices`` joined back into text (``▁`` becomes a space)."""
        indices = [int(i) for i in indices]
        self.vocabulary.decode(indices)  # refuses indices outside the vocabulary with a sentence
        return str(self._hf.decode(indices, skip_special_tokens=False))

    def save(self, path: FilePath) -> None:
        """Write the tokenizer as ``tokenizer.json``."""
        self._hf.save(str(path))


def _train_bpe(text: str, vocab_size: int, lowercase: bool) -> tokenizers.Tokenizer:
    """A Hugging Face BPE tokenizer trained on ``text``; every word-initial piece carries ``▁``.

    The normalizer marks where words start (``▁`` before the text and after each newline or tab;
    Metaspace turns spaces into ``▁``), so the first word and a line's first word carry it too.
    The decoder takes those marks out again, so decoding gives the text back exactly.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    hf = Tokenizer(models.BPE(unk_token=UNKNOWN))
    steps: list[normalizers.Normalizer] = [normalizers.Lowercase()] if lowercase else []
    steps += [normalizers.Replace("\n", "\n▁"), normalizers.Replace("\t", "\t▁"), normalizers.Prepend("▁")]
    hf.normalizer = normalizers.Sequence(steps)
    hf.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex("[\n\t\r]"), "isolated"),  # no piece spans two lines
            pre_tokenizers.Metaspace(prepend_scheme="never"),
            pre_tokenizers.Punctuation(),
        ]
    )
    hf.decoder = decoders.Sequence(
        [
            decoders.Fuse(),
            decoders.Replace("\n▁", "\n"),
            decoders.Replace("\t▁", "\t"),
            decoders.Replace("▁", " "),
            decoders.Strip(" ", 1, 0),
        ]
    )
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[UNKNOWN],
        # Characters count against the size too: the rarest ones become <unk>.
        limit_alphabet=vocab_size - 1,
        show_progress=False,
    )
    hf.train_from_iterator([text] if text else [], trainer)
    return hf


def _distinct_words(text: str) -> str:
    """``text``'s distinct words, one a line, and its other white space: the characters and words
    BPE has to merge, each once."""
    spaces = sorted({c for c in set(text) if c.isspace() and c not in " \n"})
    return "\n".join(sorted(set(text.split())) + spaces)


def auto_vocab_size(text: str, lowercase: bool = False) -> int:
    """The subword vocabulary size used when none is chosen: ``<unk>`` and every character of ``text``,
    plus half of the merges that would make each of its words one piece (at least one merge).

    A fixed size (200 was the default once) makes every word of a short text whole; half-way, BPE's
    frequent pairs are merged and the rest stay pieces: ``hello`` -> ``▁ hel lo`` (size 9). A text
    longer than :data:`AUTO_WHOLE_TEXT` is counted on its distinct words, each once: the same
    characters and nearly the same merges, without training on the whole text a second time.
    """
    if not text:
        return 2
    whole = _train_bpe(text if len(text) <= AUTO_WHOLE_TEXT else _distinct_words(text), MAX_VOCAB_SIZE, lowercase)
    tokens = whole.get_vocab(with_added_tokens=True)
    characters = sum(1 for token in tokens if len(token) == 1)
    base = characters + 1  # and <unk>
    merges = len(tokens) - base
    return max(2, base + max(1, math.ceil(merges * AUTO_SHARE)))


def _in_order(tokens: list[str], spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Each piece's (start, end) in ``text``, in order and without overlaps. The ``▁`` marks the
    normalizer adds borrow the place of a character beside them: a piece made only of marks gets the
    spaces it stands for (none for a mark before a word), and the next piece starts after them."""
    out: list[tuple[int, int]] = []
    end = 0
    append = out.append
    for token, (start, stop) in zip(tokens, spans, strict=False):
        if start < end:
            start = end
        if token and not token.strip("▁"):
            spaces = len(text[start : start + len(token)]) - len(text[start : start + len(token)].lstrip(" "))
            stop = start + spaces
        if stop < start:
            stop = start
        append((start, stop))
        end = stop
    return out


def unknown_capitals(tokenizer: TextTokenizer, encoding: Encoding) -> list[str]:
    """The capital letters that became ``<unk>`` in ``encoding`` although their lower case is known
    (the lesson's a..z has no "H" but has "h"), in order; empty when lower-casing would not help."""
    unknown = tokenizer.vocabulary.unknown_index
    if unknown is None or not len(encoding.indices):
        return []
    found: list[str] = []
    for k in (encoding.indices == unknown).nonzero()[0]:
        start, stop = encoding.spans[k] if k < len(encoding.spans) else (0, 0)
        for character in encoding.text[start:stop]:
            if character != character.lower() and character not in found:
                found.append(character)
    return [c for c in found if c.lower() != c and unknown not in tokenizer.encode(c.lower()).indices.tolist()]


def _unknown_token(hf: tokenizers.Tokenizer) -> str | None:
    model = hf.model
    token = getattr(model, "unk_token", None)
    return token if isinstance(token, str) and token else None


def _json_error_position(message: str) -> tuple[int | None, int | None, str]:
    match = re.search(r"(.*?)\s*at line (\d+) column (\d+)", message)
    if match:
        return int(match.group(2)), int(match.group(3)), match.group(1)
    return None, None, message.strip() or "unreadable"


def _wordpiece_from_vocab(path: Path, text: str) -> tokenizers.Tokenizer:
    """A BERT-style WordPiece tokenizer from one token per line; checks every line."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    from explorer.model.formats.errors import FormatError

    vocab: dict[str, int] = {}
    first_line: dict[str, int] = {}
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    for number, line in enumerate(lines, start=1):
        token = line.rstrip("\r")
        if not token.strip():
            raise FormatError(path, number, None, "is empty; a vocab.txt holds one token on every line")
        if any(c.isspace() for c in token):
            raise FormatError(path, number, None, f"'{token}' holds a space; a token cannot")
        if token in vocab:
            raise FormatError(path, number, None, f"'{token}' appears again (first on line {first_line[token]})")
        vocab[token] = len(vocab)
        first_line[token] = number
    unknown = next((t for t in ("[UNK]", UNKNOWN) if t in vocab), None)
    if unknown is None:
        raise FormatError(path, None, None, "holds no unknown token; add a line [UNK]")
    hf = Tokenizer(models.WordPiece(vocab, unk_token=unknown))
    hf.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    hf.decoder = decoders.WordPiece()
    specials = [t for t in vocab if t.startswith("[") and t.endswith("]")]
    if specials:
        hf.add_special_tokens(specials)
    return hf


#: Any of the three levels' tokenizers (each has ``encode``, ``decode``, ``vocabulary`` and ``level``).
TextTokenizer = CharacterTokenizer | WordTokenizer | SubwordTokenizer


def make_tokenizer(
    level: str,
    text: str = "",
    *,
    lowercase: bool = False,
    vocab_size: int | None = DEFAULT_VOCAB_SIZE,
    symbols: Iterable[str] = (),
) -> TextTokenizer:
    """The tokenizer for ``level``, fitted to ``text`` where the level learns from text."""
    if level == "char":
        return CharacterTokenizer(symbols, lowercase=lowercase)
    if level == "word":
        return WordTokenizer.fit(text, lowercase=lowercase)
    if level == "subword":
        return SubwordTokenizer.train(text, vocab_size, lowercase=lowercase)
    raise TokenizerError(f"unknown level '{level}'; choose char, word or subword")


def encode_text(
    level: str,
    text: str,
    lowercase: bool,
    vocab_size: int | None,
    symbols: str,
    loaded: TextTokenizer | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[TextTokenizer, Encoding]:
    """(tokenizer, encoding) of ``text`` for the vocabulary panel's settings: the ``loaded`` tokenizer at
    :data:`FILE_LEVEL`, else one made for ``level`` (the characters of ``symbols`` known at "char").

    Learning the vocabulary and splitting the text each take about a second for a megabyte:
    ``progress`` hears 0 of 2 before learning, 1 of 2 before splitting and 2 of 2 at the end, and a
    cancel stops the work at the next of them (Cancelled), so that Cancel frees the worker for the next
    text instead of letting it finish this one.
    """
    progress(0, 2)
    if level == FILE_LEVEL:
        if loaded is None:
            raise TokenizerError("no tokenizer file is open")
        tokenizer = loaded
    else:
        tokenizer = make_tokenizer(level, text, lowercase=lowercase, vocab_size=vocab_size, symbols=[symbols])
    progress(1, 2)
    encoding = tokenizer.encode(text)
    progress(2, 2)
    return tokenizer, encoding
