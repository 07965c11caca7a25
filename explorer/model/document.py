"""The open document: a vector table, where it lives, and how it is viewed.

All changes go through :meth:`Document.apply`, the one path that the table
editor, a drag in the plot, a paste, undo and redo share.
"""

from __future__ import annotations

from pathlib import Path

from explorer.model.commands import Command
from explorer.model.events import Signal
from explorer.model.table import VectorTable

#: View settings a new document starts with; saved in the JSON document.
DEFAULT_VIEW = {
    "metric": "cosine",
    "order": "original",
    "colormap": "CET-CBD1",
    "plot_dimensions": [0, 1],
    # "dimensions" or "pca"; None until chosen: the plot shows PCA for more than two dimensions.
    "projection": None,
}


class Document:
    """A table plus its file path and view settings."""

    path_changed = Signal(object)  # the new path, or None

    def __init__(self, table: VectorTable | None = None, path: Path | None = None, view: dict | None = None):
        self.table = table if table is not None else VectorTable()
        self.path = Path(path) if path is not None else None
        self.view = {**DEFAULT_VIEW, **(view or {})}

    def apply(self, command: Command) -> Command:
        """Apply ``command`` to the table and return its inverse.

        A refused command raises (TableError, ValueError, IndexError) and leaves
        the table as it was.
        """
        return command.apply(self.table)

    def set_path(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.path_changed.emit(self.path)

    @property
    def title(self) -> str:
        """The file name, or 'Materials A–E' / 'Untitled' when there is none."""
        return self.path.name if self.path is not None else "Untitled"
