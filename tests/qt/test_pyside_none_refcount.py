"""Regression guard: PySide6 6.12.0 on CPython 3.11 leaks references to None.

Every call of a Qt method returning void dropped one reference to None there,
and after a few thousand calls the interpreter aborted ("none_dealloc").
pyproject keeps PySide6 below 6.12 on Python < 3.12; this test fails if an
installed PySide6 has the bug again, before it can crash the program.
"""

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QGraphicsRectItem, QWidget

    obj = QObject()
    widget = QWidget()
    item = QGraphicsRectItem(0, 0, 1, 1)
    for _ in range(100):  # warm up any caches first
        obj.setObjectName("warm")
    before = sys.getrefcount(None)
    for i in range(2000):
        obj.setObjectName("x")
        widget.resize(10 + i % 3, 10)
        item.setPos(i, i)
    after = sys.getrefcount(None)
    # A leak of one reference per call would drop the count by 6000.
    assert after >= before - 50, f"None lost {before - after} references in 6000 void Qt calls"


def test_pyproject_keeps_pyside6_below_6_12_on_python_3_11():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    pins = [d for d in data["project"]["dependencies"] if d.lower().startswith("pyside6")]
    assert any("<6.12" in d and "python_version < '3.12'" in d for d in pins), pins
