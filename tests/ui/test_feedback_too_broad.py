"""Review finding 2: a key phrase met only by a too-broad mark is "Too broad", never "Found",
so the verdict list agrees with the score card ("0 of 2 found · 1 mark too broad")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from trainer.core.feedback_verdicts import feedback_verdicts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.student_score import student_score
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView, VerdictRole
from trainer.ui.shell.styles import VERDICT_STYLES

TEXT = ("Northvale says 40 percent of pupils skip the lunch menu. "
        "Experts agree it must change after lunch. The canteen opens at noon.")


def _article() -> Article:
    number = TEXT.index("40 percent")
    experts = TEXT.index("Experts agree")
    return Article(id="northvale", title="Northvale lunch menu", level=1, text=TEXT,
                   annotations=[
                       Annotation(start=number, end=number + len("40 percent"),
                                  label="unsourced-statistic", explanation="Whose figure?",
                                  tip="Look for the survey."),
                       Annotation(start=experts, end=experts + len("Experts agree"),
                                  label="vague-attribution", explanation="Which experts?",
                                  tip="Ask who.")])


def _broad_mark() -> Span:
    start = TEXT.index("40 percent")
    return Span(start, TEXT.index("after lunch") + len("after lunch"), "unverified")


def test_core_turns_a_key_met_only_by_a_too_broad_mark_into_too_broad(
        taxonomy: Taxonomy) -> None:
    article, mark = _article(), _broad_mark()
    score = student_score(article, [mark], "family", taxonomy)
    assert (score.found, score.too_broad) == (0, 1)
    verdicts = feedback_verdicts(article, [mark], score_article(article, [mark], taxonomy),
                                 "family", taxonomy)
    keys = [v for v in verdicts if v.source == "key"]
    assert [v.verdict for v in keys] == ["too-broad", "too-broad"]
    assert all((v.mark_start, v.mark_end) == (mark.start, mark.end) for v in keys)


def test_a_narrow_mark_next_to_a_broad_one_still_finds(taxonomy: Taxonomy) -> None:
    article = _article()
    broad = Span(TEXT.index("skip the"), TEXT.index("after lunch") + len("after lunch"),
                 "unverified")
    number = TEXT.index("40 percent")
    narrow = Span(number, number + len("40 percent"), "unverified")
    marks = [broad, narrow]
    verdicts = feedback_verdicts(article, marks, score_article(article, marks, taxonomy),
                                 "family", taxonomy)
    kinds = {v.label: v.verdict for v in verdicts if v.source == "key"}
    assert kinds["unsourced-statistic"] in ("found", "exact")
    assert kinds["vague-attribution"] == "too-broad"
    assert student_score(article, marks, "family", taxonomy).found == 1


def test_feedback_names_the_too_broad_mark(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    article, mark = _article(), _broad_mark()
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, score_article(article, [mark], taxonomy), "family", [mark])
    texts = view.verdict_texts()
    assert not any(t.startswith(("Found", VERDICT_STYLES["found"].text)) for t in texts)
    assert sum(t.startswith("Too broad") for t in texts) == 2
    first = view.model.index(0, 0).data(VerdictRole)
    assert first.verdict == "too-broad"
    view.list.setCurrentIndex(view.model.index(0, 0))
    body = view.detail.body.text()
    assert "40 percent of pupils" in body and "mark the phrase, not the paragraph" in body
    assert "2 sentences" in body
