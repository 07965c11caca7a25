"""File › New (``actionNew``): start again on the lesson's materials, or on an empty table.

:class:`NewDocumentDialog` (``newDocumentDialog``) asks which: the built-in
materials A–E with the lesson's claims, or an empty table with two dimensions
the user names (``mass (kg)`` gives a name and a unit, as everywhere). The
window asks about unsaved changes first (:meth:`FileController.maybe_save`);
the new document has no file, no history and no unsaved changes, and its
title says what it is: "Materials A–E" or "Untitled".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from explorer.model.builtin import empty_document, materials_document
from explorer.model.document import Document
from explorer.model.table import TableError
from explorer.qt.names import named


class NewDocumentDialog(QDialog):
    """Asks what a new document holds: the materials (``newMaterials``) or an empty table
    (``newEmpty``) with two dimensions (``newFirstDimension``, ``newSecondDimension``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("newDocumentDialog")
        self.setWindowTitle("New document")
        self.materials = QRadioButton("The lesson's materials A–E (mass and volume, with its six claims)")
        self.materials.setObjectName("newMaterials")
        self.empty = QRadioButton("An empty table with two dimensions:")
        self.empty.setObjectName("newEmpty")
        group = QButtonGroup(self)
        group.addButton(self.materials)
        group.addButton(self.empty)
        self.materials.setChecked(True)
        self.first = named(QLineEdit("x"), "newFirstDimension")
        self.second = named(QLineEdit("y"), "newSecondDimension")
        for edit in (self.first, self.second):
            edit.setToolTip("A name, and a unit in brackets if it has one: mass (kg)")
            edit.textChanged.connect(self._on_change)
            edit.textEdited.connect(lambda text: self.empty.setChecked(True))
        names = QWidget()
        form = QFormLayout(names)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow("First:", self.first)
        form.addRow("Second:", self.second)
        self.problem = named(QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True), "newProblem")
        self.problem.setStyleSheet("color: #B00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start a new document with:"))
        layout.addWidget(self.materials)
        layout.addWidget(self.empty)
        layout.addWidget(names)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.materials.toggled.connect(self._on_change)
        self._on_change()

    def document(self) -> Document:
        """The document chosen; raises TableError for dimension names that cannot be used."""
        if self.materials.isChecked():
            return materials_document()
        return empty_document(self.first.text(), self.second.text())

    def _on_change(self, *args) -> None:
        try:
            self.document() if self.empty.isChecked() else None
        except TableError as error:
            problem = str(error)
        else:
            problem = ""
        self.problem.setText(problem[:1].upper() + problem[1:] + ("." if problem else ""))
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


def ask_new_document(parent) -> Document | None:
    """Show :class:`NewDocumentDialog`; the document chosen, or None when cancelled."""
    dialog = NewDocumentDialog(parent)
    try:
        return dialog.document() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
