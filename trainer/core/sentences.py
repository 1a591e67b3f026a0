"""Where a passage's sentences are: the trials of discernment and the "too broad" test (DESIGN §5).

The rule: a sentence ends at . ! ? or … (a run of them, then any closing quotes or brackets)
followed by whitespace, or at a paragraph break (a line break, blanks, a line break); each
sentence is trimmed of the whitespace around it. tests/test_sentences.py states the rule as one
regular expression, `[.!?…]+["'”’)\\]]*\\s+|\\n\\s*\\n`, and checks this module against it.

`trainer score` splits every passage of a research corpus (two million characters), so the
split is written for speed, in two scans that each start at one fixed character, which the
regular-expression engine finds at memchr-like speed (a scan for a set of characters tests every
character of the text in turn, several times slower):

- the full stops: ! ? and … are first replaced by "." (same length: offsets keep), so every
  sentence end of the first kind starts with "."; its match holds the punctuation, quotes and
  the whitespace after (group 1), so the sentence's trimmed end and the next one's start are
  known without looking at the text again;
- the paragraph breaks, found apart. A break inside the whitespace of a full stop ("end.\\n\\n")
  lies wholly inside that match (both take the whole run of whitespace) and is skipped; the
  others (after a headline without a full stop) cut the sentence they fall in.

Both scans together find exactly the matches of the one-expression rule: a full-stop match never
starts inside a break (a break is all whitespace), and a break starting inside a full stop's
whitespace ends inside it too.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FULL_STOP = re.compile(r"\.\.*[\"'”’)\]]*(\s+)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_BLANKS = re.compile(r"\s*")
_NONE = 1 << 62  # beyond any offset


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Code-point ranges of the sentences, trimmed of surrounding whitespace."""
    starts, ends = sentence_bounds(text)
    return list(zip(starts, ends, strict=True))


@lru_cache(maxsize=64)
def sentence_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The sentences' starts and their ends, each sorted, for binary searches.

    Cached: the drill, discernment and the student score may each split a passage. Works on
    offsets only (no slices): passages of a research corpus are long.
    """
    breaks = ([m.span() for m in _PARAGRAPH_BREAK.finditer(text)] if "\n" in text else [])
    breaks.append((_NONE, _NONE))
    next_break = 0
    next_break_start = breaks[0][0]
    starts: list[int] = []
    ends: list[int] = []
    add_start, add_end = starts.append, ends.append  # once per sentence of a corpus
    # The cursor always stands on a visible character (or at the end of the text): a full
    # stop's match takes all the whitespace after it, and elsewhere _after_blanks moves it.
    cursor = _after_blanks(text, 0)
    dots = text.replace("!", ".").replace("?", ".").replace("…", ".")
    for match in _FULL_STOP.finditer(dots):
        # The sentence ends where the whitespace (group 1, the end of the match) begins; no
        # break can start among the punctuation before it.
        end, after = match.span(1)
        if next_break_start < end:
            cursor, next_break = _cut_at_breaks(text, cursor, end, breaks, next_break,
                                                starts, ends)
            next_break_start = breaks[next_break][0]
        add_start(cursor)
        add_end(end)
        cursor = after
    cursor, _ = _cut_at_breaks(text, cursor, len(text), breaks, next_break, starts, ends)
    end = _trimmed_end(text, cursor, len(text))
    if cursor < end:
        starts.append(cursor)
        ends.append(end)
    return tuple(starts), tuple(ends)


def _cut_at_breaks(text: str, cursor: int, limit: int, breaks: list[tuple[int, int]],
                   index: int, starts: list[int], ends: list[int]) -> tuple[int, int]:
    """End a sentence at each paragraph break starting before `limit`; skip those starting
    before the cursor (inside a full stop's whitespace). The new cursor and break index."""
    while breaks[index][0] < limit:
        first, after = breaks[index]
        index += 1
        if first < cursor:
            continue
        end = _trimmed_end(text, cursor, first)
        if cursor < end:
            starts.append(cursor)
            ends.append(end)
        cursor = _after_blanks(text, after)
    return cursor, index


def _after_blanks(text: str, start: int) -> int:
    match = _BLANKS.match(text, start)
    return match.end() if match else start


def _trimmed_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
