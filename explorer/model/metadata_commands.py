"""Changes to a table's metadata columns, as commands with exact inverses.

Editing cells (one, or a pasted block), adding, removing and renaming a
metadata column: each is one undo step, applied through the same path as every
other change (:mod:`explorer.model.commands`). Each checks its whole input
before the table changes, so a refused command changes nothing. Rows carry
their metadata through :class:`~explorer.model.commands.InsertVectors` and
:class:`~explorer.model.commands.RemoveVectors`.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model import change_names
from explorer.model.commands import Command
from explorer.model.metadata import MetadataError
from explorer.model.names import unique_name
from explorer.model.table import TableError, VectorTable


def _refused(error: MetadataError) -> TableError:
    return TableError(str(error))


@dataclass(frozen=True)
class SetMetadata(Command):
    """Set the metadata cells at ``rows`` x ``columns`` (metadata columns, from 0) to ``block``, one tuple per row."""

    rows: tuple[int, ...]
    columns: tuple[int, ...]
    block: tuple[tuple[str, ...], ...]
    text: str = "Edit metadata"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(int(r) for r in self.rows))
        object.__setattr__(self, "columns", tuple(int(c) for c in self.columns))
        object.__setattr__(self, "block", tuple(tuple(row) for row in self.block))

    def apply(self, table: VectorTable) -> SetMetadata:
        metadata = table.metadata
        if any(not 0 <= c < len(metadata) for c in self.columns) or any(not 0 <= r < len(table) for r in self.rows):
            raise TableError("those metadata cells are not in the table")
        old = tuple(tuple(metadata.value(r, c) for c in self.columns) for r in self.rows)
        try:
            metadata.set_values(self.rows, self.columns, self.block)
        except MetadataError as error:
            raise _refused(error) from None
        return SetMetadata(self.rows, self.columns, old, self.text)


def set_metadata_cell(row: int, column: int, text: str, table: VectorTable | None = None) -> SetMetadata:
    """One metadata cell: ``set_metadata_cell(0, 0, "metal")``; named ``A's category → metal`` for Edit › Undo
    when ``table`` is given (``A's category rock → metal``)."""
    name = "Edit metadata"
    if table is not None and 0 <= row < len(table) and 0 <= column < len(table.metadata):
        old = table.metadata.value(row, column)
        name = change_names.edit_text(table.label(row), table.metadata.names[column], old, text)
    return SetMetadata((row,), (column,), ((text,),), name)


@dataclass(frozen=True)
class InsertMetadataColumns(Command):
    """Insert metadata columns called ``names`` before metadata column ``start``; ``values`` holds one
    tuple of texts per column (empty text when None)."""

    start: int
    names: tuple[str, ...]
    values: tuple[tuple[str, ...], ...] | None = None
    text: str = "Add metadata column"

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(self.names))
        if self.values is not None:
            object.__setattr__(self, "values", tuple(tuple(column) for column in self.values))

    def apply(self, table: VectorTable) -> RemoveMetadataColumns:
        try:
            table.metadata.insert_columns(self.start, self.names, self.values)
        except MetadataError as error:
            raise _refused(error) from None
        return RemoveMetadataColumns(self.start, len(self.names), self.text)


@dataclass(frozen=True)
class RemoveMetadataColumns(Command):
    """Remove ``count`` metadata columns from metadata column ``start``."""

    start: int
    count: int = 1
    text: str = "Remove metadata column"

    def apply(self, table: VectorTable) -> InsertMetadataColumns:
        metadata = table.metadata
        if self.count <= 0 or self.start < 0 or self.start + self.count > len(metadata):
            raise TableError(f"cannot remove metadata columns {self.start + 1} to {self.start + self.count}")
        columns = range(self.start, self.start + self.count)
        inverse = InsertMetadataColumns(
            self.start,
            tuple(metadata.names[c] for c in columns),
            tuple(metadata.column(c) for c in columns),
            self.text,
        )
        metadata.remove_columns(self.start, self.count)
        return inverse


@dataclass(frozen=True)
class RenameMetadataColumn(Command):
    """Give metadata column ``column`` the name ``name``."""

    column: int
    name: str
    text: str = "Rename metadata column"

    def apply(self, table: VectorTable) -> RenameMetadataColumn:
        metadata = table.metadata
        if not 0 <= self.column < len(metadata):
            raise TableError(f"there is no metadata column {self.column + 1}")
        old = metadata.names[self.column]
        try:
            metadata.rename(self.column, self.name)
        except MetadataError as error:
            raise _refused(error) from None
        return RenameMetadataColumn(self.column, old, self.text)


def add_column_command(table: VectorTable, name: str) -> InsertMetadataColumns:
    """An empty metadata column after the last one: ``Add column of text category``."""
    return InsertMetadataColumns(len(table.metadata), (name,), None, change_names.add_text_column(name.strip()))


def remove_column_command(table: VectorTable, column: int) -> RemoveMetadataColumns:
    """``Remove column of text category`` (undo gives it back with its values)."""
    names = table.metadata.names
    text = change_names.remove_text_column(names[column]) if 0 <= column < len(names) else "Remove metadata column"
    return RemoveMetadataColumns(column, 1, text)


def rename_column_command(table: VectorTable, column: int, name: str) -> RenameMetadataColumn:
    """``Rename column of text category → kind``."""
    names = table.metadata.names
    text = change_names.rename_text_column(names[column], name.strip()) if 0 <= column < len(names) else ""
    return RenameMetadataColumn(column, name, text or "Rename metadata column")


def remove_all_metadata(table: VectorTable, text: str = "Remove metadata columns") -> list[Command]:
    """The commands that remove every metadata column (none when there is none): for replacing a table's content."""
    return [RemoveMetadataColumns(0, len(table.metadata), text)] if len(table.metadata) else []


def new_column_name(table: VectorTable, stem: str = "note") -> str:
    """A metadata column name not yet used: ``note``, ``note 2``, ..."""
    return unique_name(stem, table.metadata.names, " ")
