"""Looking back at a submitted attempt: its feedback shown again, read-only, from "My
attempts", and the student's "I disagree" notes kept with it through the Store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trainer.core.scoring import score_article
from trainer.storage.errors import StoreError

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def reopen_attempt(window: MainWindow, attempt_id: str) -> None:
    """Show a stored attempt's feedback as it was marked; "Try again" practises it afresh."""
    try:
        stored = window.store.practice.attempt(attempt_id)
        view = window.store.library.article(stored.revision_id)
    except StoreError as exc:
        QMessageBox.warning(window, translate("Review", "Attempt not found"), exc.message)
        return
    # Scores are recomputed from the stored marks on the same revision: the same result as
    # when it was submitted, without storing verdicts twice.
    result = score_article(view.article, stored.marks, view.taxonomy)
    when = stored.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
    window.current = view
    window.feedback.load(view.article, view.taxonomy, result, stored.mode, stored.marks,
                         attempt_id=stored.attempt_id,
                         notes={(n.part, n.start, n.end): n.text for n in stored.notes},
                         read_only_since=when, nothing_to_flag=stored.nothing_to_flag)
    window.show_screen(window.feedback, "feedback")


def save_note(window: MainWindow, attempt_id: str, part: str, start: int, end: int,
              text: str) -> None:
    try:
        window.store.practice.save_note(attempt_id, part, start, end, text)
    except StoreError as exc:
        QMessageBox.warning(window, translate("Review", "Note not saved"), exc.message)
        return
    window.feedback.show_note(part, start, end, text.strip())
