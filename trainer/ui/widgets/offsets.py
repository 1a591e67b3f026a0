"""Convert between Qt text positions (UTF-16 code units) and stored offsets (code points).

Stored spans count Unicode code points (DESIGN §4); QTextDocument counts UTF-16 units, so
every character outside the Basic Multilingual Plane (most emoji) is two Qt positions but one
stored offset. Combining marks are separate code points in both systems and need no mapping.
The map is built once per text so that converting hundreds of marks stays cheap. Nothing here
imports Qt, so the arithmetic is tested without widgets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Bidirectional position map for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # code-point indices
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral)]  # where each starts
        self.length_cp = len(text)
        self.length_u16 = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point offset `cp` (clamped to the text)."""
        cp = max(0, min(cp, self.length_cp))
        return cp + bisect_left(self._astral, cp)

    def to_code_point(self, u16: int) -> int:
        """A position between the halves of a surrogate pair rounds down to the character."""
        u16 = max(0, min(u16, self.length_u16))
        # Each astral character that starts before u16 costs one extra unit; one that starts
        # at u16 - 1 straddles it, and subtracting it too lands on that character's start.
        return u16 - bisect_right(self._astral_u16, u16 - 1)
