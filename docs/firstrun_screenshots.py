"""Render the first-run screenshots offscreen: ``python docs/firstrun_screenshots.py``.

Writes docs/tour-step-1.png (Help › The Lesson, Step by Step, on its first
step: the table outlined, the tour's panel beside it) and
docs/new-vector-defaults.png (Insert on B: the new vector F below it, in a
colour no vector has, with the cursor in its mass cell ready to type, and the
status bar showing what Edit › Undo would undo), both at 1440 x 900.
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

from PySide6.QtWidgets import QApplication  # noqa: E402

from docs.screenshots_window import shoot  # noqa: E402


def settle(rounds: int = 10) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def main() -> None:
    app = QApplication.instance() or QApplication([])
    from explorer.qt.app.main_window import MainWindow
    from explorer.qt.app.settings import Settings

    folder = Path(tempfile.mkdtemp())
    docs = ROOT / "docs"

    window = MainWindow(settings=Settings(str(folder / "tour.ini")))
    window.show()
    window.resize(1440, 900)
    settle()
    window.help.start_tour()
    settle()
    shoot(window, docs / "tour-step-1.png")
    window.close()

    window = MainWindow(settings=Settings(str(folder / "new.ini")))
    window.show()
    window.resize(1440, 900)
    settle()
    view = window.table_view
    view.setCurrentIndex(view.model().index(1, 1))  # on B
    window.actionAddVector.trigger()  # F below B, the cursor in F's mass
    settle()
    window.statusBar().showMessage(window.actionUndo.toolTip())
    shoot(window, docs / "new-vector-defaults.png")
    print(window.context.table.labels, window.context.table.values[2].tolist(), window.actionUndo.toolTip())
    window.close()
    app.quit()


if __name__ == "__main__":
    main()
