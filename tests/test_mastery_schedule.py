"""Mastery, discernment bias, streaks and the Leitner schedule: pure maths, injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import (
    MIN_EXAMPLES,
    Observation,
    mastery_by_technique,
    recent_discernment,
    streak,
)
from trainer.core.schedule import INTERVAL_DAYS, reason_text, replay, review, weak_spots

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_below_minimum_evidence_is_not_enough_yet() -> None:
    obs = [Observation("doubt-casting", NOW, 1, MIN_EXAMPLES - 1)]
    result = mastery_by_technique(obs, NOW, ["doubt-casting", "labeling"])
    assert result["doubt-casting"].mastery is None
    assert result["doubt-casting"].examples == MIN_EXAMPLES - 1
    assert result["labeling"].examples == 0 and result["labeling"].mastery is None


def test_recent_attempts_count_more() -> None:
    old_fail = Observation("labeling", NOW - timedelta(days=28), 0, 4)
    new_pass = Observation("labeling", NOW, 4, 4)
    mastery = mastery_by_technique([old_fail, new_pass], NOW)["labeling"].mastery
    # Four weeks = two half-lives: the old attempt weighs ¼ of the new one.
    assert mastery == pytest.approx(4 / 5)
    flipped = mastery_by_technique([Observation("labeling", NOW - timedelta(days=28), 4, 4),
                                    Observation("labeling", NOW, 0, 4)], NOW)
    assert flipped["labeling"].mastery == pytest.approx(1 / 5)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5), st.integers(0, 5)),
                min_size=1, max_size=30))
def test_mastery_is_a_share_between_zero_and_one(raw: list[tuple[int, int, int]]) -> None:
    obs = [Observation("t", NOW - timedelta(days=d), min(f, n), n) for d, n, f in raw]
    result = mastery_by_technique(obs, NOW)["t"]
    assert result.examples == sum(n for _d, n, _f in raw)
    if result.mastery is not None:
        assert 0.0 <= result.mastery <= 1.0
    assert mastery_by_technique(list(reversed(obs)), NOW)["t"] == result  # order never matters


def test_bias_sign_says_flags_too_much_or_too_cautious() -> None:
    eager = DiscernmentCounts(hits=10, misses=0, false_alarms=9, correct_rejections=1)
    cautious = DiscernmentCounts(hits=2, misses=8, false_alarms=0, correct_rejections=10)
    assert eager.bias < 0 < cautious.bias
    assert recent_discernment([cautious, eager], window=1) == eager
    assert recent_discernment([cautious, eager]) == cautious + eager


def test_gentle_streak() -> None:
    days = ["2026-11-28", "2026-11-29", "2026-11-30"]
    assert streak(days, "2026-12-01") == 3  # not practised today yet: not broken
    assert streak([*days, "2026-12-01"], "2026-12-01") == 4
    assert streak(days, "2026-12-02") == 0


def test_leitner_moves_up_on_success_and_back_to_one_on_failure() -> None:
    state = review(None, "labeling", 3, 4, NOW)
    assert state.box == 2 and state.due_at == NOW + timedelta(days=INTERVAL_DAYS[1])
    for _ in range(10):
        state = review(state, "labeling", 4, 4, state.due_at)
    assert state.box == len(INTERVAL_DAYS)
    assert max(INTERVAL_DAYS) <= 30  # a booster comes back well before effects fade
    assert review(state, "labeling", 1, 4, NOW).box == 1


def test_weak_spots_due_first_with_reasons_then_new_ones() -> None:
    states = replay([("doubt-casting", 1, 4, NOW - timedelta(days=6)),
                     ("labeling", 4, 4, NOW - timedelta(days=30)),
                     ("labeling", 4, 4, NOW - timedelta(days=25)),
                     ("labeling", 4, 4, NOW - timedelta(days=20)),
                     ("exaggeration", 4, 4, NOW)])
    spots = weak_spots(list(states.values()), NOW, unseen=["whataboutism"])
    assert [s.technique for s in spots] == ["doubt-casting", "labeling", "whataboutism"]
    assert reason_text(spots[0], "Casting doubt", NOW) == "Casting doubt: 1 of 4 found 6 days ago"
    assert "booster" in reason_text(spots[1], "Labeling", NOW)
    assert reason_text(spots[2], "Whataboutism", NOW) == "Whataboutism: not practised yet"
