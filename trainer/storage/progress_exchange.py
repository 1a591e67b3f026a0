"""Moving a student's progress between computers: export to, and import from, the progress
file of DESIGN §4 (trainer.core.progress_file).

Import merges by UUID: the profile is matched by its id (created with that id when new),
attempts already present are skipped (importing twice changes nothing), and an attempt on an
article revision this computer does not have is kept as it came and reported. Scores in the
file are never trusted: every attempt is scored again from its marks, and a disagreement is
reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer import __version__
from trainer.core.parts import mark_to_scoring
from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressDrill,
    ProgressFile,
    ProgressMark,
    ProgressNote,
    ProgressProfile,
    stated_scores_disagree,
    stated_student_disagrees,
    text_hash,
)
from trainer.core.scoring import MODES, ArticleScore, score_article
from trainer.core.spans import Span
from trainer.core.student_score import student_score
from trainer.storage.base import utcnow
from trainer.storage.content import Library
from trainer.storage.errors import StoreError
from trainer.storage.learning import refresh_reviews
from trainer.storage.models import (
    AnswerSpan,
    ArticleRevision,
    Attempt,
    DrillAnswerRow,
    KeptAttempt,
    Profile,
)
from trainer.storage.practice import (
    NewAttempt,
    notes_of,
    store_attempt,
    stored_student,
    write_note,
)
from trainer.storage.records import AttemptNoteRecord


@dataclass(frozen=True)
class ProgressImportReport:
    profile_id: str
    profile_name: str
    created_profile: bool
    added: int
    already_present: int
    kept: list[str] = field(default_factory=list)  # "set/article" of attempts kept unmatched
    disagreements: list[str] = field(default_factory=list)  # attempt ids whose scores differ
    drills_added: int = 0


def research_scores(result: ArticleScore) -> dict[str, dict[str, float]]:
    return {mode: {"precision": result.counts[mode].precision,
                   "recall": result.counts[mode].recall, "f1": result.counts[mode].f1}
            for mode in MODES}


def _attempt_record(session: Session, row: Attempt, revision: ArticleRevision,
                    library: Library) -> ProgressAttempt:
    spans = session.scalars(select(AnswerSpan).where(AnswerSpan.attempt_id == row.id)
                            .order_by(AnswerSpan.position)).all()
    view = library.build_view(session, revision)
    marks = [mark_to_scoring(view.article, Span(s.start, s.end, s.label), s.part)
             for s in spans]
    result = score_article(view.article, marks, view.taxonomy)
    return ProgressAttempt(
        id=row.uuid, set_id=revision.set_id, set_version=revision.set_version,
        article_id=revision.article_id, text_hash=text_hash(revision.title, revision.text),
        # Attempts stored without a level (before revision 0003, or library practice before
        # submit stored one) were practised at the passage's own level.
        level=row.level or revision.level, mode=row.mode,  # type: ignore[arg-type]
        assignment_id=row.assignment_id, started_at=row.started_at,
        submitted_at=row.submitted_at, duration_s=row.duration_s,
        nothing_to_flag=row.nothing_to_flag,
        marks=[ProgressMark(start=s.start, end=s.end, label=s.label,
                            part=s.part)  # type: ignore[arg-type]
               for s in spans],
        notes=[ProgressNote(start=n.start, end=n.end, part=n.part,  # type: ignore[arg-type]
                            text=n.text) for n in notes_of(session, row.id)],
        scores={"research": research_scores(result),
                "student": stored_student(row, row.mode).as_dict()})


def export_progress(session: Session, profile_pk: int, library: Library,
                    now: datetime | None = None) -> ProgressFile:
    profile = session.get(Profile, profile_pk)
    if profile is None:
        raise StoreError("the profile no longer exists")
    attempts = []
    rows = session.execute(
        select(Attempt, ArticleRevision)
        .join(ArticleRevision, ArticleRevision.id == Attempt.revision_id)
        .where(Attempt.profile_id == profile_pk)
        .order_by(Attempt.submitted_at, Attempt.id)).all()
    for row, revision in rows:
        attempts.append(_attempt_record(session, row, revision, library))
    for kept in session.scalars(select(KeptAttempt).where(KeptAttempt.profile_id == profile_pk)
                                .order_by(KeptAttempt.imported_at, KeptAttempt.uuid)):
        attempts.append(ProgressAttempt.model_validate_json(kept.attempt_json))
    attempts.sort(key=lambda a: (a.submitted_at, a.id))
    drills = [ProgressDrill(id=d.uuid, set_id=d.set_id, article_id=d.article_id,
                            text_hash=d.text_hash, start=d.start, end=d.end,
                            mode=d.mode,  # type: ignore[arg-type]
                            technique=d.technique, expected=d.expected, answer=d.answer,
                            answered_at=d.answered_at)
              for d in session.scalars(select(DrillAnswerRow)
                                       .where(DrillAnswerRow.profile_id == profile_pk)
                                       .order_by(DrillAnswerRow.answered_at, DrillAnswerRow.id))]
    return ProgressFile(
        program_version=__version__, exported_at=now or utcnow(),
        profile=ProgressProfile(id=profile.uuid, name=profile.name,
                                student_code=profile.student_code),
        attempts=attempts, drills=drills)


def _match_profile(session: Session, progress: ProgressFile,
                   into: str | None) -> tuple[Profile, bool]:
    wanted = progress.profile
    row = session.scalar(select(Profile).where(Profile.uuid == wanted.id.lower()))
    if into is not None and (row is None or row.uuid != into):
        target = session.scalar(select(Profile.name).where(Profile.uuid == into))
        raise StoreError(f"this progress file belongs to {wanted.name!r}, not to "
                         f"{target or 'the chosen profile'!r}; nothing was imported")
    if row is not None:
        return row, False
    name = wanted.name
    taken = {n.casefold() for n in session.scalars(select(Profile.name))}
    suffix = 2
    while name.casefold() in taken:
        name = f"{wanted.name} ({suffix})"
        suffix += 1
    row = Profile(uuid=wanted.id.lower(), name=name, created_at=utcnow(), last_used_at=None,
                  student_code=wanted.student_code)
    session.add(row)
    session.flush()
    return row, True


def _import_drills(session: Session, profile_pk: int, progress: ProgressFile) -> int:
    """Drill answers merged by UUID; they count in mastery and discernment like local ones."""
    known = set(session.scalars(select(DrillAnswerRow.uuid).where(
        DrillAnswerRow.uuid.in_([d.id.lower() for d in progress.drills]))))
    new = [d for d in progress.drills if d.id.lower() not in known]
    session.add_all(DrillAnswerRow(
        uuid=d.id.lower(), profile_id=profile_pk, set_id=d.set_id, article_id=d.article_id,
        text_hash=d.text_hash, start=d.start, end=d.end, mode=d.mode,
        technique=d.technique, expected=d.expected,
        answer=d.answer, answered_at=d.answered_at) for d in new)
    session.flush()
    techniques = {d.technique for d in new if d.technique is not None}
    if techniques:
        refresh_reviews(session, profile_pk, techniques)
    return len(new)


def import_progress(session: Session, progress: ProgressFile, library: Library,
                    into: str | None = None) -> ProgressImportReport:
    """Merge `progress` (all or nothing: the caller's transaction)."""
    profile, created = _match_profile(session, progress, into)
    known = set(session.scalars(select(Attempt.uuid).where(
        Attempt.uuid.in_([a.id.lower() for a in progress.attempts]))))
    known |= set(session.scalars(select(KeptAttempt.uuid).where(
        KeptAttempt.uuid.in_([a.id.lower() for a in progress.attempts]))))
    added = 0
    kept: list[str] = []
    disagreements: list[str] = []
    now = utcnow()
    for attempt in progress.attempts:
        attempt_id = attempt.id.lower()
        if attempt_id in known:
            continue
        known.add(attempt_id)
        revision = Library.find_revision(session, attempt.set_id, attempt.article_id,
                                         attempt.text_hash)
        if revision is None:
            session.add(KeptAttempt(
                uuid=attempt_id, profile_id=profile.id, set_id=attempt.set_id,
                article_id=attempt.article_id, text_hash=attempt.text_hash,
                attempt_json=attempt.model_dump_json(), imported_at=now))
            kept.append(f"{attempt.set_id}/{attempt.article_id}")
            continue
        view = library.build_view(session, revision)
        marks = tuple(mark_to_scoring(view.article, Span(m.start, m.end, m.label), m.part)
                      for m in attempt.marks
                      if m.end <= len(view.article.part_text(m.part)))
        if len(marks) != len(attempt.marks):
            raise StoreError(f"attempt {attempt_id}: a mark lies outside the article's "
                             "text or headline")
        result = score_article(view.article, marks, view.taxonomy)
        student = student_score(view.article, marks, attempt.mode, view.taxonomy)
        if (stated_scores_disagree(attempt.scores.get("research"), research_scores(result))
                or stated_student_disagrees(attempt.scores.get("student"),
                                            student.as_dict())):
            disagreements.append(attempt_id)
        attempt_pk = store_attempt(session, NewAttempt(
            attempt_id, profile.id, revision.id, attempt.started_at, attempt.submitted_at,
            attempt.mode, attempt.nothing_to_flag, marks, result, student, attempt.level,
            attempt.assignment_id, article=view.article, taxonomy=view.taxonomy))
        for note in attempt.notes:
            write_note(session, attempt_pk,
                       AttemptNoteRecord(note.part, note.start, note.end, note.text.strip()))
        added += 1
    drills_added = _import_drills(session, profile.id, progress)
    return ProgressImportReport(profile.uuid, profile.name, created, added,
                                len(progress.attempts) - added - len(kept), kept,
                                disagreements, drills_added)
