"""Convert between Qt text positions (UTF-16 code units) and stored offsets (code points).

Stored spans count Unicode code points (DESIGN §4); QTextDocument counts UTF-16 units, so
every character outside the Basic Multilingual Plane (most emoji) is two Qt positions but one
stored offset. Combining marks are separate code points in both systems and need no mapping.
The map is built once per passage so that converting hundreds of marks stays cheap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    """Bidirectional position map for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Code-point indices of astral characters, in order; empty for pure-BMP text.
        self._astral_cp = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # The UTF-16 index at which each astral character starts.
        self._astral_u16 = [cp + n for n, cp in enumerate(self._astral_cp)]
        self.length_cp = len(text)
        self.length_u16 = len(text) + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point offset `cp` (clamped to the text)."""
        cp = max(0, min(cp, self.length_cp))
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """Code-point offset of UTF-16 position `u16`.

        A position that falls between the two halves of a surrogate pair (Qt never puts the
        caret there, but a caller might) is rounded down to the start of the character.
        """
        u16 = max(0, min(u16, self.length_u16))
        before = bisect_right(self._astral_u16, u16 - 1)
        if before and self._astral_u16[before - 1] == u16 - 1:
            # Inside a pair: the character starting at u16-1 is astral.
            return u16 - 1 - (before - 1)
        return u16 - before


def utf16_to_code_point(text: str, u16: int) -> int:
    return OffsetMap(text).to_code_point(u16)


def code_point_to_utf16(text: str, cp: int) -> int:
    return OffsetMap(text).to_utf16(cp)
