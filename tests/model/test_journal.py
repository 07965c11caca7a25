"""The crash-recovery journal: what was unsaved comes back, exactly; journals never mix."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from explorer.model.builtin import materials_document
from explorer.model.claim_list import AddClaims
from explorer.model.claims import LESSON_CLAIMS
from explorer.model.commands import Command, InsertVectors, RenameVector, set_cell
from explorer.model.document import Document
from explorer.model.journal import Journal, JournalError, Snapshot
from explorer.model.journal_format import frame, read_command
from explorer.model.journal_recovery import restore, unsaved_journals
from explorer.model.table import VectorTable


def edited(folder, document=None):
    """A journal following ``document`` (the materials) through three edits, flushed."""
    document = document if document is not None else materials_document()
    journal = Journal(folder)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(set_cell(0, 0, 1e-308))
    document.apply(InsertVectors(5, ["F\ud800"], [[-1.7e308, 0.0]]))
    document.apply(AddClaims(6, ["F\ud800 = 2 A"]))
    assert journal.flush()
    return journal, document


def same(a: Document, b: Document) -> bool:
    return a.table.same_content(b.table) and a.claims.texts == b.claims.texts and a.path == b.path


def test_unsaved_edits_and_claims_come_back_exactly(tmp_path):
    journal, document = edited(tmp_path)
    back = restore(journal.path)
    assert same(back, document)
    assert back.table.values[0, 0] == 1e-308 and back.table.labels[5] == "F\ud800"
    assert back.claims.texts == (*LESSON_CLAIMS, "F\ud800 = 2 A")
    journal.close()


def test_nothing_is_written_while_nothing_is_unsaved_and_a_clean_close_removes_the_journal(tmp_path):
    document = materials_document()
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))
    assert journal.flush() and not journal.path.exists()
    document.applied.connect(journal.record)
    document.apply(set_cell(0, 0, 4.0))
    assert journal.flush() and journal.path.exists()
    assert oct(journal.path.stat().st_mode & 0o777) == "0o600"
    journal.close(remove=True)
    assert list(tmp_path.iterdir()) == []


def test_a_saved_point_starts_again_and_undo_back_to_it_leaves_nothing_to_restore(tmp_path):
    journal, document = edited(tmp_path)
    journal.start(Snapshot.of(document))  # saved: the journal of the old edits is removed
    assert journal.flush() and not journal.path.exists()
    inverse = document.apply(set_cell(1, 1, 5.0))
    journal.mark(True)
    document.apply(inverse)  # undo back to the saved point
    journal.mark(False)
    assert journal.flush()
    os.close(journal._lock_fd)  # the program dies
    journal._lock_fd = None
    assert unsaved_journals(tmp_path) == []
    assert not journal.path.exists()  # a journal left clean is deleted at the next start


def test_an_untitled_document_with_a_path_or_without_comes_back_with_it(tmp_path):
    untitled = Document(VectorTable(["x"], ["d"], [[1.0]]))
    journal, document = Journal(tmp_path), untitled
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(RenameVector(0, "y"))
    assert journal.flush()
    assert restore(journal.path).path is None and restore(journal.path).table.labels == ("y",)
    saved = materials_document()
    saved.set_path(tmp_path / "lesson.json")
    other, document = edited(tmp_path, saved)
    assert restore(other.path).path == tmp_path / "lesson.json"


def test_a_record_cut_short_by_a_kill_ends_the_replay_there(tmp_path):
    journal, _ = edited(tmp_path)
    data = journal.path.read_bytes()
    journal.close(remove=False)
    sizes = []
    for cut in range(len(data) - 1, 0, -7):
        journal.path.write_bytes(data[:cut])
        try:
            back = restore(journal.path)
        except JournalError:
            sizes.append(None)  # cut inside the snapshot: nothing to restore, said in a sentence
            continue
        sizes.append(len(back.table))
        assert back.table.values[0, 0] in (3.0, 1e-308)
    assert {5, 6, None} <= set(sizes)


def test_the_view_state_comes_back(tmp_path):
    document = materials_document()
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(set_cell(0, 0, 2.0))
    document.view.heatmap.update(metric="angle", order="clustered")
    journal.record_view(document.view.to_dict())
    assert journal.flush()
    back = restore(journal.path)
    assert (back.view.heatmap.metric, back.view.heatmap.order) == ("angle", "clustered")
    journal.close()


def test_a_journal_whose_program_runs_is_never_taken_and_one_left_behind_is_listed_newest_first(tmp_path):
    first, _ = edited(tmp_path)
    second, _ = edited(tmp_path)
    assert unsaved_journals(tmp_path) == []  # both owners still hold their locks
    for journal in (first, second):
        os.close(journal._lock_fd)  # their programs die
        journal._lock_fd = None
    os.utime(first.path, (1, 1))
    found = unsaved_journals(tmp_path)
    assert [w.path for w in found] == [second.path, first.path]
    assert [w.changes for w in found] == [3, 3] and found[0].title == ""
    assert unsaved_journals(tmp_path) == []  # claimed by the first look: a second program gets none
    found[1].discard()
    found[0].release()
    assert [w.path for w in unsaved_journals(tmp_path)] == [second.path]
    assert not first.path.exists()


def test_a_command_the_journal_cannot_write_asks_for_a_snapshot_and_loses_nothing(tmp_path):
    class Odd(Command):  # not a dataclass of the model
        text = "Odd"

        def apply(self, table):
            table.set_values((0,), (0,), [[7.0]])
            return Odd()

    journal, document = edited(tmp_path)
    document.apply(Odd())
    document.apply(set_cell(1, 0, 8.0))
    journal.flush()
    assert journal.needs_snapshot.is_set()
    journal.start(Snapshot.of(document, dirty=True))
    document.apply(set_cell(2, 0, 9.0))
    assert journal.flush() and not journal.needs_snapshot.is_set()
    assert same(restore(journal.path), document)
    journal.close()


def test_a_journal_never_names_code_outside_the_model():
    header = {"kind": "command", "arrays": [], "command": {"__c": "os:system", "f": {"command": "true"}}}
    with pytest.raises(JournalError, match="not a model command"):
        read_command(header, memoryview(b""))
    assert frame(header)[:4] == b"VXJ1"
    header["command"] = {"__c": "explorer.model.table:VectorTable", "f": {}}
    with pytest.raises(JournalError, match="not a model command"):
        read_command(header, memoryview(b""))
    json.dumps(header)


def test_a_record_that_holds_no_command_is_refused_with_a_sentence(tmp_path):
    journal, _document = edited(tmp_path)
    damaged = {"__c": "explorer.model.derived:Formula", "f": {"text": "A", "follow": True}}
    for command, kind in ((5, "int"), (damaged, "Formula")):
        header = {"kind": "command", "arrays": [], "command": command}
        with pytest.raises(JournalError, match=f"holds a {kind}, not a change of the document"):
            read_command(header, memoryview(b""))
        path = tmp_path / f"damaged-{kind}.vxj"
        path.write_bytes(journal.path.read_bytes() + frame(header))
        with pytest.raises(JournalError, match="not a change of the document"):
            restore(path)
    journal.close()


def test_values_come_back_bit_for_bit(tmp_path):
    rng = np.random.default_rng(3)
    document = Document(VectorTable([f"w{i}" for i in range(50)], ["a", "b", "c"], rng.normal(size=(50, 3)) * 1e300))
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(set_cell(3, 2, -0.0))
    assert journal.flush()
    back = restore(journal.path)
    assert np.array_equal(back.table.values.view(np.int64), document.table.values.view(np.int64))
    journal.close()


def test_formulas_the_kind_of_vectors_and_stored_maps_come_back(tmp_path):
    """What main's document holds besides the table and claims: the formulas of derived vectors (changed by
    commands), what kind of vectors the table holds, and stored t-SNE/UMAP maps."""
    from explorer.model.commands import SetKind
    from explorer.model.derived import Formula, SetFormula
    from explorer.model.vector_kind import VectorKind

    document = materials_document()
    kind = VectorKind("sentence", "all-MiniLM-L6-v2", "the mean of its token vectors", unit_length=False)
    document.apply(SetKind(kind))  # before the saved point: in the snapshot
    journal = Journal(tmp_path)
    journal.start(Snapshot.of(document))
    document.applied.connect(journal.record)
    document.apply(InsertVectors(5, ["M"], [[3.0, 28.5]]))
    document.apply(SetFormula("M", Formula("(A + C) / 2", True)))  # a command holding a model dataclass
    document.apply(set_cell(0, 0, 5.0))  # M follows A
    assert journal.flush() and not journal.needs_snapshot.is_set()  # written as commands, not a new snapshot
    back = restore(journal.path)
    assert back.table.same_content(document.table) and back.table.values[5].tolist() == [4.0, 28.5]
    assert back.table.kind == kind
    assert back.formulas.to_list() == [{"label": "M", "expression": "(A + C) / 2", "follow": True}]
    back.apply(set_cell(2, 0, 7.0))  # still follows after the restore
    assert back.table.values[5].tolist() == [6.0, 28.5]
    journal.close()
