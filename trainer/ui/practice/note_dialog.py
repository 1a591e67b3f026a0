"""The "I disagree…" note dialog: a multi-line note that is no keyboard trap.

Tab and Shift+Tab move between the note and the buttons (a note never needs a tab
character) and Ctrl+Enter is OK, as in mail programs; Enter alone starts a new line.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QInputDialog, QPlainTextEdit, QWidget


class CtrlEnterAccepts(QObject):
    """Accepts the dialog on Ctrl+Enter, which the text field would take as a new line."""

    def __init__(self, dialog: QInputDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.dialog.accept()
            return True
        return super().eventFilter(watched, event)


def note_dialog(parent: QWidget, text: str) -> QInputDialog:
    """The dialog, holding the note written so far; the caller connects and opens it."""
    translate = QCoreApplication.translate
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(translate("FeedbackView", "I disagree"))
    dialog.setLabelText(translate(
        "FeedbackView", "What do you think the answer key got wrong here? Your note is kept "
        "with this attempt and your teacher can read it. (Ctrl+Enter saves it.)"))
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(text)
    editor = dialog.findChild(QPlainTextEdit)
    if editor is not None:
        editor.setTabChangesFocus(True)
        editor.setAccessibleName(translate("FeedbackView", "Your note"))
        editor.installEventFilter(CtrlEnterAccepts(dialog))
    return dialog
