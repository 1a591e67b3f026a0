"""core/record.py: its classes behave as the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from functools import cached_property

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.record import FrozenInstanceError, field, ordered_record, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


@ordered_record
class Interval:
    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("empty")

    @cached_property
    def length(self) -> int:
        return self.end - self.start


@dataclasses.dataclass(frozen=True, order=True)
class IntervalDC:
    start: int
    end: int
    label: str = ""


def test_init_defaults_and_factories() -> None:
    a, b = Point(1), Point(1)
    assert (a.x, a.y, a.tags) == (1, 0, [])
    assert a.tags is not b.tags
    assert Point(2, 3, ["t"]) == Point(x=2, y=3, tags=["t"])
    assert "tags" not in Point.__dict__ and Point.y == 0  # as dataclasses leaves them
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]


def test_repr_eq_hash_match_args_as_dataclass() -> None:
    assert repr(Point(1, 2)).removeprefix("Point") == repr(PointDC(1, 2)).removeprefix("PointDC")
    others: list[object] = [PointDC(1, 2), (1, 2, [])]
    assert all(Point(1, 2) != other for other in others)
    assert hash(Interval(1, 2, "a")) == hash(IntervalDC(1, 2, "a"))
    assert Point.__match_args__ == PointDC.__match_args__  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        hash(Point(1))  # a list field: unhashable, as in the dataclass


def test_frozen() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del point.x  # type: ignore[misc]
    with pytest.raises(AttributeError):  # dataclasses' error is an AttributeError too
        point.y = 3  # type: ignore[misc]


def test_post_init_and_cached_property() -> None:
    with pytest.raises(ValueError):
        Interval(3, 3)
    interval = Interval(2, 7)
    assert interval.length == 5 and interval.length == 5


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(6, 9), st.sampled_from("ab"))))
def test_order_as_dataclass(items: list[tuple[int, int, str]]) -> None:
    ours = sorted(Interval(*i) for i in items)
    theirs = sorted(IntervalDC(*i) for i in items)
    assert [(i.start, i.end, i.label) for i in ours] == [(i.start, i.end, i.label) for i in theirs]
    for a, b in zip(items, reversed(items), strict=True):
        x, y = Interval(*a), Interval(*b)
        dx, dy = IntervalDC(*a), IntervalDC(*b)
        assert (x < y, x <= y, x > y, x >= y, x == y) == (dx < dy, dx <= dy, dx > dy, dx >= dy,
                                                          dx == dy)


def test_replace_copy_pickle() -> None:
    point = Point(1, 2, ["a"])
    assert replace(point, y=5) == Point(1, 5, ["a"])
    with pytest.raises(TypeError):
        replace(point, z=1)
    with pytest.raises(ValueError):
        replace(Interval(1, 4), end=0)  # __post_init__ runs again
    assert copy.copy(point) == point
    assert copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(Interval(1, 4, "x"))) == Interval(1, 4, "x")


def test_core_types_on_the_score_path_are_records() -> None:
    from trainer.core.discernment import DiscernmentCounts
    from trainer.core.errors import Problem
    from trainer.core.scoring_counts import Counts
    from trainer.core.spans import Span
    from trainer.core.student_counts import StudentScore

    for cls in (DiscernmentCounts, Problem, Counts, Span, StudentScore):
        assert not dataclasses.is_dataclass(cls)
        assert hasattr(cls, "__record_fields__")
