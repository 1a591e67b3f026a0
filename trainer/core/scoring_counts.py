"""What the research score counts, on plain tuples: light enough for `trainer score`'s path.

The modes, the Counts of one or more articles (sums, so articles micro-average by addition)
and the tuple-based steps both scoring.score_counts and scoring_fast use: marks set aside,
marks and key spans merged per mode label, and the sweeps that sum the overlaps. No Span, no
verdicts, no parts: `trainer score` imports this and not scoring.py (DESIGN §9).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from trainer.core.record import record
from trainer.core.spans import Interval, merge_sorted, ratio_sums_sorted, touches_any

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Literal

    Mode = Literal["any", "family", "technique"]
else:
    Mode = str
MODES: tuple[Mode, ...] = ("any", "family", "technique")
LEVEL_MODE: dict[int, Mode] = {1: "family", 2: "family", 3: "technique"}


# A key span counts as found in the feedback verdicts when the marks cover this share of it.
FOUND_THRESHOLD = 0.5


@record
class Counts:
    """Numerators and denominators, so that articles can be micro-averaged by addition."""

    precision_num: float = 0.0
    precision_den: int = 0
    recall_num: float = 0.0
    recall_den: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
        )

    @property
    def precision(self) -> float:
        # No student spans: nothing claimed, nothing wrong (DESIGN §5 edge cases).
        return self.precision_num / self.precision_den if self.precision_den else 1.0

    @property
    def recall(self) -> float:
        # No key spans: nothing to find, so nothing was missed.
        return self.recall_num / self.recall_den if self.recall_den else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}

    def sums(self) -> dict[str, float]:
        """The numerators and denominators behind precision and recall (`trainer score`)."""
        return {"precision_num": self.precision_num, "precision_den": self.precision_den,
                "recall_num": self.recall_num, "recall_den": self.recall_den}


def sum_counts(items: Iterable[Counts]) -> Counts:
    """Counts() + each item in turn: the same sums, added field by field in the same order,
    without a Counts per step (a corpus has hundreds of articles)."""
    precision_num = recall_num = 0.0
    precision_den = recall_den = 0
    for item in items:
        precision_num += item.precision_num
        precision_den += item.precision_den
        recall_num += item.recall_num
        recall_den += item.recall_den
    return Counts(precision_num, precision_den, recall_num, recall_den)


Mark = tuple[int, int, str]  # (start, end, label): a span on the tuple-based paths


def groups_by_mode(items: Sequence[Mark], family_of: Mapping[str, str]
                   ) -> dict[Mode, dict[str, list[Interval]]]:
    """Merged intervals grouped by each mode's label, in one pass over `items` sorted.

    Each group is merged as it grows (sorted input: a new interval either extends the
    group's last one or starts a new one), as merge_sorted would merge it afterwards.
    """
    every: list[Interval] = []
    family: dict[str, list[Interval]] = {}
    technique: dict[str, list[Interval]] = {}
    last_end = -1  # every[-1]'s end
    # The three groupings written out rather than looped over: this runs for every mark and
    # key span of a research corpus (`trainer score`, DESIGN §9).
    for start, end, label in items:
        if start < last_end:
            if end > last_end:
                every[-1] = (every[-1][0], end)
                last_end = end
        else:
            every.append((start, end))
            last_end = end
        group = family.get(family_of.get(label, label))
        if group is None:
            family[family_of.get(label, label)] = [(start, end)]
        elif start < group[-1][1]:
            if end > group[-1][1]:
                group[-1] = (group[-1][0], end)
        else:
            group.append((start, end))
        group = technique.get(label)
        if group is None:
            technique[label] = [(start, end)]
        elif start < group[-1][1]:
            if end > group[-1][1]:
                group[-1] = (group[-1][0], end)
        else:
            group.append((start, end))
    return {"any": {"": every} if every else {}, "family": family, "technique": technique}


def keep_counted(marks: list[Mark], required: Sequence[Mark],
                 optional: Sequence[Interval]) -> list[Mark]:
    """set_aside_optional on sorted tuples: marks touching only optional key spans go."""
    if not (optional and marks):
        return marks
    req_union = merge_sorted([(s, e) for s, e, _ in sorted(required)])
    opt_union = merge_sorted(sorted(optional))
    req_starts, req_ends = [s for s, _ in req_union], [e for _, e in req_union]
    opt_starts, opt_ends = [s for s, _ in opt_union], [e for _, e in opt_union]
    return [m for m in marks
            if touches_any(m[0], m[1], req_starts, req_ends)
            or not touches_any(m[0], m[1], opt_starts, opt_ends)]


def counts_from_groups(mine: dict[Mode, dict[str, list[Interval]]],
                       keys: dict[Mode, dict[str, list[Interval]]]) -> dict[Mode, Counts]:
    """Per mode, a linear sweep of each label's merged marks against its merged key spans."""
    counts: dict[Mode, Counts] = {}
    for mode in MODES:
        precision_num = recall_num = 0.0
        key_groups = keys[mode]
        for label, group in mine[mode].items():
            key_group = key_groups.get(label)
            if key_group:
                p, r = ratio_sums_sorted(group, key_group)
                precision_num += p
                recall_num += r
        counts[mode] = Counts(precision_num, sum(map(len, mine[mode].values())),
                              recall_num, sum(map(len, key_groups.values())))
    return counts
