"""The first free name: ``v``, ``v2``, ``v3`` for a label, ``note``, ``note 2`` for a metadata column."""

from __future__ import annotations

from collections.abc import Container


def unique_name(stem: str, used: Container[str], separator: str = "") -> str:
    """``stem`` if it is not in ``used``, else ``stem2``, ``stem3``, ... (``stem 2`` with ``separator=" "``)."""
    if stem not in used:
        return stem
    n = 2
    while f"{stem}{separator}{n}" in used:
        n += 1
    return f"{stem}{separator}{n}"
