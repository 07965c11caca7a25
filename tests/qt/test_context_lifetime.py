"""A document context that the garbage collector takes (a cycle, not a reference count) leaves the process alive."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: The smallest case found: QAction's module loaded first, one undo step, the context in a reference cycle.
SCRIPT = """
import gc
from PySide6.QtGui import QAction  # noqa: F401 - with it loaded first, the stack's clear() crashed
from PySide6.QtWidgets import QApplication
app = QApplication([])
import numpy as np
from explorer.model.builtin import materials_document
from explorer.model.commands import set_vector
from explorer.qt.context import DocumentContext
from explorer.qt.undo import history_action

def make():
    context = DocumentContext(materials_document())
    action = history_action(context.undo_stack, context)
    context.push(set_vector(context.table, 0, np.array([1.0, 2.0])))
    assert action.isEnabled()
    context.cycle = context

make()
gc.collect()
app.processEvents()
print("collected")
"""


def test_a_context_with_undo_steps_is_collected_without_ending_the_process():
    # In a process of its own: before the fix this was a segmentation fault, which would end a test worker.
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "collected"
    assert "Slot" not in result.stderr and "Traceback" not in result.stderr
