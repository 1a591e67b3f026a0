"""Snap a rough selection to whole words, the way a student means it.

A drag that starts or ends inside a word takes the whole word; blank space and punctuation at
the edges (quote marks, commas, a final full stop, brackets) are left out, so double-clicking
a quoted word or dragging a little too far gives the words themselves. Punctuation inside the
selection stays. Offsets are code points, like every offset in `trainer.core`.
"""

from __future__ import annotations

import unicodedata

# Joiners that belong to a word only between two letters or digits ("don't", "well-known").
_JOINERS = frozenset("'’-‐")


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks (an accent belongs to its letter)."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _inside_word(text: str, i: int) -> bool:
    """True when position i (a character index) is part of a word, joiners included."""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if is_word_char(ch):
        return True
    return (ch in _JOINERS and 0 < i < len(text) - 1
            and is_word_char(text[i - 1]) and is_word_char(text[i + 1]))


def _is_edge_junk(ch: str) -> bool:
    """What is trimmed from the ends: blank space and punctuation (not symbols like % or €)."""
    category = unicodedata.category(ch)
    return ch.isspace() or category.startswith("P") or category.startswith("Z") \
        or category in ("Cc", "Cf")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole-word range a selection [start, end) stands for, or None if it holds no word
    character or symbol at all (only blank space or punctuation)."""
    start, end = max(0, start), min(len(text), end)
    while start < end and _is_edge_junk(text[start]):
        start += 1
    while end > start and _is_edge_junk(text[end - 1]):
        end -= 1
    if end <= start:
        return None
    # Grow to the edges of the words the selection starts and ends in.
    while start > 0 and _inside_word(text, start - 1) and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end) and _inside_word(text, end - 1):
        end += 1
    return start, end
