"""Text as the window shows it: a label of any length (1 MB) becomes a line of at most a hundred characters.

The table, claims and files keep every character; only what is drawn, written
into the working or put in a tooltip or the status bar is shortened, keeping
both ends (``xxxx…yyyy``) so that labels that differ at the end stay apart.
Shortening before any widget measures the text keeps a layout from asking for
millions of pixels (which crashed the relation label) or seconds per change.
"""

from __future__ import annotations

#: The longest label (in characters) the window shows whole.
SHOWN_CHARS = 100

#: The longest message (in characters) the status bar and message boxes show whole.
MESSAGE_CHARS = 300


def shown_text(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` on one line, whole when at most ``limit`` characters, else its start and end around '…'."""
    if len(text) > limit:
        head = (limit - 1) // 2
        text = text[:head] + "…" + text[len(text) - (limit - 1 - head) :]
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def shown_message(text: str) -> str:
    """A message for the status bar or a message box, at most :data:`MESSAGE_CHARS` characters."""
    return shown_text(text, MESSAGE_CHARS)
