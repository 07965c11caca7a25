"""``similarity`` and ``export-heatmap`` on a file with more vectors than a full matrix is built for."""

import numpy as np
import pytest

from explorer.cli import main
from explorer.model.similarity import MATRIX_LIMIT


@pytest.fixture
def big_csv(tmp_path):
    n = MATRIX_LIMIT + 1
    rng = np.random.default_rng(3)
    lines = ["label,mass (kg),volume (l)", "A,3,30", "B,15,4", "C,3,27"]
    lines += [f"w{i},{x:.3f},{y:.3f}" for i, (x, y) in enumerate(rng.normal(size=(n - 3, 2)))]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_similarity_refuses_with_a_sentence_that_says_what_to_do(big_csv, capsys):
    assert main(["similarity", str(big_csv)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.splitlines() == [err]  # one sentence, no traceback
    assert f"big.csv: {MATRIX_LIMIT + 1:,} vectors are more than the {MATRIX_LIMIT:,}" in err
    assert "would need 200 MB" in err
    assert f"pass --first {MATRIX_LIMIT}" in err


def test_similarity_first_k_uses_the_first_vectors(big_csv, capsys):
    assert main(["similarity", str(big_csv), "--first", "2", "--digits", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "cosine similarity of 2 vectors"
    assert out[2].split()[:3] == ["A", "1.000", "0.353"]


def test_export_heatmap_refuses_and_writes_nothing(big_csv, tmp_path, capsys):
    out = tmp_path / "heat.csv"
    assert main(["export-heatmap", str(big_csv), "-o", str(out)]) == 1
    assert f"pass --first {MATRIX_LIMIT}" in capsys.readouterr().err
    assert not out.exists()
    assert main(["export-heatmap", str(big_csv), "-o", str(out), "--first", "3"]) == 0
    rows = out.read_text().splitlines()
    assert len(rows) == 4 and rows[1].startswith("A,1.0,0.3525")


def test_first_below_two_is_a_usage_error(big_csv, capsys):
    assert main(["similarity", str(big_csv), "--first", "1"]) == 2
    assert "--first must be at least 2" in capsys.readouterr().err
