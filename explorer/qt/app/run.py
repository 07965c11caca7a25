"""Starting the window: the QApplication, the main window, the event loop.

A FILE that cannot be opened does not leave a launcher's user with nothing:
the window opens on the built-in materials and says why in a dialog
(``startError``), as well as on stderr.

``EXPLORER_EXIT_AFTER_SHOWN=1`` quits as soon as the window has been shown,
after printing ``shown`` on stdout, and then ``dialog: TEXT`` for a message
box showing (used by the start-up tests and benchmark); the exit code is 0
when it was. ``EXPLORER_TEST_ACTIONS`` makes a few edits
once the window is shown (:mod:`explorer.qt.app.scripted`; the crash-recovery
test uses it).

When a program ended with unsaved work, the window offers it back as it
opens (``recover`` restores it without asking).
"""

from __future__ import annotations

import os
import sys


def run_app(path: str | None, recover: bool = False) -> int:
    """Open the main window on ``path`` (or the built-in materials) and run until it closes;
    ``recover`` restores the last unsaved work without asking."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.qt import errors
    from explorer.qt.app.settings import APPLICATION, ORGANIZATION

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    errors.install()  # a panel that fails to follow a change: status bar and log, never a lost undo step

    from explorer.qt.app.main_window import MainWindow

    context = None
    message = ""
    error = ""
    if path is not None:
        from pathlib import Path

        from explorer.qt.app.files import read_in_background
        from explorer.qt.context import DocumentContext

        # Read on a worker thread: a large file shows progress (and Cancel) after a second.
        result = read_in_background(Path(path))
        if result.cancelled:
            message = f"Opening {Path(path).name} was cancelled; showing the built-in materials."
        elif result.document is None:
            from explorer.model.text_safety import escape_controls

            print(f"explorer: {escape_controls(result.error)}", file=sys.stderr)
            name = Path(path).name
            error = f"Could not open {result.error if result.error.startswith(name) else f'{name}: {result.error}'}"
        else:
            document = result.document
            document.set_path(Path(path).resolve())
            context = DocumentContext(document)
            message = "".join(f"{note}. " for note in result.notes).strip()
    window = MainWindow(context)
    if context is not None and context.document.path is not None:
        window.files.remember(context.document.path)
    if message:
        window.context.message.emit(message)  # through the status bar's one path (a long label in it is shortened)
    # Panels are added here with window.add_panel(Panel(window.context), title, dock_name),
    # before restore_layout(), so that the saved dock layout can place them.
    window.restore_layout()
    window.show()
    from explorer.qt.app.recovery import offer_recovery

    if error:
        show_start_error(window, error)
    offer_recovery(window, recover)
    actions = os.environ.get("EXPLORER_TEST_ACTIONS")
    if actions:
        from explorer.qt.app.scripted import run_actions

        QTimer.singleShot(0, lambda: run_actions(window, actions))
    if os.environ.get("EXPLORER_EXIT_AFTER_SHOWN") == "1":

        def shown_then_quit():
            print("shown", flush=True)
            from PySide6.QtWidgets import QMessageBox

            for box in window.findChildren(QMessageBox):
                if box.isVisible():
                    print(f"dialog: {box.text()}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown_then_quit)
    return app.exec()


def show_start_error(window, text: str):
    """Say in a dialog (``startError``) over ``window`` why the file given at start was not opened:
    from a desktop launcher there is no terminal to read stderr in. Window-modal, it does not hold up
    the start (the status bar says it too)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from explorer.model.display import shown_message

    text = shown_message(f"{text.rstrip('.')}. The window shows the built-in materials A–E instead.")
    box = QMessageBox(QMessageBox.Icon.Warning, "Vector Explorer", text, QMessageBox.StandardButton.Ok, window)
    box.setObjectName("startError")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.context.message.emit(text)
    box.open()
    return box
