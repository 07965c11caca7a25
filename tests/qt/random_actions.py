"""Seeded random actions on the main window, with the invariants checked after each one.

:func:`run` drives one window through ``count`` actions chosen by a seeded
generator, as a user would through the window's own widgets and actions: cell
edits (including ±1e308, 1e-308 and zero vectors), labels, added and removed
vectors and dimensions, pastes, metric, order and projection changes, undo and
redo bursts, drags of arrow tips, claims, selections and metadata columns
(:mod:`tests.qt.random_metadata`). After each action:

- the document, the table model, the plot and the heatmap agree;
- undo of every step, at the end, gives back the starting document exactly
  (undo and redo bursts during the walk are checked like any other action).

Qt warnings and exceptions (a failing listener included) fail the test by
themselves (``qt_log_level_fail`` and pytest-qt's exception capture). A failure
names the seed and the last actions, so that it can be replayed with
``python -m tests.qt.random_actions SEED COUNT``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from PySide6.QtCore import QPoint, Qt

from explorer.model.claim_list import AddClaims, remove_claims_command
from explorer.model.commands import set_vector
from explorer.model.display import shown_text
from explorer.model.similarity import METRICS, norms, similarity_matrix
from explorer.model.values import format_number
from tests.qt.random_metadata import check_metadata, metadata_action

#: Values a cell edit draws from: the lesson's, huge, tiny, zero, negative zero.
EDGE_VALUES = (3.0, 7.5, -2.5, 0.0, -0.0, 1e308, -1e308, 1.7e308, 1e-308, -1e-308, 1e-300, 1e300, 0.353, 42.0)
#: Text typed into a cell that the table must refuse, changing nothing.
REFUSED_TEXT = ("abc", "nan", "inf", "1e400", "", "1.2.3")
LABELS = ("A", "B", "F", "G", "king", "queen", "new york", "Ünï", "x" * 300, "<unk>", "=1+1")


@dataclass
class Log:
    """What was done, for the message of a failure."""

    seed: int
    actions: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, detail: str = "") -> None:
        self.actions.append(f"{name} {detail}".strip())
        self.counts[name] = self.counts.get(name, 0) + 1

    def tail(self, n: int = 15) -> str:
        start = max(0, len(self.actions) - n)
        return "\n".join(f"  {i + 1}: {a}" for i, a in enumerate(self.actions[start:], start))


class Driver:
    """One window, one generator: the actions and the checks."""

    def __init__(self, qtbot, window, seed: int):
        self.qtbot, self.window, self.rng = qtbot, window, random.Random(seed)
        self.context = window.context
        self.log = Log(seed)
        self.view = window.table_view
        self.model = self.view.model()

    # ---------------------------------------------------------------- actions
    def act(self) -> None:
        name = self.rng.choices(list(self.ACTIONS), weights=[w for w, _ in self.ACTIONS.values()])[0]
        self.ACTIONS[name][1](self)

    def _row(self) -> int | None:
        n = len(self.context.table)
        return self.rng.randrange(n) if n else None

    def edit_cell(self) -> None:
        row, table = self._row(), self.context.table
        if row is None:
            return self.add_vector()
        column = self.rng.randrange(1, table.dimension_count + 1)
        value = self.rng.choice(EDGE_VALUES) if self.rng.random() < 0.8 else self.rng.uniform(-100, 100)
        refused = self.rng.random() < 0.1
        text = self.rng.choice(REFUSED_TEXT) if refused else repr(value)
        before = table.values.copy()
        self.log.add("edit", f"({row}, {column}) = {text!r}")
        self.model.setData(self.model.index(row, column), text)
        if refused:
            assert np.array_equal(before, table.values, equal_nan=True), "a refused cell edit changed the table"

    def zero_vector(self) -> None:
        row = self._row()
        if row is None:
            return
        self.log.add("zero vector", str(row))
        self.context.push(set_vector(self.context.table, row, [0.0] * self.context.table.dimension_count, "Zero"))

    def rename(self) -> None:
        row = self._row()
        if row is None:
            return
        label = self.rng.choice(LABELS) + ("" if self.rng.random() < 0.5 else str(self.rng.randrange(9)))
        self.log.add("rename", f"{row} -> {label[:20]!r}")
        self.model.setData(self.model.index(row, 0), label)

    def add_vector(self) -> None:
        if len(self.context.table) >= 10:
            return self.remove_vectors()
        row = self._row()
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 1))
        self.log.add("add vector", f"after {row}")
        self.window.actionAddVector.trigger()

    def remove_vectors(self) -> None:
        n = len(self.context.table)
        if n <= 1:
            return self.add_vector()
        rows = sorted(self.rng.sample(range(n), self.rng.randint(1, min(3, n - 1))))
        self.log.add("remove", str(rows))
        self.context.select_rows(rows)
        self.window.actionRemoveVector.trigger()

    def add_dimension(self) -> None:
        if self.context.table.dimension_count >= 5:
            return self.remove_dimension()
        self.log.add("add dimension")
        self.window.actionAddDimension.trigger()

    def remove_dimension(self) -> None:
        table = self.context.table
        column = self.rng.randrange(1, table.dimension_count + 1)
        row = self._row()
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, column))
        self.log.add("remove dimension", str(column - 1))
        self.window.actionRemoveDimension.trigger()

    def paste(self) -> None:
        table = self.context.table
        rows, columns = self.rng.randint(1, 3), self.rng.randint(1, 3)
        header = self.rng.random() < 0.2
        lines = []
        if header:
            lines.append("\t".join(f"p{j} (u)" for j in range(columns)))
        for _ in range(rows):
            lines.append("\t".join(repr(self.rng.choice(EDGE_VALUES)) for _ in range(columns)))
        row = self.rng.randrange(len(table) + 1)
        column = self.rng.randrange(1, table.dimension_count + 2)
        if row < len(table):
            self.view.setCurrentIndex(self.model.index(row, column))
        else:
            self.view.setCurrentIndex(self.model.index(-1, -1))
        self.log.add("paste", f"at ({row}, {column}) {lines!r}")
        self.view.paste("\n".join(lines) + "\n")

    def metric(self) -> None:
        box = self.window.heatmap.metric_selector
        index = self.rng.randrange(box.count())
        self.log.add("metric", box.itemData(index))
        box.setCurrentIndex(index)

    def order(self) -> None:
        box = self.window.heatmap.order_selector
        index = self.rng.randrange(box.count())
        self.log.add("order", box.itemData(index))
        box.setCurrentIndex(index)

    def projection(self) -> None:
        panel = self.window.plot_panel
        box = panel.projection
        choices = [i for i in range(box.count()) if box.itemData(i) in ("dimensions", "pca")]
        if not box.isEnabled() or not choices:
            return
        index = self.rng.choice(choices)
        self.log.add("projection", str(box.itemData(index)))
        box.setCurrentIndex(index)

    def undo_redo(self) -> None:
        action = self.window.actionUndo if self.rng.random() < 0.6 else self.window.actionRedo
        times = self.rng.randint(1, 6)
        self.log.add("undo" if action is self.window.actionUndo else "redo", f"x{times}")
        for _ in range(times):
            action.trigger()

    def drag(self) -> None:
        plot, row = self.window.plot, self._row()
        if row is None or not isinstance(plot._placement.drag, tuple) or row not in plot.drawn_rows:
            return
        start = plot.tip_viewport_pos(row)
        viewport = plot.viewport()
        if not viewport.rect().adjusted(10, 10, -10, -10).contains(start):
            return  # a tip out of view (1e308) cannot be grabbed
        end = QPoint(
            min(max(start.x() + self.rng.randint(-40, 40), 2), viewport.width() - 2),
            min(max(start.y() + self.rng.randint(-40, 40), 2), viewport.height() - 2),
        )
        self.log.add("drag", f"{row} by ({end.x() - start.x()}, {end.y() - start.y()})")
        self.qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for i in (1, 2, 3):
            point = start + (end - start) * (i / 3)
            self.qtbot.mouseMove(viewport, QPoint(round(point.x()), round(point.y())))
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)

    def claims(self) -> None:
        claims = self.context.document.claims
        if claims and self.rng.random() < 0.4:
            rows = self.rng.sample(range(len(claims)), self.rng.randint(1, min(2, len(claims))))
            self.log.add("remove claims", str(rows))
            self.context.push(remove_claims_command(rows))
            return
        labels = self.context.table.labels or ("A", "B")
        a, b = self.rng.choice(labels), self.rng.choice(labels)
        text = f"'{a}' = {self.rng.choice(('2', '0.5', '1', '-1'))} '{b}'"
        self.log.add("add claim", text[:40])
        self.context.push(AddClaims(len(claims), [text]))

    def select(self) -> None:
        n = len(self.context.table)
        if n < 2:
            return
        if self.rng.random() < 0.5:
            a, b = self.rng.sample(range(n), 2)
            self.log.add("pair", f"{a}, {b}")
            self.context.select_pair(a, b)
        else:
            rows = self.rng.sample(range(n), self.rng.randint(0, min(4, n)))
            self.log.add("select", str(sorted(rows)))
            self.context.select_rows(rows)

    def move(self) -> None:
        row = self._row()
        if row is None:
            return
        self.context.select_rows([row])
        self.view.setCurrentIndex(self.model.index(row, 1))
        up = self.rng.random() < 0.5
        self.log.add("move", f"{row} {'up' if up else 'down'}")
        (self.window.actionMoveUp if up else self.window.actionMoveDown).trigger()

    ACTIONS: ClassVar[dict] = {
        "edit": (30, edit_cell),
        "zero vector": (3, zero_vector),
        "rename": (5, rename),
        "add vector": (6, add_vector),
        "remove": (5, remove_vectors),
        "add dimension": (3, add_dimension),
        "remove dimension": (3, remove_dimension),
        "paste": (6, paste),
        "metric": (5, metric),
        "order": (5, order),
        "projection": (3, projection),
        "undo/redo": (12, undo_redo),
        "drag": (4, drag),
        "claims": (4, claims),
        "select": (4, select),
        "move": (3, move),
        "metadata": (4, metadata_action),
    }

    # ----------------------------------------------------------------- checks
    def check(self) -> None:
        table, model = self.context.table, self.model
        n, d = len(table), table.dimension_count
        m = len(table.metadata)
        assert model.rowCount() == n and model.columnCount() == d + m + 2, "the table model's shape"
        check_metadata(self)
        for row in {0, n - 1} if n else ():
            assert model.data(model.index(row, 0)) == shown_text(table.label(row)), f"label of row {row}"
            for column in range(d):
                shown = model.data(model.index(row, column + 1))
                assert shown == format_number(float(table.values[row, column])), f"cell ({row}, {column + 1})"
        plot = self.window.plot
        coords = plot._placement.coords
        assert coords.shape == (n, 2), "the plot's vectors"
        if plot.mode == "dimensions" and n:
            x, y = plot.shown_dimensions
            expected = table.values[:, [x, y]] if d > 1 else np.column_stack([table.values[:, 0], np.zeros(n)])
            assert np.array_equal(coords, expected), "the plot's tips"
        placed = np.isfinite(coords).all(axis=1) if n else np.zeros(0, bool)  # beyond float64: not drawable
        assert list(plot.drawn_rows) == [r for r in range(n) if table.is_visible(r) and placed[r]], "drawn vectors"
        heatmap = self.window.heatmap
        labels = heatmap.displayed_labels()
        assert sorted(labels) == sorted(shown_text(label) for label in table.labels), "the heatmap's labels"
        if heatmap.order == "original":
            assert labels == [shown_text(label) for label in table.labels], "the heatmap's order"
        matrix = heatmap.data.matrix
        assert matrix.shape == (n, n), "the heatmap's matrix"
        if n:
            metric = self.context.metric
            with np.errstate(all="ignore"):
                fresh = similarity_matrix(table.values, metric)
                # Rounding scales with the terms, not the result: a dot product that cancels to 0 may come out
                # as -2e-323 when computed whole and 0 when one row is updated; both are exact to rounding.
                lengths = norms(table.values) if d else np.zeros(n)
                scale = {"dot": np.outer(lengths, lengths), "euclidean": lengths[:, None] + lengths[None, :]}
                tolerance = 1e-9 * scale.get(metric, np.ones((n, n)))
                close = (np.abs(matrix - fresh) <= tolerance) | (matrix == fresh) | (np.isnan(matrix) & np.isnan(fresh))
            assert close.all(), f"the heatmap's {metric} scores differ from the table's"
        assert heatmap.data.metric == self.context.metric in METRICS
        claims = self.window.working.claims
        assert claims.claims() == list(self.context.document.claims.texts), "the claims list"

    def undo_all(self, start) -> None:
        """Undo every step: the document is ``start`` again, exactly (values bit for bit, claims as written)."""
        table, claims = self.context.table, self.context.document.claims
        self.context.undo_to(0)
        self.check()
        assert table.same_content(start[0]), "undo of everything did not give back the start"
        assert claims.texts == start[1], "undo of everything did not give back the claims"


def run(qtbot, window, seed: int, count: int) -> Log:
    """``count`` actions on ``window`` from ``seed``, checked after each, then undo of everything; returns the log."""
    driver = Driver(qtbot, window, seed)
    context = driver.context
    start = (context.table.copy(), context.document.claims.texts)
    done = 0
    while done < count:
        before = len(driver.log.actions)
        try:
            driver.act()
            driver.check()
        except AssertionError as error:
            raise AssertionError(
                f"seed {seed}, action {done + 1}: {error}\nlast actions:\n{driver.log.tail()}"
            ) from None
        done += len(driver.log.actions) > before  # an action that could not be made (a drag out of view) is not counted
    try:
        driver.undo_all(start)
    except AssertionError as error:
        raise AssertionError(
            f"seed {seed}, after {count} actions: {error}\nlast actions:\n{driver.log.tail()}"
        ) from None
    return driver.log


class _Mouse:
    """The three qtbot calls the walk makes, for running it outside pytest."""

    def mousePress(self, widget, button, pos=None):
        from PySide6.QtTest import QTest

        QTest.mousePress(widget, button, Qt.KeyboardModifier.NoModifier, pos)

    def mouseRelease(self, widget, button, pos=None):
        from PySide6.QtTest import QTest

        QTest.mouseRelease(widget, button, Qt.KeyboardModifier.NoModifier, pos)

    def mouseMove(self, widget, pos):
        from PySide6.QtTest import QTest

        QTest.mouseMove(widget, pos)


def main(argv: list[str]) -> int:
    """``python -m tests.qt.random_actions SEED [COUNT]``: replay one walk (warnings are errors, as in the tests)."""
    import os
    import sys
    import tempfile
    import warnings

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # the recovery journal stays out of the real one
    warnings.simplefilter("error")
    from PySide6.QtWidgets import QApplication

    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    app = QApplication.instance() or QApplication([])
    failures: list[str] = []
    sys.excepthook = lambda kind, value, tb: failures.append(f"{kind.__name__}: {value}")
    window = MainWindow(settings=Settings(os.path.join(tempfile.mkdtemp(), "walk.ini")))
    window.dimensions.ask = lambda dimension, adding: dimension if adding else None  # Add Dimension: dimN
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    seed, count = int(argv[0]), int(argv[1]) if len(argv) > 1 else 2000
    try:
        log = run(_Mouse(), window, seed, count)
        print(f"seed {seed}: {len(log.actions)} actions, {dict(sorted(log.counts.items()))}")
    except AssertionError as error:
        failures.append(str(error))
    for failure in failures:
        print("failed:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
