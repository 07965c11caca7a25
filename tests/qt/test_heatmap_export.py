"""Heatmap export: the lesson's scores in CSV, PNG colours that follow the scores, SVG, PDF, the dialog."""

import csv
import io
import os
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from explorer.model.builtin import materials
from explorer.model.colormaps import default_colormap
from explorer.model.commands import set_vector
from explorer.qt.heatmap import export, render, style
from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog


def scores_from_csv(data: bytes) -> dict:
    rows = list(csv.reader(io.StringIO(data.decode())))
    return {(r[0], rows[0][j]): r[j] for r in rows[1:] for j in range(1, len(rows[0]))}


def test_csv_holds_the_lessons_scores(qapp):
    score = scores_from_csv(export.export_bytes(materials(), ".csv", export.HeatmapOptions()))
    assert round(float(score["A", "B"]), 3) == 0.353
    assert round(float(score["A", "D"]), 12) == 1
    assert round(float(score["B", "E"]), 12) == 1
    assert round(float(score["A", "C"]), 5) == 0.99994


def test_png_has_the_size_and_colours_that_follow_the_scores(qapp):
    table = materials()
    options = export.HeatmapOptions(annotate=False, size=(640, 480))
    png = export.export_bytes(table, ".png", options)
    image = QImage.fromData(png, "PNG")
    assert not image.isNull() and (image.width(), image.height()) == (640, 480)
    data = export.heatmap_data(table, options)
    _scene, figure, _logical = render.layout_figure(data, (640, 480))

    def pixel(row, col):
        p = figure.cell_scene_center(row, col)
        return QColor(image.pixel(round(p.x()), round(p.y())))

    for (row, col), value in (((0, 3), 1.0), ((0, 1), 0.3525), ((1, 4), 1.0), ((2, 4), 0.3628)):
        expected = style.color_of(default_colormap("cosine"), value, -1, 1)
        got = pixel(row, col)
        assert abs(got.red() - expected[0]) <= 2 and abs(got.green() - expected[1]) <= 2
        assert abs(got.blue() - expected[2]) <= 2
    # A cell of 1 and a cell of 0.353 differ as the diverging map says: 1 is its saturated
    # end (yellow in the colour-blind-safe CET-CBD1), 0.353 a paler colour on the same side.
    one, third = pixel(0, 3), pixel(0, 1)
    assert one.hsvSaturation() > third.hsvSaturation() + 40
    assert one.red() > one.blue() and third.red() > third.blue()


def test_png_at_high_dpi_keeps_the_requested_pixels(qapp):
    png = export.export_bytes(materials(), ".png", export.HeatmapOptions(size=(300, 200), dpi=192))
    image = QImage.fromData(png, "PNG")
    assert (image.width(), image.height()) == (300, 200)
    assert round(image.dotsPerMeterX() * 0.0254) == 192


def test_svg_has_vector_cells_and_pdf_is_a_pdf(qapp):
    svg = export.export_bytes(materials(), ".svg", export.HeatmapOptions())
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    shapes = root.findall(f".//{ns}rect") + root.findall(f".//{ns}path") + root.findall(f".//{ns}polygon")
    assert len(shapes) >= 25  # 5 x 5 cells, at least
    texts = [t.text.strip() for t in root.iter(f"{ns}text") if t.text]
    assert "0.353" in texts and "cosine similarity" in texts
    pdf = export.export_bytes(materials(), ".pdf", export.HeatmapOptions())
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "values, words",
    [
        (np.zeros((0, 2)), "no vectors"),
        (np.array([[1.0, 2.0]]), "single vector"),
        (np.zeros((3, 2)), "zero vector"),
    ],
)
def test_documents_without_a_heatmap_are_refused(qapp, tmp_path, values, words):
    from explorer.model.table import VectorTable

    table = VectorTable([f"v{i}" for i in range(len(values))], ["x", "y"], values)
    target = tmp_path / "heat.png"
    with pytest.raises(export.ExportError, match=words):
        export.export_heatmap(table, target, export.HeatmapOptions())
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_nothing(qapp, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    from explorer.model.formats import atomic

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(export.ExportError, match="cannot write .*permission denied"):
        export.export_heatmap(materials(), tmp_path / "heat.svg", export.HeatmapOptions())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_refused(qapp, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(export.ExportError, match="cannot write"):
            export.export_heatmap(materials(), folder / "heat.png", export.HeatmapOptions())
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_export_dialog_writes_what_it_says(qtbot, materials_context, tmp_path, monkeypatch):
    dialog = ExportHeatmapDialog(materials_context)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(4)  # CSV, one line per pair
    target = tmp_path / "pairs.csv"
    dialog.path_edit.setText(str(target))
    dialog.metric_combo.setCurrentIndex(dialog.metric_combo.findData("cosine"))
    assert dialog.export()
    lines = target.read_text().splitlines()
    assert lines[0] == "a,b,score" and any(line.startswith("A,B,0.3525") for line in lines)

    warnings = []
    monkeypatch.setattr(
        "explorer.qt.heatmap.export_dialog.QMessageBox.warning", lambda parent, title, text: warnings.append(text)
    )
    dialog2 = ExportHeatmapDialog(materials_context)
    qtbot.addWidget(dialog2)
    dialog2.path_edit.setText(str(tmp_path / "missing" / "heat.png"))
    assert not dialog2.export()
    assert warnings and "does not exist" in warnings[0]
    assert not (tmp_path / "missing").exists()


def test_export_follows_an_edit(qapp, materials_context):
    materials_context.push(set_vector(materials_context.table, 1, [3.0, 30.0]))  # B = A
    score = scores_from_csv(export.export_bytes(materials_context.table, ".csv", export.HeatmapOptions()))
    assert round(float(score["A", "B"]), 12) == 1


def test_svg_of_many_vectors_keeps_every_cell_crisp(qapp):
    from explorer.model.table import VectorTable

    rng = np.random.default_rng(0)
    n = 450  # more cells than SVG rectangles are worth: one image, a pixel per cell
    table = VectorTable([f"w{i}" for i in range(n)], ["x", "y", "z"], rng.normal(size=(n, 3)))
    svg = export.export_bytes(table, ".svg", export.HeatmapOptions(size=(600, 500)))
    root = ET.fromstring(svg)
    images = list(root.iter("{http://www.w3.org/2000/svg}image"))
    assert len(images) == 1 and "pixelated" in images[0].get("style")
    import base64

    href = images[0].get("{http://www.w3.org/1999/xlink}href")
    picture = QImage.fromData(base64.b64decode(href.split(",", 1)[1]))
    assert (picture.width(), picture.height()) == (n, n)
