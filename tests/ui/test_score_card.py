"""The score card: words first, one number, the numbers behind "Details" (issue 10 item 2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.discernment import DiscernmentCounts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import Counts, score_article
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore, student_score
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView
from trainer.ui.practice.score_card import ScoreCard
from trainer.ui.shell import theme

TEXT = ("Officials are secretly planning a deployment, diplomatic sources said. "
        "Many expect an intervention soon. The so-called experts were wrong again. "
        "Critics call the plan a reckless gamble. Figures show a crisis. "
        "The council met on Tuesday.")
PHRASES = [("secretly", "loaded-language"), ("diplomatic sources said", "anonymous-source"),
           ("so-called experts", "labeling"), ("reckless gamble", "loaded-language"),
           ("Figures show", "unsourced-statistic")]


def at(phrase: str, label: str) -> Annotation:
    start = TEXT.index(phrase)
    return Annotation(start=start, end=start + len(phrase), label=label)


def mark(phrase: str, label: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start, start + len(phrase), label)


FIVE = Article(id="five", title="Five", level=1, text=TEXT,
               annotations=[at(p, label) for p, label in PHRASES])
CLEAN = Article(id="clean", title="Budget", level=1, text=TEXT)


def card(qtbot: QtBot) -> ScoreCard:
    widget = ScoreCard()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_words_first_then_one_number(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    # Four phrases found with natural word boundaries, one false alarm, two sentences at once.
    marks = [mark("are secretly planning", "framing"),
             mark("diplomatic sources said.", "unverified"),
             mark("The so-called experts", "framing"),
             mark("a reckless gamble", "framing"),
             mark("Many expect", "framing"),
             mark("Figures show a crisis. The council met", "framing")]
    student = student_score(FIVE, marks, "family", taxonomy)
    result = score_article(FIVE, marks, taxonomy)
    widget = card(qtbot)
    widget.show_score(student, result.counts["family"], result.discernment, clean=False)
    assert widget.summary.text() == \
        "You found 4 of 5 phrases · 1 false alarm · 1 mark too broad"
    assert widget.number.text() == f"{round(student.score * 100)} %"
    assert "family" in widget.mode.text()
    assert "fair sentences" in widget.judgement.text()
    assert "d′" not in widget.judgement.text() and "d′" not in widget.summary.text()
    assert "Your score" in widget.caption.text()
    assert "4 of 5" in widget.accessibleDescription()


def test_details_hold_the_numbers_and_toggle_by_keyboard(qtbot: QtBot,
                                                         taxonomy: Taxonomy) -> None:
    marks = [mark("secretly", "framing")]
    result = score_article(FIVE, marks, taxonomy)
    widget = card(qtbot)
    widget.show_score(student_score(FIVE, marks, "family", taxonomy),
                      result.counts["family"], result.discernment, clean=False)
    button = widget.details_button
    assert not widget.details.isVisible()
    assert button.accessibleName() == "Show score details"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert button.isChecked() and widget.details.isVisible()
    assert button.accessibleName() == "Hide score details"
    details = widget.details.text()
    for number in ("Precision", "recall", "d′", "bias c", "Research score"):
        assert number in details
    assert "Phrases: 1 found, 0 partly found, 4 missed, of 5." in details
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert not widget.details.isVisible()


def test_a_clean_passage_left_alone_says_so_in_words(qtbot: QtBot,
                                                     taxonomy: Taxonomy) -> None:
    result = score_article(CLEAN, [], taxonomy)
    widget = card(qtbot)
    widget.show_score(student_score(CLEAN, [], "family", taxonomy), result.counts["family"],
                      result.discernment, clean=True)
    assert widget.summary.text() == \
        "A fair passage: nothing needed flagging, and you flagged nothing."
    assert widget.number.text() == "100 %"
    assert widget.judgement.text().startswith("In this passage you left every fair sentence alone")
    widget.details_button.click()
    assert "recall" not in widget.details.text().lower()


def test_a_clean_passage_marked_end_to_end_never_says_recall_100(
        qtbot: QtBot, taxonomy: Taxonomy) -> None:
    marks = [Span(0, len(TEXT), "framing")]
    result = score_article(CLEAN, marks, taxonomy)
    assert result.counts["family"].recall == 1.0  # the research edge case
    widget = card(qtbot)
    widget.show_score(student_score(CLEAN, marks, "family", taxonomy),
                      result.counts["family"], result.discernment, clean=True)
    assert widget.summary.text() == "A fair passage: nothing needed flagging · 1 mark too broad"
    assert widget.number.text() == "0 %"
    assert widget.judgement.text() == \
        "In this passage you flagged 6 of 6 fair sentences; you flag too much."
    widget.details_button.click()
    every_text = " ".join((widget.summary.text(), widget.caption.text(),
                           widget.judgement.text(), widget.details.text())).lower()
    assert "recall" not in every_text


def test_partly_found_wrong_labels_and_nothing_marked(qtbot: QtBot) -> None:
    widget = card(qtbot)
    widget.show_score(StudentScore(found=2, partly=1, missed=1, key_spans=4, marks=4, hits=3,
                                   wrong_labels=1, mode="technique"),
                      Counts(), None, clean=False)
    assert widget.summary.text() == "You found 2 of 4 phrases, 1 more partly · 1 wrong label"
    assert "exact technique" in widget.mode.text()
    assert widget.judgement.text() == ""
    widget.show_score(StudentScore(missed=1, key_spans=1, mode="family"), Counts(),
                      DiscernmentCounts(misses=1, correct_rejections=4), clean=False)
    assert widget.summary.text() == "You found 0 of 1 phrase · you marked nothing"
    assert widget.judgement.text().endswith("you hold back too much: flag what you notice.")


def test_feedback_view_shows_the_student_score(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    marks = [mark("are secretly planning", "framing"),
             mark("diplomatic sources said.", "unverified")]
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(FIVE, taxonomy, score_article(FIVE, marks, taxonomy), "family", marks)
    assert view.score.summary.text() == "You found 2 of 5 phrases"
    expected = student_score(FIVE, marks, "family", taxonomy)
    assert view.score.number.text() == f"{round(expected.score * 100)} %"


@pytest.fixture
def app_look() -> Iterator[QApplication]:
    """The text size is application-wide: put it (and the theme) back for the next test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, font, colors = app.styleSheet(), app.palette(), app.font(), theme.current()
    yield app
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE)
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)
    theme._current = colors


def test_the_big_number_scales_with_the_text_size(qtbot: QtBot, app_look: QApplication,
                                                   taxonomy: Taxonomy) -> None:
    theme.apply_theme(app_look, "light")
    widget = card(qtbot)
    widget.show_score(student_score(FIVE, [], "family", taxonomy),
                      score_article(FIVE, [], taxonomy).counts["family"], None, clean=False)

    def sizes() -> tuple[float, float]:
        QApplication.processEvents()
        return widget.number.font().pointSizeF(), widget.summary.font().pointSizeF()

    theme.apply_text_size(app_look, theme.REFERENCE_TEXT_SIZE)
    number, text = sizes()
    assert number > 1.4 * text  # still the big number
    theme.apply_text_size(app_look, theme.REFERENCE_TEXT_SIZE * 1.5)
    larger_number, larger_text = sizes()
    assert larger_text == pytest.approx(text * 1.5, rel=0.05)
    assert larger_number == pytest.approx(number * 1.5, rel=0.05)
