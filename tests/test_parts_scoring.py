"""Headline spans in scoring: scored like text spans, never overlapping a text span."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.setgen import article_sets
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.parts import (
    SEPARATOR,
    from_scoring,
    mark_to_scoring,
    scoring_article,
    split_marks,
)
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.student_score import student_score
from trainer.core.taxonomy import default_taxonomy

TAX = default_taxonomy()
TITLE = "Council rams through plan"
TEXT = "Council rams through plan, say critics."


def _article(*annotations: Annotation) -> Article:
    return Article(id="a", title=TITLE, text=TEXT, annotations=list(annotations))


def test_a_headline_mark_hits_the_headline_span_only() -> None:
    key = Annotation(start=8, end=20, label="loaded-language", part="title",
                     explanation="x", tip="y")
    article = _article(key)
    in_title = mark_to_scoring(article, Span(8, 20, "loaded-language"), "title")
    assert in_title.start == len(TEXT) + len(SEPARATOR) + 8
    hit = score_article(article, [in_title], TAX)
    assert hit.counts["technique"].f1 == 1.0
    # The same offsets in the text are a different phrase: a false alarm, nothing found.
    miss = score_article(article, [Span(8, 20, "loaded-language")], TAX)
    assert miss.counts["technique"].f1 == 0.0
    assert [v.verdict for v in miss.verdicts if v.source == "key"] == ["missed"]
    student = student_score(article, [in_title], "technique", TAX)
    assert student.hits == 1 and student.false_alarms == 0 and student.key_spans == 1


def test_a_text_key_span_is_not_found_by_a_headline_mark() -> None:
    key = Annotation(start=8, end=20, label="loaded-language", explanation="x", tip="y")
    article = _article(key)
    title_mark = mark_to_scoring(article, Span(8, 20, "loaded-language"), "title")
    result = score_article(article, [title_mark], TAX)
    assert result.counts["any"].recall == 0.0 and result.counts["any"].precision == 0.0


def test_round_trip_of_scoring_coordinates() -> None:
    article = _article()
    marks = [(Span(0, 7, "framing"), "title"), (Span(3, 9, "framing"), "text")]
    scoring = [mark_to_scoring(article, s, p) for s, p in marks]
    assert split_marks(article, scoring) == marks
    assert from_scoring(article, *to_pair(scoring[0])) == ("title", 0, 7)


def to_pair(span: Span) -> tuple[int, int]:
    return span.start, span.end


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_sets(v2=False), st.data())
def test_sets_without_headline_spans_score_exactly_as_before(article_set: ArticleSet,
                                                            data: st.DataObject) -> None:
    for article in article_set.articles:
        assert scoring_article(article) is article
        cuts = sorted(set(data.draw(st.lists(st.integers(0, len(article.text)), max_size=6))))
        marks = [Span(s, e, "framing") for s, e in zip(cuts[::2], cuts[1::2], strict=False)]
        assert scoring_article(article, marks) is article
