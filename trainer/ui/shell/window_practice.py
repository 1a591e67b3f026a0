"""The main window's practice loop: open a passage, autosave its draft, submit, show feedback,
retry or move on (kept apart so that main_window.py stays about the window itself).

Each function takes the window; the window keeps thin methods that call them, because screens
and tests connect to those.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trainer.storage.errors import StoreError
from trainer.ui.library.library_model import next_entry, shown_entries

if TYPE_CHECKING:
    from trainer.core.spans import Span
    from trainer.ui.shell.main_window import MainWindow


# The strings keep MainWindow's translation context; literal calls so that lupdate finds them.
translate = QCoreApplication.translate


def open_revision(window: MainWindow, revision_id: int, *, keep_assignment: bool = False,
                  introduce: bool = False) -> None:
    # `introduce`: the student chose it; a first level-2 passage gets the labels' intro.
    if window.profile_id is None:
        return
    assignments = window.assignments_if_built
    if not keep_assignment and assignments is not None:
        assignments.active = None
    view = window.store.library.article(revision_id)
    draft = window.store.practice.load_draft(window.profile_id, revision_id)
    window.current = view
    window.started_at = datetime.now(UTC)
    window.practice.load(view.article, view.taxonomy,
                         list(draft.marks) if draft else None,
                         draft.nothing_to_flag if draft else False, view.sources)
    window.practice.show_assignment(*(assignments.position(revision_id)
                                      if assignments is not None else (None, 0)))
    if introduce and window.guidance.needs_intro(view.article.level):
        window.guidance.show_intro(view.taxonomy)
        return
    window.show_named("practice")
    window.practice.passage.setFocus()


def save_draft(window: MainWindow, marks: list[Span], nothing: bool) -> bool:
    """Autosave the marks; False (the student was told, once per passage) if the draft
    could not be stored, e.g. on a full disk. The marks stay on the page either way."""
    current = window.current
    if window.profile_id is None or current is None or window.store.read_only:
        return False
    try:
        if marks or nothing:
            window.store.practice.save_draft(window.profile_id, current.revision_id,
                                             marks, nothing)
        else:
            window.store.practice.discard_draft(window.profile_id, current.revision_id)
    except StoreError as exc:
        if window.draft_warned != current.revision_id:
            window.draft_warned = current.revision_id
            QMessageBox.warning(window, translate("MainWindow", "Marks not saved"), translate(
                "MainWindow", "{reason}\n\nYour marks are still on the page; keep this window "
                "open until they can be saved.").format(reason=exc.message))
        return False
    return True


def flush_practice(window: MainWindow) -> None:
    """Save the passage being practised as a draft before another screen is shown."""
    practice = window.practice_if_built
    if (practice is not None and window.stack.currentWidget() is practice
            and practice.has_pending_draft()):
        practice.flush_draft()


def leave_practice(window: MainWindow) -> None:
    window.practice.flush_draft()
    assignments = window.assignments_if_built
    active = assignments.active if assignments is not None else None
    if active is not None:
        window.assignments.show(active.id)
    else:
        window.show_library()


def submit(window: MainWindow, marks: list[Span], nothing: bool) -> None:
    if window.guidance.active:
        window.guidance.submitted(marks)
        return
    current = window.current
    if window.profile_id is None or current is None:
        return
    article = current.article
    mode, assignment_id, level = window.assignments.submit_options(article.level)
    try:
        attempt = window.store.practice.submit(
            window.profile_id, current.revision_id, marks, mode=mode,
            started_at=window.started_at, nothing_to_flag=nothing,
            sources_opened=window.practice.lookup.opened,
            assignment_id=assignment_id, level=level)
    except StoreError as exc:
        # Nothing was recorded: the marks stay on the page and are kept as a draft (if even
        # that can be written), so pressing Submit again later loses nothing.
        window.draft_warned = current.revision_id  # one message, not two
        kept = save_draft(window, marks, nothing)
        title = translate("MainWindow", "Your answer was not saved")
        QMessageBox.warning(window, title, translate(
            "MainWindow", "{reason}\n\nYour marks are still here{kept}. Press Submit again once "
            "the problem is solved.").format(
                reason=exc.message,
                kept=translate("MainWindow", " and kept as a draft") if kept else ""))
        return
    if window.assignments.after_submit(current.revision_id):
        return  # the assignment shows feedback only at the end
    window.feedback.load(article, current.taxonomy, attempt.result, attempt.mode, marks,
                         attempt.student, attempt_id=attempt.attempt_id,
                         nothing_to_flag=nothing)
    show_assignment_on_feedback(window, current.revision_id)
    window.show_named("feedback")


def show_assignment_on_feedback(window: MainWindow, revision_id: int) -> None:
    """The assignment's place survives Submit: "passage N of M", "← Assignment", and
    "Back to assignment" once every passage is done (Next goes there then)."""
    assignments = window.assignments_if_built
    active = assignments.active if assignments is not None else None
    if assignments is None or active is None or window.profile_id is None:
        window.feedback.show_assignment(None)
        return
    position, total = assignments.position(revision_id)
    info = window.store.assignments.get(window.profile_id, active.id)
    window.feedback.show_assignment(position, total,
                                    last=info.next_passage(revision_id) is None)


def leave_feedback(window: MainWindow) -> None:
    assignments = window.assignments_if_built
    active = assignments.active if assignments is not None else None
    if window.feedback.read_only:
        window.show_history()
    elif assignments is not None and active is not None:
        assignments.show(active.id)
    else:
        window.show_library()


def retry(window: MainWindow) -> None:
    if window.guidance.active:
        window.guidance.start_tour()
    elif window.current is not None:
        open_revision(window, window.current.revision_id, keep_assignment=True)


def next_passage(window: MainWindow) -> None:
    """The next passage in the library's current order, preferring ones not done yet."""
    if window.guidance.active:
        window.guidance.end_tour(completed=True)
        return
    if window.profile_id is None or window.current is None:
        return
    assignments = window.assignments_if_built
    if assignments is not None and assignments.active is not None:
        assignments.next_passage(window.current.revision_id)
        return
    window.library.set_entries(window.store.library.entries(window.profile_id))
    pick = next_entry(shown_entries(window.library.proxy), window.current.revision_id)
    if pick is None:
        window.show_library()
    else:
        open_revision(window, pick.revision_id, introduce=True)
