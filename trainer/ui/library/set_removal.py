"""Teacher → Remove set from library…: behind the teacher PIN, asks which set and confirms.

What removal means is decided in the store (store.library.remove_set): the set leaves the
library, students' attempts on it stay (with the exact text they saw), importing it again
brings it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from trainer.storage.errors import StoreError
from trainer.ui.teacher.teacher_pin import require_teacher_pin

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


translate = QCoreApplication.translate


def _inform(window: MainWindow, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def remove_set_from_library(window: MainWindow) -> str | None:
    """The id of the set removed, or None when nothing was removed (no set, wrong PIN,
    cancelled)."""
    store = window.ensure_store()
    if store is None:
        return None
    title = translate("SetRemoval", "Remove set from library")
    if not require_teacher_pin(window, store, translate(
            "SetRemoval", "Removing a set from the library is for teachers. Enter the "
                          "teacher PIN.")):
        return None
    sets = store.library.list_sets()
    if not sets:
        _inform(window, title, translate("SetRemoval", "The library has no sets to remove."))
        return None
    labels = [translate("SetRemoval", "%1 (%2, version %3, %4 passages)").replace("%1", s.title)
              .replace("%2", s.id).replace("%3", str(s.version))
              .replace("%4", str(s.article_count)) for s in sets]
    label, ok = QInputDialog.getItem(window, title, translate("SetRemoval", "Set to remove:"),
                                     labels, 0, False)
    if not ok or label not in labels:
        return None
    chosen = sets[labels.index(label)]
    answer = QMessageBox.question(
        window, title,
        translate("SetRemoval", "Remove “%1” and its %2 passages from the library?\n\n"
                                "Students' attempts on it are kept and still show in their "
                                "history; unfinished marks on its passages are dropped. "
                                "Importing the set again brings it back.")
        .replace("%1", chosen.title).replace("%2", str(chosen.article_count)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        store.library.remove_set(chosen.id)
    except StoreError as exc:
        _inform(window, title, translate("SetRemoval", "Nothing was removed: %1").replace(
            "%1", exc.message))
        return None
    window.refresh_library()
    return chosen.id
