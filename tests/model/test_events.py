"""The model's signal: listeners, fewer arguments, weakly held methods, disconnecting."""

import functools
import gc

from explorer.model import events
from explorer.model.events import Signal


class Source:
    changed = Signal(int, int)


class Listener:
    def __init__(self):
        self.seen = []

    def on_change(self, rows, columns):
        self.seen.append((rows, columns))


def test_each_instance_has_its_own_listeners():
    a, b, seen = Source(), Source(), []
    a.changed.connect(lambda r, c: seen.append(("a", r, c)))
    b.changed.emit(1, 2)
    a.changed.emit(3, 4)
    assert seen == [("a", 3, 4)]


def test_a_slot_may_take_fewer_arguments():
    source, seen = Source(), []
    source.changed.connect(lambda rows: seen.append(rows))
    source.changed.connect(lambda: seen.append("none"))
    source.changed.connect(lambda *args: seen.append(args))
    source.changed.emit(5, 6)
    assert seen == [5, "none", (5, 6)]


class Slots:
    """Slots of every shape a listener comes in, each recording what it was called with."""

    def __init__(self):
        self.seen = []

    def one(self, rows):
        self.seen.append(("one", rows))

    def keyword_only(self, rows, *, extra=None):
        self.seen.append(("keyword_only", rows, extra))

    def positional_only(self, rows, columns, /):
        self.seen.append(("positional_only", rows, columns))

    def var(self, *args):
        self.seen.append(("var", args))

    def three(self, a, b, c=None):  # takes more than the signal sends: gets what there is
        self.seen.append(("three", a, b, c))


def test_methods_partials_and_wrapped_functions_get_the_arguments_they_take():
    source, slots = Source(), Slots()

    @functools.wraps(slots.one)
    def wrapped(*args):  # follows its __wrapped__, as inspect.signature does: one argument
        slots.seen.append(("wrapped", args))

    for slot in (slots.one, slots.keyword_only, slots.positional_only, slots.var, slots.three, wrapped):
        source.changed.connect(slot)
    source.changed.connect(functools.partial(slots.three, "p"))
    source.changed.connect(functools.partial(slots.one))
    source.changed.emit(5, 6)
    assert slots.seen == [
        ("one", 5),
        ("keyword_only", 5, None),
        ("positional_only", 5, 6),
        ("var", (5, 6)),
        ("three", 5, 6, None),
        ("wrapped", (5,)),
        ("three", "p", 5, 6),
        ("one", 5),
    ]


def test_bound_methods_are_held_weakly():
    source, listener = Source(), Listener()
    source.changed.connect(listener.on_change)
    source.changed.emit(1, 2)
    assert listener.seen == [(1, 2)]
    del listener
    gc.collect()
    source.changed.emit(3, 4)  # no error: the dead listener is dropped
    assert len(source.changed) == 0


def test_disconnect_one_or_all():
    source, listener, seen = Source(), Listener(), []

    def plain(rows, columns):
        seen.append(rows)

    source.changed.connect(listener.on_change)
    source.changed.connect(plain)
    source.changed.disconnect(listener.on_change)
    source.changed.emit(1, 2)
    assert listener.seen == [] and seen == [1]
    source.changed.disconnect(plain)
    source.changed.disconnect(plain)  # not connected any more: ignored
    source.changed.connect(plain)
    source.changed.disconnect()
    source.changed.emit(3, 4)
    assert seen == [1]


def test_an_exception_in_a_listener_is_reported_not_raised_into_the_emitter(monkeypatch):
    """A failing view must not turn the change that triggered it into an error of the change."""
    source, reports = Source(), []
    monkeypatch.setattr(events, "listener_error_hook", lambda error, signal, slot: reports.append((error, signal)))

    def broken(rows, columns):
        raise ZeroDivisionError("boom")

    source.changed.connect(broken)
    source.changed.emit(1, 2)  # does not raise
    assert [(type(e), str(e), name) for e, name in reports] == [(ZeroDivisionError, "boom", "changed")]


def test_a_listener_that_raises_does_not_keep_the_others_from_hearing(monkeypatch):
    source, seen, reports = Source(), [], []
    monkeypatch.setattr(events, "listener_error_hook", lambda error, signal, slot: reports.append(slot))

    def broken(rows, columns):
        raise ZeroDivisionError("boom")

    source.changed.connect(lambda rows, columns: seen.append(("first", rows)), first=True)
    source.changed.connect(broken)
    source.changed.connect(lambda rows, columns: seen.append(("later", rows)))
    source.changed.emit(1, 2)
    assert seen == [("first", 1), ("later", 1)]
    assert reports == [broken]


def test_by_default_a_listener_error_goes_to_sys_excepthook(monkeypatch):
    source, hooked = Source(), []
    monkeypatch.setattr("sys.excepthook", lambda kind, value, tb: hooked.append((kind, str(value))))

    def broken(rows, columns):
        raise KeyError("gone")

    source.changed.connect(broken)
    source.changed.emit(1, 2)
    assert hooked == [(KeyError, "'gone'")]


def test_a_listener_disconnected_during_an_emit_is_not_called_by_it():
    source, seen = Source(), []
    later = Listener()

    def first(rows, columns):
        seen.append("first")
        source.changed.disconnect(later.on_change)  # e.g. a panel closing in response

    source.changed.connect(first)
    source.changed.connect(later.on_change)
    source.changed.emit(1, 2)
    assert seen == ["first"] and later.seen == []
    source.changed.emit(3, 4)
    assert seen == ["first", "first"] and later.seen == []


def test_first_listeners_are_called_before_the_others_in_their_own_order():
    source, seen = Source(), []
    source.changed.connect(lambda: seen.append("panel"))
    dead = Listener()
    source.changed.connect(dead.on_change, first=True)
    source.changed.connect(lambda: seen.append("item model"), first=True)
    source.changed.connect(lambda: seen.append("second first"), first=True)
    source.changed.connect(lambda: seen.append("late panel"))
    del dead
    gc.collect()
    source.changed.emit(1, 2)  # drops the dead first listener, keeps the order
    source.changed.connect(lambda: seen.append("third first"), first=True)
    seen.clear()
    source.changed.emit(1, 2)
    assert seen == ["item model", "second first", "third first", "panel", "late panel"]
