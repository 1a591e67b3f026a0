"""The class report (issue 12): every student's progress file scored again against the
teacher's copy of each article — a file's own scores are never trusted, only compared.

Pure functions: the caller hands in the progress files and a `resolve` function that finds the
teacher's revision of an attempt's article by set id, article id and text hash.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import Mastery, Observation, mastery_by_technique
from trainer.core.model import Article
from trainer.core.parts import mark_to_scoring, scoring_article
from trainer.core.progress_file import ProgressAttempt, ProgressFile, stated_scores_disagree
from trainer.core.scoring import MODES, score_article
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore, student_score, total
from trainer.core.taxonomy import Taxonomy

# c beyond ±0.5 with a hit or false-alarm rate near the edge marks a pattern worth a word.
PATTERN_BIAS = 0.5


@dataclass(frozen=True)
class Resolved:
    article: Article
    taxonomy: Taxonomy


Resolver = Callable[[ProgressAttempt], Resolved | None]


@dataclass(frozen=True)
class AttemptRow:
    student_id: str
    student_name: str
    student_code: str | None
    attempt: ProgressAttempt
    student: StudentScore
    research_f1: float
    discernment: DiscernmentCounts
    marks: tuple[Span, ...]  # scoring coordinates
    missed: tuple[str, ...]  # texts of required key spans missed
    false_alarms: tuple[str, ...]  # texts of marks that touched no key span
    confusion: tuple[tuple[str, str], ...]  # (key technique, label given) per key span met


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
    notes: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    missing: list[tuple[str, str, str]] = field(default_factory=list)  # student, set, article
    disagreements: list[tuple[str, str]] = field(default_factory=list)  # student, attempt id
    same_id_other_name: list[tuple[str, str, str]] = field(default_factory=list)
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


def _score_attempt(progress: ProgressFile, attempt: ProgressAttempt,
                   found: Resolved) -> tuple[AttemptRow, bool]:
    article = found.article
    marks = tuple(mark_to_scoring(article, Span(m.start, m.end, m.label), m.part)
                  for m in attempt.marks)
    research = score_article(article, marks, found.taxonomy)
    computed: dict[str, dict[str, float]] = {
        mode: {"precision": research.counts[mode].precision,
                       "recall": research.counts[mode].recall, "f1": research.counts[mode].f1}
                for mode in MODES}
    student = student_score(scoring_article(article, marks), marks, attempt.mode
                            if attempt.mode != "any" else "family", found.taxonomy)
    whole = scoring_article(article, marks, combined=True).text
    missed = tuple(whole[v.start:v.end] for v in research.verdicts
                   if v.source == "key" and not v.optional and v.verdict == "missed")
    alarms = tuple(whole[v.start:v.end] for v in research.verdicts
                   if v.source == "answer" and v.verdict == "false-alarm")
    confusion = []
    for key in scoring_article(article, marks).annotations:
        if key.optional:
            continue
        given = [m.label for m in marks if m.start < key.end and key.start < m.end]
        confusion.append((key.label, given[0] if given else "(missed)"))
    profile = progress.profile
    row = AttemptRow(profile.id.lower(), profile.name, profile.student_code, attempt, student,
                     research.counts[attempt.mode].f1,
                     research.discernment or DiscernmentCounts(), marks, missed, alarms,
                     tuple(confusion))
    return row, stated_scores_disagree(attempt.scores.get("research"), computed)


def build_report(files: Iterable[ProgressFile], resolve: Resolver, now: datetime,
                 assignment: str | None = None, techniques: Sequence[str] = ()) -> ClassReport:
    report = ClassReport()
    seen_attempts: set[str] = set()
    names: dict[str, str] = {}
    for progress in files:
        sid = progress.profile.id.lower()
        if sid in names and names[sid] != progress.profile.name:
            report.same_id_other_name.append((sid, names[sid], progress.profile.name))
        names.setdefault(sid, progress.profile.name)
        for attempt in progress.attempts:
            if assignment is not None and attempt.assignment_id != assignment:
                continue
            if attempt.id.lower() in seen_attempts:
                continue  # the same file twice, or a copy: merged by UUID
            seen_attempts.add(attempt.id.lower())
            found = resolve(attempt)
            if found is None:
                report.missing.append((progress.profile.name, attempt.set_id,
                                       attempt.article_id))
                continue
            row, disagrees = _score_attempt(progress, attempt, found)
            if disagrees:
                report.disagreements.append((progress.profile.name, attempt.id))
            report.attempts.append(row)
            key = (attempt.set_id, attempt.article_id)
            report.resolved[key] = found.article
            report.marked.setdefault(key, []).append(row.marks)
            report.confusion.update(row.confusion)
            for note in attempt.notes:
                report.notes.setdefault(key, []).append((progress.profile.name, note.text))
    report.students = _students(report.attempts, names, now, techniques)
    report.articles = _articles(report.attempts, report.resolved)
    return report


def _students(rows: Sequence[AttemptRow], names: dict[str, str], now: datetime,
              techniques: Sequence[str]) -> list[StudentRow]:
    by_student: dict[str, list[AttemptRow]] = defaultdict(list)
    for row in rows:
        by_student[row.student_id].append(row)
    students = []
    for sid, mine in by_student.items():
        counts = DiscernmentCounts()
        observations = []
        for row in mine:
            counts = counts + row.discernment
            tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for technique, given in row.confusion:
                tally[technique][1] += 1
                tally[technique][0] += given != "(missed)"
            observations += [Observation(t, row.attempt.submitted_at, f, n)
                             for t, (f, n) in tally.items()]
        score = total(r.student for r in mine)
        students.append(StudentRow(
            sid, names.get(sid, mine[0].student_name), mine[-1].student_code, len(mine), score,
            sum(r.student.score for r in mine) / len(mine), counts, pattern_of(counts),
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
    """Per code point of the article's text, the share of attempts whose marks covered it."""
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
