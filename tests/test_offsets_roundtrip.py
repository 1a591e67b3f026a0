"""Code-point offsets survive dump/parse with emoji, ZWJ sequences, flags and combining marks."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from trainer.core.jsonset import dump_json_set, parse_json_set
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.setcheck import boundary_splits_character

# Each piece is one user-perceived character (or a word); spans start and end between pieces.
PIECES = ["word", " ", "e\u0301", "n\u0303o", "😀", "👩\u200d🔬", "👨\u200d👩\u200d👧",
          "🇩🇪", "👍🏽", "❤\ufe0f", "中文", "a", ".", "\n\n"]


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)
                  .filter(lambda p: "".join(p).strip()))  # a blank passage is invalid
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    text = "".join(pieces)
    cuts = draw(st.lists(st.tuples(st.sampled_from(bounds), st.sampled_from(bounds)),
                         max_size=5))
    spans = [(min(a, b), max(a, b)) for a, b in cuts if a != b]
    return text, spans


def _set(text: str, spans: list[tuple[int, int]]) -> ArticleSet:
    return ArticleSet(id="rt", title="Round trip", articles=[Article(
        id="a", title="A", text=text,
        annotations=[Annotation(start=s, end=e, label="framing") for s, e in spans])])


@given(passages(), st.booleans())
def test_offsets_round_trip(passage: tuple[str, list[tuple[int, int]]], escaped: bool) -> None:
    text, spans = passage
    original = _set(text, spans)
    dumped = dump_json_set(original)
    if escaped:  # \ud83d\ude00 escapes must come back as one code point
        dumped = json.dumps(json.loads(dumped), ensure_ascii=True)
    again = parse_json_set(dumped.encode("utf-8"), "rt.json")
    assert again == original
    for before, after in zip(original.articles[0].annotations, again.articles[0].annotations,
                             strict=True):
        assert text[before.start:before.end] == again.articles[0].text[after.start:after.end]


@given(passages())
def test_piece_boundaries_never_count_as_cuts(passage: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = passage
    for start, end in spans:
        assert not boundary_splits_character(text, start)
        assert not boundary_splits_character(text, end)


def test_known_offsets_of_astral_and_combining_text() -> None:
    text = "Caf\u0065\u0301 👩\u200d🔬 🇩🇪!"
    # code points: C a f e ◌́ ␠ 👩 ZWJ 🔬 ␠ 🇩 🇪 !  → 13 (UTF-16 would count 17)
    assert len(text) == 13
    assert len(text.encode("utf-16-le")) // 2 == 17
    for inside in (4, 7, 8, 11):
        assert boundary_splits_character(text, inside), inside
    for between in (0, 3, 5, 6, 9, 10, 12, 13):
        assert not boundary_splits_character(text, between), between
