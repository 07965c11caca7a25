"""``json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)``, the same text, faster.

With ``indent`` Python's json uses its pure-Python encoder, one generator step per
number; a document of thousands of vectors spent most of its saving there. Here each
list of plain floats (a vector's values) is written with one ``join``, and everything
else goes through json's own scalar encoder, so the text is identical byte for byte
(``tests/model/test_indented_json.py`` compares the two on generated data). Anything
this writer does not know (a key that is not text, a NaN, a type json refuses) is
handed to ``json.dumps`` itself, which gives json's own result or error.
"""

from __future__ import annotations

import json
from typing import Any

_SCALARS = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
_encode_text = json.encoder.encode_basestring
_FLOATS_ONLY = {float}
_CONSTANTS = {True: "true", False: "false", None: "null"}


class _Unusual(Exception):
    """Something only json.dumps itself should decide about."""


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)``."""
    parts: list[str] = []
    try:
        _write(data, "\n", parts)
    except (_Unusual, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    return "".join(parts)


def _write(value: Any, newline: str, parts: list[str]) -> None:
    """Append ``value`` at the depth where ``newline`` (a line end and its indent) starts its lines."""
    text = _plain(value)
    if text is not None:
        parts.append(text)
    elif isinstance(value, str):
        parts.append(_encode_text(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            text = _plain(item)
            if text is not None:  # most members: no call deeper
                parts.append(separator + _encode_text(key) + ": " + text)
            else:
                parts.append(separator + _encode_text(key) + ": ")
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + " "
        if set(map(type, value)) == _FLOATS_ONLY:
            text = ("," + inner).join(map(float.__repr__, value))
            if "n" in text:  # nan or inf: json's own error
                raise _Unusual
            parts.append("[" + inner + text + newline + "]")
            return
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif value is None or isinstance(value, (bool, int, float)):
        try:
            parts.append(_SCALARS.encode(value))
        except ValueError:
            raise _Unusual from None
    else:
        raise _Unusual


def _plain(value: Any) -> str | None:
    """The JSON of a value of exactly str, bool, None, int or float (as json writes it); None for others."""
    kind = type(value)
    if kind is str:
        return _encode_text(value)
    if kind is float:
        text = float.__repr__(value)
        if "n" in text:  # nan or inf: json's own error
            raise _Unusual
        return text
    if kind is bool or value is None:
        return _CONSTANTS[value]
    if kind is int:
        try:
            return int.__repr__(value)
        except ValueError:  # more digits than Python writes: json's own error
            raise _Unusual from None
    return None
