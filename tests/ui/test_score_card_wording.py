"""Review 4, finding 14: the score card's words. Ticking "Nothing to flag" reads "you said
nothing to flag", not "you marked nothing"; the discernment sentence says it is about this
passage, and after both a miss and a false alarm it gives the counts instead of a lean that
contradicts one of them ("you hold back" right after a whole-sentence false alarm)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trainer.core.discernment import DiscernmentCounts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import Counts, score_article
from trainer.core.student_score import StudentScore
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView
from trainer.ui.practice.score_card import ScoreCard


def _card(qtbot: QtBot) -> ScoreCard:
    widget = ScoreCard()
    qtbot.addWidget(widget)
    return widget


def test_nothing_to_flag_is_what_the_student_said(qtbot: QtBot) -> None:
    widget = _card(qtbot)
    nothing = StudentScore(missed=1, key_spans=1, mode="family")
    widget.show_score(nothing, Counts(), None, clean=False, said_nothing=True)
    assert widget.summary.text() == "You found 0 of 1 phrase · you said nothing to flag"
    widget.show_score(nothing, Counts(), None, clean=False)
    assert widget.summary.text() == "You found 0 of 1 phrase · you marked nothing"


def test_the_judgement_is_about_this_passage(qtbot: QtBot) -> None:
    widget = _card(qtbot)
    both = DiscernmentCounts(hits=1, misses=1, false_alarms=1, correct_rejections=3)
    widget.show_score(StudentScore(found=1, missed=1, key_spans=2, marks=2, hits=1,
                                   false_alarms=1, mode="family"), Counts(), both, clean=False)
    text = widget.judgement.text()
    assert text.startswith("In this passage")
    assert "you flagged 1 of 4 fair sentences and missed 1 of 2 that needed a flag" in text
    assert "hold back" not in text
    only_misses = DiscernmentCounts(misses=1, correct_rejections=4)
    widget.show_score(StudentScore(missed=1, key_spans=1, mode="family"), Counts(),
                      only_misses, clean=False)
    assert widget.judgement.text().startswith("In this passage")
    assert widget.judgement.text().endswith("you hold back too much: flag what you notice.")


def test_feedback_passes_nothing_to_flag_on(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    text = "Officials are secretly planning a deployment. The council met on Tuesday."
    start = text.index("secretly")
    article = Article(id="a", title="Plans", level=1, text=text, annotations=[
        Annotation(start=start, end=start + 8, label="loaded-language")])
    view = FeedbackView()
    qtbot.addWidget(view)
    view.load(article, taxonomy, score_article(article, [], taxonomy), "family", [],
              nothing_to_flag=True)
    assert view.score.summary.text().endswith("you said nothing to flag")
