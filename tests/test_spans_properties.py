"""Span algebra: merging, overlap sums and coverage, checked against brute force."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.spans import Span, covered_length, merge_spans, overlap_ratio_sums

LABELS = ["a", "b", "c"]


@st.composite
def spans(draw: st.DrawFn, max_len: int = 60, labels: list[str] = LABELS) -> Span:
    start = draw(st.integers(0, max_len - 1))
    end = draw(st.integers(start + 1, max_len))
    return Span(start, end, draw(st.sampled_from(labels)))


span_lists = st.lists(spans(), max_size=12)


def points(spans_: list[Span]) -> set[tuple[str, int]]:
    return {(s.label, i) for s in spans_ for i in range(s.start, s.end)}


@given(span_lists)
def test_merge_is_idempotent(items: list[Span]) -> None:
    once = merge_spans(items)
    assert merge_spans(once) == once


@given(span_lists)
def test_merge_preserves_the_covered_set(items: list[Span]) -> None:
    assert points(merge_spans(items)) == points(items)


@given(span_lists)
def test_merged_spans_of_one_label_do_not_overlap(items: list[Span]) -> None:
    merged = merge_spans(items)
    for i, x in enumerate(merged):
        for y in merged[i + 1:]:
            assert not (x.label == y.label and x.overlaps(y))


@given(span_lists, st.randoms(use_true_random=False))
def test_merge_ignores_order(items: list[Span], rnd: random.Random) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert merge_spans(shuffled) == merge_spans(items)


def test_touching_spans_stay_separate() -> None:
    # Two marks that only touch are two answers (DESIGN §5 merges *overlapping* spans).
    assert merge_spans([Span(0, 5, "a"), Span(5, 9, "a")]) == [Span(0, 5, "a"), Span(5, 9, "a")]
    assert merge_spans([Span(0, 6, "a"), Span(5, 9, "a")]) == [Span(0, 9, "a")]
    assert merge_spans([Span(0, 6, "a"), Span(5, 9, "b")]) == [Span(0, 6, "a"), Span(5, 9, "b")]


@given(span_lists, span_lists)
def test_overlap_sums_match_the_naive_double_loop(left: list[Span], right: list[Span]) -> None:
    lm, rm = merge_spans(left), merge_spans(right)
    naive_left = sum(a.intersection(b) / a.length for a in lm for b in rm if a.label == b.label)
    naive_right = sum(a.intersection(b) / b.length for a in lm for b in rm if a.label == b.label)
    got_left, got_right = overlap_ratio_sums(lm, rm)
    assert abs(got_left - naive_left) < 1e-9
    assert abs(got_right - naive_right) < 1e-9


@given(spans(), span_lists)
def test_covered_length_counts_each_point_once(target: Span, items: list[Span]) -> None:
    covered = {i for s in items for i in range(s.start, s.end)}
    expected = sum(1 for i in range(target.start, target.end) if i in covered)
    assert covered_length(target, items) == expected
    assert 0 <= covered_length(target, items) <= target.length


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2)])
def test_span_rejects_empty_and_inverted(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="empty or inverted"):
        Span(start, end)
