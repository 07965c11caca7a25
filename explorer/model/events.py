"""Events the model announces: a small, Qt-free signal.

``class VectorTable: values_changed = Signal(object, object)`` declares an
event; ``table.values_changed.connect(slot)`` listens and
``table.values_changed.emit(rows, columns)`` announces. A bound method is held
weakly, so a view that goes away stops listening by itself; a slot may take
fewer arguments than the signal sends (the first ones are passed).

A listener that raises is reported, as napari's emitter does, and the other
listeners still hear of the change; the error never reaches the code that
emitted (a command that changed the table stays a change, with its undo step).
Reports go to :data:`listener_error_hook`: ``sys.excepthook`` unless the Qt
side sets it to show the error in the status bar and log it.

We wrote this rather than depend on psygnal: it is all the model needs, and
importing psygnal cost about 30 ms of the program's start-up.
"""

from __future__ import annotations

import inspect
import sys
import types
import weakref
from collections.abc import Callable
from typing import Any, overload

#: A slot: called with the first arguments of an emit (as many as it takes); what it returns is ignored.
Listener = Callable[..., object]
_Entry = tuple[Callable[..., Any], bool, int]  # (slot or weak reference to it, weak?, arguments taken)


def report_to_excepthook(error: BaseException, signal: str, listener: Listener) -> None:
    """The default report of a failing listener: ``sys.excepthook``, as an uncaught error would have."""
    sys.excepthook(type(error), error, error.__traceback__)


#: Called as ``hook(error, signal_name, listener)`` when a listener raises; the window sets its own.
listener_error_hook: Callable[[BaseException, str, Listener], None] = report_to_excepthook


class Signal:
    """Declares an event on a class; each instance gets its own :class:`SignalInstance`."""

    def __init__(self, *types: type):
        self.types = types
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> Signal: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> SignalInstance: ...
    def __get__(self, instance: object, owner: type | None = None) -> Signal | SignalInstance:
        if instance is None:
            return self
        bound = SignalInstance(len(self.types), self.name)
        instance.__dict__[self.name] = bound  # later lookups find it directly
        return bound


class SignalInstance:
    """The listeners of one event of one object."""

    __slots__ = ("_arity", "_changes", "_first", "_slots", "name")

    def __init__(self, arity: int, name: str = ""):
        self._slots: list[_Entry] = []
        self._first = 0  # how many slots at the front were connected with first=True
        self._changes = 0  # bumped when listeners are dropped, so that an emit under way skips them
        self._arity = arity
        self.name = name

    def connect(self, slot: Listener, *, first: bool = False) -> Listener:
        """Call ``slot`` on every emit (bound methods are held weakly); returns ``slot``.

        ``first=True`` calls it before the listeners connected without it: an
        item model that must finish a structural change (``endRemoveRows``)
        before any other listener touches the rows.
        """
        if not callable(slot):
            raise TypeError(f"cannot connect {slot!r} to {self.name}: it is not callable")
        count = _accepted_arguments(slot, self._arity)
        entry: _Entry = (weakref.WeakMethod(slot), True, count) if inspect.ismethod(slot) else (slot, False, count)
        if first:
            self._slots.insert(self._first, entry)
            self._first += 1
        else:
            self._slots.append(entry)
        return slot

    def disconnect(self, slot: Listener | None = None) -> None:
        """Stop calling ``slot`` (every listener when None); a slot not connected is ignored."""
        if slot is None:
            self._slots = []
            self._first = 0
            self._changes += 1
            return
        self._keep(lambda entry: _resolve(entry) not in (slot, None))

    def emit(self, *args: Any) -> None:
        """Call every listener with ``args`` (as many of them as it takes).

        A listener that raises is reported to :data:`listener_error_hook` and
        does not keep the others from hearing of the change; nothing is raised here.
        """
        stale = False
        changes = self._changes
        for entry in tuple(self._slots):
            if self._changes != changes and not any(entry is kept for kept in self._slots):
                continue  # disconnected by an earlier listener of this emit
            target = _resolve(entry)
            if target is None:
                stale = True
                continue
            try:
                target(*args[: entry[2]])
            except Exception as error:  # noqa: BLE001 - reported; the change stays a change
                _report(error, self.name, target)
        if stale:
            self._keep(lambda entry: _resolve(entry) is not None)

    def _keep(self, wanted: Callable[[_Entry], bool]) -> None:
        self._changes += 1
        front = [entry for entry in self._slots[: self._first] if wanted(entry)]
        self._slots = front + [entry for entry in self._slots[self._first :] if wanted(entry)]
        self._first = len(front)

    def __len__(self) -> int:
        return len(self._slots)


def _report(error: BaseException, signal: str, listener: Listener) -> None:
    try:
        listener_error_hook(error, signal, listener)
    except Exception:  # noqa: BLE001 - a broken reporter must not break the emit either
        report_to_excepthook(error, signal, listener)


def _resolve(entry: _Entry) -> Listener | None:
    target, weak, _ = entry
    return target() if weak else target


def _accepted_arguments(slot: Listener, arity: int) -> int:
    """How many of the signal's ``arity`` arguments ``slot`` takes.

    Plain functions and methods (almost every slot) are read from their code object, which is what
    ``inspect.signature`` would find for them, in 1 µs instead of ~17 µs (a window connects ~150 slots);
    anything else (partials, wrapped functions, callable objects) asks ``inspect.signature``.
    """
    function, bound = _plain_function(slot)
    if function is not None:
        code = function.__code__
        if code.co_flags & inspect.CO_VARARGS:
            return arity
        count = code.co_argcount  # positional-only and positional-or-keyword parameters
        if bound:
            if count == 0:  # a method without a parameter for its object: signature() refuses it
                return arity
            count -= 1
        return min(count, arity)
    try:
        parameters = inspect.signature(slot).parameters.values()
    except (TypeError, ValueError):  # builtins and some extension callables
        return arity
    count = 0
    for parameter in parameters:
        if parameter.kind is parameter.VAR_POSITIONAL:
            return arity
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            count += 1
    return min(count, arity)


def _plain_function(slot: Listener) -> tuple[types.FunctionType | None, bool]:
    """The Python function behind ``slot`` and whether it is bound to an object, when its code object
    alone says what it takes (no ``__wrapped__`` or ``__signature__`` that inspect would follow);
    else (None, False)."""
    bound = isinstance(slot, types.MethodType)
    function = slot.__func__ if isinstance(slot, types.MethodType) else slot
    if type(function) is not types.FunctionType:
        return None, False
    if hasattr(function, "__wrapped__") or hasattr(function, "__signature__"):
        return None, False
    return function, bound
