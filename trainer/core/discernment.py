"""Discernment: signal detection over the sentences of a passage (DESIGN §5)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from trainer.core.spans import SortedUnion, Span

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by whitespace,
# or at a paragraph break. Group 1 is the whitespace after a full stop, so the sentence's
# trimmed end is known without looking at its text again.
# Written to start with a plain character class, so the engine scans for its first character in
# C before trying a match (three times faster on long texts than a leading lookahead); the
# lookbehinds pick the branch, and the matches are those of `[.!?…]+["'”’)\]]*(\s+)|\n\s*\n`.
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*(\s+)|(?<=\n)\s*\n)")
_BLANKS = re.compile(r"\s*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Code-point ranges of the sentences, trimmed of surrounding whitespace."""
    return list(_split(text))


def sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """The sentences' starts and ends as two sorted lists, for binary searches."""
    sentences = _split(text)
    return [s for s, _ in sentences], [e for _, e in sentences]


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


@lru_cache(maxsize=64)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: discernment and the student score both split each passage they score. Works on
    # offsets only (no slices): passages of a research corpus are long.
    found: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(text):
        after_stop = match.start(1)
        end = after_stop if after_stop >= 0 else _trimmed_end(text, cursor, match.start())
        _add(found, text, cursor, end)
        cursor = match.end()
    _add(found, text, cursor, _trimmed_end(text, cursor, len(text)))
    return tuple(found)


def _add(found: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    if start < end and text[start].isspace():
        match = _BLANKS.match(text, start, end)
        start = match.end() if match else start
    if end > start:
        found.append((start, end))


@dataclass(frozen=True)
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
        from statistics import NormalDist  # decimal, fractions, random: only when asked

        z = NormalDist().inv_cdf
        return z(self.hit_rate) - z(self.false_alarm_rate)

    @property
    def bias(self) -> float:
        """Response bias c = −(z(H) + z(F)) / 2: below 0 flags too much, above 0 too cautious."""
        from statistics import NormalDist  # decimal, fractions, random: only when asked

        z = NormalDist().inv_cdf
        return -(z(self.hit_rate) + z(self.false_alarm_rate)) / 2

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
