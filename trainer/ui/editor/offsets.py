"""Qt positions (UTF-16 units) ↔ stored offsets (code points); spans kept in step with edits.

Stored spans count Unicode code points (DESIGN §4); QTextDocument counts UTF-16 code units,
so every character outside the Basic Multilingual Plane (most emoji) is two Qt positions but
one stored offset. Nothing here imports Qt, so the arithmetic is tested without widgets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class PositionMap:
    """Bidirectional position map for one text, built once so many conversions stay cheap."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # code-point indices
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral)]  # where each starts
        self.length = len(text)
        self.length_u16 = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        cp = max(0, min(cp, self.length))
        return cp + bisect_left(self._astral, cp)

    def to_code_point(self, u16: int) -> int:
        """A position between the halves of a surrogate pair rounds down to the character."""
        u16 = max(0, min(u16, self.length_u16))
        # Each astral character that starts before u16 costs one extra unit; one that starts
        # at u16 - 1 straddles it, and subtracting it too lands on that character's start.
        return u16 - bisect_right(self._astral_u16, u16 - 1)


@dataclass(frozen=True)
class TextChange:
    """An edit in code points: `removed` characters at `start` were replaced by `added` ones."""

    start: int
    removed: int
    added: int

    @property
    def delta(self) -> int:
        return self.added - self.removed


def find_change(old: str, new: str, hint: int | None = None) -> TextChange | None:
    """The single edit that turns `old` into `new`, or None when they are equal.

    Qt tells us where an edit happened (`hint`, in code points); the common prefix is capped
    there so that typing a letter next to the same letter shifts the right spans. Without a
    hint (or with a wrong one) the result is still a valid edit, just the leftmost-longest one.
    """
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    if hint is not None:
        prefix = max(0, min(prefix, hint))
    suffix = 0
    while (suffix < limit - prefix
           and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]):
        suffix += 1
    return TextChange(prefix, len(old) - prefix - suffix, len(new) - prefix - suffix)


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_HasSpan)


def shift_spans(spans: Sequence[S], change: TextChange) -> tuple[list[S], list[S]]:
    """Spans moved to follow an edit, and the spans the edit destroyed.

    Edits before a span move it; edits after it leave it alone; an edit wholly inside a span
    (fixing a typo in the phrase) stretches or shrinks it. An edit that crosses a span's
    boundary or replaces all of it makes the span meaningless, so it is dropped and reported.
    """
    kept: list[S] = []
    dropped: list[S] = []
    edit_start, edit_end, delta = change.start, change.start + change.removed, change.delta
    for span in spans:
        start, end = span.start, span.end
        if edit_end <= start:
            # Wholly before; an insertion exactly at the start stays outside the phrase.
            kept.append(replace(span, start=start + delta, end=end + delta))  # type: ignore[type-var]
        elif edit_start >= end:
            kept.append(span)
        elif start <= edit_start and edit_end <= end and (edit_start, edit_end) != (start, end):
            kept.append(replace(span, end=end + delta))  # type: ignore[type-var]
        else:
            dropped.append(span)
    return kept, dropped
