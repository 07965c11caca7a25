"""Fixtures for the Qt tests: a document context on the built-in materials."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


@pytest.fixture
def materials_context(qapp):
    """A DocumentContext on materials A-E, as the window opens with."""
    from explorer.model.builtin import materials
    from explorer.model.document import Document
    from explorer.qt.context import DocumentContext

    return DocumentContext(Document(materials()))
