"""Word snapping (trainer.core.wordsnap): hand-worked cases and properties."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.wordsnap import snap_to_words

TEXT = "Critics say the mayor will be slapped. Officials called it “reckless”, don't they?"


def snapped(start: int, end: int, text: str = TEXT) -> str | None:
    result = snap_to_words(text, start, end)
    return None if result is None else text[result[0]:result[1]]


def test_hand_worked_cases() -> None:
    will = TEXT.index("will")
    assert snapped(will + 1, TEXT.index("slapped") + 4) == "will be slapped"
    quoted = TEXT.index("“reckless”")
    assert snapped(quoted, quoted + len("“reckless”,")) == "reckless"
    assert snapped(TEXT.index("slapped"), TEXT.index("slapped") + 9) == "slapped"
    assert snapped(TEXT.index("n't"), TEXT.index("n't") + 2) == "don't"
    assert snapped(TEXT.index(" say"), TEXT.index(" say") + 1) is None
    assert snapped(TEXT.index("."), TEXT.index(".") + 2) is None
    assert snapped(0, len(TEXT)) == TEXT[:-1]
    assert snapped(0, 3, "e\u0301te") == "e\u0301te"  # an accent stays with its letter
    assert snapped(2, 3, "a 😀 b") == "😀"  # symbols are kept


TEXTS = st.text(alphabet=st.sampled_from(list("ab é\u0301'-.,“”\n😀5%")), max_size=40)


@given(TEXTS, st.integers(0, 45), st.integers(0, 45))
def test_snapping_gives_whole_words_inside_the_text(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    result = snap_to_words(text, start, end)
    if result is None:
        core = text[start:end]
        assert all(ch.isspace() or not ch.isalnum() for ch in core)
        return
    s, e = result
    assert 0 <= s < e <= len(text)
    assert not text[s].isspace() and not text[e - 1].isspace()
    assert snap_to_words(text, s, e) == result  # idempotent
    # Every letter or digit selected is still in the snapped range.
    for i in range(max(0, start), min(end, len(text))):
        if text[i].isalnum():
            assert s <= i < e
    # It never cuts a word: the characters just outside are not letters joined to it.
    if s > 0:
        assert not (text[s - 1].isalnum() and text[s].isalnum())
    if e < len(text):
        assert not (text[e - 1].isalnum() and text[e].isalnum())
