"""The student score's counts (DESIGN §5) and their sums over articles.

student_score.py explains the score and computes it for one attempt; the counts live here,
without the explained results or the sentence counter, so that `trainer score`'s path
(scoring_fast) can make and add them without importing the rest (DESIGN §9).
"""

from __future__ import annotations

from collections.abc import Iterable

from trainer.core.record import record
from trainer.core.scoring_counts import LEVEL_MODE, Mode

FOUND_SHARE = 0.5
MIXED = "mixed"  # the mode of a total over articles graded in different modes
NO_MODE = "none"  # the mode of a total over no articles at all


def mode_for_level(level: int) -> Mode:
    """Levels 1–2 compare labels by family, level 3 by technique (DESIGN §5)."""
    return LEVEL_MODE.get(level, "family")


@record
class StudentScore:
    """Counts of one or more articles; add two to micro-aggregate (sum, then compute)."""

    found: int = 0
    partly: int = 0
    missed: int = 0
    key_spans: int = 0
    marks: int = 0  # marks counted: after setting aside debatable ones and merging
    hits: int = 0
    false_alarms: int = 0
    too_broad: int = 0
    wrong_labels: int = 0
    mode: str = NO_MODE

    def __add__(self, other: StudentScore) -> StudentScore:
        if self.mode == NO_MODE:
            mode = other.mode
        elif other.mode in (NO_MODE, self.mode):
            mode = self.mode
        else:
            mode = MIXED
        return StudentScore(
            self.found + other.found, self.partly + other.partly,
            self.missed + other.missed, self.key_spans + other.key_spans,
            self.marks + other.marks, self.hits + other.hits,
            self.false_alarms + other.false_alarms, self.too_broad + other.too_broad,
            self.wrong_labels + other.wrong_labels, mode)

    @property
    def precision(self) -> float:
        return self.hits / self.marks if self.marks else 1.0

    @property
    def recall(self) -> float:
        return (self.found + 0.5 * self.partly) / self.key_spans if self.key_spans else 1.0

    @property
    def score(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | str]:
        """The `"student"` object of `trainer score --json`."""
        return {
            "precision": self.precision, "recall": self.recall, "score": self.score,
            "found": self.found, "partly": self.partly, "missed": self.missed,
            "key_spans": self.key_spans, "marks": self.marks, "hits": self.hits,
            "false_alarms": self.false_alarms, "too_broad": self.too_broad,
            "wrong_labels": self.wrong_labels, "mode": self.mode,
        }


def total(scores: Iterable[StudentScore]) -> StudentScore:
    """Micro-aggregate: sums of the counts; `mode` is "mixed" when the modes differ."""
    # StudentScore() + each item in turn, without a StudentScore per step.
    items = list(scores)
    mode = NO_MODE
    for item in items:
        if mode == NO_MODE:
            mode = item.mode
        elif item.mode not in (NO_MODE, mode):
            mode = MIXED
    return StudentScore(
        sum(i.found for i in items), sum(i.partly for i in items),
        sum(i.missed for i in items), sum(i.key_spans for i in items),
        sum(i.marks for i in items), sum(i.hits for i in items),
        sum(i.false_alarms for i in items), sum(i.too_broad for i in items),
        sum(i.wrong_labels for i in items), mode)
