"""The export dialog: format and extension follow each other, sizes in cm or pixels, a preview at the
chosen size, Copy Image, settings remembered, the look written to the view state (Cancel puts it back)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QDialogButtonBox

from explorer.model.document import Document
from explorer.model.table import VectorTable
from explorer.qt.app.settings import Settings
from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog


@pytest.fixture
def settings(tmp_path):
    return Settings(str(tmp_path / "explorer.ini"))


@pytest.fixture
def make_dialog(qtbot, materials_context, settings):
    def make(context=None):
        dialog = ExportHeatmapDialog(context or materials_context, settings=settings)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_the_format_follows_the_extension_and_the_other_way_round(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "figure.svg"))
    assert dialog.format_combo.currentData()[0] == "svg"
    dialog.format_combo.setCurrentIndex(2)  # PDF document
    assert dialog.path_edit.text() == str(tmp_path / "figure.pdf")
    assert "cm page" in dialog.size_chooser.pixels_label.text()


def test_a_size_in_cm_makes_a_png_of_size_times_dpi_and_the_status_bar_says_where(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    messages = []
    dialog.context.message.connect(messages.append)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("cm"))
    dialog.width_spin.setValue(12)
    dialog.height_spin.setValue(9)
    dialog.dpi_spin.setValue(300)
    assert dialog.size_chooser.pixels_label.text() == "= 1,417 × 1,063 pixels"
    target = tmp_path / "materials.png"
    dialog.path_edit.setText(str(target))
    save(qtbot, dialog)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1417, 1063)
    assert messages == [f"Exported the heatmap to {target}"]


def test_changing_the_unit_keeps_the_physical_size(make_dialog):
    dialog = make_dialog()
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("px"))
    dialog.width_spin.setValue(1200)
    dialog.height_spin.setValue(960)
    dialog.dpi_spin.setValue(96)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("in"))
    assert (dialog.width_spin.value(), dialog.height_spin.value()) == (12.5, 10.0)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("cm"))
    assert (dialog.width_spin.value(), dialog.height_spin.value()) == (31.75, 25.4)


def test_the_dialog_remembers_format_size_unit_dpi_and_folder(qtbot, make_dialog, tmp_path):
    dialog = make_dialog()
    folder = tmp_path / "figures"
    folder.mkdir()
    dialog.path_edit.setText(str(folder / "heat.pdf"))
    dialog._on_path_typed(str(folder / "heat.pdf"))
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("mm"))
    dialog.width_spin.setValue(90)
    dialog.height_spin.setValue(70)
    dialog.dpi_spin.setValue(600)
    save(qtbot, dialog)
    assert (folder / "heat.pdf").exists()
    again = make_dialog()
    assert again.format_combo.currentData()[0] == "pdf"
    assert again.unit_combo.currentData() == "mm"
    assert (again.width_spin.value(), again.height_spin.value(), again.dpi_spin.value()) == (90, 70, 600)
    assert again.path_edit.text() == str(folder / "heatmap.pdf")


def test_the_preview_shows_the_figure_at_the_chosen_size(make_dialog, qtbot):
    dialog = make_dialog()
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("px"))
    dialog.width_spin.setValue(1600)
    dialog.height_spin.setValue(800)
    dialog.update_preview()
    pixmap = dialog.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() / pixmap.height() == pytest.approx(2.0, abs=0.02)
    assert dialog.note.text() == ""


def test_the_preview_says_when_numbers_are_left_out(qtbot, settings, new_context):
    rng = np.random.default_rng(2)
    table = VectorTable([f"w{i}" for i in range(300)], ["x", "y", "z"], rng.normal(size=(300, 3)))
    dialog = ExportHeatmapDialog(new_context(Document(table)), settings=settings)
    qtbot.addWidget(dialog)
    dialog.update_preview()
    assert dialog.note.text().startswith("Numbers hidden: cells too small")


def test_copy_image_puts_the_picture_at_its_size_on_the_clipboard(make_dialog):
    dialog = make_dialog()
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("px"))
    dialog.width_spin.setValue(640)
    dialog.height_spin.setValue(480)
    assert dialog.copy_image()
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (640, 480)


def test_the_look_is_the_documents_view_state_and_cancel_puts_it_back(make_dialog, materials_context):
    state = materials_context.view.heatmap
    dialog = make_dialog()
    dialog.dendrogram_check.setChecked(True)
    assert (state.order, state.dendrogram) == ("clustered", True)  # the panel behind follows at once
    dialog.colormap_combo.setCurrentIndex(dialog.colormap_combo.findData("RdBu"))
    dialog.range_edit.setText("0.3:1")
    dialog.range_edit.editingFinished.emit()
    dialog.digits_spin.setValue(2)
    assert (state.colormap, state.range, state.digits) == ("RdBu", (0.3, 1.0), 2)
    options = dialog.options()
    assert (options.colormap, options.range, options.digits, options.dendrogram) == ("RdBu", (0.3, 1.0), 2, True)
    state.annotate = False  # changed elsewhere (the panel): the dialog follows
    assert not dialog.annotate_check.isChecked()
    dialog.reject()
    assert (state.order, state.dendrogram, state.colormap, state.range, state.digits, state.annotate) == (
        "original",
        False,
        None,
        None,
        None,
        True,
    )
