"""Reading the class back for a report: each stored attempt as the progress file stated it
(`StoredAttempt`, which core.class_attempts.AttemptLike describes), and `ClassScorer`, which
resolves attempts against the library once per article revision and scores them with
core.class_attempts.score_attempt (for store.classes, storage/classes.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.storage.content import Library
from trainer.storage.models import ArticleSetRow, ClassAttemptRow

if TYPE_CHECKING:
    from trainer.core.class_attempts import AttemptFigures, AttemptLike, Resolved

# SQLite's default limit of bound parameters is 32,766; UUID look-ups go in chunks below it.
CHUNK = 500


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def existing(session: Session, column: Any, uuids: Sequence[str]) -> set[str]:
    """Which of `uuids` the column already holds."""
    found: set[str] = set()
    for chunk in chunks(uuids):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


# What a report reads of each class attempt, in StoredAttempt's order.
ATTEMPT_COLUMNS = (
    ClassAttemptRow.uuid, ClassAttemptRow.set_id, ClassAttemptRow.set_version,
    ClassAttemptRow.article_id, ClassAttemptRow.text_hash, ClassAttemptRow.level,
    ClassAttemptRow.mode, ClassAttemptRow.assignment_id, ClassAttemptRow.started_at,
    ClassAttemptRow.submitted_at, ClassAttemptRow.duration_s, ClassAttemptRow.nothing_to_flag,
    ClassAttemptRow.marks_json, ClassAttemptRow.notes_json, ClassAttemptRow.scores_json,
    ClassAttemptRow.student_id)


class StoredMark(NamedTuple):
    start: int
    end: int
    label: str
    part: str


class StoredNote(NamedTuple):
    start: int
    end: int
    part: str
    text: str


class StoredProfile(NamedTuple):
    id: str
    name: str
    student_code: str | None


class StoredFile(NamedTuple):
    profile: StoredProfile
    attempts: Sequence[StoredAttempt]


class StoredAttempt:
    """A class attempt as its file stated it (core.class_attempts.AttemptLike); marks, notes
    and the file's own scores are decoded only when asked for."""

    __slots__ = ("_marks", "_notes", "_scores", "article_id", "assignment_id", "duration_s",
                 "id", "level", "mode", "nothing_to_flag", "set_id", "set_version",
                 "started_at", "submitted_at", "text_hash")

    def __init__(self, uuid: str, set_id: str, set_version: int, article_id: str,
                 text_hash: str, level: int, mode: str, assignment_id: str | None,
                 started_at: datetime, submitted_at: datetime, duration_s: float,
                 nothing_to_flag: bool, marks_json: str, notes_json: str,
                 scores_json: str) -> None:
        self.id, self.set_id, self.set_version = uuid, set_id, set_version
        self.article_id, self.text_hash, self.level, self.mode = (article_id, text_hash,
                                                                  level, mode)
        self.assignment_id, self.started_at, self.submitted_at = (assignment_id, started_at,
                                                                  submitted_at)
        self.duration_s, self.nothing_to_flag = duration_s, nothing_to_flag
        self._marks, self._notes, self._scores = marks_json, notes_json, scores_json

    @property
    def marks(self) -> tuple[StoredMark, ...]:
        return tuple(StoredMark(*m) for m in json.loads(self._marks))

    @property
    def notes(self) -> tuple[StoredNote, ...]:
        return () if self._notes == "[]" else tuple(StoredNote(*n)
                                                    for n in json.loads(self._notes))

    @property
    def scores(self) -> dict[str, Any]:
        found = json.loads(self._scores)
        return found if isinstance(found, dict) else {}


def kept_version(against: str, token: str) -> int | None:
    """The FIGURES_VERSION figures kept under `against` were computed with, when `against`
    names the same revision and set version as `token` (ClassScorer.resolve's)."""
    prefix, _, version = against.rpartition(":f")
    if prefix != token.rpartition(":f")[0] or not version.isdigit():
        return None
    return int(version)


class ClassScorer:
    """Attempts scored against the library: each (set, article, text hash) resolved once, to
    the teacher's revision and a token naming it (revision, content hash, set version)."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str, str], tuple[Resolved, str] | None] = {}

    def resolve(self, session: Session, attempt: AttemptLike) -> tuple[Resolved, str] | None:
        key = (attempt.set_id, attempt.article_id, attempt.text_hash)
        if key not in self._found:
            from trainer.core.class_attempts import FIGURES_VERSION, Resolved

            revision = Library.find_revision(session, *key)
            if revision is None:
                self._found[key] = None
            else:
                view = Library.build_view(session, revision)
                version = session.scalar(select(ArticleSetRow.version)
                                         .where(ArticleSetRow.id == revision.set_id))
                self._found[key] = (Resolved(view.article, view.taxonomy),
                                    f"{revision.id}:{revision.content_hash}:{version}"
                                    f":f{FIGURES_VERSION}")
        return self._found[key]

    def resolved(self, attempt: AttemptLike) -> Resolved | None:
        """For build_report, after `resolve` has seen the attempt's article."""
        found = self._found.get((attempt.set_id, attempt.article_id, attempt.text_hash))
        return None if found is None else found[0]

    def score(self, attempts: Sequence[AttemptLike]
              ) -> dict[str, tuple[AttemptFigures, str, str]]:
        """(figures, scored against, figures JSON) by attempt id, for attempts `resolve` has
        seen and found; scored one article after the other (its sentences split once)."""
        from trainer.core.class_attempts import prepare, score_attempt

        prepared: dict[str, Any] = {}
        result = {}
        for attempt in sorted(attempts, key=lambda a: (a.set_id, a.article_id, a.text_hash)):
            found = self._found.get((attempt.set_id, attempt.article_id, attempt.text_hash))
            if found is None:
                continue
            if found[1] not in prepared:
                prepared[found[1]] = prepare(found[0])
            figures = score_attempt(attempt, found[0], prepared[found[1]])
            result[attempt.id.lower()] = (figures, found[1], figures.to_json())
        return result

    def new_attempts(self, session: Session, attempts: Sequence[AttemptLike]
                     ) -> dict[str, tuple[str, str]]:
        """(scored against, figures JSON) of the attempts not stored yet."""
        there = existing(session, ClassAttemptRow.uuid, [a.id.lower() for a in attempts])
        new = [a for a in attempts if a.id.lower() not in there
               and self.resolve(session, a) is not None]
        return {uuid: (against, text) for uuid, (_f, against, text) in self.score(new).items()}
