"""Review 4, finding 12: a clean passage's feedback says why it is fair once, not above the
verdicts and again in the "A fair report" card; and a quoted phrase is not quoted twice
(“"devastated"”)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trainer.core.model import Article, Note
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView
from trainer.ui.practice.marks_model import quote

TEXT = ('The cinema was destroyed by fire on Tuesday night. Its owner said she was '
        '"devastated" and had not yet decided whether to rebuild.')


def _clean() -> Article:
    start = TEXT.index('"devastated"')
    return Article(id="fire", title="Fire destroys cinema", level=1, text=TEXT, notes=[
        Note(start=start, end=start + len('"devastated"'),
             why="Her own word, in quotation marks: the report does not take it over.")])


def _feedback(qtbot: QtBot, article: Article, taxonomy: Taxonomy,
              marks: list[Span]) -> FeedbackView:
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, score_article(article, marks, taxonomy), "family", marks)
    return view


def test_a_clean_passage_with_a_note_says_why_it_is_fair_once(qtbot: QtBot,
                                                              taxonomy: Taxonomy) -> None:
    view = _feedback(qtbot, _clean(), taxonomy, [])
    assert view.detail.heading.text() == "A fair report"
    assert "source a reader could check" in view.detail.body.text()
    assert view.clean_note.isHidden()  # the same paragraph stood above the verdicts too
    assert view.verdict_texts() == ["Good practice — nothing to flag\n“devastated”"]


def test_a_clean_passage_with_a_false_alarm_still_says_it_is_clean(
        qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = _feedback(qtbot, _clean(), taxonomy, [Span(0, 10, "framing")])
    assert view.clean_note.isVisible()
    assert "clean" in view.clean_note.text()
    assert "source a reader could check" not in view.detail.body.text()


def test_quote_does_not_double_a_quotation() -> None:
    assert quote('"devastated"') == "devastated"
    assert quote("‘ruthless’") == "ruthless"
    assert quote('"Out," he said') == '"Out," he said'  # not one quotation: left alone
    assert quote("'a' and 'b'") == "'a' and 'b'"
