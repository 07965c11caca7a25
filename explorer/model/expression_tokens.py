"""The words of an expression: numbers, labels, operators, brackets and relations.

Known labels are read whole, the longest first, so that ``new york`` is one
label when the table has it; anything else that is a label is quoted. Every
character that is not understood raises an :class:`ExpressionError` naming its
column. Renaming a label inside a written expression or claim (when a vector is
renamed) keeps everything else as the user wrote it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

#: Longer expressions are refused (no one types them; a pasted book would take long to scan).
MAX_LENGTH = 10_000
#: A known label read without quotes spans at most this many words and symbols.
MAX_LABEL_PIECES = 8

PLUS, MINUS, TIMES, DIVIDE = "+", "-", "*", "/"
_OPERATORS = {"+": PLUS, "-": MINUS, "−": MINUS, "–": MINUS, "*": TIMES, "×": TIMES, "·": TIMES, "⋅": TIMES}
_OPERATORS.update({"/": DIVIDE, "÷": DIVIDE})
RELATIONS = ("==", "~=", "≈", "≃", "~", "=")
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’"}

_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[^\W\d]\w*(?:[.'’]\w+)*")
_PIECE = re.compile(r"\w+|[^\w\s]")
_SPACED_OPERATOR = re.compile(r"\s[-+−–*×·⋅/÷=≈≃~]|[-+−–*×·⋅/÷=≈≃~]\s")


class ExpressionError(ValueError):
    """An expression that cannot be read or computed; ``str()`` is one sentence for the user.

    ``column`` is where the trouble is (1 for the first character), or None.
    """

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.column = column


def shown(text: str, limit: int = 60) -> str:
    """``text`` in quotes for a message, shortened in the middle when long."""
    if len(text) > limit:
        text = text[: limit // 2 - 1] + "…" + text[-(limit // 2 - 1) :]
    return f"'{text}'"


def located(text: str, column: int | None, message: str) -> str:
    """``'D = A +', column 8: message``: the sentence every error of an expression reads as."""
    where = f"{shown(text)}, column {column}" if column is not None else shown(text)
    return f"{where}: {message}"


# -------------------------------------------------------------------- tokens
@dataclass(frozen=True)
class Token:
    """One piece of an expression: kind is number, label, op, open, close or rel."""

    kind: str
    value: object
    start: int  # index in the text of its first character
    end: int  # index just after it
    raw: str = ""  # as written

    @property
    def column(self) -> int:
        return self.start + 1

    def describe(self) -> str:
        if self.kind == "number":
            return self.raw or format_number(self.value)  # type: ignore[arg-type]  # a number token holds a float
        if self.kind == "label":
            return format_label(str(self.value))
        return f"'{self.raw or self.value}'"


def tokenize(text: str, labels: Collection[str] = ()) -> list[Token]:
    """The tokens of ``text``; known ``labels`` (a set or dict is quickest) are read whole.

    Raises ExpressionError for a character that is not understood, an unclosed
    quote, a number too large to store, or text longer than MAX_LENGTH.
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"The expression is {len(text):,} characters long, more than the {MAX_LENGTH:,} an expression may have"
        )
    return list(_scan(text, _as_lookup(labels)))


def _scan(text: str, labels: Collection[str]) -> Iterator[Token]:
    i, previous = 0, None
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        token = None
        if ch in _QUOTES:
            token = _quoted(text, i)
        elif (rel := next((r for r in RELATIONS if text.startswith(r, i)), None)) is not None:
            token = Token("rel", rel, i, i + len(rel), rel)
        elif ch in _OPERATORS:
            token = Token("op", _OPERATORS[ch], i, i + 1, ch)
        elif ch in "()":
            token = Token("open" if ch == "(" else "close", ch, i, i + 1, ch)
        elif (label := _known_label_at(text, i, labels)) is not None:
            token = Token("label", label, i, i + len(label))
        elif number := _NUMBER.match(text, i):
            value = float(number.group())
            if not math.isfinite(value):
                raise ExpressionError(
                    located(
                        text,
                        i + 1,
                        f"the number {_clip(number.group())} is too large to store (the largest is about 1.8e308)",
                    ),
                    i + 1,
                )
            token = Token("number", value, i, number.end(), number.group())
        elif word := _WORD.match(text, i):
            name = word.group()
            times = name == "x" and previous is not None and previous.kind == "number" and text[word.end() :].strip()
            token = Token("op", TIMES, i, word.end(), "x") if times else Token("label", name, i, word.end())
        else:
            raise ExpressionError(
                located(text, i + 1, f"'{ch}' is not understood; write vectors, numbers, + - * / and brackets"),
                i + 1,
            )
        yield token
        previous = token
        i = token.end


def _clip(text: str) -> str:
    return text if len(text) <= 24 else text[:10] + "…" + text[-10:]


def _quoted(text: str, i: int) -> Token:
    """A quoted label starting at ``i``; the closing quote written twice stands for itself."""
    close = _QUOTES[text[i]]
    parts, j = [], i + 1
    while True:
        end = text.find(close, j)
        if end < 0:
            raise ExpressionError(located(text, i + 1, f"the quote {text[i]} is never closed"), i + 1)
        parts.append(text[j:end])
        if text.startswith(close, end + 1):
            parts.append(close)
            j = end + 2
            continue
        return Token("label", "".join(parts), i, end + 1)


def _known_label_at(text: str, i: int, labels: Collection[str]) -> str | None:
    """The longest known label that starts at ``i``, ends a word, and reads as one label.

    A candidate with an operator next to a space (``a + b``), a bracket or a
    quote is never read unquoted, nor one that is a plain number, nor one that
    starts with a digit and holds a space (``2 A`` is a product).
    """
    if not labels:
        return None
    ends, j = [], i
    for _ in range(MAX_LABEL_PIECES):
        piece = _PIECE.match(text, j)
        if piece is None:
            break
        ends.append(piece.end())
        j = piece.end()
        while j < len(text) and text[j].isspace():
            j += 1
    for end in reversed(ends):
        candidate = text[i:end]
        if candidate in labels and _ends_word(text, end) and _readable_unquoted(candidate):
            return candidate
    return None


def _readable_unquoted(candidate: str) -> bool:
    if any(ch in "()" or ch in _QUOTES for ch in candidate):
        return False
    if _NUMBER.fullmatch(candidate) or _SPACED_OPERATOR.search(candidate):
        return False
    return not (candidate[0].isdigit() and any(ch.isspace() for ch in candidate))


def _ends_word(text: str, j: int) -> bool:
    return j >= len(text) or not (text[j].isalnum() or text[j] == "_")


def format_number(value: float) -> str:
    """A number as it reads back exactly: 2, 2.5, 0.1, 1e-05, 1e300."""
    if value == int(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value)).replace("e+", "e")


def format_label(name: str) -> str:
    """``name`` as written in an expression: bare when it reads back as one word, else quoted."""
    if _WORD.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'


# ------------------------------------------------------------------ renaming
def named_labels(text: str, labels: Collection[str] = ()) -> list[str]:
    """The labels ``text`` names, in order (known ``labels`` read whole); [] when it cannot be read."""
    try:
        return [str(t.value) for t in tokenize(text or "", _as_lookup(labels)) if t.kind == "label"]
    except ExpressionError:
        return []


def rename_labels(text: str, renamed: dict[str, str], labels: Collection[str]) -> str:
    """``text`` with every label in ``renamed`` replaced by its new name, the rest kept as written.

    ``labels`` are the labels known before the renaming (so that ``new york``
    is one label). A new name that would not read back as one word is quoted.
    Text that cannot be read comes back unchanged.
    """
    try:
        tokens = tokenize(text, _as_lookup(labels))
    except ExpressionError:
        return text
    out, last = [], 0
    for token in tokens:
        if token.kind == "label" and token.value in renamed:
            out += [text[last : token.start], format_label(renamed[str(token.value)])]
            last = token.end
    return "".join(out) + text[last:] if out else text


def _as_lookup(labels: Collection[str]) -> Collection[str]:
    return labels if isinstance(labels, dict | set | frozenset) else dict.fromkeys(labels)
