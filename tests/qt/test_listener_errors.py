"""A panel that fails while following a change never turns the change into a refusal."""

from __future__ import annotations

from explorer.model import events
from explorer.model.commands import InsertVectors, set_cell


def test_a_failing_listener_keeps_the_change_and_its_undo_step(qtbot, materials_context):
    """Before: the listener's ValueError was taken for a refusal: the row was added with no undo step."""
    context = materials_context
    before = context.table.copy()
    messages: list[str] = []
    context.message.connect(messages.append)

    def heatmap_that_fails(start, count):
        raise ValueError("The condensed distance matrix must contain only finite values.")

    context.table.rows_inserted.connect(heatmap_that_fails)
    with qtbot.capture_exceptions() as exceptions:
        assert context.push(InsertVectors(5, ["F"], [[1.0, 2.0]]))
    assert [kind for kind, _, _ in exceptions] == [ValueError]  # reported (sys.excepthook), not swallowed
    assert context.table.labels == tuple("ABCDEF")
    assert context.undo_stack.count() == 1
    assert not any("refused" in m for m in messages)
    context.table.rows_inserted.disconnect(heatmap_that_fails)
    context.undo_stack.undo()
    assert context.table.same_content(before)


def test_a_refused_command_changes_nothing_and_says_so(qtbot, materials_context):
    context = materials_context
    before = context.table.copy()
    messages: list[str] = []
    context.message.connect(messages.append)
    assert not context.push(InsertVectors(5, ["A"], [[1.0, 2.0]]))  # the label is taken
    assert context.table.same_content(before) and context.undo_stack.count() == 0
    assert messages == ["Add vector refused: the label 'A' is already used; labels must be unique"]


def test_the_window_shows_a_listener_error_in_the_status_bar_and_logs_it(qtbot, window, caplog):
    from explorer.qt import errors

    previous = errors.install()
    try:
        broken = []

        def plot_that_fails(rows, columns):
            broken.append(rows)
            raise ZeroDivisionError("float division by zero")

        window.context.table.values_changed.connect(plot_that_fails)
        with caplog.at_level("ERROR", logger="explorer"):
            assert window.context.push(set_cell(0, 0, 4.0))
        assert broken == [(0,)]
        assert window.statusBar().currentMessage() == (
            "A panel could not follow this change (ZeroDivisionError: float division by zero); "
            "the change itself was made and can be undone."
        )
        assert "plot_that_fails failed while following values_changed" in caplog.text
        assert window.context.undo_stack.count() == 1 and window.isWindowModified()
    finally:
        events.listener_error_hook = previous
