"""Claims belong to the document: stored, changed by commands with inverses, saved in the JSON."""

from __future__ import annotations

import contextlib
import json

import pytest

from explorer.model.builtin import materials, materials_document
from explorer.model.claim_list import (
    AddClaims,
    ClaimList,
    ClaimReader,
    EditClaim,
    RemoveClaims,
    judge_claim,
    remove_claims_command,
)
from explorer.model.claims import LESSON_CLAIMS
from explorer.model.commands import Compound, RenameVector, set_cell
from explorer.model.document import Document
from explorer.model.formats.document_json import parse_document, write_document
from explorer.model.paste import paste_command
from explorer.model.table import VectorTable


def test_the_built_in_document_holds_the_lessons_six_claims():
    document = materials_document()
    assert document.claims.texts == LESSON_CLAIMS
    assert Document(materials()).claims.texts == ()  # another document has its own (none yet)


def test_adding_editing_and_removing_a_claim_are_commands_whose_inverse_gives_back_the_list():
    document = materials_document()
    seen = []
    document.claims.changed.connect(lambda: seen.append(document.claims.texts))
    undo_add = document.apply(AddClaims(6, ["B = 5 A"]))
    assert document.claims.texts[-1] == "B = 5 A"
    undo_edit = document.apply(EditClaim(6, "B ≈ 0.5 A"))
    assert document.claims.texts[-1] == "B ≈ 0.5 A"
    undo_remove = document.apply(remove_claims_command([0, 2, 3]))
    assert document.claims.texts == ("D = 2.5 A", "D = 0.5 B", "E = 0.5 B", "B ≈ 0.5 A")
    for inverse in (undo_remove, undo_edit, undo_add):
        document.apply(inverse)
    assert document.claims.texts == LESSON_CLAIMS
    assert len(seen) == 8  # the removal of rows 0, 2 and 3 is two runs: two changes, one command


def test_a_claim_command_refuses_what_it_cannot_do_and_changes_nothing():
    document = materials_document()
    for command in (EditClaim(9, "A = A"), RemoveClaims(5, 2), AddClaims(8, ["A = A"]), EditClaim(0, "  ")):
        with pytest.raises(ValueError):
            document.apply(command)
        assert document.claims.texts == LESSON_CLAIMS
    with pytest.raises(TypeError):
        AddClaims(0, ["A = A"]).apply(document.table)  # claims are not in the table


def test_renaming_a_vector_rewrites_its_claims_and_undo_gives_back_the_exact_text():
    document = materials_document()
    document.apply(AddClaims(6, ["X = A", "'A' ≈ C"]))
    inverse = document.apply(RenameVector(0, "X"))
    assert document.claims.texts[:2] == ("C = X", "D = 2.5 X")
    assert document.claims.texts[6:] == ("X = X", "X ≈ C")
    redo = document.apply(inverse)
    assert document.claims.texts == (*LESSON_CLAIMS, "X = A", "'A' ≈ C")
    assert document.table.labels == tuple("ABCDE")
    document.apply(redo)
    assert document.claims.texts[6:] == ("X = X", "X ≈ C")


def test_a_paste_that_renames_vectors_rewrites_claims_as_one_step():
    document = materials_document()
    command = paste_command(document.table, "Alpha\t4\nBeta\t5\n", 0, 0)
    inverse = document.apply(command)
    assert document.claims.texts[:4] == ("C = Alpha", "D = 2.5 Alpha", "E = 2.5 Alpha", "C = 0.2 Beta")
    document.apply(inverse)
    assert document.claims.texts == LESSON_CLAIMS and document.table.same_content(materials())


def test_a_compound_of_table_and_claim_commands_is_one_change_and_rolls_back_whole():
    document = materials_document()
    before = document.table.copy()
    with pytest.raises(ValueError):
        document.apply(Compound((set_cell(0, 0, 9.0), AddClaims(6, ["A = A"]), EditClaim(40, "?"))))
    assert document.table.same_content(before) and document.claims.texts == LESSON_CLAIMS


def test_claims_are_saved_in_the_json_and_read_back():
    document = materials_document()
    document.apply(AddClaims(6, ['"new york" = 2 paris']))
    data = json.loads(write_document(document.table, document.view, claims=document.claims.texts))
    assert data["version"] == 2 and data["claims"][-1] == '"new york" = 2 paris'
    back = parse_document(json.dumps(data))
    assert back.claims.texts == (*LESSON_CLAIMS, '"new york" = 2 paris')


def test_a_document_without_claims_or_with_unusable_ones_still_opens():
    table = '"dimensions": [{"name": "x"}], "vectors": [{"label": "A", "values": [1]}]'
    old = parse_document('{"format": "vector-explorer", "version": 1, ' + table + "}")
    assert old.claims.texts == ()
    odd = parse_document('{"format": "vector-explorer", "version": 2, "claims": ["A = A", 7, null, ""], ' + table + "}")
    assert odd.claims.texts == ("A = A",)  # what is not the text of a claim is left out
    assert parse_document('{"format": "vector-explorer", "version": 2, "claims": 5, ' + table + "}").claims.texts == ()


def test_verdicts_include_not_here_and_cannot_check():
    table = materials()
    lookup = {label: row for row, label in enumerate(table.labels)}
    judged = [
        judge_claim(text, lookup, table.values, table.dimensions)
        for text in ("D = 2.5 A", "C = A", "E = 2.5 A", "F = A", "mango = 2 apple", "D = A +")
    ]
    assert [(j.mark, j.word) for j in judged] == [
        ("✅", "true"),
        ("≈", "approximately true"),
        ("❌", "false"),
        ("⚠", "cannot check"),  # a typo about this table's vectors is an alarm
        ("○", "not here"),  # about vectors this table does not hold: a note
        ("⚠", "cannot check"),
    ]
    assert judged[4].reason == "mango and apple are not in this table"
    assert judged[3].reason == "'F = A', column 1: there is no vector labelled 'F'; the labels are A, B, C, D, E"


def test_claims_read_once_are_judged_as_when_read_afresh_on_every_edit():
    table = materials()
    lookup = {label: row for row, label in enumerate(table.labels)}
    reader = ClaimReader(lookup)
    texts = ("D = 2.5 A", "C = A", "E = 2.5 A", "F = A", "mango = 2 apple", "D = A +", "=", "A + E = C", "D ≈ 2 A")
    for value in (3.0, 0.0, -2.5, 1e308, 7.5):  # the same claims after edits of A
        table.set_values([0], [0], [[value]])
        for text in texts * 2:  # the second time from what the reader kept
            fresh = judge_claim(text, lookup, table.values, table.dimensions)
            assert judge_claim(text, lookup, table.values, table.dimensions, reader) == fresh, (text, value)
    assert reader.read("D = 2.5 A") is reader.read("D = 2.5 A")


def test_a_claim_list_announces_each_change():
    claims = ClaimList(["A = A"])
    events = []
    claims.inserted.connect(lambda start, count: events.append(("inserted", start, count)))
    claims.removed.connect(lambda start, count: events.append(("removed", start, count)))
    claims.edited.connect(lambda row: events.append(("edited", row)))
    claims.reset.connect(lambda: events.append(("reset",)))
    claims.insert(1, ["B = B", "C = C"])
    claims.set_text(0, "A ≈ A")
    claims.remove(1, 1)
    claims.replace(["D = D"])
    assert events == [("inserted", 1, 2), ("edited", 0), ("removed", 1, 1), ("reset",)]
    assert claims.texts == ("D = D",)


def test_the_claims_of_a_table_without_the_named_vectors_are_not_here():
    table = VectorTable(["p", "q"], ["x", "y"], [[1, 2], [2, 4]])
    lookup = {"p": 0, "q": 1}
    assert judge_claim("D = 2.5 A", lookup, table.values, table.dimensions).mark == "○"
    assert judge_claim("q = 2 p", lookup, table.values, table.dimensions).mark == "✅"


def test_undo_of_a_rename_to_a_label_the_claims_name_gives_back_their_exact_text():
    """Found by the random-action test: 'D = 2.5 A' after A was removed and v renamed to A came back,
    on undo, as 'D = 2.5 v' (the undo rewrote what the rename had not)."""
    from explorer.model.commands import InsertVectors, RemoveVectors

    document = materials_document()
    document.apply(InsertVectors(5, ["v"], [[1.0, 1.0]]))
    document.apply(RemoveVectors(0, 1))  # A goes; the claims still name it
    undo = document.apply(RenameVector(4, "A"))  # v becomes A
    assert document.claims.texts == LESSON_CLAIMS
    redo = document.apply(undo)
    assert document.claims.texts == LESSON_CLAIMS and document.table.labels[4] == "v"
    document.apply(redo)
    assert document.claims.texts == LESSON_CLAIMS and document.table.labels[4] == "A"


def test_undo_and_redo_of_a_rename_many_times_stay_one_flat_step():
    """Found by the random-action test: each undo and redo wrapped the inverse once more, until the journal
    could not write it (RecursionError) and undo slowed down."""
    document = materials_document()
    step = document.apply(RenameVector(0, "Alpha"))
    for _ in range(500):
        step = document.apply(step)
    assert isinstance(step, RenameVector) and step.label in ("A", "Alpha")
    assert document.claims.texts in (LESSON_CLAIMS, tuple(t.replace("A", "Alpha") for t in LESSON_CLAIMS))


def test_remembered_judgements_are_the_fresh_ones_through_every_kind_of_change(monkeypatch):
    """Judgements are remembered by what they depend on; after adds, removals, moves, renames, new units,
    edits and edits back, each is the one judge_claim makes afresh."""
    import random

    from explorer.model import claim_list
    from explorer.model.table import Dimension, TableError

    table = materials()
    judgements = claim_list.Judgements()
    texts = (
        *LESSON_CLAIMS,
        "F = A",  # names a vector that comes and goes; its message lists the labels
        "mango = 2 apple",
        "D = A +",
        "new york = 2 A",  # one label once "new york" is in the table, two unknown words before
        "A + E = C",
        "D ≈ 2 A",
        "'F' = 0.5 'new york'",
    )
    rng = random.Random(7)
    changes = [
        lambda: table.insert_rows(rng.randrange(len(table) + 1), [table.unique_label("F")], [[1.0, 10.0]]),
        lambda: table.insert_rows(0, ["new york"], [[6.0, 60.0]]) if "new york" not in table.labels else None,
        lambda: table.remove_rows(rng.randrange(len(table)), 1) if len(table) > 2 else None,
        lambda: table.move_rows(rng.randrange(len(table)), 1, rng.randrange(len(table))),
        lambda: (
            table.set_labels([rng.randrange(len(table))], [rng.choice(["A", "F", "G", "new york", "Q"])])
            if not {"A", "F", "G", "new york", "Q"} <= set(table.labels)
            else None
        ),
        lambda: table.set_values([rng.randrange(len(table))], [0], [[rng.choice([3.0, 7.5, 0.0, 1e308, -2.5])]]),
        lambda: table.set_dimension(1, Dimension("volume", rng.choice(["l", "ml", ""]))),
    ]
    made = []
    real = claim_list.judge_claim
    monkeypatch.setattr(claim_list, "judge_claim", lambda *args: made.append(args[0]) or real(*args))
    for _ in range(150):
        with contextlib.suppress(TableError):  # a refused change (a label already used) changes nothing
            rng.choice(changes)()
        lookup = {label: row for row, label in enumerate(table.labels)}
        reader = claim_list.ClaimReader(lookup)
        judgements.use(table.dimensions)
        for text in texts:
            fresh = real(text, lookup, table.values, table.dimensions)
            assert judgements.judge(text, lookup, table.values, reader) == fresh, (text, table.labels)
    assert len(made) < 150 * len(texts)  # some judgements were found made


def test_readers_kept_per_set_of_labels_judge_as_fresh_ones_through_every_kind_of_change(monkeypatch):
    """A claim reads the same whatever the rows of the labels it names: the checker keeps a reader per set
    of labels (moves, value edits and an undo back to labels seen before read nothing again), and what it
    judges with them is what judge_claim makes afresh."""
    import random

    from explorer.model import claim_list
    from explorer.model.table import TableError

    table = materials()
    readers, judgements = claim_list.ClaimReaders(), claim_list.Judgements()
    texts = (*LESSON_CLAIMS, "F = A", "new york = 2 A", "'F' = 0.5 'new york'", "D = A +", "A + E = C")
    rng = random.Random(11)
    changes = [
        lambda: table.insert_rows(rng.randrange(len(table) + 1), ["F"], [[1.0, 10.0]]),
        lambda: table.insert_rows(0, ["new york"], [[6.0, 60.0]]),
        lambda: table.remove_rows(rng.randrange(len(table)), 1) if len(table) > 2 else None,
        lambda: table.move_rows(rng.randrange(len(table)), 1, rng.randrange(len(table))),
        lambda: table.set_values([rng.randrange(len(table))], [0], [[rng.choice([3.0, 7.5, 0.0, -2.5])]]),
    ]
    previous, kept = (frozenset(), None), 0
    for _ in range(200):
        with contextlib.suppress(TableError):  # a label already used: refused, nothing changes
            rng.choice(changes)()
        lookup = {label: row for row, label in enumerate(table.labels)}
        reader = readers.for_labels(lookup)
        if frozenset(lookup) == previous[0]:  # rows moved or values changed: the claims already read
            assert reader is previous[1]
            kept += 1
        previous = (frozenset(lookup), reader)
        judgements.use(table.dimensions)
        for text in texts:
            fresh = judge_claim(text, lookup, table.values, table.dimensions)
            assert judgements.judge(text, lookup, table.values, reader) == fresh, (text, table.labels)
            assert judge_claim(text, lookup, table.values, table.dimensions, reader) == fresh, (text, table.labels)
    assert kept > 50
    assert readers.for_labels({"B": 0, "A": 1}) is readers.for_labels({"A": 0, "B": 1})


def test_adding_moving_and_removing_other_vectors_judges_no_claim_again(monkeypatch):
    from explorer.model import claim_list

    table = materials()
    judgements, made = claim_list.Judgements(), []
    real = claim_list.judge_claim
    monkeypatch.setattr(claim_list, "judge_claim", lambda *args: made.append(args[0]) or real(*args))

    def verdicts():
        lookup = {label: row for row, label in enumerate(table.labels)}
        reader = claim_list.ClaimReader(lookup)
        judgements.use(table.dimensions)
        return [judgements.judge(text, lookup, table.values, reader).mark for text in LESSON_CLAIMS]

    assert verdicts() == ["≈", "✅", "❌", "❌", "❌", "✅"]
    assert len(made) == 6
    table.insert_rows(0, ["G"], [[1.0, 2.0]])
    table.move_rows(0, 1, 5)
    table.remove_rows(5, 1)
    table.set_values([1], [1], [[5.0]])  # B's volume: the claims naming B are judged again
    assert verdicts() == ["≈", "✅", "❌", "❌", "❌", "❌"]
    assert made[6:] == ["C = 0.2 B", "D = 0.5 B", "E = 0.5 B"]
    table.set_values([1], [1], [[4.0]])  # back: the judgements made then
    assert verdicts() == ["≈", "✅", "❌", "❌", "❌", "✅"] and len(made) == 9
