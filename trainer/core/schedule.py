"""Spaced repetition per technique: Leitner boxes (DESIGN §5, "Mastery and practice scheduling").

Each technique a student has met sits in a box 1–5. Meeting it again with at least half of its
key spans found moves it up one box, finding less sends it back to box 1. A technique is due
again after its box's interval. The longest interval is three weeks, so that even a mastered
technique comes back as a booster well before the one-to-two months after which inoculation
effects fade (Maertens et al.). Pure functions; the clock is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

INTERVAL_DAYS = (1, 2, 4, 9, 21)  # box 1..5
PASS_SHARE = 0.5


@dataclass(frozen=True)
class ReviewState:
    technique: str
    box: int  # 1..len(INTERVAL_DAYS)
    due_at: datetime
    last_reviewed_at: datetime
    last_found: float
    last_total: int


def review(state: ReviewState | None, technique: str, found: float, total: int,
           when: datetime) -> ReviewState:
    """The state after meeting `technique` with `found` of `total` key spans at `when`."""
    if total <= 0:
        raise ValueError("a review needs at least one key span")
    passed = found / total >= PASS_SHARE
    if state is None:
        box = 2 if passed else 1
    else:
        box = min(len(INTERVAL_DAYS), state.box + 1) if passed else 1
    return ReviewState(technique, box, when + timedelta(days=INTERVAL_DAYS[box - 1]), when,
                       found, total)


def replay(events: Iterable[tuple[str, float, int, datetime]]) -> dict[str, ReviewState]:
    """States after a history of (technique, found, total, when), oldest first."""
    states: dict[str, ReviewState] = {}
    for technique, found, total, when in events:
        if total > 0:
            states[technique] = review(states.get(technique), technique, found, total, when)
    return states


@dataclass(frozen=True)
class WeakSpot:
    technique: str
    reason_key: str  # "struggling" | "booster" | "new"
    found: float
    total: int
    due_at: datetime | None
    box: int


def weak_spots(states: Sequence[ReviewState], now: datetime, unseen: Sequence[str] = (),
               limit: int = 5) -> list[WeakSpot]:
    """Due techniques first (lowest box, then longest overdue), then techniques never met."""
    due = sorted((s for s in states if s.due_at <= now), key=lambda s: (s.box, s.due_at))
    spots = [WeakSpot(s.technique, "struggling" if s.box <= 2 else "booster", s.last_found,
                      s.last_total, s.due_at, s.box) for s in due]
    spots += [WeakSpot(t, "new", 0, 0, None, 0) for t in unseen]
    return spots[:limit]


def postpone(state: ReviewState, now: datetime) -> ReviewState:
    """Skip a due technique for a day without counting it as practised."""
    return replace(state, due_at=now + timedelta(days=1))


def _when(moment: datetime, now: datetime) -> str:
    days = (now.date() - moment.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    if days < 14:
        return "last week"
    return f"on {moment.date().isoformat()}"


def reason_text(spot: WeakSpot, name: str, now: datetime) -> str:
    """The one-line reason shown next to a weak spot (English; the UI builds its own with
    Qt's translation system from the same fields)."""
    if spot.reason_key == "new":
        return f"{name}: not practised yet"
    found = f"{spot.found:g} of {spot.total} found"
    last = spot.due_at if spot.due_at is not None else now
    reviewed = last - timedelta(days=INTERVAL_DAYS[max(0, spot.box - 1)])
    if spot.reason_key == "booster":
        return f"{name}: a booster before it fades ({found} {_when(reviewed, now)})"
    return f"{name}: {found} {_when(reviewed, now)}"
