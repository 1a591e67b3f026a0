"""Teacher → Make assignment… (behind the teacher PIN); see dialog.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from trainer.ui.teacher.teacher_pin import require_teacher_pin

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.teacher.assignment_maker.dialog import AssignmentMakerDialog


def open_assignment_maker(window: MainWindow) -> AssignmentMakerDialog | None:
    """Ask for the teacher PIN (when one is set), then show the dialog (non-modal); a second
    use brings the open dialog forward."""
    from trainer.ui.teacher.assignment_maker.dialog import (
        TEACHER_SETTING,
        AssignmentMakerDialog,
    )

    open_now = next((d for d in window.findChildren(AssignmentMakerDialog) if d.isVisible()),
                    None)
    if open_now is not None:  # already past the PIN: bring it forward, do not ask again
        open_now.raise_()
        open_now.activateWindow()
        return open_now
    store = window.ensure_store()
    if store is None:
        return None
    purpose = QCoreApplication.translate(
        "AssignmentMaker", "Making assignments is for teachers. Enter the teacher PIN.")
    if not require_teacher_pin(window, store, purpose):
        return None
    sets = [store.library.export_set(info.id) for info in store.library.list_sets()]
    teacher = store.settings.get(TEACHER_SETTING, "")
    dialog = AssignmentMakerDialog(
        sets, teacher if isinstance(teacher, str) else "",
        lambda name: store.settings.set(TEACHER_SETTING, name), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
