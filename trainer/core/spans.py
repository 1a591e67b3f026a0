"""Span algebra: labelled half-open code-point intervals, merging and overlap sums."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter

from trainer.core.record import ordered_record


@ordered_record
class Span:
    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty or inverted span {self.start}..{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Span) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


# Sorting Spans by this key gives their natural order (start, end, label) without a Python
# __lt__ call per comparison: several times faster on the lists scoring sorts.
span_order = attrgetter("start", "end", "label")


def relabel(spans: Iterable[Span], label_of: Callable[[str], str]) -> list[Span]:
    return [Span(s.start, s.end, label_of(s.label)) for s in spans]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping spans with the same label into their union; result is sorted."""
    by_label: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_label[span.label].append(span)
    merged: list[Span] = []
    for label, group in by_label.items():
        group.sort(key=span_order)
        start, end = group[0].start, group[0].end
        for span in group[1:]:
            if span.start < end:
                end = max(end, span.end)
            else:
                merged.append(Span(start, end, label))
                start, end = span.start, span.end
        merged.append(Span(start, end, label))
    merged.sort(key=span_order)
    return merged


def overlap_ratio_sums(
    left: Sequence[Span], right: Sequence[Span]
) -> tuple[float, float]:
    """(Σ_l Σ_r |l∩r|/|l|, Σ_r Σ_l |l∩r|/|r|) over pairs with equal labels.

    Both sides must already be merged, so spans of one label on one side are disjoint;
    a sweep over each label's sorted spans is then linear after sorting.
    """
    left_by: dict[str, list[Span]] = defaultdict(list)
    right_by: dict[str, list[Span]] = defaultdict(list)
    for span in left:
        left_by[span.label].append(span)
    for span in right:
        right_by[span.label].append(span)
    left_sum = right_sum = 0.0
    for label, lefts in left_by.items():
        rights = right_by.get(label)
        if not rights:
            continue
        lefts.sort()
        rights.sort()
        i = j = 0
        while i < len(lefts) and j < len(rights):
            a, b = lefts[i], rights[j]
            shared = a.intersection(b)
            if shared:
                left_sum += shared / a.length
                right_sum += shared / b.length
            if a.end <= b.end:
                i += 1
            else:
                j += 1
    return left_sum, right_sum


def covered_length(target: Span, spans: Iterable[Span]) -> int:
    """How many code points of `target` lie inside the union of `spans`."""
    pieces = sorted(
        (max(s.start, target.start), min(s.end, target.end)) for s in spans if s.overlaps(target)
    )
    total = 0
    cursor = target.start
    for start, end in pieces:
        start = max(start, cursor)
        if end > start:
            total += end - start
            cursor = end
    return total


# --- the scoring hot path works on plain tuples -------------------------------------------
# Scoring a class's attempts creates millions of intervals; tuples avoid a dataclass per
# interval and sorting once per attempt lets every mode reuse the same order.

Interval = tuple[int, int]


def merge_sorted(intervals: Sequence[Interval]) -> list[Interval]:
    """Union of intervals already sorted by start; overlapping ones merge, touching ones don't."""
    if len(intervals) < 2:
        return list(intervals)
    merged: list[Interval] = []
    start, end = intervals[0]
    for s, e in intervals:
        if s < end:
            if e > end:
                end = e
        else:
            merged.append((start, end))
            start, end = s, e
    merged.append((start, end))
    return merged


def ratio_sums_sorted(left: Sequence[Interval], right: Sequence[Interval]) -> tuple[float, float]:
    """overlap_ratio_sums for one label's merged (disjoint, sorted) intervals."""
    left_sum = right_sum = 0.0
    i = j = 0
    n_left, n_right = len(left), len(right)
    while i < n_left and j < n_right:
        ls, le = left[i]
        rs, re = right[j]
        lo = ls if ls > rs else rs
        hi = le if le < re else re
        if hi > lo:
            left_sum += (hi - lo) / (le - ls)
            right_sum += (hi - lo) / (re - rs)
        if le <= re:
            i += 1
        else:
            j += 1
    return left_sum, right_sum


def touches_any(start: int, end: int, starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether [start, end) overlaps one of the disjoint sorted intervals (starts[i], ends[i])."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and ends[index] > start


class SortedUnion:
    """The union of some intervals as disjoint sorted runs, for quick coverage questions.

    Overlapping intervals merge (touching ones stay apart, as in merge_sorted); `covered`
    and `touches` then cost a binary search instead of a pass over every interval.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, intervals: Iterable[Interval]) -> None:
        merged = merge_sorted(sorted(intervals))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def touches(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps the union (sharing an end point is not overlapping)."""
        return touches_any(start, end, self.starts, self.ends)

    def covered(self, start: int, end: int) -> int:
        """How many code points of [start, end) lie inside the union (covered_length)."""
        starts, ends = self.starts, self.ends
        total = 0
        index = bisect_right(ends, start)  # the first run ending after `start`
        while index < len(starts) and starts[index] < end:
            total += min(ends[index], end) - max(starts[index], start)
            index += 1
        return total
