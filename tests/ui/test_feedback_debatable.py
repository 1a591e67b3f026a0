"""Review 4, finding 7: a debatable phrase the student marked is one row in the feedback
("Debatable — you marked it; no credit either way"), not a "you:" row and a "key:" row; the
research verdicts (`trainer score`) keep both."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trainer.core.feedback_verdicts import feedback_verdicts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView

TEXT = "The sprawling estate would be the largest built in the district since the 1980s."


def _article() -> Article:
    start = TEXT.index("sprawling")
    return Article(id="estate", title="Plans for homes", level=2, text=TEXT, annotations=[
        Annotation(start=start, end=start + len("sprawling"), label="loaded-language",
                   optional=True, explanation="Big, or too big? Readers differ.")])


def test_a_marked_debatable_phrase_is_one_row(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    article = _article()
    start = TEXT.index("sprawling")
    marks = [Span(start, start + len("sprawling"), "loaded-language")]
    result = score_article(article, marks, taxonomy)
    # The research verdicts keep the key's row and the student's.
    assert sorted(v.source for v in result.verdicts if v.verdict == "debatable") == [
        "answer", "key"]
    shown = feedback_verdicts(article, marks, result, "technique", taxonomy)
    assert [(v.verdict, v.source) for v in shown] == [("debatable", "key")]

    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, result, "technique", marks)
    assert view.verdict_texts() == [
        "Debatable — you marked it; no credit either way\n“sprawling”"]
    assert len(view.passage.extraSelections()) == 1


def test_an_unmarked_debatable_phrase_still_names_the_key(qtbot: QtBot,
                                                        taxonomy: Taxonomy) -> None:
    article = _article()
    result = score_article(article, [], taxonomy)
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, result, "technique", [])
    assert view.verdict_texts() == ["Debatable — key: Loaded language\n“sprawling”"]
