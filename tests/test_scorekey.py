"""The fast key of `trainer score` agrees with the full loader, and never accepts more.

`scorekey.fast_key` checks a parsed JSON set by hand instead of through the pydantic model.
Whatever it accepts, the full loader must accept too, with the same articles and spans;
whatever it is unsure of goes to the full loader (None here).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.setgen import article_sets
from trainer.core.errors import InvalidInput
from trainer.core.jsonset import dump_json_set, parse_json_set
from trainer.core.model import ArticleSet
from trainer.core.scorekey import (
    _CONTROL_ESCAPE,
    _RARE_ESCAPE,
    _SURROGATE_ESCAPE,
    KeyAnnotation,
    ScoreKey,
    _may_hold_controls,
    fast_key,
    load_score_key,
)
from trainer.core.taxonomy import default_taxonomy

BASE = default_taxonomy()


def _summary(key: ScoreKey) -> list[tuple[Any, ...]]:
    return [(a.id, a.title, a.level, a.text,
             [(n.start, n.end, n.label, n.explanation, n.tip, n.optional, n.part)
              for n in a.annotations]) for a in key.articles]


def _full(raw: Any) -> ArticleSet | None:
    try:
        return parse_json_set(json.dumps(raw, ensure_ascii=False).encode("utf-8"), "key.json")
    except InvalidInput:
        return None


@settings(max_examples=150, deadline=None)
@given(article_sets())
def test_valid_sets_take_the_fast_path_with_the_same_content(article_set: ArticleSet) -> None:
    raw = json.loads(dump_json_set(article_set))
    key = fast_key(raw, BASE)
    uses_cards_or_notes = "sources" in raw or any("notes" in a for a in raw["articles"])
    if key is None:
        assert uses_cards_or_notes  # left to the full loader on purpose
        return
    assert _summary(key) == _summary(ScoreKey.from_set(article_set, BASE))
    assert set(key.taxonomy.techniques) == set(article_set.taxonomy(BASE).techniques)


SAMPLE: dict[str, Any] = {
    "format": "trainer.article-set", "format_version": 1, "id": "s", "version": 3,
    "title": "Sample", "language": "en", "level": {"min": 1, "max": 3}, "author": "",
    "license": "", "description": "",
    "techniques": [{"id": "flag-waving", "family": "framing", "name": "Flag-waving",
                    "definition": "Pride in a group as the reason.", "example": "", "check": ""}],
    "articles": [
        {"id": "a1", "title": "Sources say", "level": 3, "source": {"outlet": "X"},
         "text": "Sources say the 😀 plan is a disaster.\n\nNext paragraph here.",
         "annotations": [{"start": 0, "end": 11, "label": "anonymous-source",
                          "explanation": "e", "tip": "t", "optional": False},
                         {"start": 28, "end": 36, "label": "flag-waving"}]},
        {"id": "a2", "title": "Clean", "text": "Nothing to flag."},
    ],
}
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**40), st.floats(),
                   st.sampled_from(["", " ", "\u00a0", "x", "a1", "framing", "no such", "\x9d",
                                    "a\nb", "😀", "e\u0301", "title", "text", "2",
                                    "trainer.article-set"]),
                   st.lists(st.integers(0, 60), max_size=3), st.builds(dict),
                   st.builds(lambda: {"x": 1}))


def _containers(value: Any) -> list[Any]:
    found = []
    if isinstance(value, dict):
        found.append(value)
        for item in value.values():
            found.extend(_containers(item))
    elif isinstance(value, list):
        found.append(value)
        for item in value:
            found.extend(_containers(item))
    return found


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["set", "del", "add", "part", "version2"]), VALUES), min_size=1, max_size=4))
def test_fast_path_never_accepts_what_the_full_loader_refuses(
        mutations: list[tuple[int, str, Any]]) -> None:
    raw = json.loads(json.dumps(SAMPLE))
    for where, how, value in mutations:
        containers = _containers(raw)
        target = containers[where % len(containers)]
        if how == "version2":
            raw["format_version"] = 2
        elif isinstance(target, list):
            if how == "del" and target:
                target.pop(where % len(target))
            elif target:
                target[where % len(target)] = value
            else:
                target.append(value)
        else:
            keys = sorted(target)
            if how == "del" and keys:
                del target[keys[where % len(keys)]]
            elif how == "add":
                target[f"extra{where % 3}"] = value
            elif how == "part":
                target["part"] = value if where % 2 else "title"
            elif keys:
                target[keys[where % len(keys)]] = value
    key = fast_key(raw, BASE)
    if key is None:
        return
    full = _full(raw)
    assert full is not None, "the fast path accepted a set the full loader refuses"
    assert _summary(key) == _summary(ScoreKey.from_set(full, BASE))


@pytest.mark.parametrize("field", ["title", "text"])
def test_a_blank_title_or_passage_leaves_the_fast_path(field: str) -> None:
    raw = json.loads(json.dumps(SAMPLE))
    raw["articles"][1][field] = "\u00a0 "
    assert fast_key(raw, BASE) is None  # the full loader refuses it with its own message
    assert _full(raw) is None


def test_the_unmutated_sample_takes_the_fast_path() -> None:
    key = fast_key(json.loads(json.dumps(SAMPLE)), BASE)
    assert key is not None and [a.id for a in key.articles] == ["a1", "a2"]
    assert key.taxonomy.family_of("flag-waving") == "framing"


def _load_written(tmp: Path, raw: Any, ascii_only: bool) -> tuple[ScoreKey | None, bool]:
    """(load_score_key's key or None if it refused, whether the full loader accepts)."""
    data = json.dumps(raw, ensure_ascii=ascii_only).encode("utf-8")
    path = tmp / "key.json"
    path.write_bytes(data)
    try:
        key: ScoreKey | None = load_score_key(path, BASE)
    except InvalidInput:
        key = None
    return key, _full(raw) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=4)
       | st.sampled_from([chr(c) for c in (*range(0, 9), *range(11, 32), *range(127, 160))]),
       st.booleans())
def test_a_text_with_any_character_is_judged_like_the_full_loader(
        inserted: str, ascii_only: bool) -> None:
    # The check for control characters is skipped when the file's bytes show that no string
    # can hold one; whichever way the text is written, the verdict must be the full loader's.
    raw = json.loads(json.dumps(SAMPLE))
    article = raw["articles"][1]
    article["text"] = article["text"] + inserted
    with tempfile.TemporaryDirectory() as folder:
        key, accepted = _load_written(Path(folder), raw, ascii_only)
    assert (key is not None) == accepted
    if key is not None:
        assert key.articles[1].text == article["text"]


def test_control_checks_are_skipped_only_for_clean_bytes() -> None:
    clean = json.dumps(SAMPLE, ensure_ascii=False).encode("utf-8")
    assert not _may_hold_controls(clean)
    for text in ("a\bb", "a\x0cb", "a\rb", "a\x01b", "a\x7fb", "a\x85b", "a\x9fb"):
        for ascii_only in (True, False):
            data = json.dumps({"text": text}, ensure_ascii=ascii_only).encode("utf-8")
            assert _may_hold_controls(data), (text, ascii_only)


@given(st.lists(st.sampled_from([b"\\", b"u", b"U", b"0", b"1", b"7", b"9", b"d", b"D", b"8",
                                 b"a", b"F", b"b", b"f", b"r", b"n", b"x", b"\xc2"]),
                max_size=12))
def test_one_scan_finds_what_the_two_escape_searches_find(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    either = (_SURROGATE_ESCAPE.search(data) is not None
              or _CONTROL_ESCAPE.search(data) is not None)
    assert (_RARE_ESCAPE.search(data) is not None) == either
    if _RARE_ESCAPE.search(data) is None:
        assert _may_hold_controls(data, False) == _may_hold_controls(data)


def test_key_annotation_is_the_named_tuple_mypy_reads() -> None:
    # scorekey declares KeyAnnotation twice: a typing.NamedTuple for mypy and, at run time,
    # collections.namedtuple (no typing import on `trainer score`'s path); both must agree.
    assert KeyAnnotation._fields == ("start", "end", "label", "explanation", "tip",
                                     "optional", "part")
    assert KeyAnnotation._field_defaults == {"explanation": "", "tip": "", "optional": False,
                                             "part": "text"}
    span = KeyAnnotation(1, 4, "loaded-language")
    assert span == (1, 4, "loaded-language", "", "", False, "text")
    assert span._replace(start=0).start == 0 and span.part == "text"
