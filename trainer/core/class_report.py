"""The class report (issue 12): every student's progress file scored again against the
teacher's copy of each article — a file's own scores are never trusted, only compared.

Pure functions: the caller hands in the progress files and a `resolve` function that finds the
teacher's revision of an attempt's article by set id, article id and text hash. Each attempt is
scored by trainer.core.class_attempts.score_attempt (or its figures handed in, as the store
keeps them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from trainer.core.class_attempts import (
    AttemptFigures,
    AttemptLike,
    NoteLike,
    Prepared,
    prepare,
    score_attempt,
)
from trainer.core.class_attempts import Resolved as Resolved  # re-exported for callers
from trainer.core.discernment import DiscernmentCounts
from trainer.core.drill import DrillAnswer, drill_evidence
from trainer.core.mastery import Mastery, Observation, mastery_by_technique
from trainer.core.model import Article
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore, total

# c beyond ±0.5 with a hit or false-alarm rate near the edge marks a pattern worth a word.
PATTERN_BIAS = 0.5


Resolver = Callable[[AttemptLike], Resolved | None]


@dataclass(frozen=True)
class AttemptRow:
    student_id: str
    student_name: str
    student_code: str | None
    attempt: AttemptLike
    student: StudentScore
    research_f1: float
    discernment: DiscernmentCounts
    marks: tuple[Span, ...]  # scoring coordinates
    missed: tuple[str, ...]  # texts of required key spans not found (mastery's rule)
    false_alarms: tuple[str, ...]  # texts of marks that touched no key span
    confusion: tuple[tuple[str, str], ...]  # (key technique, label given) per key span met
    techniques: tuple[tuple[str, int, int], ...] = ()  # (technique, found, met)


@dataclass(frozen=True)
class StudentRow:
    student_id: str
    student_name: str
    student_code: str | None
    attempts: int
    score: StudentScore
    mean_student_score: float | None
    discernment: DiscernmentCounts
    pattern: str  # "", "flags everything" or "flags nothing"
    mastery: dict[str, Mastery]


@dataclass(frozen=True)
class ArticleRow:
    set_id: str
    article_id: str
    title: str
    attempts: int
    mean_student_score: float
    most_missed: str | None
    most_common_false_alarm: str | None


@dataclass
class ClassReport:
    attempts: list[AttemptRow] = field(default_factory=list)
    students: list[StudentRow] = field(default_factory=list)
    articles: list[ArticleRow] = field(default_factory=list)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Per article: (student, the phrase the note is about, the note).
    notes: dict[tuple[str, str], list[tuple[str, str, str]]] = field(default_factory=dict)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # student, set, article
    disagreements: list[tuple[str, str]] = field(default_factory=list)  # student, attempt id
    same_id_other_name: list[tuple[str, str, str]] = field(default_factory=list)
    # Per article, each student's marks on their latest attempt there (the heatmap counts
    # students, not attempts: one who did a passage twice is still one of the class).
    marked: dict[tuple[str, str], list[tuple[Span, ...]]] = field(default_factory=dict)
    resolved: dict[tuple[str, str], Article] = field(default_factory=dict)


def pattern_of(counts: DiscernmentCounts) -> str:
    if counts.trials == 0:
        return ""
    if counts.bias < -PATTERN_BIAS and counts.false_alarm_rate > 0.5:
        return "flags everything"
    if counts.bias > PATTERN_BIAS and counts.hit_rate < 0.5:
        return "flags nothing"
    return ""


class ProfileLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def student_code(self) -> str | None: ...


class FileLike(Protocol):
    """A student's progress file (core.progress_file.ProgressFile fits)."""

    @property
    def profile(self) -> ProfileLike: ...
    @property
    def attempts(self) -> Sequence[AttemptLike]: ...


class DrillLike(Protocol):
    """A quick-drill answer as a progress file states it (ProgressDrill fits)."""

    @property
    def id(self) -> str: ...
    @property
    def technique(self) -> str | None: ...
    @property
    def expected(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def answered_at(self) -> datetime: ...


def file_drills(files: Iterable[tuple[str, Sequence[DrillLike]]]
                ) -> dict[str, list[tuple[DrillAnswer, datetime]]]:
    """build_report's `drills` from (profile id, drills) of progress files, merged by UUID."""
    seen: set[str] = set()
    result: dict[str, list[tuple[DrillAnswer, datetime]]] = {}
    for profile_id, drills in files:
        mine = result.setdefault(profile_id.lower(), [])
        for drill in drills:
            if drill.id.lower() not in seen:
                seen.add(drill.id.lower())
                mine.append((DrillAnswer(drill.technique, drill.expected, drill.answer),
                             drill.answered_at))
    return result


def build_report(files: Iterable[FileLike], resolve: Resolver, now: datetime,
                 assignment: str | None = None, techniques: Sequence[str] = (),
                 figures: Mapping[str, AttemptFigures] | None = None,
                 drills: Mapping[str, Sequence[tuple[DrillAnswer, datetime]]] | None = None
                 ) -> ClassReport:
    """`figures`: attempts already scored against the revision `resolve` finds for them
    (by lower-case attempt id); every other attempt is scored here. `drills`: each student's
    quick-drill answers (by lower-case profile id), which count towards mastery as on the
    student's own dashboard."""
    report = ClassReport()
    seen_attempts: set[str] = set()
    names: dict[str, str] = {}
    known = figures or {}
    # Each article revision is resolved and prepared once, however many attempts it has.
    cache: dict[tuple[str, str, str], tuple[Resolved, Prepared | None] | None] = {}
    todo: list[tuple[FileLike, AttemptLike, tuple[str, str, str], str]] = []
    for progress in files:
        sid = progress.profile.id.lower()
        if sid in names and names[sid] != progress.profile.name:
            report.same_id_other_name.append((sid, names[sid], progress.profile.name))
        names.setdefault(sid, progress.profile.name)
        for attempt in progress.attempts:
            if assignment is not None and attempt.assignment_id != assignment:
                continue
            uuid = attempt.id.lower()
            if uuid in seen_attempts:
                continue  # the same file twice, or a copy: merged by UUID
            seen_attempts.add(uuid)
            key = (attempt.set_id, attempt.article_id, attempt.text_hash)
            if key not in cache:
                found = resolve(attempt)
                cache[key] = None if found is None else (found, None)
            if cache[key] is None:
                report.missing.append((progress.profile.name, attempt.set_id,
                                       attempt.article_id))
                continue
            todo.append((progress, attempt, key, uuid))
    # Scored one article after the other (a passage's sentences are split once and cached),
    # then listed in the files' order.
    scored: dict[str, AttemptFigures] = {}
    waiting = sorted((item for item in todo if item[3] not in known), key=lambda i: i[2])
    for _progress, attempt, key, uuid in waiting:
        entry = cache[key]
        assert entry is not None
        if entry[1] is None:
            entry = cache[key] = (entry[0], prepare(entry[0]))
        scored[uuid] = score_attempt(attempt, *entry)
    latest: dict[tuple[str, str], dict[str, AttemptRow]] = {}
    for progress, attempt, key, uuid in todo:
        entry = cache[key]
        assert entry is not None
        done = known.get(uuid) or scored[uuid]
        profile = progress.profile
        row = AttemptRow(profile.id.lower(), profile.name, profile.student_code,
                         attempt, done.student, done.research_f1, done.discernment,
                         done.marks, done.missed, done.false_alarms, done.confusion,
                         done.techniques)
        if done.disagrees:
            report.disagreements.append((profile.name, attempt.id))
        report.attempts.append(row)
        place = (attempt.set_id, attempt.article_id)
        report.resolved[place] = entry[0].article
        mine = latest.setdefault(place, {})
        before = mine.get(row.student_id)
        if before is None or attempt.submitted_at >= before.attempt.submitted_at:
            mine[row.student_id] = row
        for note in attempt.notes:
            report.notes.setdefault(place, []).append(
                (profile.name, _phrase(entry[0].article, note), note.text))
    report.marked = {place: [row.marks for row in by_student.values()]
                     for place, by_student in latest.items()}
    report.confusion = Counter(pair for row in report.attempts for pair in row.confusion)
    report.students = _students(report.attempts, names, now, techniques, drills or {})
    report.articles = _articles(report.attempts, report.resolved)
    return report


def _phrase(article: Article, note: NoteLike) -> str:
    """The text a note is about, in the teacher's copy (the same text the student saw: the
    revision is matched by its hash)."""
    part = article.part_text(getattr(note, "part", "text"))
    start, end = getattr(note, "start", 0), getattr(note, "end", 0)
    return part[start:end] if 0 <= start < end <= len(part) else ""


def _students(rows: Sequence[AttemptRow], names: dict[str, str], now: datetime,
              techniques: Sequence[str],
              drills: Mapping[str, Sequence[tuple[DrillAnswer, datetime]]]
              ) -> list[StudentRow]:
    by_student: dict[str, list[AttemptRow]] = defaultdict(list)
    for row in rows:
        by_student[row.student_id].append(row)
    students = []
    for sid, mine in by_student.items():
        # The observations of the student's own dashboard (storage/learning.py): key spans
        # found as mastery.technique_tally counts them, then the quick-drill answers.
        observations = [Observation(t, row.attempt.submitted_at, float(f), n)
                        for row in mine for t, f, n in row.techniques]
        observations += drill_evidence(drills.get(sid, ()))[0]
        score = total(r.student for r in mine)
        pooled = DiscernmentCounts(sum(r.discernment.hits for r in mine),
                                   sum(r.discernment.misses for r in mine),
                                   sum(r.discernment.false_alarms for r in mine),
                                   sum(r.discernment.correct_rejections for r in mine))
        students.append(StudentRow(
            sid, names.get(sid, mine[0].student_name), mine[-1].student_code, len(mine), score,
            sum(r.student.score for r in mine) / len(mine), pooled, pattern_of(pooled),
            mastery_by_technique(observations, now, techniques)))
    return sorted(students, key=lambda s: (s.student_name.casefold(), s.student_id))


def _articles(rows: Sequence[AttemptRow],
              resolved: dict[tuple[str, str], Article]) -> list[ArticleRow]:
    by_article: dict[tuple[str, str], list[AttemptRow]] = defaultdict(list)
    for row in rows:
        by_article[(row.attempt.set_id, row.attempt.article_id)].append(row)
    result = []
    for (set_id, article_id), mine in by_article.items():
        missed = Counter(text for r in mine for text in r.missed)
        alarms = Counter(text for r in mine for text in r.false_alarms)
        result.append(ArticleRow(
            set_id, article_id, resolved[(set_id, article_id)].title, len(mine),
            sum(r.student.score for r in mine) / len(mine),
            missed.most_common(1)[0][0] if missed else None,
            alarms.most_common(1)[0][0] if alarms else None))
    return sorted(result, key=lambda a: a.mean_student_score)


def heatmap(article: Article, marked: Sequence[Sequence[Span]]) -> list[float]:
    """Per code point of the article's text, the share of `marked` (one tuple of marks per
    student, ClassReport.marked) that covered it."""
    length = len(article.text)
    counts = [0] * (length + 1)
    for marks in marked:
        covered = [0] * (length + 1)
        for mark in marks:
            start, end = max(0, mark.start), min(length, mark.end)
            if start < end:
                covered[start] += 1
                covered[end] -= 1
        running = 0
        for i in range(length):
            running += covered[i]
            counts[i] += running > 0
    n = len(marked) or 1
    return [c / n for c in counts[:length]]
