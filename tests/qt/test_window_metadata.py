"""The window on a file with a column of words: opened, shown, coloured by, edited, saved and opened again."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.qt.helpers import type_into_cell

WITH_CATEGORY = (
    "label,mass (kg),category,volume (l)\nA,3,light,30\nB,15,dense,4\nC,3,light,27\nD,7.5,light,75\nE,7.5,dense,2\n"
)


def test_a_csv_with_a_column_of_words_opens_with_it_as_metadata_and_saves_it_back(qtbot, window, tmp_path):
    messages = []
    window.context.message.connect(messages.append)
    source = tmp_path / "materials.csv"
    source.write_text(WITH_CATEGORY)
    assert window.files.open(str(source))
    assert "5 vectors, 2 dimensions, 1 metadata column of text (category)" in messages[-1]
    model = window.table_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["label", "mass (kg)", "volume (l)", "Aa category", "|v|"]
    assert window.plot.tip(1) == (15.0, 4.0)  # B = [15 kg, 4 l]: the words did not shift the numbers

    panel = window.plot_panel
    panel.color_by.setCurrentIndex(panel.color_by.findData("category"))
    assert "Colour: category" in panel.legend.title.text()
    type_into_cell(qtbot, window.table_view, 0, 3, "dense")  # A becomes dense: 3 dense, 2 light
    assert window.isWindowModified()
    body = panel.legend.body.text()
    assert body.index("dense") < body.index("light") and ">3<" in body

    saved = tmp_path / "materials.json"
    window.answers["save"] = str(saved)
    window.actionSaveAs.trigger()
    data = json.loads(saved.read_text())
    assert data["metadata"] == [{"name": "category", "values": ["dense", "dense", "light", "light", "dense"]}]
    assert data["view"]["plot"]["color_by"] == "category"

    as_csv = tmp_path / "again.csv"
    window.answers["save"] = str(as_csv)
    window.actionSaveAs.trigger()
    assert as_csv.read_text().splitlines()[:2] == ["label,mass (kg),volume (l),category", "A,3,30,dense"]

    window.answers["open"] = str(saved)
    window.answers["save_changes"] = QMessageBox.StandardButton.Discard
    window.context.undo_stack.undo()  # an unsaved change, discarded by opening
    window.actionOpen.trigger()
    assert window.context.table.metadata.column(0) == ("dense", "dense", "light", "light", "dense")
    assert panel.color_by.currentData() == "category" and panel.legend.isVisible()


def test_edit_menu_adds_a_metadata_column_that_undo_removes(qtbot, window):
    edit = window.menu("edit")
    names = [action.objectName() for action in edit.actions()]
    assert {"actionAddMetadataColumn", "actionRemoveMetadataColumn", "actionRenameMetadataColumn"} <= set(names)
    actions = window.table_view.metadata_actions
    assert not actions.remove.isEnabled()
    actions.ask_name = lambda title, label, text: "origin"
    actions.add.trigger()
    assert window.context.table.metadata.names == ("origin",) and actions.remove.isEnabled()
    assert window.actionUndo.text() == "&Undo: Add column of text origin"
    window.actionUndo.trigger()
    assert len(window.context.table.metadata) == 0 and not actions.remove.isEnabled()


def test_metadata_typed_in_the_window_survives_a_crash(qtbot, tmp_path):
    from explorer.qt.app.recovery import offer_recovery
    from tests.qt.test_recovery import crash, new_window

    first = new_window(qtbot, tmp_path)
    actions = first.table_view.metadata_actions
    actions.ask_name = lambda title, label, text: "density"
    actions.add.trigger()
    type_into_cell(qtbot, first.table_view, 1, 3, "dense")
    first.plot_panel.color_by.setCurrentIndex(first.plot_panel.color_by.findData("density"))
    expected = first.context.table.copy()
    crash(first)
    second = new_window(qtbot, tmp_path)
    assert offer_recovery(second, recover=True)
    assert second.context.table.same_content(expected)
    assert second.context.table.metadata.items() == [("density", ("", "dense", "", "", ""))]
