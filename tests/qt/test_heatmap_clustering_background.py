"""The clustered order of hundreds of vectors is computed off the interface thread, and can be cancelled."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from explorer.model.document import Document
from explorer.model.ordering import clustered_order
from explorer.model.table import VectorTable
from explorer.qt.heatmap.panel import CLUSTER_IN_BACKGROUND, HeatmapPanel


def clusters_table(n: int) -> VectorTable:
    """Vectors around four directions, shuffled, so that clustering visibly regroups them."""
    rng = np.random.default_rng(5)
    centres = np.array([[1, 0], [0, 1], [-1, 0.2], [0.3, -1]]) * 10
    values = centres[rng.integers(0, 4, n)] + rng.normal(scale=0.5, size=(n, 2))
    return VectorTable([f"v{i}" for i in range(n)], ["x", "y"], values)


@pytest.fixture
def make_panel(qtbot, new_context):
    def make(n):
        context = new_context(Document(clusters_table(n)))
        parent = QWidget()
        qtbot.addWidget(parent)
        panel = HeatmapPanel(context, parent)
        parent.resize(600, 560)
        parent.show()
        qtbot.waitExposed(parent)
        panel.test_parent = parent
        return context, panel

    yield make


def wait_for_the_worker(qtbot, task) -> None:
    """Wait until the worker's task has ended (its result, if any, has arrived and been dropped)."""
    if task is not None and task.running:
        with qtbot.waitSignal(task.ended, timeout=30_000):
            pass


def test_clustering_runs_in_the_background_and_keeps_the_picture_until_ready(make_panel, qtbot):
    n = CLUSTER_IN_BACKGROUND + 100
    _context, panel = make_panel(n)
    before = panel.displayed_labels()
    with qtbot.waitSignal(panel.order_ready, timeout=30_000):
        panel.order_selector.setCurrentIndex(panel.order_selector.findData("clustered"))
        assert panel.ordering_busy
        assert panel.busy.text() == (f"Clustering {n} vectors; the picture shows them as in the table until then.")
        assert panel.displayed_labels() == before  # unchanged while it works
    assert not panel.ordering_busy
    expected = clustered_order(panel.data.matrix, "cosine")
    assert np.array_equal(panel.data.order, expected)
    assert panel.displayed_labels() == [f"v{i}" for i in expected]
    # The worker's tree draws the dendrogram, and its leaves are the cells' order.
    panel.dendrogram_check.setChecked(True)
    panel.graphics.viewport().grab()
    leaves = [row for row, _x in panel.figure.top_tree.drawn_leaves]
    assert leaves == expected.tolist() and not panel.ordering_busy


def test_cancel_keeps_the_order_shown_and_says_so(make_panel, qtbot):
    context, panel = make_panel(1500)
    messages = []
    context.message.connect(messages.append)
    ready = []
    panel.order_ready.connect(lambda: ready.append(True))
    panel.set_order("clustered")
    assert panel.ordering_busy and panel.cancel_order_button.isVisible()
    task = panel.background.task
    qtbot.mouseClick(panel.cancel_order_button, Qt.MouseButton.LeftButton)
    assert not panel.ordering_busy
    assert panel.order == "original" and panel.order_selector.currentData() == "original"
    assert context.view.heatmap.order == "original"
    assert messages == ["Clustering cancelled; the heatmap stays as in the table."]
    wait_for_the_worker(qtbot, task)  # the late result arrives and is dropped
    assert task.outcome == "cancelled"
    assert ready == [] and np.array_equal(panel.data.order, np.arange(1500))


def test_a_small_document_is_clustered_at_once(make_panel):
    _context, panel = make_panel(40)
    panel.set_order("clustered")
    assert not panel.ordering_busy
    assert np.array_equal(panel.data.order, clustered_order(panel.data.matrix, "cosine"))


def test_a_failed_clustering_says_why_and_keeps_the_order(make_panel, qtbot, monkeypatch):
    from explorer.model import ordering

    def fail(scores, metric, progress=None):
        raise MemoryError

    monkeypatch.setattr(ordering, "cluster", fail)
    context, panel = make_panel(CLUSTER_IN_BACKGROUND + 1)
    messages = []
    context.message.connect(messages.append)
    panel.set_order("clustered")
    qtbot.waitUntil(lambda: not panel.ordering_busy, timeout=10_000)
    assert messages == [
        "Could not cluster the vectors (there is not enough memory for it); the heatmap stays as in the table."
    ]
    assert panel.order == "original" and panel.order_selector.currentData() == "original"
