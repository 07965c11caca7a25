"""The edits the window offers, built as commands in the model: removal runs, new and removed dimensions."""

from __future__ import annotations

import pytest

from explorer.model.builtin import materials
from explorer.model.commands import Compound, RemoveVectors
from explorer.model.edits import new_dimension_command, remove_dimension_command, remove_rows_command
from explorer.model.table import Dimension, TableError, VectorTable


def test_removing_scattered_rows_is_one_command_of_runs_last_first():
    command = remove_rows_command([4, 0, 1, 3])
    assert isinstance(command, Compound) and command.text == "Remove 4 vectors"
    assert [(c.start, c.count) for c in command.commands] == [(3, 2), (0, 2)]
    table = materials()
    inverse = command.apply(table)
    assert table.labels == ("C",)
    inverse.apply(table)
    assert table.same_content(materials())


def test_removing_one_run_is_one_plain_removal():
    assert remove_rows_command([2]) == RemoveVectors(2, 1, "Remove vector")
    assert remove_rows_command([1, 2]) == RemoveVectors(1, 2, "Remove 2 vectors")
    with pytest.raises(ValueError, match="Select the vectors to remove first"):
        remove_rows_command([])


def test_a_new_dimension_gets_the_first_free_name():
    table = materials()
    command = new_dimension_command(table)
    assert command.dimensions == (Dimension("dim3"),) and command.start == 2
    command.apply(table)
    table.set_dimension(0, Dimension("dim4"))
    assert new_dimension_command(table).dimensions == (Dimension("dim5"),)


def test_the_last_dimension_is_never_removed():
    one = VectorTable(["A"], ["x"], [[1.0]])
    with pytest.raises(TableError, match="A vector needs at least one dimension; this one stays"):
        remove_dimension_command(one, 0)
    table = materials()
    assert remove_dimension_command(table, None).start == 1  # no column chosen: the last one
    assert remove_dimension_command(table, 0).start == 0
