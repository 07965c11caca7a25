"""``explorer export-heatmap``: files from the command line, and one-sentence refusals that leave nothing.

Most tests run the command in this process (tests/cli/run.py); real processes start without a display (the
program picks the offscreen platform itself), refuse in one sentence, and write a CSV without loading
QtWidgets or pyqtgraph.
"""

import csv
import os
import subprocess
import sys

import pytest

from tests.cli.run import ROOT, in_process, real_process


@pytest.fixture
def run_cli(qapp):
    """``explorer export-heatmap ARGS`` in this process (the test's QApplication draws the pictures)."""

    def run(*args, cwd=None):
        return in_process("export-heatmap", *args, cwd=cwd)

    return run


def run_without_display(*args):
    """``explorer export-heatmap ARGS`` as a real process on a machine without a display."""
    return real_process("export-heatmap", *args, display=False)


def test_png_and_csv_without_a_display(tmp_path, run_cli):
    png = tmp_path / "heat.png"
    result = run_without_display("-o", str(png), "--size", "400x300", "--title", "Materials")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout.startswith(f"wrote {png} (PNG image, 400 x 300 pixels, ")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = tmp_path / "heat.csv"
    assert run_cli("-o", str(table), "--order", "label").returncode == 0
    rows = list(csv.reader(table.read_text().splitlines()))
    assert rows[0][1:] == ["A", "B", "C", "D", "E"]
    assert round(float(rows[1][2]), 3) == 0.353 and round(float(rows[1][3]), 5) == 0.99994


def test_csv_of_a_file_with_every_metric_option(tmp_path, run_cli):
    data = tmp_path / "v.csv"
    data.write_text("label,x,y\nA,3,30\nB,15,4\n")
    out = tmp_path / "pairs.csv"
    result = run_cli(str(data), "-o", str(out), "--metric", "dot", "--long")
    assert result.returncode == 0, result.stderr
    assert out.read_text().splitlines() == ["a,b,score", "A,A,909.0", "A,B,165.0", "B,B,241.0"]


def one_sentence(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line]
    assert len(lines) == 1 and "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    "content, out_name, words",
    [
        (None, "heat.txt", "extension must be one of"),
        (None, "missing/heat.png", "does not exist"),
        ("label,x,y\n", "heat.png", "no vectors"),
        ("label,x,y\nA,1,2\n", "heat.png", "single vector"),
        ("label,x,y\nA,0,0\nB,0,0\n", "heat.svg", "zero vector"),
        ("label,x,y\nA,1,oops\nB,0,1\n", "heat.pdf", "line 2"),
    ],
)
def test_refusals_are_one_sentence_and_leave_no_file(tmp_path, content, out_name, words, run_cli):
    args = []
    if content is not None:
        (tmp_path / "in.csv").write_text(content)
        args.append(str(tmp_path / "in.csv"))
    result = run_cli(*args, "-o", str(tmp_path / out_name))
    assert result.returncode != 0
    assert words in one_sentence(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["in.csv"] if content is not None else [])


def test_a_refusal_from_a_real_process_is_one_sentence(tmp_path):
    (tmp_path / "in.csv").write_text("label,x,y\nA,0,0\nB,0,0\n")
    result = run_without_display(str(tmp_path / "in.csv"), "-o", str(tmp_path / "heat.svg"))
    assert result.returncode == 1 and result.stdout == ""
    assert "zero vector" in one_sentence(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_target_that_is_a_folder_is_refused(tmp_path, run_cli):
    (tmp_path / "heat.png").mkdir()
    result = run_cli("-o", str(tmp_path / "heat.png"))
    assert result.returncode != 0 and "is a folder" in one_sentence(result.stderr)


def test_picture_options_reach_the_file(tmp_path, run_cli):
    import re
    import xml.etree.ElementTree as ET

    svg = tmp_path / "angle.svg"
    result = run_cli(
        "-o",
        str(svg),
        "--metric",
        "angle",
        "--no-annotate",
        "--colormap",
        "CET-CBL1",
        "--title",
        "Angles of A-E",
        "--order",
        "clustered",
    )
    assert result.returncode == 0, result.stderr
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text.strip() for t in ET.parse(svg).getroot().iter(f"{ns}text") if t.text]
    assert "Angles of A-E" in texts and "angle (degrees)" in texts
    assert not any(re.fullmatch(r"\d+\.\d\d", t) for t in texts)  # no numbers in the cells
    pdf = tmp_path / "heat.pdf"
    assert run_cli("-o", str(pdf), "--size", "1200x1000", "--dpi", "300").returncode == 0
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert box and round(float(box.group(1))) == 288 and round(float(box.group(2))) == 240  # 4 x 3.33 in


def test_exporting_over_a_symbolic_link_writes_the_file_it_points_to(tmp_path, run_cli):
    target = tmp_path / "shared" / "heat.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "heat.csv"
    link.symlink_to(target)
    result = run_cli("-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text().startswith(
        "cosine similarity,A,B,C,D,E"
    )  # the link's file got the matrix; the link stays a link


# ----------------------------------------------------------------- physical sizes
def test_pdf_and_svg_carry_the_physical_size_asked_for(tmp_path, run_cli):
    import re
    import xml.etree.ElementTree as ET

    pdf = tmp_path / "heat.pdf"
    result = run_cli("-o", str(pdf), "--size", "12cmx9cm", "--dpi", "300", "--title", "Materials")
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box and float(box.group(1)) == pytest.approx(120 / 25.4 * 72, abs=1e-4)  # 340.157 pt
    assert float(box.group(2)) == pytest.approx(90 / 25.4 * 72, abs=1e-4)
    assert b"/FontFile2" in data  # the fonts are embedded
    svg = tmp_path / "heat.svg"
    assert run_cli("-o", str(svg), "--size", "5inx4in").returncode == 0
    root = ET.parse(svg).getroot()
    assert (root.get("width"), root.get("height")) == ("5in", "4in")
    texts = [t.text.strip() for t in root.iter("{http://www.w3.org/2000/svg}text") if t.text]
    assert {"A", "B", "0.353", "cosine similarity"} <= set(texts)  # text stays text
    points = tmp_path / "points.svg"
    assert run_cli("-o", str(points), "--size", "300ptx200pt").returncode == 0
    root = ET.parse(points).getroot()
    assert (root.get("width"), root.get("height")) == ("300pt", "200pt")


def test_a_png_of_a_physical_size_has_size_times_dpi_pixels(tmp_path, run_cli):
    import struct

    png = tmp_path / "heat.png"
    assert run_cli("-o", str(png), "--size", "12cmx9cm", "--dpi", "300").returncode == 0
    data = png.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1417, 1063)
    phys = data.index(b"pHYs")
    assert round(struct.unpack(">I", data[phys + 4 : phys + 8])[0] * 0.0254) == 300


def test_range_digits_colour_map_and_dendrogram_reach_the_file(tmp_path, run_cli):
    import xml.etree.ElementTree as ET

    svg = tmp_path / "heat.svg"
    result = run_cli(
        "-o", str(svg), "--dendrogram", "--range=0.3:1", "--digits", "2", "--colormap", "rdbu_r", "--size", "16cmx12cm"
    )
    assert result.returncode == 0, result.stderr
    texts = [t.text.strip() for t in ET.parse(svg).getroot().iter("{http://www.w3.org/2000/svg}text") if t.text]
    assert "0.99" in texts and "1.00" in texts and "0.999" not in texts  # two decimals, C = A not written 1.00
    assert "0.3" in texts and "-1.0" not in texts  # the colour bar spans 0.3 to 1
    refused = run_cli("-o", str(tmp_path / "x.png"), "--dendrogram", "--order", "label")
    assert refused.returncode == 2
    assert "--dendrogram draws the clustered order's tree" in one_sentence(refused.stderr)
    assert not (tmp_path / "x.png").exists()


def test_numbers_left_out_are_said_on_stderr(tmp_path, run_cli):
    import numpy as np

    rng = np.random.default_rng(1)
    data = tmp_path / "many.csv"
    data.write_text(
        "label,x,y,z\n" + "".join(f"w{i},{a},{b},{c}\n" for i, (a, b, c) in enumerate(rng.normal(size=(200, 3))))
    )
    result = run_cli(str(data), "-o", str(tmp_path / "heat.png"), "--size", "800x600")
    assert result.returncode == 0
    assert result.stderr.startswith("note: numbers hidden: cells too small (200 vectors in 800x600)")


def test_equal_huge_dot_products_make_a_picture(tmp_path, run_cli):
    """Issue 9: scores of 2^54 all alike crashed the picture (a blank PNG, then a segmentation fault).

    Drawn in the test's process: a crash there ends the test worker, which fails the test as surely.
    """
    from PySide6.QtGui import QImage

    data = tmp_path / "huge.csv"
    data.write_text("label,x,y\nA,134217728,0\nB,134217728,0\n")
    png = tmp_path / "huge.png"
    result = run_cli(str(data), "-o", str(png), "--metric", "dot", "--dendrogram")
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # cells, labels, the colour bar: not blank


def test_csv_export_loads_neither_qtwidgets_nor_pyqtgraph(tmp_path):
    out = tmp_path / "scores.csv"
    code = (
        "import sys; from explorer.cli import main; "
        f"code = main(['export-heatmap', '-o', {str(out)!r}, '--order', 'clustered']); "
        "heavy = ('PySide6.QtWidgets', 'PySide6.QtGui', 'pyqtgraph'); "
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    said, modules = result.stdout.strip().split("\n")
    assert said.startswith(f"wrote {out} (CSV of the scores, 5 x 5, ") and modules == "0 []"
    assert out.read_text().startswith("cosine similarity,")
