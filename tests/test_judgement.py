"""Discernment and bias bands (trainer.core.judgement): the words must never contradict the
errors a student can see."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.discernment import DiscernmentCounts
from trainer.core.judgement import lean, separation

counts_st = st.builds(DiscernmentCounts, st.integers(0, 12), st.integers(0, 12),
                      st.integers(0, 12), st.integers(0, 12))


@given(st.integers(1, 12), st.integers(1, 12))
def test_a_flawless_answer_is_well_and_balanced(signal: int, noise: int) -> None:
    flawless = DiscernmentCounts(hits=signal, correct_rejections=noise)
    assert separation(flawless) == "well"
    assert lean(flawless) == "balanced"


@given(counts_st)
def test_a_lean_is_named_only_with_the_errors_that_show_it(counts: DiscernmentCounts) -> None:
    band = lean(counts)
    if band in ("flags-too-much", "flags-a-little-too-much"):
        assert counts.false_alarms > 0 and counts.bias < 0
    if band in ("too-cautious", "a-little-cautious"):
        assert counts.misses > 0 and counts.bias > 0


@given(counts_st)
def test_one_kind_only_when_there_is_nothing_to_tell_apart(counts: DiscernmentCounts) -> None:
    one_kind = separation(counts) == "one-kind"
    signal = counts.hits + counts.misses
    noise = counts.false_alarms + counts.correct_rejections
    assert one_kind == (signal == 0 or noise == 0)


def test_hand_worked_bands() -> None:
    # Three problem sentences, five fair ones.
    flag_everything = DiscernmentCounts(hits=3, false_alarms=5)
    assert (separation(flag_everything), lean(flag_everything)) == (
        "not-yet", "flags-too-much")
    one_extra = DiscernmentCounts(hits=3, false_alarms=1, correct_rejections=4)
    assert one_extra.d_prime > 1.5 and -0.5 < one_extra.bias < -0.2
    assert (separation(one_extra), lean(one_extra)) == ("well", "flags-a-little-too-much")
    held_back = DiscernmentCounts(hits=1, misses=2, correct_rejections=5)
    assert (separation(held_back), lean(held_back)) == ("fairly", "too-cautious")
    nothing_right = DiscernmentCounts(misses=3, false_alarms=5)
    assert separation(nothing_right) == "not-yet"
    assert separation(DiscernmentCounts(correct_rejections=6)) == "one-kind"
