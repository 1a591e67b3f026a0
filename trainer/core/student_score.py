"""The student score (DESIGN §5): phrases found and marks that hit, counted in phrases.

The research score (trainer/core/scoring.py) measures character overlap, which is right for
comparing systems and wrong for a student: natural word boundaries cost 15–25 %, and a clean
passage marked from end to end shows "recall 100 %". This score counts phrases instead:

1. debatable marks (touching only optional key spans) are set aside, then overlapping marks
   that share a (mode-)label are merged: the *marks counted*; required key spans are merged
   the same way, as the research score does, so a key phrase is never counted twice;
2. a counted mark is *too broad* when it holds non-blank characters of more sentences than
   any required key span it overlaps (one, if it overlaps none); it hits nothing;
3. any other counted mark *hits* when it overlaps a required key span with a matching label,
   is a *false alarm* when it overlaps none, and otherwise a *wrong label*;
4. a key span is *found* when hitting marks with its label cover >= 50 % of it, *partly
   found* when they cover some of it, else *missed*;
5. precision = hits / marks, recall = (found + ½ partly) / key spans (each 1 when the
   denominator is 0), score = 2PR / (P + R).

Pure and light: no pydantic, no SQLAlchemy, so the CLI, the store and a migration can all
call it. Articles are anything with `text` and `annotations` (start, end, label, optional);
marks are in scoring coordinates (trainer.core.parts: headline marks after the text), and a
model Article with headline spans is moved into them here, as score_article does.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, cast

from trainer.core.part_shapes import PartedArticle
from trainer.core.parts import scoring_article
from trainer.core.scoring import Mode, mode_labeller, set_aside_optional
from trainer.core.sentences import sentence_bounds
from trainer.core.spans import Span, covered_length, merge_spans, relabel, span_order

# The counts and their sums live in student_counts (light, for `trainer score`); they are
# this module's names too.
from trainer.core.student_counts import FOUND_SHARE as FOUND_SHARE
from trainer.core.student_counts import MIXED as MIXED
from trainer.core.student_counts import NO_MODE as NO_MODE
from trainer.core.student_counts import StudentScore as StudentScore
from trainer.core.student_counts import mode_for_level as mode_for_level
from trainer.core.student_counts import total as total
from trainer.core.taxonomy import Taxonomy, default_taxonomy

_NON_BLANK = re.compile(r"\S")

MarkKind = Literal["hit", "false-alarm", "too-broad", "wrong-label"]
KeyKind = Literal["found", "partly", "missed"]


class KeySpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def optional(self) -> bool: ...


class KeyedText(Protocol):
    """An article as far as scoring needs it (trainer.core.model.Article fits)."""

    @property
    def text(self) -> str: ...
    @property
    def annotations(self) -> Sequence[KeySpanLike]: ...


@dataclass(frozen=True)
class CountedMark:
    """A mark as counted (merged, label in the mode's terms) and what it did."""

    start: int
    end: int
    label: str
    kind: MarkKind
    sentences: int


@dataclass(frozen=True)
class KeyOutcome:
    """A required key span (merged, label in the mode's terms) and whether it was found."""

    start: int
    end: int
    label: str
    kind: KeyKind
    coverage: float  # share covered by hitting marks with its label


@dataclass(frozen=True)
class StudentResult:
    score: StudentScore
    marks: tuple[CountedMark, ...] = field(default_factory=tuple)
    keys: tuple[KeyOutcome, ...] = field(default_factory=tuple)
    set_aside: tuple[Span, ...] = field(default_factory=tuple)  # debatable marks


class SentenceCounter:
    """How many sentences (the discernment splitter's) a span holds non-blank text of."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends = sentence_bounds(text)

    def __call__(self, start: int, end: int) -> int:
        first = bisect_right(self.ends, start)  # first sentence ending after `start`
        last = bisect_left(self.starts, end) - 1  # last sentence starting before `end`
        if last < first:
            return 0
        count = last - first + 1
        # Sentences are trimmed, so only the two outermost can be touched by blanks alone.
        for index in {first, last}:
            lo, hi = max(start, self.starts[index]), min(end, self.ends[index])
            if _NON_BLANK.search(self.text, lo, hi) is None:  # no slice: passages are long
                count -= 1
        return count


def assess(article: KeyedText, marks: Sequence[Span], mode: Mode,
           taxonomy: Taxonomy | None = None) -> StudentResult:
    """The student score of one attempt with every counted mark and key span explained.

    `marks` are in scoring coordinates (trainer.core.parts); an Article with headline spans
    or marks is scored on its text and headline together, the headline its own sentence.
    """
    if isinstance(article, PartedArticle):  # the model's Article or scorekey's KeyArticle
        article = cast(KeyedText, scoring_article(article, marks))
    label_of = mode_labeller(mode, taxonomy or default_taxonomy())
    # A headline span that could not be moved into scoring coordinates has no place here.
    in_text = [a for a in article.annotations if getattr(a, "part", "text") == "text"]
    required = [Span(a.start, a.end, a.label) for a in in_text if not a.optional]
    optional = [Span(a.start, a.end, a.label) for a in in_text if a.optional]
    kept = set_aside_optional(marks, required, optional)
    kept_set = set(kept)
    set_aside = tuple(sorted((m for m in marks if m not in kept_set), key=span_order))
    counted = merge_spans(relabel(kept, label_of))
    keys = merge_spans(relabel(required, label_of))  # sorted by start
    sentences = SentenceCounter(article.text)
    key_sentences = [max(1, sentences(k.start, k.end)) for k in keys]
    key_starts = [k.start for k in keys]
    reach: list[int] = []  # reach[i]: the furthest end among keys[0..i]
    for k in keys:
        reach.append(max(k.end, reach[-1]) if reach else k.end)

    cover: list[list[Span]] = [[] for _ in keys]
    outcomes: list[CountedMark] = []
    for mark in counted:
        overlapping = []
        index = bisect_left(key_starts, mark.end) - 1
        while index >= 0 and reach[index] > mark.start:
            if keys[index].end > mark.start:
                overlapping.append(index)
            index -= 1
        held = sentences(mark.start, mark.end)
        limit = max((key_sentences[i] for i in overlapping), default=1)
        matching = [i for i in overlapping if keys[i].label == mark.label]
        kind: MarkKind
        if held > limit:
            kind = "too-broad"
        elif matching:
            kind = "hit"
            for i in matching:
                cover[i].append(mark)
        elif not overlapping:
            kind = "false-alarm"
        else:
            kind = "wrong-label"
        outcomes.append(CountedMark(mark.start, mark.end, mark.label, kind, held))

    results: list[KeyOutcome] = []
    for key, hitting in zip(keys, cover, strict=True):
        share = covered_length(key, hitting) / key.length
        key_kind: KeyKind = ("found" if share >= FOUND_SHARE
                             else "partly" if share > 0 else "missed")
        results.append(KeyOutcome(key.start, key.end, key.label, key_kind, share))

    def marks_of(kind: MarkKind) -> int:
        return sum(m.kind == kind for m in outcomes)

    def keys_of(kind: KeyKind) -> int:
        return sum(k.kind == kind for k in results)

    score = StudentScore(
        found=keys_of("found"), partly=keys_of("partly"), missed=keys_of("missed"),
        key_spans=len(results), marks=len(outcomes), hits=marks_of("hit"),
        false_alarms=marks_of("false-alarm"), too_broad=marks_of("too-broad"),
        wrong_labels=marks_of("wrong-label"), mode=mode)
    return StudentResult(score, tuple(outcomes), tuple(results), set_aside)


def student_score(article: KeyedText, marks: Sequence[Span], mode: Mode,
                  taxonomy: Taxonomy | None = None) -> StudentScore:
    """The counts of one attempt; `taxonomy` maps a set's own techniques to families."""
    return assess(article, marks, mode, taxonomy).score
