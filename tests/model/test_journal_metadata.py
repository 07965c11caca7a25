"""The recovery journal keeps metadata columns: in its snapshot, and in every command after it."""

from __future__ import annotations

from explorer.model.builtin import materials_document
from explorer.model.commands import InsertVectors, MoveVectors, RemoveVectors
from explorer.model.journal import Journal, Snapshot
from explorer.model.journal_recovery import restore
from explorer.model.metadata_commands import (
    InsertMetadataColumns,
    RemoveMetadataColumns,
    RenameMetadataColumn,
    SetMetadata,
    set_metadata_cell,
)

#: The lesson's materials by density (kg per litre): A, C, D about 0.1; B and E 3.75.
DENSITY = ("light", "dense", "light", "light", "dense")


def test_metadata_in_the_snapshot_and_in_the_commands_after_it_comes_back_exactly(tmp_path):
    document = materials_document()
    document.apply(InsertMetadataColumns(0, ["density", "note"], [DENSITY, ("", "é\ud800", "", "a\nb", "")]))
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))  # the saved point: metadata in the snapshot
    document.applied.connect(journal.record)
    for command in (
        set_metadata_cell(0, 0, "cork"),
        InsertVectors(5, ["F"], [[1.0, 2.0]], metadata=(("gas",), ("new",))),
        MoveVectors(0, 2, 3),
        RemoveVectors(1, 1),
        InsertMetadataColumns(2, ["year"], [("1990", "", "2001", "1985", "2020")]),
        RenameMetadataColumn(1, "remark"),
        SetMetadata((0, 1), (0, 2), (("x", "1"), ("y", "2")), "Paste"),
        RemoveMetadataColumns(1, 1),
    ):
        document.apply(command)
    assert journal.flush() and not journal.needs_snapshot.is_set()  # every one written as a command
    back = restore(journal.path)
    assert back.table.same_content(document.table)
    assert back.table.metadata.names == ("density", "year")
    assert back.table.metadata.items() == document.table.metadata.items()
    journal.close()


def test_a_new_snapshot_keeps_metadata_too(tmp_path):
    document = materials_document()
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(InsertMetadataColumns(0, ["density"], [DENSITY]))
    journal.start(Snapshot.of(document, dirty=True))  # as after compaction: the whole document again
    document.apply(set_metadata_cell(4, 0, "heavy"))
    assert journal.flush()
    back = restore(journal.path)
    assert back.table.metadata.items() == [("density", ("light", "dense", "light", "light", "heavy"))]
    journal.close()
