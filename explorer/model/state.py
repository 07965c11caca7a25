"""Typed, evented state without Qt: the base of the view states (explorer/model/view_state.py).

A :class:`State` declares :class:`Field` s with a default and a check. Setting
one (or several at once with :meth:`State.update`) checks every value first, so
a refused value changes nothing, then announces ``changed(names)`` once with
the names of the fields that changed. :meth:`State.to_dict` and
:meth:`State.read_dict` save and read the fields; reading is tolerant: a value
the check refuses falls back to its default.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from explorer.model.events import Signal


class Field:
    """A typed value of a :class:`State`: a default and a check that returns the value to keep."""

    def __init__(self, default: Any, check: Callable[[Any], Any] | None = None, doc: str = ""):
        self.default = default
        self.check = check or (lambda value: value)
        self.name = ""
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: State | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return instance._values[self.name]

    def __set__(self, instance: State, value: Any) -> None:
        instance.update(**{self.name: value})


class State:
    """Base of the view states: fields with defaults, checked on every change, evented."""

    changed = Signal(object)  # frozenset of the names of the fields that changed
    fields: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.fields = {
            name: value
            for klass in reversed(cls.__mro__)
            for name, value in vars(klass).items()
            if isinstance(value, Field)
        }

    def __init__(self, **values: Any):
        self._values: dict[str, Any] = {name: field.default for name, field in self.fields.items()}
        if values:
            self.update(**values)

    def update(self, **values: Any) -> frozenset[str]:
        """Set several fields at once (each checked first: a refused value changes nothing);
        announce the ones that changed in one event, and return their names."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise AttributeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        checked = {name: self.fields[name].check(value) for name, value in values.items()}
        names = frozenset(name for name, value in checked.items() if self._values[name] != value)
        for name in names:
            self._values[name] = checked[name]
        if names:
            self.changed.emit(names)
        return names

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready values."""
        return {name: _plain(value) for name, value in self._values.items()}

    def read_dict(self, data: Any) -> None:
        """Take the usable fields of ``data`` (a dict read from a file); the others get their defaults."""
        values = {name: field.default for name, field in self.fields.items()}
        if isinstance(data, dict):
            for name, field in self.fields.items():
                if name in data:
                    with contextlib.suppress(ValueError, TypeError, OverflowError):  # unusable: the default stands
                        values[name] = field.check(data[name])
        self.update(**values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{type(self).__name__}({inner})"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def check_choice(choices: Iterable[str], allow_none: bool = False) -> Callable[[Any], Any]:
    options = tuple(choices)

    def check(value: Any) -> Any:
        if value is None and allow_none:
            return None
        if value not in options:
            raise ValueError(f"'{value}' is not one of {', '.join(options)}")
        return value

    return check


def check_index(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1_000_000:
        raise ValueError(f"{value!r} is not a dimension's index")
    return int(value)


def check_optional_name(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 1000:
        raise ValueError(f"{value!r} is not a name")
    return value


def check_flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def check_axes(value: Any) -> tuple[str, ...]:
    """Custom axes: four labels (x from, x to, y from, y to), or none."""
    labels = tuple(value)
    if labels and (len(labels) != 4 or not all(isinstance(v, str) and v and len(v) <= 10_000 for v in labels)):
        raise ValueError(f"{value!r} is not four labels")
    return labels


def check_count(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{value!r} is not a whole number from {low} to {high}")
        return int(value)

    return check
