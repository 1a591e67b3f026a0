"""Mastery counts what the feedback says (review finding 3, session 4): for any attempt, the
per-technique "found" figure the student's dashboard stores (storage/practice.py) and the one
the class report computes (core/class_attempts.py) equal the number of key phrases whose
feedback verdict (core/feedback_verdicts.py) is found or exact — a phrase reached only by a
too-broad mark is not found anywhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.class_attempts import Resolved, score_attempt
from trainer.core.feedback_verdicts import feedback_verdicts
from trainer.core.model import Annotation, Article
from trainer.core.scoring import Mode, score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Technique, default_taxonomy
from trainer.storage.practice import technique_counts

TAX = default_taxonomy().with_extra([Technique("repetition", "framing", "Repetition",
                                               "Said again and again.")])
KEY_LABELS = ["anonymous-source", "vague-attribution", "loaded-language", "labeling",
              "repetition"]
MARK_LABELS = [*KEY_LABELS, "unverified", "framing", "exaggeration"]
WORDS = ["Officials", "secretly", "planned", "a", "deal", "sources", "said", "critics",
         "agree", "it", "is", "a", "disaster", "now"]
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    label: str
    part: str = "text"


@dataclass(frozen=True)
class _Attempt:
    """What score_attempt reads of an attempt (core.class_attempts.AttemptLike)."""

    marks: tuple[_Mark, ...]
    mode: str
    id: str = "a1"
    set_id: str = "demo"
    set_version: int = 1
    article_id: str = "a"
    text_hash: str = ""
    level: int = 1
    assignment_id: str | None = None
    started_at: datetime = WHEN
    submitted_at: datetime = WHEN
    duration_s: float = 60.0
    nothing_to_flag: bool = False
    notes: tuple[Any, ...] = ()
    scores: dict[str, Any] = field(default_factory=dict)


@st.composite
def attempts(draw: st.DrawFn) -> tuple[Article, list[Span], Mode]:
    """A passage of a few sentences; key spans and marks on word boundaries, some of them
    running over two or more sentences (too broad)."""
    sentences = [" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))
                 + "." for _ in range(draw(st.integers(1, 5)))]
    text = " ".join(sentences)
    starts = [i for i, ch in enumerate(text) if ch != " " and (i == 0 or text[i - 1] == " ")]
    ends = [i + 1 for i, ch in enumerate(text)
            if ch != " " and (i + 1 == len(text) or text[i + 1] == " ")]

    def span(labels: list[str]) -> tuple[int, int, str]:
        first = draw(st.integers(0, len(starts) - 1))
        last = draw(st.integers(first, min(len(ends) - 1, first + draw(
            st.sampled_from([0, 1, 3, 12])))))
        return starts[first], ends[last], draw(st.sampled_from(labels))

    keys = [Annotation(start=s, end=e, label=label, optional=draw(st.booleans())
                       and draw(st.booleans()))
            for s, e, label in (span(KEY_LABELS) for _ in range(draw(st.integers(0, 5))))]
    marks = [Span(*span(MARK_LABELS)) for _ in range(draw(st.integers(0, 6)))]
    article = Article(id="a", title="A title", level=1, text=text, annotations=keys)
    return article, marks, draw(st.sampled_from(["family", "technique"]))


def _from_feedback(article: Article, marks: list[Span], mode: Mode) -> dict[str, tuple[int, int]]:
    """Per key technique: (phrases the feedback calls found or exact, required phrases)."""
    shown = feedback_verdicts(article, marks, score_article(article, marks, TAX), mode, TAX)
    required = [v for v in shown if v.source == "key" and not v.optional]
    met = Counter(v.label for v in required)
    found = Counter(v.label for v in required if v.verdict in ("found", "exact"))
    return {label: (found[label], n) for label, n in met.items()}


@settings(max_examples=300, deadline=None)
@given(attempts())
def test_found_per_technique_is_what_the_feedback_calls_found(
        attempt: tuple[Article, list[Span], Mode]) -> None:
    article, marks, mode = attempt
    expected = _from_feedback(article, marks, mode)
    stored = technique_counts(article, marks, score_article(article, marks, TAX).verdicts,
                              mode, TAX)
    assert stored == expected
    figures = score_attempt(_Attempt(tuple(_Mark(m.start, m.end, m.label) for m in marks),
                                     mode), Resolved(article, TAX))
    assert {label: (f, n) for label, f, n in figures.techniques} == expected


def test_a_key_phrase_reached_only_by_a_too_broad_mark_is_not_found() -> None:
    """The example the property generalises: one mark over two sentences."""
    text = "Officials secretly planned a deal. Critics agree it is a disaster."
    at = text.index("secretly")
    article = Article(id="a", title="A title", level=1, text=text, annotations=[
        Annotation(start=at, end=at + len("secretly"), label="loaded-language")])
    broad = [Span(at, len(text), "framing")]
    assert _from_feedback(article, broad, "family") == {"loaded-language": (0, 1)}
    stored = technique_counts(article, broad, score_article(article, broad, TAX).verdicts,
                              "family", TAX)
    assert stored == {"loaded-language": (0, 1)}
    figures = score_attempt(_Attempt((_Mark(at, len(text), "framing"),), "family"),
                            Resolved(article, TAX))
    assert figures.techniques == (("loaded-language", 0, 1),)
    narrow = [Span(at, at + len("secretly"), "framing")]
    assert _from_feedback(article, narrow, "family") == {"loaded-language": (1, 1)}
