"""explorer.model works with Qt absent: prove it in a subprocess that blocks the imports."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCKER = textwrap.dedent(
    """
    import sys
    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") or name.startswith("explorer.qt"):
                raise ModuleNotFoundError(f"No module named {name!r} (blocked in this test)")
    sys.meta_path.insert(0, Blocker())
    """
)


def run_blocked(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_model_imports_and_computes_without_qt():
    result = run_blocked(
        """
        import pkgutil, importlib, explorer.model
        for info in pkgutil.walk_packages(explorer.model.__path__, "explorer.model."):
            importlib.import_module(info.name)
        from explorer.model.builtin import materials
        from explorer.model import similarity
        t = materials()
        print(round(float(similarity.cosine_matrix(t.values)[0, 1]), 3))
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph")))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0.353", "[]"]


def test_model_test_suite_passes_without_qt():
    result = run_blocked(
        f"""
        import pytest
        sys.exit(pytest.main(["-q", "-p", "no:pytest-qt", "-p", "no:cacheprovider", "-o", "filterwarnings=",
                              "-W", "error", "-W", "ignore::pytest.PytestConfigWarning",
                              "{ROOT / "tests" / "model"}", "--ignore",
                              "{ROOT / "tests" / "model" / "test_no_qt.py"}"]))
        """
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


def test_importing_explorer_and_the_cli_does_not_import_qt():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, explorer, explorer.cli, explorer.cli.similarity; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
