"""One class attempt scored again against the teacher's copy of its article (issue 12).

`score_attempt` is the one place a student's attempt becomes the figures the class report
shows; `trainer class-report FILES…` calls it for every attempt, the teacher's store
(storage/classes.py) calls it when a file is imported and keeps the figures (as JSON) with the
article revision they were computed against, so that a report over a whole class only scores
what is new. What is read as an attempt is described by protocols: a progress file's pydantic
model fits, and so does the store's lighter row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from trainer.core.discernment import DiscernmentCounts
from trainer.core.feedback_verdicts import shown_verdicts
from trainer.core.mastery import FIGURES_VERSION as FIGURES_VERSION
from trainer.core.mastery import FOUND_VERDICTS, technique_tally
from trainer.core.model import Article
from trainer.core.parts import mark_to_scoring, scoring_article
from trainer.core.progress_file import stated_scores_disagree, stated_student_disagrees
from trainer.core.scoring import MODES, Mode
from trainer.core.scoring_fast import score_article_fast
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict


class MarkLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def part(self) -> str: ...


class NoteLike(Protocol):
    @property
    def text(self) -> str: ...


class AttemptLike(Protocol):
    """An attempt as a progress file states it (core.progress_file.ProgressAttempt fits)."""

    @property
    def id(self) -> str: ...
    @property
    def set_id(self) -> str: ...
    @property
    def set_version(self) -> int: ...
    @property
    def article_id(self) -> str: ...
    @property
    def text_hash(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def mode(self) -> str: ...
    @property
    def assignment_id(self) -> str | None: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def submitted_at(self) -> datetime: ...
    @property
    def duration_s(self) -> float: ...
    @property
    def nothing_to_flag(self) -> bool: ...
    @property
    def marks(self) -> Sequence[MarkLike]: ...
    @property
    def notes(self) -> Sequence[NoteLike]: ...
    @property
    def scores(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class Resolved:
    article: Article
    taxonomy: Taxonomy


@dataclass(frozen=True)
class Prepared:
    """What every attempt on one article revision shares, worked out once."""

    whole: str  # the text and the title, as scoring coordinates index them
    required: tuple[tuple[int, int, str], ...]  # required key spans in scoring coordinates
    family_of: dict[str, str]


def prepare(found: Resolved) -> Prepared:
    view = scoring_article(found.article, combined=True)
    return Prepared(view.text, tuple((k.start, k.end, k.label) for k in view.annotations
                                     if not k.optional), found.taxonomy.family_map)


# FIGURES_VERSION (core/mastery.py) is part of the token figures are kept under
# (storage/class_reading.py): raise it whenever what score_attempt computes changes, so that
# figures kept by an older program are scored again.


@dataclass(frozen=True)
class AttemptFigures:
    """Everything the class report shows of one attempt."""

    student: StudentScore
    research_f1: float
    discernment: DiscernmentCounts
    marks: tuple[Span, ...]  # scoring coordinates
    missed: tuple[str, ...]  # texts of required key spans not found (FOUND_VERDICTS)
    false_alarms: tuple[str, ...]  # texts of marks that touched no key span
    # (key technique, or its family when a family was given; label given) per key span met
    confusion: tuple[tuple[str, str], ...]
    disagrees: bool  # the file's own research or student scores differ from these
    # (key technique, found, met) as the student's dashboard counts it (mastery.technique_tally)
    techniques: tuple[tuple[str, int, int], ...] = ()

    def to_json(self) -> str:
        s, d = self.student, self.discernment
        return json.dumps([
            [s.found, s.partly, s.missed, s.key_spans, s.marks, s.hits, s.false_alarms,
             s.too_broad, s.wrong_labels, s.mode], self.research_f1,
            [d.hits, d.misses, d.false_alarms, d.correct_rejections],
            [[m.start, m.end, m.label] for m in self.marks], self.missed, self.false_alarms,
            self.confusion, self.disagrees, self.techniques],
            ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str,
                  spans: dict[tuple[int, int, str], Span] | None = None) -> AttemptFigures:
        """`spans`: Span objects to share (they are immutable); the same mark recurs across
        a class's attempts on one passage, and a report reads thousands."""
        values = json.loads(text)
        student, f1, counts, marks, missed, alarms, confusion, disagrees = values[:8]
        techniques = values[8] if len(values) > 8 else []  # kept by an older program
        shared = {} if spans is None else spans
        made = []
        for start, end, label in marks:
            key = (start, end, label)
            span = shared.get(key)
            if span is None:
                span = shared[key] = Span(start, end, label)
            made.append(span)
        return cls(StudentScore(*student), f1, DiscernmentCounts(*counts), tuple(made),
                   tuple(missed), tuple(alarms), tuple(map(tuple, confusion)), disagrees,
                   tuple((label, found, met) for label, found, met in techniques))


# What each raise of FIGURES_VERSION left as it was: figures kept under the version before it
# are still right when its test holds, so the first report after an upgrade scores again only
# the attempts the change concerns (a raise without an entry here scores every one again).
UNCHANGED_BY: dict[int, Callable[[AttemptFigures], bool]] = {
    4: lambda figures: figures.student.too_broad == 0,  # 4 counted too-broad marks anew
    # 5 lists as missed every required phrase not found (before: only those marked nowhere);
    # the tally counts exactly those, and the old list was a part of them.
    5: lambda figures: len(figures.missed) == sum(met - found
                                                  for _t, found, met in figures.techniques),
}


def still_right(kept_version: int, figures: AttemptFigures) -> bool:
    """Whether figures computed under `kept_version` are what score_attempt gives now."""
    steps = range(kept_version + 1, FIGURES_VERSION + 1)
    return kept_version <= FIGURES_VERSION and all(
        step in UNCHANGED_BY and UNCHANGED_BY[step](figures) for step in steps)


def _confused(key: str, given: str, family_of: Mapping[str, str]) -> tuple[str, str]:
    """(key, given) on one axis: a family given (level 1) is counted against the key
    technique's family, a technique (levels 2–3) against the technique, so that the matrix's
    diagonal is "the right label"."""
    if family_of.get(given) == given:  # a family (the map names each family as its own)
        return family_of.get(key, key), given
    return key, given


def score_attempt(attempt: AttemptLike, found: Resolved,
                  prepared: Prepared | None = None) -> AttemptFigures:
    """The attempt's marks scored against `found` (its file's own scores only compared)."""
    article = found.article
    shared = prepared or prepare(found)
    marks = tuple(mark_to_scoring(article, Span(m.start, m.end, m.label), m.part)
                  for m in attempt.marks)
    # The one scoring path of `trainer score`: research counts, the student score,
    # discernment and verdicts in one pass (checked against the reference functions).
    student_mode: Mode = "technique" if attempt.mode == "technique" else "family"
    figures = score_article_fast(article, [(m.start, m.end, m.label) for m in marks],
                                 shared.family_of, student_mode)
    computed: dict[str, dict[str, float]] = {
        mode: {"precision": figures.counts[mode].precision,
               "recall": figures.counts[mode].recall, "f1": figures.counts[mode].f1}
        for mode in MODES}
    whole = shared.whole
    verdicts = figures.verdicts or []  # rows: verdict, start, end, label, source, …, optional
    alarms = tuple(whole[v[1]:v[2]] for v in verdicts
                   if v[4] == "answer" and v[0] == "false-alarm")
    confusion = tuple(_confused(label, next(
        (m.label for m in marks if m.start < key_end and key_start < m.end), "(missed)"),
        shared.family_of) for key_start, key_end, label in shared.required)
    # Mastery counts what the feedback shows (core.feedback_verdicts): a key phrase reached
    # only by a too-broad mark is not found. Without a too-broad mark the feedback shows the
    # research verdicts as they are, so only those attempts pay for the second look.
    counted = [(v[0], v[1], v[2], v[3], v[4], v[6]) for v in verdicts]
    if figures.student.too_broad:
        shown = shown_verdicts(article, marks, [
            Verdict(v[0], v[1], v[2], v[3], v[4], v[5], v[7], v[8], v[6])  # type: ignore[arg-type]
            for v in verdicts], student_mode, found.taxonomy)
        counted = [(v.verdict, v.start, v.end, v.label, v.source, v.optional) for v in shown]
    tally = technique_tally((verdict, label, source, optional)
                            for verdict, _s, _e, label, source, optional in counted)
    # Missed is the mastery rule's "not found": a phrase only partly marked, given another
    # family or reached only by a too-broad mark counts as missed, like one nobody marked.
    missed = tuple(whole[start:end] for verdict, start, end, _label, source, optional in counted
                   if source == "key" and not optional and verdict not in FOUND_VERDICTS)
    mode: Mode = next((m for m in MODES if m == attempt.mode), "family")
    return AttemptFigures(
        figures.student, figures.counts[mode].f1, figures.discernment, marks,
        missed, alarms, confusion,
        stated_scores_disagree(attempt.scores.get("research"), computed)
        or stated_student_disagrees(attempt.scores.get("student"), figures.student.as_dict()),
        tuple((label, found, met) for label, (found, met) in tally.items()))
