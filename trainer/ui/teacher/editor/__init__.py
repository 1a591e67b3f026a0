"""The set editor: teachers build, check, save and import article sets (DESIGN §7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from trainer.ui.teacher.editor.window import SetEditorWindow, StoreProvider
from trainer.ui.teacher.teacher_pin import require_teacher_pin

__all__ = ["SetEditorWindow", "StoreProvider", "open_set_editor"]


def open_set_editor(parent: QWidget | None,
                    store_provider: StoreProvider) -> SetEditorWindow | None:
    """Show a new editor window after the teacher-PIN gate; None if the PIN was refused."""
    store = store_provider()
    if store is not None and not require_teacher_pin(parent, store):
        return None
    window = SetEditorWindow(store_provider, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
