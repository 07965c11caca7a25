"""explorer.model works with Qt absent: every model module imports and computes in a subprocess
that blocks the Qt imports. (The import contracts in pyproject.toml, checked by .ci/checks, keep
any model module from importing Qt in the first place.)"""

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
