"""Drafts, submitted attempts and the statistics built from them."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from trainer.core.discernment import DiscernmentCounts
from trainer.core.scoring import MODES, ArticleScore, score_article
from trainer.core.spans import Span
from trainer.storage.base import StoreBase, utcnow
from trainer.storage.content import ContentMixin, attempt_f1
from trainer.storage.errors import StoreError
from trainer.storage.models import (
    AnswerSpan,
    ArticleRevision,
    Attempt,
    AttemptTechnique,
    DraftRow,
    Profile,
)
from trainer.storage.records import (
    AttemptSummary,
    Draft,
    ProfileOverview,
    SubmittedAttempt,
    TechniqueStats,
)

FOUND_VERDICTS = ("exact", "found")


def _marks_json(marks: Sequence[Span]) -> str:
    return json.dumps([[m.start, m.end, m.label] for m in marks], ensure_ascii=False)


def technique_counts(result: ArticleScore) -> dict[str, tuple[int, int]]:
    """Per key label: required key spans found (exact or right family) and seen."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for verdict in result.verdicts:
        if verdict.source != "key" or verdict.optional:
            continue
        tally[verdict.label][0] += verdict.verdict in FOUND_VERDICTS
        tally[verdict.label][1] += 1
    return {label: (found, total) for label, (found, total) in tally.items()}


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


class PracticeMixin(ContentMixin, StoreBase):
    def save_draft(self, profile_id: str, revision_id: int, marks: Sequence[Span],
                   nothing_to_flag: bool = False) -> None:
        values = {"marks_json": _marks_json(marks), "nothing_to_flag": nothing_to_flag,
                  "saved_at": utcnow()}
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            self._revision_exists(session, revision_id)
            statement = sqlite_insert(DraftRow).values(profile_id=pk, revision_id=revision_id,
                                                       **values)
            session.execute(statement.on_conflict_do_update(
                index_elements=[DraftRow.profile_id, DraftRow.revision_id], set_=values))

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
               mode: str, started_at: datetime, nothing_to_flag: bool = False
               ) -> SubmittedAttempt:
        """Score, then store attempt, answer spans and scores and drop the draft atomically."""
        if mode not in MODES:
            raise StoreError(f"unknown scoring mode {mode!r}; use one of {', '.join(MODES)}")
        if started_at.tzinfo is None:
            raise StoreError("started_at must be a timezone-aware datetime")
        view = self.article(revision_id)
        result = score_article(view.article, marks, view.taxonomy)
        now = utcnow()
        attempt_uuid = str(uuid.uuid4())
        scores: dict[str, object] = {}
        for name in MODES:
            counts = result.counts[name]
            scores |= {f"precision_{name}": counts.precision, f"recall_{name}": counts.recall,
                       f"f1_{name}": counts.f1}
        d = result.discernment or DiscernmentCounts()
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            attempt_pk = session.scalar(insert(Attempt).values(
                uuid=attempt_uuid, profile_id=pk, revision_id=revision_id,
                started_at=started_at, submitted_at=now,
                duration_s=max(0.0, (now - started_at).total_seconds()), mode=mode,
                nothing_to_flag=nothing_to_flag, hits=d.hits, misses=d.misses,
                false_alarms=d.false_alarms, correct_rejections=d.correct_rejections,
                **scores).returning(Attempt.id))
            if marks:
                session.execute(insert(AnswerSpan), [
                    {"attempt_id": attempt_pk, "position": i, "start": m.start, "end": m.end,
                     "label": m.label} for i, m in enumerate(marks)])
            tally = technique_counts(result)
            if tally:
                session.execute(insert(AttemptTechnique), [
                    {"attempt_id": attempt_pk, "label": label, "found": f, "total": t}
                    for label, (f, t) in tally.items()])
            session.execute(delete(DraftRow).where(DraftRow.profile_id == pk,
                                                   DraftRow.revision_id == revision_id))
            session.execute(update(Profile).where(Profile.id == pk).values(last_used_at=now))
        return SubmittedAttempt(attempt_uuid, result, mode)

    def history(self, profile_id: str) -> list[AttemptSummary]:
        """Every attempt of the profile, newest first."""
        query = (select(Attempt.uuid, Attempt.revision_id, ArticleRevision.title,
                        ArticleRevision.set_id, ArticleRevision.level, Attempt.mode,
                        Attempt.submitted_at, Attempt.duration_s,
                        Attempt.precision_any, Attempt.recall_any, Attempt.f1_any,
                        Attempt.precision_family, Attempt.recall_family, Attempt.f1_family,
                        Attempt.precision_technique, Attempt.recall_technique,
                        Attempt.f1_technique, Attempt.hits, Attempt.misses,
                        Attempt.false_alarms, Attempt.correct_rejections)
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
                _d_prime(row.hits, row.misses, row.false_alarms, row.correct_rejections)))
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
