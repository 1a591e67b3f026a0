"""Discernment: signal detection over the sentences of a passage (DESIGN §5)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from trainer.core.record import record
from trainer.core.sentences import split_sentences
from trainer.core.spans import SortedUnion, Span


def z_score(p: float) -> float:
    """The standard normal quantile of p (0 < p < 1): statistics.NormalDist().inv_cdf(p).

    CPython's NormalDist.inv_cdf hands the work to the C function
    `_statistics._normal_dist_inv_cdf(p, mu, sigma)` when it exists; calling it directly gives
    the same float without importing `statistics` (which imports decimal, fractions and
    random: ≈ 4 ms of every `trainer score`, DESIGN §9). Elsewhere, or if it is missing, the
    pure-Python NormalDist is used. tests/test_discernment_z.py checks both agree bit for bit.
    """
    if p <= 0.0 or p >= 1.0:  # NormalDist's own test, so its error and message
        return _normal_inv_cdf_python(p)
    return _INV_CDF(p, 0.0, 1.0)


def _normal_inv_cdf_python(p: float) -> float:
    from statistics import NormalDist  # decimal, fractions, random: only when needed

    return NormalDist().inv_cdf(p)


def _inv_cdf_fallback(p: float, mu: float, sigma: float) -> float:
    return _normal_inv_cdf_python(p)


def _accelerated_inv_cdf() -> Callable[[float, float, float], float]:
    try:  # a private CPython module, without type stubs
        function = getattr(import_module("_statistics"), "_normal_dist_inv_cdf", None)
    except ImportError:  # another interpreter, or a CPython built without it
        return _inv_cdf_fallback
    accelerated: Callable[[float, float, float], float] = function or _inv_cdf_fallback
    return accelerated


_INV_CDF = _accelerated_inv_cdf()


@record
class DiscernmentCounts:
    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    correct_rejections: int = 0

    def __add__(self, other: DiscernmentCounts) -> DiscernmentCounts:
        return DiscernmentCounts(
            self.hits + other.hits,
            self.misses + other.misses,
            self.false_alarms + other.false_alarms,
            self.correct_rejections + other.correct_rejections,
        )

    @property
    def hit_rate(self) -> float:
        """Log-linear corrected, so that 0 and 1 never reach the z-transform."""
        return (self.hits + 0.5) / (self.hits + self.misses + 1)

    @property
    def false_alarm_rate(self) -> float:
        return (self.false_alarms + 0.5) / (self.false_alarms + self.correct_rejections + 1)

    @property
    def d_prime(self) -> float:
        return z_score(self.hit_rate) - z_score(self.false_alarm_rate)

    @property
    def bias(self) -> float:
        """Response bias c = −(z(H) + z(F)) / 2: below 0 flags too much, above 0 too cautious."""
        return -(z_score(self.hit_rate) + z_score(self.false_alarm_rate)) / 2

    @property
    def trials(self) -> int:
        return self.hits + self.misses + self.false_alarms + self.correct_rejections

    def as_dict(self) -> dict[str, float]:
        return {
            "hits": self.hits, "misses": self.misses, "false_alarms": self.false_alarms,
            "correct_rejections": self.correct_rejections, "d_prime": round(self.d_prime, 4),
        }


def discernment_counts(
    text: str, required: Sequence[Span], optional: Sequence[Span], answers: Sequence[Span]
) -> DiscernmentCounts:
    """Each sentence is a trial. Sentences holding only debatable spans are not trials."""
    hits = misses = false_alarms = rejections = 0
    signals = SortedUnion((s.start, s.end) for s in required)
    debatable = SortedUnion((s.start, s.end) for s in optional)
    marked = SortedUnion((s.start, s.end) for s in answers)
    for start, end in split_sentences(text):
        signal = signals.touches(start, end)
        if not signal and debatable.touches(start, end):
            continue
        said_yes = marked.touches(start, end)
        if signal:
            hits += said_yes
            misses += not said_yes
        else:
            false_alarms += said_yes
            rejections += not said_yes
    return DiscernmentCounts(hits, misses, false_alarms, rejections)
