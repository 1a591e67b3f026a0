"""The sentence splitter, rewritten to work on offsets, splits exactly as the plain version."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.sentences import split_sentences

_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n\s*\n")


def plain_split(text: str) -> list[tuple[int, int]]:
    """The rule as first written: cut at each end match, then strip each piece."""
    ranges, cursor = [], 0
    for match in _END.finditer(text):
        ranges.append((cursor, match.end()))
        cursor = match.end()
    ranges.append((cursor, len(text)))
    out = []
    for start, end in ranges:
        piece = text[start:end]
        lo, hi = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if hi > lo:
            out.append((lo, hi))
    return out


PIECES = st.sampled_from(["a", "Word", " ", "  ", "\t", "\n", "\n\n", " \n \n ", ".", "!", "?",
                          "…", "...", "\"", "”", "’", ")", "]", "\u00a0", "\u2003", "e.g.",
                          "3.5", "Dr.", "x. ", "end.\n", "😀", "\r", "\x1c", "\u2028", "\x85",
                          ".”", "?!", "!.", "…”)", "\n \n", " \n\n", "’\n\n"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_split_matches_the_plain_rule(text: str) -> None:
    assert split_sentences(text) == plain_split(text)


def test_examples() -> None:
    text = "  One. Two!  \"Three?\"\n\nFour…  five\n \n six  "
    assert split_sentences(text) == plain_split(text)
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "One.", "Two!", "\"Three?\"", "Four…", "five", "six"]


def test_paragraph_breaks_inside_and_outside_full_stops() -> None:
    # The two scans of core/sentences.py: a break after a headline cuts, one inside a full
    # stop's whitespace does not cut again, and blanks around either are trimmed.
    text = "Headline\n\nOne. \n \n Two\n\n\n  Three!\n\nFour"
    assert split_sentences(text) == plain_split(text)
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Headline", "One.", "Two", "Three!", "Four"]
    for edge in ("", " ", "\n\n", "\n\n.", ". ", "a.\n\n", "\n\n a \n\n", "…\n\n!"):
        assert split_sentences(edge) == plain_split(edge), repr(edge)
