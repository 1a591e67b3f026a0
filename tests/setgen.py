"""Hypothesis strategies for valid article sets, shared by the format round-trip tests."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from trainer.core.errors import InvalidInput
from trainer.core.jsonset import parse_json_set
from trainer.core.model import ArticleSet
from trainer.core.setcheck import boundary_splits_character
from trainer.core.taxonomy import default_taxonomy

TRICKY = ["a", "b", "word", " ", " ", "\t", "\n", "\n\n", "\n\n\n", "😀", "👍🏽", "e\u0301",
          "[", "]", "{", "}", "]{", "{.x}", "\\", "\\\n", '"', "'", "*", "**b**", "<b>", "#",
          "&amp;", "---", "...", "[x]{.loaded-language}", "ñ", "中文", "\u200d", "\u00a0"]
_PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"),
                 max_size=30)
text_piece = st.one_of(st.sampled_from(TRICKY), _PLAIN)
free_text = st.lists(text_piece, max_size=12).map("".join)
LABELS = [*sorted(default_taxonomy().techniques), "unverified", "framing"]
one_line = free_text.map(lambda t: t.replace("\r", " ").replace("\n", " ")).filter(str.strip)
ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True)


@st.composite
def passages(draw: st.DrawFn) -> str:
    text = draw(st.lists(text_piece, min_size=1, max_size=25).map("".join))
    last_line = text.rsplit("\n", 1)[-1]
    if not text.strip() or (last_line and not last_line.strip(" \t")):
        text += "x"  # Markdown cannot end a passage with a line of only spaces (FORMATS.md)
    return text


def _cuts(text: str) -> list[int]:
    return [k for k in range(len(text) + 1) if not boundary_splits_character(text, k)]


@st.composite
def _marked(draw: st.DrawFn, text: str, part: str,
            annotations: list[dict[str, Any]], notes: list[dict[str, Any]]) -> None:
    """Disjoint ranges of `text`, each holding annotations, a good-practice note or both."""
    points = sorted(set(draw(st.lists(st.sampled_from(_cuts(text)), max_size=8))))
    extra = {} if part == "text" else {"part": part}
    for start, end in zip(points[::2], points[1::2], strict=False):
        kind = draw(st.sampled_from(["span", "span", "note", "both"]))
        if kind in ("note", "both"):
            notes.append({"start": start, "end": end, "part": part,
                          "why": draw(free_text.filter(bool))})
        if kind == "note":
            continue
        for _ in range(draw(st.integers(1, 3))):
            annotations.append({
                "start": start, "end": end, "label": draw(st.sampled_from(LABELS)),
                "explanation": draw(free_text), "tip": draw(free_text),
                "optional": draw(st.booleans()), **extra,
            })


@st.composite
def annotated_articles(draw: st.DrawFn, article_id: str, v2: bool = True) -> dict[str, Any]:
    text = draw(passages())
    title = draw(one_line)
    annotations: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    draw(_marked(text, "text", annotations, notes))
    if v2 and draw(st.booleans()):
        draw(_marked(title, "title", annotations, notes))
    if not v2:  # version 1: key spans only
        notes.clear()
    source = draw(st.fixed_dictionaries({}, optional={
        "outlet": free_text, "date": st.sampled_from(["2026-03-14", "yes", "1984", "", "null"]),
        "url": free_text}))
    article = {"id": article_id, "title": title,
               "level": draw(st.integers(1, 3)), "source": source, "text": text,
               "annotations": annotations}
    if notes:
        article["notes"] = notes
    return article


@st.composite
def source_cards(draw: st.DrawFn) -> list[dict[str, Any]]:
    card_ids = draw(st.lists(ids, max_size=3, unique=True))
    return [{"id": card_id, "name": draw(one_line),
             "kind": draw(st.sampled_from(["outlet", "person", "organisation", "document"])),
             "aliases": draw(st.lists(one_line, max_size=3)), "text": draw(passages())}
            for card_id in card_ids]


@st.composite
def article_sets(draw: st.DrawFn, v2: bool = True) -> ArticleSet:
    """Valid sets; with `v2`, also headline spans, good-practice notes and source cards."""
    article_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))  # sets need one
    articles = [draw(annotated_articles(i, v2)) for i in article_ids]
    sources = draw(source_cards()) if v2 else []
    uses_v2 = bool(sources) or any("notes" in a or any("part" in n for n in a["annotations"])
                                   for a in articles)
    raw: dict[str, Any] = {
        "format": "trainer.article-set",
        "format_version": 2 if uses_v2 else draw(st.sampled_from([1, 2] if v2 else [1])),
        "id": draw(ids),
        "version": draw(st.integers(1, 10_000)), "title": draw(one_line),
        "language": draw(st.sampled_from(["en", "de-CH", "fr"])),
        "level": {"min": 1, "max": draw(st.integers(1, 3))},
        "author": draw(free_text), "license": draw(st.sampled_from(["", "CC-BY-4.0", "no"])),
        "description": draw(free_text),
        "articles": articles,
    }
    if sources:
        raw["sources"] = sources
    try:
        return parse_json_set(json.dumps(raw).encode(), "generated.json")
    except InvalidInput as exc:  # the generator only makes valid sets; show why if not
        raise AssertionError(str(exc)) from None


def canonical(article_set: ArticleSet) -> dict[str, Any]:
    """The set as data with each article's annotations in one fixed order."""
    data = article_set.model_dump(mode="json")
    for article in data["articles"]:
        article["annotations"].sort(key=lambda a: json.dumps(a, sort_keys=True))
        article["notes"].sort(key=lambda a: json.dumps(a, sort_keys=True))
    return data
