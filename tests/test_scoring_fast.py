"""`trainer score`'s one-pass path gives exactly the reference functions' figures.

The reference: scoring.score_article (research counts, verdicts, discernment) and
student_score.student_score. Floats are compared with ==: the fast path must not move a
single bit (the research counts match the official SemEval scorer to 1e-15).
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from trainer.core.model import Annotation, Article
from trainer.core.parts import SEPARATOR
from trainer.core.scorekey import KeyAnnotation, KeyArticle
from trainer.core.scoring import MODES, Mark, score_article
from trainer.core.scoring_fast import VERDICT_FIELDS, score_article_fast
from trainer.core.spans import Span
from trainer.core.student_score import student_score
from trainer.core.taxonomy import Technique, default_taxonomy

# A set-defined technique, as a converted PTC set has, next to the built-in ones.
TAX = default_taxonomy().with_extra([Technique("repetition", "framing", "Repetition",
                                               "Said again and again.")])
KEY_LABELS = ["anonymous-source", "vague-attribution", "loaded-language", "labeling",
              "unverified", "framing", "repetition"]
MARK_LABELS = [*KEY_LABELS, "exaggeration", ""]  # "" is a mark without a label
PIECES = ["Word", "aa", "b", " ", "  ", "\t", "\n", "\n\n", " \n \n ", ".", "!", "?", "…",
          "...", "\"", "”", ")", "e.g.", "3.5", "x. ", "end.\n", "\u00a0", "😀"]


@st.composite
def span_in(draw: st.DrawFn, length: int, labels: list[str]) -> Mark:
    start = draw(st.integers(0, length - 1))
    end = draw(st.integers(start + 1, min(length, start + draw(st.sampled_from([3, 12, 60])))))
    return start, end, draw(st.sampled_from(labels))


@st.composite
def attempts(draw: st.DrawFn) -> tuple[KeyArticle, list[Mark]]:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60)))
    title = draw(st.sampled_from(["A title", "Big news. Again!", "T"]))
    annotations = []
    for _ in range(draw(st.integers(0, 8))):
        part = draw(st.sampled_from(["text", "text", "text", "title"]))
        start, end, label = draw(span_in(len(title if part == "title" else text), KEY_LABELS))
        annotations.append(KeyAnnotation(start, end, label, draw(st.sampled_from(["", "Why."])),
                                         draw(st.sampled_from(["", "Tip."])),
                                         draw(st.booleans()), part))
    marks = draw(st.lists(span_in(len(text), MARK_LABELS), max_size=12))
    if draw(st.booleans()):  # headline marks, in scoring coordinates
        base = len(text) + len(SEPARATOR)
        marks += [(s + base, e + base, label)
                  for s, e, label in draw(st.lists(span_in(len(title), MARK_LABELS), max_size=3))]
    if marks and draw(st.booleans()):
        marks.append(marks[0])  # the same mark twice
    level = draw(st.integers(1, 3))
    return KeyArticle("a", title, level, text, tuple(annotations)), marks


def assert_same_as_reference(article: KeyArticle | Article, marks: list[Mark]) -> None:
    spans = [Span(*m) for m in marks]
    reference = score_article(article, spans, TAX)
    for mode in MODES:
        fast = score_article_fast(article, marks, TAX.family_map, mode)
        assert fast.counts == reference.counts  # record ==: floats bit for bit
        assert fast.discernment == reference.discernment
        assert fast.verdicts is not None
        assert [dict(zip(VERDICT_FIELDS, row, strict=True)) for row in fast.verdicts] == [
            v.as_dict() for v in reference.verdicts]
        assert fast.student == student_score(article, spans, mode, TAX)
    assert score_article_fast(article, marks, TAX.family_map, "family", False).verdicts is None
    # without the sentence cache (trainer score): the same figures
    assert score_article_fast(article, marks, TAX.family_map, "technique",
                              cached_split=False) == fast


@settings(max_examples=600, deadline=None)
@given(attempts())
def test_fast_path_gives_the_reference_figures(attempt: tuple[KeyArticle, list[Mark]]) -> None:
    assert_same_as_reference(*attempt)


@settings(max_examples=100, deadline=None)
@given(attempts())
def test_fast_path_takes_the_model_article_too(attempt: tuple[KeyArticle, list[Mark]]) -> None:
    key, marks = attempt
    assume(key.text.strip())  # the set model refuses a blank passage; the score key need not
    article = Article(id="a", title=key.title, text=key.text, level=key.level, annotations=[
        Annotation(start=a.start, end=a.end, label=a.label, explanation=a.explanation,
                   tip=a.tip, optional=a.optional, part=a.part) for a in key.annotations])
    assert_same_as_reference(article, marks)


def test_hand_made_case() -> None:
    text = "Crooked elites lie. Nobody checks them!  \n\nThey always win. Again."
    article = KeyArticle("a", "Title here", 3, text, (
        KeyAnnotation(0, 14, "loaded-language", "Loaded.", "Look at the words."),
        KeyAnnotation(20, 39, "unverified", optional=True),
        KeyAnnotation(44, 60, "repetition"),
        KeyAnnotation(0, 5, "labeling", part="title"),
    ))
    marks: list[Mark] = [(0, 7, "loaded-language"), (8, 18, "labeling"), (20, 26, ""),
                         (0, len(text), "framing"), (61, 66, "exaggeration"),
                         (len(text) + 2, len(text) + 7, "labeling")]
    assert_same_as_reference(article, marks)
