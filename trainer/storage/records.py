"""Plain frozen records the store returns. Callers never see ORM instances or sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from trainer.core.spans import Span
from trainer.core.student_score import StudentScore
from trainer.core.taxonomy import Taxonomy

if TYPE_CHECKING:
    from trainer.core.model import Article, SourceCard
    from trainer.core.scoring import ArticleScore

Status = Literal["new", "in-progress", "done"]


@dataclass(frozen=True)
class ProfileInfo:
    id: str  # uuid4, stable across machines
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True)
class SetInfo:
    id: str
    title: str
    version: int
    article_count: int  # current articles (retired ones are not counted)
    imported_at: datetime


@dataclass(frozen=True)
class ImportReport:
    set_id: str
    added: int
    updated: int
    unchanged: int
    removed: int = 0  # articles missing from a newer version; their attempts are kept


@dataclass(frozen=True)
class LibraryEntry:
    revision_id: int
    set_id: str
    set_title: str
    article_id: str
    title: str
    level: int
    techniques: tuple[str, ...]
    is_clean: bool
    status: Status
    best_f1: float | None
    outlet: str
    date: str


@dataclass(frozen=True)
class ArticleView:
    revision_id: int
    set_id: str
    article: Article
    taxonomy: Taxonomy
    sources: tuple[SourceCard, ...] = ()  # the set's source cards, for "Look it up"


@dataclass(frozen=True)
class Draft:
    marks: tuple[Span, ...]
    nothing_to_flag: bool
    saved_at: datetime


@dataclass(frozen=True)
class SubmittedAttempt:
    attempt_id: str
    result: ArticleScore
    mode: str
    student: StudentScore = field(default_factory=StudentScore)  # what the score card shows


@dataclass(frozen=True)
class AttemptSummary:
    attempt_id: str
    revision_id: int
    article_title: str
    set_id: str
    level: int
    mode: str
    submitted_at: datetime
    duration_s: float
    precision: float
    recall: float
    f1: float
    d_prime: float
    student: StudentScore = field(default_factory=StudentScore)
    note_count: int = 0  # the student's "I disagree" notes on this attempt


@dataclass(frozen=True)
class AttemptNoteRecord:
    """A student's "I disagree" note on the verdict of one phrase."""

    part: str  # "text" or "title"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoredAttempt:
    """One submitted attempt as it was stored, to show its feedback again."""

    attempt_id: str
    revision_id: int
    mode: str
    nothing_to_flag: bool
    submitted_at: datetime
    marks: tuple[Span, ...]
    notes: tuple[AttemptNoteRecord, ...]


@dataclass(frozen=True)
class TechniqueStats:
    technique: str
    found: int  # key spans with verdict exact or found
    total: int  # required key spans seen


@dataclass(frozen=True)
class ProfileOverview:
    """One line of the all-profiles (class on this machine) overview."""

    profile_id: str
    name: str
    attempts: int
    mean_f1: float | None
    d_prime: float | None
    last_submitted_at: datetime | None


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    revision: str
    counts: dict[str, int]
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    kind: Literal["daily", "manual", "pre-migrate", "pre-restore"]
    size: int
    # Daily backups are numbered in the order they were made (0: made before numbering), so
    # that rotation does not depend on the clock, which may have been set back since.
    sequence: int = 0
