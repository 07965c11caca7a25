"""``explorer project``: coordinates as label,x,y CSV; exit 0 ok, 1 bad input or output, 2 usage."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.cli import main
from tests.cli.run import in_process, real_process


def test_pca_of_a_file_writes_label_x_y_in_file_order(tmp_path, capsys):
    source = tmp_path / "three.csv"
    source.write_text("label,a,b,c\nx,1,0,0\ny,0,2,0\nz,0,0,3\n")
    out = tmp_path / "coords.csv"
    assert main(["project", str(source), "--method", "pca", "-o", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "label,x,y" and [line.split(",")[0] for line in lines[1:]] == ["x", "y", "z"]
    assert "wrote 3 coordinates (PCA) to" in capsys.readouterr().out


def test_tsne_is_seeded_and_reproducible(tmp_path):
    rng = np.random.default_rng(0)
    rows = "\n".join(f"w{i}," + ",".join(f"{v:.4f}" for v in rng.normal(size=4)) for i in range(30))
    source = tmp_path / "words.csv"
    source.write_text("label,a,b,c,d\n" + rows + "\n")
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    for out in (first, second):
        assert main(["project", str(source), "--method", "tsne", "--seed", "4", "-o", str(out)]) == 0
    assert first.read_text() == second.read_text() and len(first.read_text().splitlines()) == 31


def test_a_bad_file_exits_1_with_one_sentence(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("label,a\nx,abc\ny,1\n")
    assert main(["project", str(source), "-o", str(tmp_path / "c.csv")]) == 1
    assert capsys.readouterr().err == "explorer: bad.csv, line 2, column 2: 'abc' is refused: it is not a number\n"


def test_too_few_vectors_for_tsne_exit_1(tmp_path, capsys):
    source = tmp_path / "three.csv"
    source.write_text("label,a,b\nx,1,0\ny,0,2\nz,3,3\n")
    assert main(["project", str(source), "--method", "tsne", "-o", str(tmp_path / "c.csv")]) == 1
    assert capsys.readouterr().err == "explorer: t-SNE needs at least 5 vectors; there are 3\n"
    assert not (tmp_path / "c.csv").exists()


def test_an_unwritable_output_exits_1(tmp_path, capsys):
    from explorer.resources_path import resource_path

    code = main(["project", str(resource_path("materials.csv")), "-o", str(tmp_path / "nowhere" / "c.csv")])
    assert code == 1 and "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments", [["project"], ["project", "f.csv"], ["project", "f.csv", "-o", "c.csv", "--method", "lda"]]
)
def test_usage_errors_exit_2(arguments):
    result = in_process(*arguments)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_real_process_exits_2_on_a_usage_error_with_one_sentence():
    result = real_process("project", "f.csv")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "see 'explorer project --help'" in result.stderr
