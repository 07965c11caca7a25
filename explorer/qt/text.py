"""Text the widgets show: one way to put user text (labels, tokens, claims) into rich text."""

from __future__ import annotations

import html


def escape_html(text: str, mark_newlines: bool = False) -> str:
    """``text`` safe inside the content of Qt rich text (``<``, ``>`` and ``&`` escaped; not for attributes).

    ``mark_newlines`` shows a line break as ``⏎`` (a token or decoded text on one line).
    """
    escaped = html.escape(text, quote=False)
    return escaped.replace("\n", "⏎") if mark_newlines else escaped


#: The colour of a refusal or an error sentence shown in a panel.
ERROR_COLOUR = "#cf222e"


def error_html(text: str) -> str:
    """``text`` as rich text in the error colour (escaped)."""
    return f"<span style='color: {ERROR_COLOUR};'>{escape_html(text)}</span>"
