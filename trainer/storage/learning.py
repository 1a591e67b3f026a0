"""What a profile has learnt: mastery, discernment over time, the weak-spots queue and the
passages that practise them (`store.progress.dashboard`, `.weak_spots`). The arithmetic is in
trainer.core.mastery and trainer.core.schedule; here the stored attempts are read for it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import (
    DayPoint,
    Mastery,
    Observation,
    days_practised,
    mastery_by_technique,
    recent_discernment,
    streak,
)
from trainer.core.schedule import ReviewState, WeakSpot, replay, weak_spots
from trainer.storage.content import attempt_f1
from trainer.storage.models import (
    ArticleRevision,
    Attempt,
    AttemptTechnique,
    KeySpan,
    TechniqueReview,
)


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


def observations(session: Session, profile_pk: int) -> list[Observation]:
    rows = session.execute(
        select(AttemptTechnique.label, Attempt.submitted_at, AttemptTechnique.found,
               AttemptTechnique.total)
        .join(Attempt, Attempt.id == AttemptTechnique.attempt_id)
        .where(Attempt.profile_id == profile_pk)
        .order_by(Attempt.submitted_at, Attempt.id))
    return [Observation(label, when, float(found), int(total))
            for label, when, found, total in rows]


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


def _day_points(rows: Sequence[tuple[datetime, float, DiscernmentCounts]]) -> list[DayPoint]:
    by_day: dict[str, list[int]] = defaultdict(list)
    for index, (when, _score, _counts) in enumerate(rows):
        by_day[when.date().isoformat()].append(index)
    points = []
    counts = [c for _w, _s, c in rows]
    for day, indexes in by_day.items():
        window = recent_discernment(counts[: indexes[-1] + 1])
        points.append(DayPoint(day, len(indexes),
                               sum(rows[i][1] for i in indexes) / len(indexes),
                               window.d_prime, window.bias))
    return points


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
    last_tried: dict[tuple[str, str], datetime] = {}
    for set_id, article_id, when in session.execute(
            select(ArticleRevision.set_id, ArticleRevision.article_id, Attempt.submitted_at)
            .join(Attempt, Attempt.revision_id == ArticleRevision.id)
            .where(Attempt.profile_id == profile_pk)):
        key = (set_id, article_id)
        last_tried[key] = max(when, last_tried.get(key, when))
    chosen: list[NextPassage] = []
    used: set[int] = set()
    for spot in spots:
        candidates = [h for h in holding if h[0] == spot.technique and h[1] not in used]
        if not candidates:
            continue
        _label, rev, set_id, article_id, title = min(
            candidates, key=lambda h: ((h[2], h[3]) in last_tried and
            last_tried[(h[2], h[3])].timestamp() + 1) or 0)
        used.add(rev)
        chosen.append(NextPassage(rev, set_id, article_id, title, spot.technique, spot))
        if len(chosen) >= limit:
            break
    return chosen


def build_dashboard(session: Session, profile_pk: int, now: datetime,
                    techniques: Sequence[str]) -> Dashboard:
    # The score a student sees per attempt: one line to switch to the stored student score.
    rows = session.execute(
        select(Attempt.submitted_at, attempt_f1(), Attempt.hits, Attempt.misses,
               Attempt.false_alarms, Attempt.correct_rejections)
        .where(Attempt.profile_id == profile_pk)
        .order_by(Attempt.submitted_at, Attempt.id)).all()
    series = [(when, float(score), DiscernmentCounts(h, m, fa, cr))
              for when, score, h, m, fa, cr in rows]
    mastery = mastery_by_technique(observations(session, profile_pk), now, techniques)
    states = review_states(session, profile_pk)
    met = {s.technique for s in states}
    spots = weak_spots(states, now, [t for t in techniques if t not in met][:2])
    day_names = [when.date().isoformat() for when, _s, _c in series]
    return Dashboard(
        attempts=len(series),
        score=sum(s for _w, s, _c in series) / len(series) if series else None,
        days=_day_points(series), mastery=mastery,
        discernment=recent_discernment([c for _w, _s, c in series]),
        days_practised=days_practised(day_names),
        streak=streak(day_names, now.date().isoformat()),
        weak_spots=spots, next=next_passages(session, profile_pk, spots))
