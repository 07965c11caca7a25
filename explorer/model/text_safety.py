"""Text from users made safe to show and to store: terminals, messages, spreadsheets.

- :func:`escape_controls`: control characters (an escape sequence that would
  recolour or retitle a terminal, a carriage return that would overwrite a
  line), lone surrogates and the invisible direction overrides become visible
  escapes such as ``\\x1b`` and ``\\u202e``.
- :func:`shown`: a label or file name as it appears inside a message: escaped,
  and a long one shortened in the middle (a 1 MB label stays one line).
- :func:`neutralise_formula` / :func:`restore_formula`: the OWASP defence
  against CSV injection. A text cell that a spreadsheet would run as a formula
  (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
  written with a leading apostrophe, which spreadsheets show as text; our own
  readers take exactly one apostrophe off again, so every label reads back
  unchanged.
- :func:`unsaveable_character`: what in a text could not be written to a
  file (a NUL, a lone surrogate), so readers refuse it when it comes in.
"""

from __future__ import annotations

import functools
import re

#: Characters escaped for terminals and messages: C0 and C1 controls, DEL, lone surrogates,
#: line and paragraph separators, and the invisible marks that reverse the direction of text.
_UNSAFE_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0xD800, 0xDFFF),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@functools.lru_cache(maxsize=16)
def _unsafe_except(keep: str) -> re.Pattern[str]:
    """The unsafe characters but those in ``keep``, as one character class (no call per kept character)."""
    parts: list[str] = []
    for low, high in _UNSAFE_RANGES:
        for code in [*sorted({ord(char) for char in keep if low <= ord(char) <= high}), high + 1]:
            if low < code:
                parts.append(f"\\U{low:08x}-\\U{code - 1:08x}")
            low = code + 1
    return re.compile("[" + "".join(parts) + "]")


_UNSAFE = _unsafe_except("")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``).

    Characters in ``keep`` (e.g. ``"\\n"`` for whole lines of output) pass unchanged.
    """
    unsafe = _unsafe_except(keep)
    if not unsafe.search(text):
        return text
    return unsafe.sub(_escape, text)


def shown(text: str, limit: int = 40) -> str:
    """``text`` for a message: control characters escaped, the middle of a long one elided."""
    text = escape_controls(text[: 4 * limit] + text[-4 * limit :] if len(text) > 8 * limit else text)
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    tail = limit - 1 - head
    return text[:head] + "…" + text[-tail:]


#: A text cell a spreadsheet would run: it starts with = + - @, a tab or a carriage return
#: (after any apostrophes, so that writing and reading stay each other's inverse).
_FORMULA = re.compile("'*[=+\\-@\t\r]")
_NEUTRALISED = re.compile("'+[=+\\-@\t\r]")


def neutralise_formula(cell: str) -> str:
    """``cell`` as a spreadsheet shows it but never runs it: ``=1+1`` is written ``'=1+1``."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore_formula(cell: str) -> str:
    """The text :func:`neutralise_formula` was given: one leading apostrophe less where it added one."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def unsaveable_character(text: str) -> str | None:
    """What in ``text`` no file could hold ('a NUL character (\\x00)'), or None when it can be saved."""
    if "\x00" in text:
        return "a NUL character (\\x00)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"a lone surrogate (\\u{ord(text[error.start]):04x})"
    return None
