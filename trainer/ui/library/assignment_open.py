"""File → Open assignment…, a dropped assignment file, and practising from an assignment.

Opening reads the file (trainer.core.assignment_file), imports the embedded set and remembers
the assignment (store.assignments). While a passage is practised from an assignment, the
window asks `submit_options` for the mode, level and assignment id, and `after_submit`
decides what comes next: with feedback "end" the next passage opens straight away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from trainer.core.errors import InvalidInput
from trainer.storage.errors import StoreError
from trainer.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from trainer.storage.assignments import AssignmentInfo
    from trainer.ui.library.assignment_view import AssignmentView
    from trainer.ui.shell.main_window import MainWindow

_SNIFF_BYTES = 4096
_TAG = re.compile(rb'"format"\s*:\s*"trainer\.assignment"')


translate = QCoreApplication.translate


def looks_like_assignment(path: Path) -> bool:
    """Whether a dropped file is an assignment (its first bytes name the format), so a drop
    opens it as one instead of importing it as a set."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return bool(_TAG.search(handle.read(_SNIFF_BYTES)))
    except OSError:
        return False


@dataclass(frozen=True)
class Active:
    """The assignment a passage is being practised for."""

    id: str
    level: int
    feedback: str


class AssignmentController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active: Active | None = None
        self._view: AssignmentView | None = None
        self.done_box: QMessageBox | None = None

    @property
    def view(self) -> AssignmentView:
        if self._view is None:
            from trainer.ui.library.assignment_view import AssignmentView

            self._view = AssignmentView()
            self._view.open_requested.connect(self.open_passage)
            self._view.back_requested.connect(self.window.show_library)
            self._view.file_requested.connect(self.choose_file)
            self._view.export_requested.connect(lambda: self.window.progress.export_progress())
            self.window.stack.addWidget(self._view)
        return self._view

    def show(self, current: str | None = None) -> None:
        if self.window.profile_id is None:
            self.window.show_profiles()
            return
        self.window.flush_practice()
        self.view.set_assignments(
            self.window.store.assignments.list(self.window.profile_id), current)
        self.window.show_screen(self.view, "assignments")
        self.view.list.setFocus()

    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self.window, file_dialogs.ASSIGNMENT, translate("Assignments", "Open assignment"),
            translate("Assignments", "Assignments (*.mltassignment *.json);;All files (*)"))
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Read, import and show the assignment; every problem is told, nothing half done."""
        from trainer.core.assignment_file import read_assignment

        try:
            assignment, _warnings = read_assignment(path)
            self.window.store.assignments.add(assignment)
        except InvalidInput as exc:
            self._refuse(path, "\n".join(p.format() for p in exc.problems[:20]))
            return False
        except StoreError as exc:
            self._refuse(path, exc.message)
            return False
        self.window.refresh_library()
        self.show(assignment.id)
        return True

    def _refuse(self, path: Path, details: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, translate("Assignments", "Assignment not opened"),
            translate("Assignments", "{name} could not be opened; nothing was changed.").format(
                name=path.name), QMessageBox.StandardButton.Ok, self.window)
        box.setDetailedText(details)
        box.setInformativeText(details.splitlines()[0] if details else "")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- practising from an assignment ------------------------------------------------------
    def open_passage(self, assignment_id: str, revision_id: int) -> None:
        if self.window.profile_id is None:
            return
        info = self.window.store.assignments.get(self.window.profile_id, assignment_id)
        self.active = Active(info.id, info.level, info.feedback)
        self.window.open_revision(revision_id, keep_assignment=True)

    def position(self, revision_id: int) -> tuple[int | None, int]:
        """(passage number from 1, passages) of the revision in the active assignment, or
        (None, 0) outside one."""
        info = self._info()
        ids = [p.revision_id for p in info.passages] if info is not None else []
        return (ids.index(revision_id) + 1, len(ids)) if revision_id in ids else (None, 0)

    def submit_options(self, article_level: int) -> tuple[str, str | None, int | None]:
        """(scoring mode, assignment id, level) for the passage being submitted."""
        from trainer.core.scoring import LEVEL_MODE

        if self.active is None:
            return LEVEL_MODE.get(article_level, "family"), None, article_level
        return LEVEL_MODE.get(self.active.level, "family"), self.active.id, self.active.level

    def _info(self) -> AssignmentInfo | None:
        if self.active is None or self.window.profile_id is None:
            return None
        return self.window.store.assignments.get(self.window.profile_id, self.active.id)

    def after_submit(self, revision_id: int) -> bool:
        """True when the window should not show feedback (feedback "end"): the next passage
        or, once all are done, the assignment list is shown instead."""
        if self.active is None or self.active.feedback != "end":
            return False
        self.next_passage(revision_id)
        return True

    def next_passage(self, revision_id: int) -> bool:
        """Open the assignment's next passage not done yet; False when not practising one."""
        info = self._info()
        if info is None:
            return False
        passage = info.next_passage(revision_id)
        if passage is None or passage.revision_id is None:
            assignment_id = info.id
            self.active = None
            self.show(assignment_id)
            if info.feedback == "end":
                self.done_box = QMessageBox(
                    QMessageBox.Icon.Information, translate("Assignments", "Assignment done"),
                    translate("Assignments",
                        "Every passage of “{title}” is submitted. Your feedback for each one "
                        "is in My attempts (Ctrl+H).").format(title=info.title),
                    QMessageBox.StandardButton.Ok, self.window)
                self.done_box.open()
        else:
            self.window.open_revision(passage.revision_id, keep_assignment=True)
        return True

