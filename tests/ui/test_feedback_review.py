"""Feedback that explains (issue 10 item 5): the student's own selection next to the key,
one consistent false-alarm explanation, a clean passage explained, "I disagree" notes
stored and shown, and history rows that reopen their feedback read-only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from tests.ui.test_app_flow import open_store
from trainer.core.model import Article
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.storage.service import Store
from trainer.ui.practice.feedback_view import FeedbackView, VerdictRole
from trainer.ui.shell.main_window import MainWindow


def feedback_for(qtbot: QtBot, article: Article, taxonomy: Taxonomy,
                 marks: list[Span]) -> FeedbackView:
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, score_article(article, marks, taxonomy), "family", marks)
    return view


def select_verdict(view: FeedbackView, kind: str) -> None:
    for row in range(view.model.rowCount()):
        if view.model.index(row, 0).data(VerdictRole).verdict == kind:
            view.list.setCurrentIndex(view.model.index(row, 0))
            return
    raise AssertionError(f"no {kind} verdict")


def test_a_found_phrase_shows_what_the_student_selected(qtbot: QtBot, article: Article,
                                                        taxonomy: Taxonomy) -> None:
    text = article.text
    start = text.index("diplomatic sources")  # part of "citing diplomatic sources"
    marks = [Span(start, start + len("diplomatic sources"), "unverified")]
    view = feedback_for(qtbot, article, taxonomy, marks)
    select_verdict(view, "found")
    body = view.detail.body.text()
    assert "“citing diplomatic sources”" in body  # the key span
    assert "You marked: “diplomatic sources” (Unverified claim)" in body


def test_a_false_alarm_gets_one_consistent_explanation(qtbot: QtBot, article: Article,
                                                       taxonomy: Taxonomy) -> None:
    text = article.text
    start = text.index("published")
    view = feedback_for(qtbot, article, taxonomy, [Span(start, start + 9, "anonymous-source")])
    select_verdict(view, "false-alarm")
    family = taxonomy.families["unverified"]
    assert "does not flag this phrase as Unverified claim" in view.detail.body.text()
    assert "hide a source" not in view.detail.body.text()
    assert view.detail.tip.text() == f"How to check for {family.name}: {family.check}"


def test_a_clean_passage_says_what_makes_it_fair(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    clean = Article(id="clean", title="Budget published", level=1,
                    text="The council published its budget on Monday. It is online.")
    unmarked = feedback_for(qtbot, clean, taxonomy, [])
    assert unmarked.detail.heading.text() == "A fair report"
    assert "no phrase" in unmarked.detail.body.text()
    assert "source a reader could check" in unmarked.detail.body.text()
    assert unmarked.clean_note.isHidden()
    flagged = feedback_for(qtbot, clean, taxonomy, [Span(0, 11, "framing")])
    assert flagged.clean_note.isVisible()
    assert "clean" in flagged.clean_note.text() and "source" in flagged.clean_note.text()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def write_note(qtbot: QtBot, view: FeedbackView, text: str) -> None:
    view.detail.disagree.click()
    dialog = view.note_dialog
    assert isinstance(dialog, QInputDialog) and dialog.isVisible()
    dialog.setTextValue(text)
    dialog.accept()


def test_a_note_is_stored_shown_and_reopened_from_history(qtbot: QtBot, store: Store,
                                                          tmp_path: Path) -> None:
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window._create_profile("Ana")
    window.show()
    qtbot.waitExposed(window)
    assert window.profile_id is not None
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    window.open_revision(entries["peace"].revision_id)
    text = window.practice.passage.passage()
    start = text.index("intervention")
    window.practice.passage.select_range(start, start + len("intervention"))
    window.practice.editor.apply_label("unverified")
    window.practice.submit.click()
    feedback = window.feedback
    assert not feedback.read_only and feedback.next.isVisible()
    select_verdict(feedback, "wrong-label")
    verdict = feedback.current_verdict()
    assert verdict is not None
    write_note(qtbot, feedback, "The word can be neutral here.")
    # Stored with the attempt, shown under the verdict and marked in the list.
    (attempt,) = store.progress.history(window.profile_id)
    assert attempt.note_count == 1
    stored = store.practice.attempt(attempt.attempt_id)
    assert [(n.start, n.end, n.text) for n in stored.notes] == [
        (verdict.start, verdict.end, "The word can be neutral here.")]
    assert feedback.detail.note.text() == "Your note: The word can be neutral here."
    assert "your note" in feedback.list.currentIndex().data()
    # History shows it; Enter on the row reopens the feedback, read-only, with Try again.
    window.show_history()
    history = window.history
    assert "1 note" in history.model.index(0, 6).data()
    history.table.setFocus()
    history.table.setCurrentIndex(history.model.index(0, 1))
    qtbot.keyClick(history.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is feedback
    assert feedback.read_only and not feedback.next.isVisible() and feedback.retry.isVisible()
    assert feedback.banner.isVisible()
    current = window.current
    assert current is not None
    expected = score_article(current.article, [Span(start, start + 12, "unverified")],
                             current.taxonomy)
    assert feedback.model.verdicts == expected.verdicts
    select_verdict(feedback, "wrong-label")
    assert feedback.detail.note.text() == "Your note: The word can be neutral here."
    # Back goes to the attempts; Try again opens the passage afresh.
    feedback.back.click()
    assert window.stack.currentWidget() is history
    history.open.click()
    assert window.stack.currentWidget() is feedback
    feedback.retry.click()
    assert window.stack.currentWidget() is window.practice
    assert window.practice.marks.marks() == []
    assert QApplication.activeModalWidget() is None


def test_a_note_on_a_headline_phrase_names_the_headline(qtbot: QtBot,
                                                        taxonomy: Taxonomy) -> None:
    from trainer.core.model import Annotation

    article = Article(id="h", title="Shock plan to close the library", level=1,
                      text="The council will discuss the library on Monday.",
                      annotations=[Annotation(start=0, end=5, label="loaded-language",
                                              part="title")])
    view = feedback_for(qtbot, article, taxonomy, [])
    view.attempt_id = "a1"
    select_verdict(view, "missed")
    seen: list[tuple[str, str, int, int, str]] = []
    view.note_saved.connect(lambda *args: seen.append(args))
    write_note(qtbot, view, "Shock is a fair word here.")
    assert seen == [("a1", "title", 0, 5, "Shock is a fair word here.")]
    view.show_note("title", 0, 5, "Shock is a fair word here.")
    assert view.detail.note.text() == "Your note: Shock is a fair word here."


def test_the_note_dialog_is_no_keyboard_trap(qtbot: QtBot, article: Article,
                                             taxonomy: Taxonomy) -> None:
    # Review finding 10: Tab typed a tab into the note and Ctrl+Enter did nothing, so only
    # Esc (which discards the note) left the dialog.
    start = article.text.index("intervention")
    view = feedback_for(qtbot, article, taxonomy,
                        [Span(start, start + len("intervention"), "unverified")])
    view.attempt_id = "a1"
    select_verdict(view, "wrong-label")
    saved: list[str] = []
    view.note_saved.connect(lambda _a, _p, _s, _e, text: saved.append(text))
    view.detail.disagree.click()
    dialog = view.note_dialog
    assert isinstance(dialog, QInputDialog)
    qtbot.waitExposed(dialog)
    editor = dialog.findChild(QPlainTextEdit)
    assert editor is not None
    editor.setFocus()
    qtbot.keyClicks(editor, "Neutral here")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert "\t" not in editor.toPlainText()
    assert not editor.hasFocus()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == ["Neutral here"]
    assert not dialog.isVisible()


def test_an_attempt_reopened_from_history_keeps_nothing_to_flag(qtbot: QtBot, store: Store,
                                                                tmp_path: Path) -> None:
    # The score card says "you said nothing to flag" after Submit, and again when the
    # attempt is reopened from My attempts (not "you marked nothing").
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window._create_profile("Ana")
    window.show()
    qtbot.waitExposed(window)
    assert window.profile_id is not None
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    window.open_revision(entries["peace"].revision_id)
    window.practice.nothing.setChecked(True)
    window.practice.submit.click()
    assert "you said nothing to flag" in window.feedback.score.summary.text()
    window.show_history()
    history = window.history
    history.table.setFocus()
    history.table.setCurrentIndex(history.model.index(0, 1))
    qtbot.keyClick(history.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.feedback
    assert window.feedback.read_only
    assert "you said nothing to flag" in window.feedback.score.summary.text()
