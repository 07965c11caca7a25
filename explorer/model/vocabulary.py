"""A vocabulary: each token gets one integer index, for good.

The index is what a language model sees instead of the text, and it picks a
row of the embedding matrix. Indices are given in the order tokens are added
and never change afterwards, so the same input gives the same indices every
time. Special tokens (the unknown token ``<unk>``, padding, ...) live in the
same index space, so each has an embedding row, but are kept apart: they are
listed separately and never come from the text itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

#: The token that stands for anything the vocabulary does not hold.
UNKNOWN = "<unk>"


class MissingTokenError(KeyError):
    """A token (or index) the vocabulary or the word vectors do not hold."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Vocabulary:
    """Token <-> index, stable; an optional unknown token; special tokens kept apart."""

    def __init__(
        self,
        tokens: Iterable[str] = (),
        specials: Sequence[str] = (),
        unknown: str | None = None,
    ):
        self._tokens: list[str] = []
        self._index: dict[str, int] = {}
        self._special: set[int] = set()
        #: How often each index was seen by :meth:`count` (e.g. in the text a vocabulary was learnt from).
        self.counts: dict[int, int] = {}
        for token in tokens:
            self.add(token)
        for token in specials:
            self.add(token, special=True)
        self._unknown: int | None = None
        if unknown is not None:
            self.set_unknown(unknown)

    # ----------------------------------------------------------------- reading
    def __len__(self) -> int:
        return len(self._tokens)

    def __contains__(self, token: object) -> bool:
        return token in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._tokens)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Every token, in index order."""
        return tuple(self._tokens)

    @property
    def special_tokens(self) -> tuple[str, ...]:
        """The special tokens (unknown, padding, ...), in index order."""
        return tuple(self._tokens[i] for i in sorted(self._special))

    @property
    def unknown_index(self) -> int | None:
        """The index of the unknown token, or None when unknown input is refused."""
        return self._unknown

    @property
    def unknown_token(self) -> str | None:
        return None if self._unknown is None else self._tokens[self._unknown]

    def is_special(self, index: int) -> bool:
        """True for the unknown token and the other special tokens."""
        return index in self._special

    def index(self, token: str) -> int:
        """The index of ``token``; the unknown index when it is missing (KeyError without one)."""
        found = self._index.get(token)
        if found is not None:
            return found
        if self._unknown is not None:
            return self._unknown
        raise MissingTokenError(f"'{token}' is not in the vocabulary of {len(self)} tokens")

    def token(self, index: int) -> str:
        """The token at ``index``."""
        if not 0 <= int(index) < len(self._tokens):
            raise MissingTokenError(f"index {index} is outside the vocabulary (0 to {len(self) - 1})")
        return self._tokens[int(index)]

    def get(self, token: str) -> int | None:
        """The index of ``token``, or None when the vocabulary does not hold it."""
        return self._index.get(token)

    # ---------------------------------------------------------------- changing
    def add(self, token: str, special: bool = False) -> int:
        """Add ``token`` (when new) and return its index; existing indices never move."""
        if not isinstance(token, str) or token == "":
            raise ValueError("a token must be a string that is not empty")
        found = self._index.get(token)
        if found is not None:
            if special:
                self._special.add(found)
            return found
        index = len(self._tokens)
        self._tokens.append(token)
        self._index[token] = index
        if special:
            self._special.add(index)
        return index

    def set_unknown(self, token: str) -> int:
        """Make ``token`` (added when new, as a special token) the one unknown input reads as."""
        self._unknown = self.add(token, special=True)
        return self._unknown

    def copy(self) -> Vocabulary:
        """An independent copy (same indices, same counts)."""
        other = Vocabulary()
        other._tokens = list(self._tokens)
        other._index = dict(self._index)
        other._special = set(self._special)
        other._unknown = self._unknown
        other.counts = dict(self.counts)
        return other

    def count(self, indices: Iterable[int]) -> None:
        """Add one to the count of every index in ``indices``."""
        counts = self.counts
        for index, times in Counter(_as_ints(indices)).items():  # first seen first, as one at a time
            counts[index] = counts.get(index, 0) + times

    # ------------------------------------------------------ encode and decode
    def encode(self, tokens: Iterable[str]) -> np.ndarray:
        """The indices of ``tokens`` (int64); unknown tokens take the unknown index."""
        tokens = list(tokens)
        lookup = self._index.get
        unknown = self._unknown
        out = [lookup(t, unknown) for t in tokens]
        if unknown is None and None in out:
            missing = tokens[out.index(None)]
            raise MissingTokenError(f"'{missing}' is not in the vocabulary of {len(self)} tokens")
        return np.array(out, dtype=np.int64)

    def decode(self, indices: Iterable[int]) -> list[str]:
        """The tokens at ``indices``; an index outside the vocabulary raises MissingTokenError."""
        tokens = self._tokens
        wanted = _as_ints(indices)
        if wanted and (min(wanted) < 0 or max(wanted) >= len(tokens)):
            i = next(i for i in wanted if not 0 <= i < len(tokens))
            raise MissingTokenError(f"index {i} is outside the vocabulary (0 to {len(tokens) - 1})")
        return list(map(tokens.__getitem__, wanted))


@dataclass
class Encoding:
    """Text split into tokens and their indices, with where each token came from.

    ``spans[k]`` is the (start, end) of token ``k`` in ``text``, which lets a
    view highlight each token against its index.
    """

    text: str
    tokens: list[str]
    indices: np.ndarray
    spans: list[tuple[int, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.tokens)

    def counts(self) -> dict[int, int]:
        """How often each index occurs in the text, {index: count}."""
        if not len(self.indices):
            return {}
        values, counts = np.unique(self.indices, return_counts=True)
        return dict(zip(values.tolist(), counts.tolist()))


def display_token(token: str) -> str:
    """A token as a person can read it in a table: a space as ␣, a newline as ⏎, a tab as ⇥."""
    return token.replace(" ", "␣").replace("\n", "⏎").replace("\t", "⇥").replace("\r", "␍")


def _as_ints(indices: Iterable[int]) -> list[int]:
    """``indices`` as Python ints (an integer array converted at once, in C)."""
    if isinstance(indices, np.ndarray) and indices.ndim == 1 and indices.dtype.kind in "iu":
        return list(indices.tolist())
    return [int(i) for i in indices]
