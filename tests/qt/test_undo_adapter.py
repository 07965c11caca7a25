"""The one QUndoCommand adapter: a command that cannot be undone is reported, never a crash."""

from explorer.model.commands import SetValues


def test_an_inverse_that_fails_is_reported_and_the_program_lives_on(qtbot, materials_context):
    context = materials_context
    before = context.table.copy()
    # A step whose inverse names a row the table does not have (what a stale gesture recorded).
    context.push_applied(SetValues((5,), (0, 1), [[1, 2]]), SetValues((5,), (0, 1), [[3, 4]]))
    with qtbot.capture_exceptions() as exceptions:
        context.undo_stack.undo()  # PySide6 crashed (segmentation fault) on an IndexError here
        assert context.table.same_content(before)
        context.undo_stack.redo()
        assert context.table.same_content(before)
    assert [kind for kind, _, _ in exceptions] == [IndexError, IndexError]
