"""Mastery per technique and discernment over recent attempts (DESIGN §5), computed from the
stored attempts every time (never from cached totals that can drift). Pure functions.

Mastery of a technique is an exponentially weighted share of its required key spans found:
each key span the student met is one example, 1 when the feedback called it found or exact and
0 otherwise (a phrase only partly marked does not count, nor one given another family or
reached only by a too-broad mark: FOUND_VERDICTS), weighted by 2^(−age / HALF_LIFE_DAYS), so
that last week counts about twice as much as the week before. (The student score is another
matter: there a partly found phrase adds ½ to recall, core/student_score.py.)
Below MIN_EXAMPLES examples the program says "not enough yet" instead of a number.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.core.discernment import DiscernmentCounts

HALF_LIFE_DAYS = 14.0
MIN_EXAMPLES = 3
DISCERNMENT_WINDOW = 20  # attempts
RECENT_DAYS = 7


@dataclass(frozen=True)
class Observation:
    """What one attempt (or drill answer) showed about one technique."""

    technique: str
    when: datetime
    found: float  # key spans found (FOUND_VERDICTS; a drill answer right, core/drill.py)
    total: int  # required key spans met


# The key-span verdicts (trainer.core.verdicts) that count as found for mastery: the right
# technique, or the right family. A wrong family, a mark too broad or one covering too little
# is not found. The verdicts counted are the ones the feedback shows
# (core.feedback_verdicts.feedback_tally): the student's dashboard and the class report both
# count with technique_tally over them.
FOUND_VERDICTS = ("exact", "found")

# The version of how per-attempt figures are computed from an attempt's marks. Raise it
# whenever that changes: figures stored by an older program are then computed again — the
# student's per-technique tallies when the store opens (storage/figures.py), the class
# attempts' figures at the next class report (storage/class_reading.py). It lives here, in a
# light module, because every store reads it when it opens.
# 4: a key phrase reached only by a too-broad mark is not found (feedback_tally).
# 5: the class report's missed phrases are every required phrase not found (class_attempts).
FIGURES_VERSION = 5


def technique_tally(verdicts: Iterable[tuple[str, str, str, bool]]
                    ) -> dict[str, tuple[int, int]]:
    """Per key label: required key spans found and met, from (verdict, label, source,
    optional) of an attempt's verdicts."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for verdict, label, source, optional in verdicts:
        if source != "key" or optional:
            continue
        tally[label][0] += verdict in FOUND_VERDICTS
        tally[label][1] += 1
    return {label: (found, met) for label, (found, met) in tally.items()}


@dataclass(frozen=True)
class Mastery:
    technique: str
    mastery: float | None  # None below MIN_EXAMPLES
    examples: int
    found: float
    recent_found: float  # within RECENT_DAYS of `now`
    recent_total: int
    last_seen: datetime | None

    @property
    def enough(self) -> bool:
        return self.mastery is not None


def _weight(now: datetime, when: datetime) -> float:
    age_days = max(0.0, (now - when).total_seconds() / 86400)
    return float(0.5 ** (age_days / HALF_LIFE_DAYS))


def mastery_by_technique(observations: Iterable[Observation], now: datetime,
                         techniques: Sequence[str] = ()) -> dict[str, Mastery]:
    """Every technique in `techniques` (seen or not) and every technique observed."""
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.total > 0:
            grouped[obs.technique].append(obs)
    result = {}
    recent_since = now - timedelta(days=RECENT_DAYS)
    for technique in dict.fromkeys([*techniques, *sorted(grouped)]):
        seen = grouped.get(technique, [])
        examples = sum(o.total for o in seen)
        weights = [_weight(now, o.when) for o in seen]  # once each: a class has thousands
        # fsum: exactly rounded, so the result does not depend on the order of attempts.
        weighted = math.fsum(w * o.total for w, o in zip(weights, seen, strict=True))
        share = (math.fsum(w * o.found for w, o in zip(weights, seen, strict=True)) / weighted
                 if weighted > 0 else 0.0)
        recent = [o for o in seen if o.when >= recent_since]
        result[technique] = Mastery(
            technique, min(1.0, max(0.0, share)) if examples >= MIN_EXAMPLES else None,
            examples, math.fsum(o.found for o in seen), math.fsum(o.found for o in recent),
            sum(o.total for o in recent), max((o.when for o in seen), default=None))
    return result


def recent_discernment(counts: Sequence[DiscernmentCounts],
                       window: int = DISCERNMENT_WINDOW) -> DiscernmentCounts:
    """Pooled sentence counts of the last `window` attempts (`counts` oldest first)."""
    pooled = DiscernmentCounts()
    for item in counts[-window:] if window > 0 else []:
        pooled = pooled + item
    return pooled


@dataclass(frozen=True)
class DayPoint:
    day: str  # ISO date
    attempts: int
    score: float  # mean score of the day's attempts
    d_prime: float  # of the day's sentences pooled
    bias: float


def days_practised(days: Iterable[str]) -> int:
    return len(set(days))


def streak(days: Iterable[str], today: str) -> int:
    """Consecutive days with practice ending today or yesterday (a gentle streak: missing
    today so far does not break it)."""
    practised = set(days)
    from datetime import date

    cursor = date.fromisoformat(today)
    if cursor.isoformat() not in practised:
        cursor -= timedelta(days=1)
    count = 0
    while cursor.isoformat() in practised:
        count += 1
        cursor -= timedelta(days=1)
    return count
