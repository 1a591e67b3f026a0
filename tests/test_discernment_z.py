"""d′ and bias without `statistics`: discernment.z_score against NormalDist.inv_cdf."""

from __future__ import annotations

import math
import random
from statistics import NormalDist, StatisticsError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core import discernment
from trainer.core.discernment import DiscernmentCounts, z_score

_REFERENCE = NormalDist().inv_cdf


def _probabilities() -> list[float]:
    rnd = random.Random(9)
    edges = [5e-324, 1e-300, 1e-20, 1e-5, 0.02425, 0.025, 0.075, 0.425, 0.5, 0.575, 0.925,
             0.97575, 0.975, 1 - 1e-5, 1 - 2 ** -53]
    return edges + [rnd.random() for _ in range(20_000)] + [rnd.random() * 1e-3
                                                             for _ in range(2_000)]


def test_z_score_is_inv_cdf_bit_for_bit() -> None:
    for p in _probabilities():
        if p > 0.0:
            assert z_score(p) == _REFERENCE(p), p


@given(st.floats(min_value=0.0, max_value=1.0, exclude_min=True, exclude_max=True))
def test_z_score_is_inv_cdf_on_any_float(p: float) -> None:
    assert z_score(p) == _REFERENCE(p)


def test_the_fallback_is_the_same_function(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [z_score(p) for p in _probabilities()[:3_000] if p > 0.0]
    monkeypatch.setattr(discernment, "_INV_CDF", discernment._inv_cdf_fallback)
    slow = [z_score(p) for p in _probabilities()[:3_000] if p > 0.0]
    assert fast == slow


@pytest.mark.parametrize("p", [0.0, 1.0, -0.5, 2.0, math.inf, -math.inf])
def test_out_of_range_raises_as_normaldist_does(p: float) -> None:
    with pytest.raises(StatisticsError):
        z_score(p)


def test_nan_as_normaldist() -> None:
    assert math.isnan(_REFERENCE(math.nan))
    assert math.isnan(z_score(math.nan))


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))
def test_d_prime_and_bias_as_before(hits: int, misses: int, alarms: int, rejections: int) -> None:
    counts = DiscernmentCounts(hits, misses, alarms, rejections)
    h, f = _REFERENCE(counts.hit_rate), _REFERENCE(counts.false_alarm_rate)
    assert counts.d_prime == h - f
    assert counts.bias == -(h + f) / 2
