"""Teacher → Class report…: open the class report window, behind the teacher PIN; a second
use raises the open window instead of opening another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.teacher.class_report.window import ClassReportWindow


def open_class_report(main: MainWindow) -> ClassReportWindow | None:
    from trainer.core.taxonomy import default_taxonomy
    from trainer.ui.teacher.class_report.window import ClassReportWindow
    from trainer.ui.teacher.teacher_pin import require_teacher_pin

    open_now = main.findChild(ClassReportWindow)
    if isinstance(open_now, ClassReportWindow):
        open_now.reopen()
        return open_now
    store = main.ensure_store()
    if store is None:
        return None
    if not require_teacher_pin(main, store, QCoreApplication.translate(
            "ClassReport", "The class report shows every student's results. Enter the "
            "teacher PIN.")):
        return None
    window = ClassReportWindow(main.ensure_store, default_taxonomy(), main)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
