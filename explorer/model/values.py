"""Turning what a person typed into a number, or into a clear refusal."""

from __future__ import annotations

import math

from explorer.model.text_safety import shown


class InvalidValue(ValueError):
    """Text that is not a finite number; the message says why in plain words."""


def parse_number(text: str) -> float:
    """Return the finite float that ``text`` spells, or raise :class:`InvalidValue`.

    Accepts ``3``, ``-7.5``, ``1e-3``, ``1,5`` is refused (ambiguous), and so are
    empty text, letters, ``nan``, ``inf`` and numbers too large for a float
    such as ``1e400``.
    """
    stripped = text.strip()
    if not stripped:
        raise InvalidValue("the cell is empty; type a number such as 3 or 7.5")
    lowered = stripped.lower().lstrip("+-")
    if lowered in ("nan", "inf", "infinity"):
        raise InvalidValue(f"'{shown(stripped)}' is not a finite number; type a number such as 3 or 7.5")
    try:
        if "_" in stripped:  # Python reads 1_0 as 10; a person typing it does not mean that
            raise ValueError(stripped)
        value = float(stripped)
    except ValueError:
        if stripped.count(".") > 1:
            reason = "it has more than one decimal point"
        elif "," in stripped:
            reason = "use a point, not a comma, as the decimal mark"
        else:
            reason = "it is not a number"
        raise InvalidValue(f"'{shown(stripped)}' is refused: {reason}") from None
    if not math.isfinite(value):
        raise InvalidValue(f"'{shown(stripped)}' is too large to store (the largest is about 1.8e308)")
    return value


def format_number(value: float, digits: int = 6) -> str:
    """Format ``value`` compactly for a table cell: ``3``, ``7.5``, ``1e-300``."""
    if value != value:
        return "undefined"
    return f"{value:.{digits}g}"
