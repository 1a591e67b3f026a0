"""`store.progress`: a profile's history and the statistics built from its attempts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trainer.core.discernment import DiscernmentCounts
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.base import Database, StorePart, utcnow
from trainer.storage.content import Library, attempt_f1
from trainer.storage.learning import Dashboard, build_dashboard
from trainer.storage.models import (
    ArticleRevision,
    Attempt,
    AttemptNote,
    AttemptTechnique,
    Profile,
)
from trainer.storage.practice import STUDENT_COUNTS, stored_student
from trainer.storage.records import AttemptSummary, ProfileOverview, TechniqueStats

if TYPE_CHECKING:
    # The progress file's pydantic model is loaded only when a file is exported or imported
    # (start-up memory, DESIGN §9).
    from trainer.core.progress_file import ProgressFile
    from trainer.storage.progress_exchange import ProgressImportReport


def _technique_stats(session: Session, profile_pk: int | None) -> list[TechniqueStats]:
    query = (select(AttemptTechnique.label, func.sum(AttemptTechnique.found),
                    func.sum(AttemptTechnique.total))
             .group_by(AttemptTechnique.label).order_by(AttemptTechnique.label))
    if profile_pk is not None:
        query = query.join(Attempt, Attempt.id == AttemptTechnique.attempt_id).where(
            Attempt.profile_id == profile_pk)
    return [TechniqueStats(label, int(found), int(total))
            for label, found, total in session.execute(query)]


def _d_prime(hits: int, misses: int, false_alarms: int, rejections: int) -> float:
    return DiscernmentCounts(hits, misses, false_alarms, rejections).d_prime


class Progress(StorePart):
    def __init__(self, db: Database, library: Library) -> None:
        super().__init__(db)
        self._library = library

    def export_file(self, profile_id: str) -> ProgressFile:
        """Everything this profile did, as a progress file (DESIGN §4)."""
        from trainer.storage.progress_exchange import export_progress

        with self._read() as session:
            return export_progress(session, self._profile_pk(session, profile_id),
                                   self._library)

    def import_file(self, progress: ProgressFile,
                    into: str | None = None) -> ProgressImportReport:
        """Merge a progress file by UUIDs, all or nothing. With `into` (a profile id), a file
        of another profile is refused."""
        from trainer.storage.progress_exchange import import_progress

        with self._write() as session:
            return import_progress(session, progress, self._library, into)

    def dashboard(self, profile_id: str, now: datetime | None = None,
                  techniques: Sequence[str] | None = None) -> Dashboard:
        """Everything the progress dashboard shows, computed from the stored attempts."""
        ids = list(techniques) if techniques is not None else [
            t.id for t in default_taxonomy().techniques.values()]
        with self._read() as session:
            return build_dashboard(session, self._profile_pk(session, profile_id),
                                   now or utcnow(), ids)

    def history(self, profile_id: str) -> list[AttemptSummary]:
        """Every attempt of the profile, newest first."""
        note_count = (select(func.count(AttemptNote.id))
                      .where(AttemptNote.attempt_id == Attempt.id)
                      .correlate(Attempt).scalar_subquery().label("note_count"))
        query = (select(Attempt.uuid, Attempt.revision_id, ArticleRevision.title,
                        ArticleRevision.set_id, ArticleRevision.level, Attempt.mode,
                        Attempt.submitted_at, Attempt.duration_s,
                        Attempt.precision_any, Attempt.recall_any, Attempt.f1_any,
                        Attempt.precision_family, Attempt.recall_family, Attempt.f1_family,
                        Attempt.precision_technique, Attempt.recall_technique,
                        Attempt.f1_technique, Attempt.hits, Attempt.misses,
                        Attempt.false_alarms, Attempt.correct_rejections, note_count,
                        *(getattr(Attempt, f"student_{name}") for name in STUDENT_COUNTS))
                 .join(ArticleRevision, ArticleRevision.id == Attempt.revision_id)
                 .order_by(Attempt.submitted_at.desc(), Attempt.id.desc()))
        with self._read() as session:
            pk = self._profile_pk(session, profile_id)
            rows = session.execute(query.where(Attempt.profile_id == pk)).all()
        summaries = []
        for row in rows:
            mode = row.mode
            summaries.append(AttemptSummary(
                row.uuid, row.revision_id, row.title, row.set_id, row.level, mode,
                row.submitted_at, row.duration_s, getattr(row, f"precision_{mode}"),
                getattr(row, f"recall_{mode}"), getattr(row, f"f1_{mode}"),
                _d_prime(row.hits, row.misses, row.false_alarms, row.correct_rejections),
                stored_student(row, mode), int(row.note_count)))
        return summaries

    def technique_stats(self, profile_id: str) -> list[TechniqueStats]:
        with self._read() as session:
            return _technique_stats(session, self._profile_pk(session, profile_id))

    def all_technique_stats(self) -> list[TechniqueStats]:
        """Mastery per technique over every profile on this computer."""
        with self._read() as session:
            return _technique_stats(session, None)

    def profiles_overview(self) -> list[ProfileOverview]:
        """Attempts, mean F1, pooled d' and last activity for every profile."""
        per_profile = (select(Attempt.profile_id, func.count().label("n"),
                              func.avg(attempt_f1()).label("f1"),
                              func.sum(Attempt.hits).label("h"),
                              func.sum(Attempt.misses).label("m"),
                              func.sum(Attempt.false_alarms).label("fa"),
                              func.sum(Attempt.correct_rejections).label("cr"),
                              func.max(Attempt.submitted_at).label("last"))
                       .group_by(Attempt.profile_id).subquery())
        query = (select(Profile.uuid, Profile.name, per_profile)
                 .outerjoin(per_profile, per_profile.c.profile_id == Profile.id)
                 .order_by(func.lower(Profile.name)))
        with self._read() as session:
            rows = session.execute(query).all()
        return [ProfileOverview(
            row.uuid, row.name, row.n or 0, row.f1 if row.n else None,
            _d_prime(row.h, row.m, row.fa, row.cr) if row.n else None, row.last)
            for row in rows]
