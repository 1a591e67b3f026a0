"""What a profile has learnt: mastery, discernment over time, the weak-spots queue and the
passages that practise them (`store.progress.dashboard`, `.weak_spots`). The arithmetic is in
trainer.core.mastery and trainer.core.schedule; here the stored attempts are read for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from trainer.core.discernment import DiscernmentCounts
from trainer.core.drill import DrillAnswer, drill_evidence
from trainer.core.mastery import (
    DISCERNMENT_WINDOW,
    DayPoint,
    Mastery,
    Observation,
    days_practised,
    mastery_by_technique,
    recent_discernment,
    streak,
)
from trainer.core.schedule import ReviewState, WeakSpot, replay, weak_spots
from trainer.storage.models import (
    ArticleRevision,
    Attempt,
    AttemptTechnique,
    DrillAnswerRow,
    KeySpan,
    TechniqueReview,
)

# Drill answers of the last two weeks join the recent attempts in the discernment figures.
DRILL_DAYS = 14


@dataclass(frozen=True)
class NextPassage:
    revision_id: int
    set_id: str
    article_id: str
    title: str
    technique: str
    reason: WeakSpot


@dataclass(frozen=True)
class Dashboard:
    attempts: int
    score: float | None  # mean score of every attempt
    days: list[DayPoint]  # oldest first
    mastery: dict[str, Mastery]
    discernment: DiscernmentCounts  # the recent window
    days_practised: int
    streak: int
    weak_spots: list[WeakSpot]
    next: list[NextPassage]


def drill_evidence_of(session: Session, profile_pk: int, since: datetime | None = None
                      ) -> tuple[list[Observation], DiscernmentCounts]:
    """Quick-drill answers as mastery observations and discernment trials."""
    query = (select(DrillAnswerRow.technique, DrillAnswerRow.expected, DrillAnswerRow.answer,
                    DrillAnswerRow.answered_at)
             .where(DrillAnswerRow.profile_id == profile_pk)
             .order_by(DrillAnswerRow.answered_at, DrillAnswerRow.id))
    if since is not None:
        query = query.where(DrillAnswerRow.answered_at >= since)
    return drill_evidence((DrillAnswer(t, e, a), when)
                          for t, e, a, when in session.execute(query))


def observations(session: Session, profile_pk: int) -> list[Observation]:
    """Every key span met in an attempt and every drill sentence with a problem, oldest first."""
    rows = session.execute(
        select(AttemptTechnique.label, Attempt.submitted_at, AttemptTechnique.found,
               AttemptTechnique.total)
        .join(Attempt, Attempt.id == AttemptTechnique.attempt_id)
        .where(Attempt.profile_id == profile_pk)
        .order_by(Attempt.submitted_at, Attempt.id))
    found = [Observation(label, when, float(found), int(total))
             for label, when, found, total in rows]
    drilled, _counts = drill_evidence_of(session, profile_pk)
    return sorted(found + drilled, key=lambda o: o.when)


def refresh_reviews(session: Session, profile_pk: int, techniques: Iterable[str]) -> None:
    """Rebuild the Leitner state of `techniques` from the profile's attempts (in time order, so
    an imported older attempt lands where it belongs)."""
    wanted = set(techniques)
    if not wanted:
        return
    events = [(o.technique, o.found, o.total, o.when)
              for o in observations(session, profile_pk) if o.technique in wanted]
    states = replay(events)
    session.execute(delete(TechniqueReview).where(TechniqueReview.profile_id == profile_pk,
                                                  TechniqueReview.technique.in_(wanted)))
    session.add_all(TechniqueReview(
        profile_id=profile_pk, technique=s.technique, box=s.box, due_at=s.due_at,
        last_reviewed_at=s.last_reviewed_at, last_found=s.last_found, last_total=s.last_total)
        for s in states.values())


def review_states(session: Session, profile_pk: int) -> list[ReviewState]:
    return [ReviewState(r.technique, r.box, r.due_at, r.last_reviewed_at, r.last_found,
                        r.last_total)
            for r in session.scalars(select(TechniqueReview)
                                     .where(TechniqueReview.profile_id == profile_pk))]


def next_passages(session: Session, profile_pk: int, spots: Sequence[WeakSpot],
                  limit: int = 3) -> list[NextPassage]:
    """For each weak spot, a current passage that holds it: one never tried first, then the
    one tried longest ago."""
    if not spots:
        return []
    wanted = [s.technique for s in spots]
    holding = session.execute(
        select(KeySpan.label, ArticleRevision.id, ArticleRevision.set_id,
               ArticleRevision.article_id, ArticleRevision.title)
        .join(ArticleRevision, ArticleRevision.id == KeySpan.revision_id)
        .where(ArticleRevision.is_current, KeySpan.label.in_(wanted), KeySpan.optional.is_(False))
        .order_by(ArticleRevision.set_id, ArticleRevision.position)).all()
    # ISO text sorts like the time it names, so max() needs no conversion per row.
    last_tried = {(set_id, article_id): str(when) for set_id, article_id, when in session.execute(
        select(ArticleRevision.set_id, ArticleRevision.article_id,
               func.max(func.datetime(Attempt.submitted_at)))
        .join(Attempt, Attempt.revision_id == ArticleRevision.id)
        .where(Attempt.profile_id == profile_pk)
        .group_by(ArticleRevision.set_id, ArticleRevision.article_id))}
    chosen: list[NextPassage] = []
    used: set[int] = set()
    for spot in spots:
        candidates = [h for h in holding if h[0] == spot.technique and h[1] not in used]
        if not candidates:
            continue
        # Never tried first, then the one tried longest ago.
        _label, rev, set_id, article_id, title = min(
            candidates, key=lambda h: (1, last_tried[(h[2], h[3])])
            if (h[2], h[3]) in last_tried else (0, ""))
        used.add(rev)
        chosen.append(NextPassage(rev, set_id, article_id, title, spot.technique, spot))
        if len(chosen) >= limit:
            break
    return chosen


def _noon(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def daily_observations(session: Session, profile_pk: int) -> list[Observation]:
    """Key spans met, summed per technique and day: mastery weighs by age in days, so this is
    the same number as per attempt, read in far fewer rows."""
    day = func.date(Attempt.submitted_at)
    rows = session.execute(
        select(AttemptTechnique.label, day, func.sum(AttemptTechnique.found),
               func.sum(AttemptTechnique.total))
        .join(Attempt, Attempt.id == AttemptTechnique.attempt_id)
        .where(Attempt.profile_id == profile_pk)
        .group_by(AttemptTechnique.label, day))
    found = [Observation(label, _noon(str(when)), float(f), int(n)) for label, when, f, n in rows]
    drilled, _counts = drill_evidence_of(session, profile_pk)
    return found + drilled


def build_dashboard(session: Session, profile_pk: int, now: datetime,
                    techniques: Sequence[str]) -> Dashboard:
    day = func.date(Attempt.submitted_at)
    # The score a student sees per attempt: one line to switch to the stored student score.
    score = Attempt.student_score
    daily = session.execute(
        select(day, func.count(), func.avg(score), func.sum(Attempt.hits),
               func.sum(Attempt.misses), func.sum(Attempt.false_alarms),
               func.sum(Attempt.correct_rejections))
        .where(Attempt.profile_id == profile_pk).group_by(day).order_by(day)).all()
    points = []
    for when, count, mean, h, m, fa, cr in daily:
        pooled = DiscernmentCounts(int(h), int(m), int(fa), int(cr))
        points.append(DayPoint(str(when), int(count), float(mean), pooled.d_prime, pooled.bias))
    recent = [DiscernmentCounts(h, m, fa, cr) for h, m, fa, cr in session.execute(
        select(Attempt.hits, Attempt.misses, Attempt.false_alarms, Attempt.correct_rejections)
        .where(Attempt.profile_id == profile_pk)
        .order_by(Attempt.submitted_at.desc(), Attempt.id.desc()).limit(DISCERNMENT_WINDOW))]
    mastery = mastery_by_technique(daily_observations(session, profile_pk), now, techniques)
    states = review_states(session, profile_pk)
    met = {s.technique for s in states}
    spots = weak_spots(states, now, [t for t in techniques if t not in met][:2])
    attempts = sum(p.attempts for p in points)
    day_names = [p.day for p in points]
    return Dashboard(
        attempts=attempts,
        score=sum(p.score * p.attempts for p in points) / attempts if attempts else None,
        days=points, mastery=mastery,
        discernment=recent_discernment(recent) + drill_evidence_of(
            session, profile_pk, now - timedelta(days=DRILL_DAYS))[1],
        days_practised=days_practised(day_names),
        streak=streak(day_names, now.date().isoformat()),
        weak_spots=spots, next=next_passages(session, profile_pk, spots))
