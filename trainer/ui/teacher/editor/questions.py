"""The set editor's messages and questions to the teacher (the window's `_ask_…` methods
call these; tests replace those methods, since the real questions are modal)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.ui.teacher.editor.library import Choice

# The strings keep the window's translation context; literal calls so that lupdate finds them.
translate = QCoreApplication.translate


def inform(parent: QWidget, title: str, text: str) -> None:
    """A message that does not block: the editor stays usable while it is shown."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def ask_version_or_separate(parent: QWidget, set_id: str, held_title: str) -> Choice:
    """The library holds another set under this set's id: never replace it silently."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("SetEditorWindow", "Add to library"),
                      "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(translate(
        "SetEditorWindow",
        "The library already has a set with the id “%1”: “%2”.\n\nIs this set a new "
        "version of “%2” (it replaces it; attempts on it are kept), or a separate set?")
        .replace("%1", set_id).replace("%2", held_title))
    version = box.addButton(
        translate("SetEditorWindow", "New version of “%1”").replace("%1", held_title),
        QMessageBox.ButtonRole.AcceptRole)
    separate = box.addButton(translate("SetEditorWindow", "Separate set"),
                             QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(separate)  # the choice that can never lose anything
    box.exec()
    clicked = box.clickedButton()
    return ("version" if clicked is version else
            "separate" if clicked is separate else "cancel")


def confirm(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, translate("SetEditorWindow", "Set editor"), question)
    return answer == QMessageBox.StandardButton.Yes


def ask_save_changes(parent: QWidget) -> QMessageBox.StandardButton:
    return QMessageBox.question(
        parent, translate("SetEditorWindow", "Unsaved changes"),
        translate("SetEditorWindow", "Save the changes to this set?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel)
