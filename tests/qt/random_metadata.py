"""The random walk's metadata actions and checks (see :mod:`tests.qt.random_actions`).

A metadata column added, renamed or removed through Edit's actions, a metadata
cell typed (words, numbers, empty, a long text, a formula), and the plot
coloured or labelled by a metadata column; after each action the table model
shows every metadata column where it belongs.
"""

from __future__ import annotations

from explorer.model.display import shown_text

#: What a metadata cell is given: words, numbers (the column may become numeric), nothing, odd text.
TEXTS = ("metal", "wood", "glass", "1990", "2.5", "", " ", "=1+1", "n/a", "é" * 40_000, "line\nbreak")
NAMES = ("category", "year", "note", "colour", "mass (kg)", "x [text]")


def metadata_action(driver) -> None:
    """One metadata change, chosen by the driver's generator."""
    rng, context, window = driver.rng, driver.context, driver.window
    table = context.table
    actions = window.table_view.metadata_actions
    count = len(table.metadata)
    choice = rng.random()
    if count == 0 or (choice < 0.2 and count < 3):
        name = rng.choice(NAMES)
        actions.ask_name = lambda title, label, text: name
        driver.log.add("add metadata column", name)
        actions.add.trigger()
    elif choice < 0.3:
        column = rng.randrange(count)
        driver.log.add("remove metadata column", str(column))
        actions.remove_column(column)
    elif choice < 0.4:
        column, name = rng.randrange(count), rng.choice(NAMES) + str(rng.randrange(3))
        driver.log.add("rename metadata column", f"{column} -> {name}")
        actions.rename_column(column, name)
    elif choice < 0.55:
        names = table.metadata.names
        box = window.plot_panel.color_by if rng.random() < 0.7 else window.plot_panel.label_by
        index = box.findData(rng.choice(names))
        driver.log.add("colour or label by metadata", str(box.itemData(index)))
        box.setCurrentIndex(max(index, 0))
    elif len(table):
        row, column = rng.randrange(len(table)), rng.randrange(count)
        text = rng.choice(TEXTS)
        driver.log.add("edit metadata", f"({row}, {column}) = {text[:20]!r}")
        model = driver.model
        model.setData(model.index(row, table.dimension_count + 1 + column), text)
        assert table.metadata.value(row, column) == text, "a metadata cell edit was not taken"


def check_metadata(driver) -> None:
    """The table model shows the metadata columns after the dimensions, before |v|."""
    table, model = driver.context.table, driver.model
    d, m = table.dimension_count, len(table.metadata)
    for column in range(m):
        header = model.headerData(d + 1 + column, 1)  # Qt.Orientation.Horizontal
        assert header == "Aa " + shown_text(table.metadata.names[column]), f"metadata header {column}"
        for row in {0, len(table) - 1} if len(table) else ():
            shown = model.data(model.index(row, d + 1 + column))
            assert shown == shown_text(table.metadata.value(row, column), 1000), f"metadata cell ({row}, {column})"
    assert model.headerData(d + m + 1, 1) == "|v|", "|v| is the last column"
