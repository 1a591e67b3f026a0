"""`store.practice`: drafts and submitted attempts."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.discernment import DiscernmentCounts
from trainer.core.feedback_verdicts import feedback_tally
from trainer.core.model import Article
from trainer.core.parts import marks_from_parts, split_marks
from trainer.core.scoring import MODES, ArticleScore, Mode, score_article
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore, student_score
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.storage.base import Database, StorePart, utcnow
from trainer.storage.content import Library
from trainer.storage.dialect import upsert
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.learning import refresh_reviews
from trainer.storage.models import (
    AnswerSpan,
    Attempt,
    AttemptNote,
    AttemptTechnique,
    DraftRow,
    Profile,
)
from trainer.storage.records import (
    AttemptNoteRecord,
    Draft,
    StoredAttempt,
    SubmittedAttempt,
)

NOTE_PARTS = ("text", "title")
MAX_NOTE_CHARS = 5000  # the progress file's limit


def _marks_json(marks: Sequence[Span]) -> str:
    return json.dumps([[m.start, m.end, m.label] for m in marks], ensure_ascii=False)


STUDENT_COUNTS = ("found", "partly", "missed", "key_spans", "marks", "hits", "false_alarms",
                  "too_broad", "wrong_labels")


def student_columns(score: StudentScore) -> dict[str, float | int]:
    """The attempt columns that store a student score (its mode is the attempt's mode)."""
    return {"student_score": score.score,
            **{f"student_{name}": getattr(score, name) for name in STUDENT_COUNTS}}


def stored_student(row: object, mode: str) -> StudentScore:
    """The student score of an attempt row (an ORM Attempt or a selected row)."""
    return StudentScore(**{name: getattr(row, f"student_{name}") for name in STUDENT_COUNTS},
                        mode=mode)


@dataclass(frozen=True)
class NewAttempt:
    """One scored attempt to be written (by submit, or by importing a progress file)."""

    uuid: str
    profile_pk: int
    revision_id: int
    started_at: datetime
    submitted_at: datetime
    mode: str
    nothing_to_flag: bool
    marks: tuple[Span, ...]
    result: ArticleScore
    student: StudentScore  # in `mode`
    level: int | None = None
    assignment_id: str | None = None
    # The article the marks index: headline marks (after its text in scoring coordinates,
    # trainer.core.parts) are stored with part "title" and title offsets.
    article: Article | None = None
    sources_opened: tuple[str, ...] = ()
    # The article's set's techniques: mastery counts what the feedback shows, which needs them.
    taxonomy: Taxonomy | None = None


def store_attempt(session: Session, new: NewAttempt) -> int:
    """Write the attempt, its answer spans and per-technique tallies; returns its row id."""
    scores: dict[str, object] = {}
    for name in MODES:
        counts = new.result.counts[name]
        scores |= {f"precision_{name}": counts.precision, f"recall_{name}": counts.recall,
                   f"f1_{name}": counts.f1}
    d = new.result.discernment or DiscernmentCounts()
    attempt_pk = session.scalar(insert(Attempt).values(
        uuid=new.uuid, profile_id=new.profile_pk, revision_id=new.revision_id,
        started_at=new.started_at, submitted_at=new.submitted_at,
        duration_s=max(0.0, (new.submitted_at - new.started_at).total_seconds()),
        mode=new.mode, nothing_to_flag=new.nothing_to_flag, level=new.level,
        assignment_id=new.assignment_id, hits=d.hits, misses=d.misses,
        sources_opened_json=json.dumps(list(new.sources_opened), ensure_ascii=False),
        false_alarms=d.false_alarms, correct_rejections=d.correct_rejections,
        **scores, **student_columns(new.student)).returning(Attempt.id))
    if attempt_pk is None:
        raise StoreError("the attempt could not be stored")
    if new.marks:
        parts = (split_marks(new.article, new.marks) if new.article is not None
                 else [(m, "text") for m in new.marks])
        session.execute(insert(AnswerSpan), [
            {"attempt_id": attempt_pk, "position": i, "start": m.start, "end": m.end,
             "label": m.label, "part": part} for i, (m, part) in enumerate(parts)])
    if new.article is None or new.taxonomy is None:
        raise StoreError("an attempt is stored with the article and techniques it was "
                         "marked with")
    tally = technique_counts(new.article, new.marks, new.result.verdicts, new.mode,
                             new.taxonomy)
    if tally:
        session.execute(insert(AttemptTechnique), [
            {"attempt_id": attempt_pk, "label": label, "found": f, "total": t}
            for label, (f, t) in tally.items()])
        refresh_reviews(session, new.profile_pk, tally)
    return int(attempt_pk)


def technique_counts(article: Article, marks: Sequence[Span], verdicts: Sequence[Verdict],
                     mode: str, taxonomy: Taxonomy) -> dict[str, tuple[int, int]]:
    """Per key label: required key spans found (exact or right family) and seen, as the
    feedback after Submit shows them (a phrase only a too-broad mark reached is not found);
    `verdicts` are the research verdicts of the marks."""
    # The mode the feedback view grades in (ui/practice/feedback_view.py).
    graded: Mode = next((m for m in MODES if m == mode), "family")
    return feedback_tally(article, marks, verdicts, graded, taxonomy)


class Practice(StorePart):
    def __init__(self, db: Database, library: Library) -> None:
        super().__init__(db)
        self._library = library

    def save_draft(self, profile_id: str, revision_id: int, marks: Sequence[Span],
                   nothing_to_flag: bool = False) -> None:
        values = {"marks_json": _marks_json(marks), "nothing_to_flag": nothing_to_flag,
                  "saved_at": utcnow()}
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            Library._revision_exists(session, revision_id)
            upsert(session, DraftRow, {"profile_id": pk, "revision_id": revision_id, **values},
                   key=[DraftRow.profile_id, DraftRow.revision_id], update=values)

    def sources_opened(self, attempt_id: str) -> list[str]:
        """The ids of the source cards opened during a submitted attempt, in order."""
        with self._read() as session:
            found = session.scalar(select(Attempt.sources_opened_json)
                                   .where(Attempt.uuid == attempt_id))
        if found is None:
            raise StoreError(f"no attempt {attempt_id}")
        opened: list[str] = json.loads(found)
        return opened

    def load_draft(self, profile_id: str, revision_id: int) -> Draft | None:
        with self._read() as session:
            pk = self._profile_pk(session, profile_id)
            row = session.get(DraftRow, (pk, revision_id))
            if row is None:
                return None
            marks = tuple(Span(s, e, label) for s, e, label in json.loads(row.marks_json))
            return Draft(marks, row.nothing_to_flag, row.saved_at)

    def discard_draft(self, profile_id: str, revision_id: int) -> None:
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            session.execute(delete(DraftRow).where(DraftRow.profile_id == pk,
                                                   DraftRow.revision_id == revision_id))

    def submit(self, profile_id: str, revision_id: int, marks: Sequence[Span], *,
               mode: str, started_at: datetime, nothing_to_flag: bool = False,
               sources_opened: Sequence[str] = (), assignment_id: str | None = None,
               level: int | None = None) -> SubmittedAttempt:
        """Score, then store attempt, answer spans and scores and drop the draft atomically.

        `marks` are in scoring coordinates (headline marks after the text, see
        trainer.core.parts); `sources_opened` are the ids of the source cards the student
        opened, in order; `assignment_id` and `level` name the assignment the passage was
        practised for and the level it set. Without a level (library practice) the
        passage's own level is stored: that is the level the student saw.
        """
        if mode not in MODES:
            raise StoreError(f"unknown scoring mode {mode!r}; use one of {', '.join(MODES)}")
        if started_at.tzinfo is None:
            raise StoreError("started_at must be a timezone-aware datetime")
        view = self._library.article(revision_id)
        result = score_article(view.article, marks, view.taxonomy)
        student = student_score(view.article, marks, mode, view.taxonomy)
        now = utcnow()
        attempt_uuid = str(uuid.uuid4())
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            store_attempt(session, NewAttempt(
                attempt_uuid, pk, revision_id, started_at, now, mode, nothing_to_flag,
                tuple(marks), result, student,
                level=view.article.level if level is None else level,
                assignment_id=assignment_id,
                article=view.article, sources_opened=tuple(sources_opened),
                taxonomy=view.taxonomy))
            session.execute(delete(DraftRow).where(DraftRow.profile_id == pk,
                                                   DraftRow.revision_id == revision_id))
            session.execute(update(Profile).where(Profile.id == pk).values(last_used_at=now))
        return SubmittedAttempt(attempt_uuid, result, mode, student)

    # -- what a submitted attempt was, and the student's notes on it -------------------------
    def attempt(self, attempt_id: str) -> StoredAttempt:
        """A submitted attempt with its marks (in scoring coordinates, like `submit`'s) and
        notes (per part), to reopen its feedback."""
        with self._read() as session:
            row = session.scalar(select(Attempt).where(Attempt.uuid == attempt_id))
            if row is None:
                raise NotFoundError(f"no attempt with id {attempt_id}")
            spans = session.scalars(select(AnswerSpan).where(AnswerSpan.attempt_id == row.id)
                                    .order_by(AnswerSpan.position)).all()
            parts = [(Span(s.start, s.end, s.label), s.part) for s in spans]
            notes = tuple(notes_of(session, row.id))
            revision_id, mode, nothing, submitted = (row.revision_id, row.mode,
                                                     row.nothing_to_flag, row.submitted_at)
        article = self._library.article(revision_id).article
        return StoredAttempt(attempt_id, revision_id, mode, nothing, submitted,
                             tuple(marks_from_parts(article, parts)), notes)

    def save_note(self, attempt_id: str, part: str, start: int, end: int, text: str) -> None:
        """Keep (or replace) the student's "I disagree" note on a phrase; an empty text
        removes it."""
        text = text.strip()
        if part not in NOTE_PARTS:
            raise StoreError(f"a note belongs to the text or the title, not {part!r}")
        if not 0 <= start < end:
            raise StoreError(f"a note needs a phrase: start {start} must be below end {end}")
        if len(text) > MAX_NOTE_CHARS:
            raise StoreError(f"the note is {len(text)} characters long; keep it under "
                             f"{MAX_NOTE_CHARS}")
        with self._write() as session:
            pk = session.scalar(select(Attempt.id).where(Attempt.uuid == attempt_id))
            if pk is None:
                raise NotFoundError(f"no attempt with id {attempt_id}")
            write_note(session, pk, AttemptNoteRecord(part, start, end, text))


def notes_of(session: Session, attempt_pk: int) -> list[AttemptNoteRecord]:
    rows = session.scalars(select(AttemptNote).where(AttemptNote.attempt_id == attempt_pk)
                           .order_by(AttemptNote.part, AttemptNote.start, AttemptNote.end))
    return [AttemptNoteRecord(r.part, r.start, r.end, r.text) for r in rows]


def write_note(session: Session, attempt_pk: int, note: AttemptNoteRecord) -> None:
    session.execute(delete(AttemptNote).where(
        AttemptNote.attempt_id == attempt_pk, AttemptNote.part == note.part,
        AttemptNote.start == note.start, AttemptNote.end == note.end))
    if note.text:
        session.add(AttemptNote(attempt_id=attempt_pk, part=note.part, start=note.start,
                                end=note.end, text=note.text, written_at=utcnow()))
