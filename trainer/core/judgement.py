"""Discernment and bias in bands a student can read (DESIGN §5 "Discernment").

The score card says "you told fair sentences from unfair ones apart well; you flag a little
too much" instead of "d′ = 2.35, c = −0.31". The bands are chosen here, in one place, so the
score card and the progress screens word the same numbers the same way; the words themselves
live in the UI (they are translated). Thresholds, and why, are in docs/SCORING.md.

One passage has only a handful of sentences, and the log-linear correction pulls d′ and c
toward 0 (and c toward "cautious" when a passage has few problem sentences), so the numbers
alone would scold a flawless answer. Two rules keep the words honest: an answer with no miss
and no false alarm is always "well" and "balanced", and a lean is only named when the errors
that show it exist (no "you flag too much" without a false alarm).
"""

from __future__ import annotations

from typing import Literal

from trainer.core.discernment import DiscernmentCounts

Separation = Literal["well", "fairly", "hard", "not-yet", "one-kind"]
Lean = Literal["balanced", "flags-too-much", "flags-a-little-too-much", "a-little-cautious",
               "too-cautious"]

SEPARATES_WELL = 1.5  # d′ at or above: "apart well"
SEPARATES_FAIRLY = 0.75  # d′ at or above: "fairly well"; above 0: "found it hard"
LEANS_STRONGLY = 0.5  # |c| at or above: "too much" / "too cautious"
LEANS = 0.2  # |c| above: "a little"


def separation(counts: DiscernmentCounts) -> Separation:
    """How well the sentences the student flagged match the sentences that needed it."""
    signal = counts.hits + counts.misses
    noise = counts.false_alarms + counts.correct_rejections
    if not signal or not noise:
        return "one-kind"  # every sentence fair (or every one a problem): nothing to tell apart
    if not counts.misses and not counts.false_alarms:
        return "well"
    if not counts.hits and not counts.correct_rejections:
        return "not-yet"
    d = counts.d_prime
    if d >= SEPARATES_WELL:
        return "well"
    if d >= SEPARATES_FAIRLY:
        return "fairly"
    return "hard" if d > 0 else "not-yet"


def lean(counts: DiscernmentCounts) -> Lean:
    """Whether the student flags too much or holds back too much (response bias c)."""
    c = counts.bias
    if counts.false_alarms and c <= -LEANS_STRONGLY:
        return "flags-too-much"
    if counts.false_alarms and c < -LEANS:
        return "flags-a-little-too-much"
    if counts.misses and c >= LEANS_STRONGLY:
        return "too-cautious"
    if counts.misses and c > LEANS:
        return "a-little-cautious"
    return "balanced"
