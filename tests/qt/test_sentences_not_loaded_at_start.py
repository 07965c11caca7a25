"""Start-up stays as it was: the window shows without loading the sentence model's code or safetensors."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_starts_without_the_sentence_model():
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from explorer.qt.app.main_window import MainWindow
        window = MainWindow()
        window.show()
        app.processEvents()
        loaded = [m for m in ("explorer.model.sentences", "explorer.model.bert", "safetensors", "scipy.special",
                              "explorer.qt.vocab.sentences_view", "explorer.cli.sentences") if m in sys.modules]
        print(",".join(loaded) or "none")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "none"
