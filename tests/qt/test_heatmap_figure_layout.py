"""Exported figures are laid out from text metrics: no text box overlaps another or leaves the page.

Exports go through the command line (in this process, so the drawn figure can
be inspected) and through the export dialog as the window opens it, at several sizes, with
short, long and very long labels, for 2, 5, 50 and 300 vectors. The boxes
checked are the ones the items drew (labels, numbers, colour bar ticks and
title, figure title).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QDialogButtonBox

from explorer.cli import main as cli
from explorer.model.figure_size import parse_size
from explorer.model.table import VectorTable
from explorer.qt.heatmap import render
from tests.qt.figure_checks import collisions

LABELS = {
    "short": lambda i: f"w{i}",
    "long": lambda i: f"Cross-laminated timber panel number {i}, five layers",
    "very long": lambda i: f"{i} " + "polyethylene foam, closed cell " * 10,
}


def table_of(n: int, labels: str) -> VectorTable:
    rng = np.random.default_rng(n)
    centres = rng.normal(size=(4, 12))
    values = centres[rng.integers(0, 4, n)] + 0.6 * rng.normal(size=(n, 12))
    return VectorTable([LABELS[labels](i) for i in range(n)], [f"d{j}" for j in range(12)], values)


def write_csv(table: VectorTable, path) -> None:
    import csv

    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["label", *[d.name for d in table.dimensions]])
        for label, row in zip(table.labels, table.values.tolist()):
            writer.writerow([label, *row])


@pytest.fixture
def drawn(monkeypatch):
    """The figures the exports lay out, in order."""
    figures = []
    real = render.layout_figure

    def recording(data, size, dpi=render.SCREEN_DPI):
        scene, figure, logical = real(data, size, dpi)
        figures.append((figure, logical, scene))
        return scene, figure, logical

    monkeypatch.setattr(render, "layout_figure", recording)
    return figures


def check(figure, logical: QRectF, n: int, numbers_expected: bool | None = None) -> None:
    boxes = figure.text_boxes()
    problems = collisions(boxes, logical)
    assert not problems, "\n".join(problems)
    parts = {part for part, _text, _box in boxes}
    assert {"rows", "columns", "colorbar"} <= parts  # labels and the colour bar were drawn
    rows = [text for part, text, _box in boxes if part == "rows"]
    assert 1 <= len(rows) <= n
    if numbers_expected is not None:
        assert ("numbers" in parts) == numbers_expected
        assert bool(figure.result.numbers_note) == (not numbers_expected)
    assert figure.result.label_px >= 8 and (not figure.result.number_px or figure.result.number_px >= 8)


CASES = [
    # n, labels, size, suffix, extra options
    (2, "short", "1200x1000", ".png", []),
    (2, "very long", "400x300", ".svg", ["--title", "Two vectors"]),
    (5, "short", "12cmx9cm", ".pdf", ["--dpi", "300", "--title", "Materials"]),
    (5, "long", "1200x1000", ".png", ["--dendrogram"]),
    (5, "very long", "300x900", ".svg", []),
    (50, "short", "5inx4in", ".pdf", ["--dendrogram", "--title", "Fifty words"]),
    (50, "long", "900x700", ".png", ["--order", "clustered"]),
    (50, "short", "2400x2000", ".png", ["--digits", "2"]),
    (300, "short", "1200x1000", ".png", ["--dendrogram"]),
    (300, "long", "18cmx12cm", ".svg", ["--dpi", "150"]),
    (300, "very long", "800x800", ".pdf", ["--title", "A long title " * 8]),
]


@pytest.mark.parametrize("n, labels, size, suffix, extra", CASES)
def test_the_command_line_lays_figures_out_without_collisions(
    qapp, tmp_path, drawn, capsys, n, labels, size, suffix, extra
):
    source = tmp_path / "vectors.csv"
    table = table_of(n, labels)
    write_csv(table, source)
    out = tmp_path / f"heat{suffix}"
    assert cli(["export-heatmap", str(source), "-o", str(out), "--size", size, *extra]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 1000
    width, height = parse_size(size).logical(float(extra[extra.index("--dpi") + 1]) if "--dpi" in extra else 96.0)
    # (an export dialog left by an earlier test, on the materials, may lay out a preview of the same size while
    # events run: not this export's, which is of this table's labels)
    ((figure, logical, _scene),) = [
        entry
        for entry in drawn
        if (round(entry[1].width(), 3), round(entry[1].height(), 3)) == (round(width, 3), round(height, 3))
        and tuple(entry[0].data.labels) == tuple(table.labels)
    ]
    check(figure, logical, n)
    if "--dendrogram" in extra:
        assert figure.top_tree.drawn_leaves and figure.left_tree.drawn_leaves
    if n == 300:  # 2 to 3 pixels a cell: no numbers, and the note says so
        assert "numbers hidden: cells too small" in capsys.readouterr().err


def test_small_cells_hide_numbers_and_large_ones_show_them(qapp, tmp_path, drawn):
    source = tmp_path / "vectors.csv"
    write_csv(table_of(50, "short"), source)
    assert cli(["export-heatmap", str(source), "-o", str(tmp_path / "a.png"), "--size", "600x500"]) == 0
    assert cli(["export-heatmap", str(source), "-o", str(tmp_path / "b.png"), "--size", "3000x2600"]) == 0
    (small, small_page, _), (large, large_page, _) = drawn
    check(small, small_page, 50, numbers_expected=False)
    check(large, large_page, 50, numbers_expected=True)
    # Labels and numbers scale together: labels are at most a quarter larger than the numbers.
    assert large.result.number_px <= large.result.label_px <= 1.25 * large.result.number_px + 0.5
    assert large.result.number_px > small.result.label_px


@pytest.mark.parametrize(
    "n, labels, size", [(5, "long", (700, 500)), (50, "very long", (900, 1200)), (300, "short", (1000, 900))]
)
def test_the_export_dialog_lays_figures_out_without_collisions(qtbot, tmp_path, drawn, n, labels, size, new_context):
    """The dialog File › Export Heatmap opens (``export_heatmap_interactive``, on every row the heatmap shows), on
    its own: tests/qt/test_window_integration.py exports through the window's action."""
    from explorer.model.document import Document
    from explorer.qt.app.settings import Settings
    from explorer.qt.heatmap.export_dialog import export_heatmap_interactive

    context = new_context(Document(table_of(n, labels)))
    context.view.heatmap.update(order="clustered", dendrogram=True, title="From the window")
    dialog = export_heatmap_interactive(None, context, range(n), Settings(str(tmp_path / "explorer.ini")))
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "exportHeatmapDialog" and dialog.isVisible()
    target = tmp_path / "window.png"
    dialog.path_edit.setText(str(target))
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("px"))
    dialog.width_spin.setValue(size[0])
    dialog.height_spin.setValue(size[1])
    drawn.clear()  # the preview's figures
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert target.exists()
    ((figure, logical, _scene),) = drawn
    assert (logical.width(), logical.height()) == size
    check(figure, logical, n)
    assert figure.title.text_boxes and figure.top_tree.drawn_leaves


def test_the_check_finds_overlaps_and_boxes_off_the_page():
    page = QRectF(0, 0, 100, 100)
    assert collisions([("rows", "a", QRectF(0, 0, 10, 10)), ("rows", "b", QRectF(10, 0, 10, 10))], page) == []
    found = collisions([("rows", "a", QRectF(0, 0, 10, 10)), ("numbers", "b", QRectF(5, 5, 10, 10))], page)
    assert len(found) == 1 and "overlaps" in found[0]
    assert "leaves the page" in collisions([("title", "t", QRectF(95, 0, 10, 10))], page)[0]


def test_a_placement_found_again_is_the_one_made_afresh(qapp):
    """Placements are remembered by everything they are made from: after edits, renames, new ranges, titles
    and page sizes, each one found is what placing afresh gives, and changing it leaves the remembered one."""
    import dataclasses
    import random

    from PySide6.QtGui import QFont

    from explorer.model.heatmap import HeatmapScores
    from explorer.qt.heatmap import layout

    rng, base = random.Random(5), QFont()
    labels = ["A", "B", "C", "D", "E"]
    for _ in range(120):
        n = rng.randint(1, 7)
        labels = [rng.choice(["A", "B", "king", "new york", "x" * 40, "Ünï"]) + str(i) for i in range(n)]
        matrix = np.random.default_rng(rng.randrange(100)).uniform(-1, 1, (n, n))
        data = HeatmapScores(labels=tuple(labels), matrix=matrix, order=np.arange(n))
        data.title = rng.choice(["", "Materials"])
        data.lo, data.hi = rng.choice([(-1.0, 1.0), (0.0, 909.0), (-1e308, 1e308)])
        data.decimals = rng.choice([1, 3])
        width, height, f = rng.choice([400.0, 640.0]), rng.choice([300.0, 480.0]), rng.choice([9.0, 11.0, 14.0])
        args = (data, tuple(data.display_labels()), width, height, base, f, 14.0, 8.0)
        found, fresh = layout._placed(*args), layout._place(*args)
        assert dataclasses.asdict(found) == dataclasses.asdict(fresh)
        found.cells.setWidth(-1.0)  # the caller's own copy
        found.number_px = 99.0
        assert dataclasses.asdict(layout._placed(*args)) == dataclasses.asdict(fresh)
    assert len(layout._PLACED) <= layout.PLACED_KEPT
