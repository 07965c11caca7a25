"""How the working panel's parts follow the table: which of its signals matter, and handlers that stop
once their widget is gone."""

from __future__ import annotations

import functools

from shiboken6 import isValid


def while_alive(handler):
    """Skip a model-signal handler once Qt has deleted the widget (the model outlives panels)."""

    @functools.wraps(handler)
    def wrapper(self, *args):
        if isValid(self):
            handler(self, *args)

    return wrapper


def table_signals(table):
    """The model signals after which the working and the claims are out of date."""
    return (table.values_changed, table.labels_changed, table.dimensions_changed, *table.structure_signals())
