"""Lint rules against stock trigger phrases: a set should teach concepts, not keywords.

If most vague attributions say "many" and most oversimplifications say "comes down to one
thing", a student can score well by hunting for those words (issue 13). Two warnings:

- the same three-word sequence in (or just before) key spans of one technique in more than
  REPEATED_PHRASE_PASSAGES passages;
- one content word in more than half of one technique's key spans, once the technique has
  at least MIN_SPANS_FOR_COMMON_WORD spans (a small set proves nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from trainer.core.model import Annotation, Article

REPEATED_PHRASE_PASSAGES = 2  # more than this many passages is a stock phrase
WORDS_BEFORE = 3  # "just before" a span: this many words ahead of it count with it
MIN_SPANS_FOR_COMMON_WORD = 6
COMMON_WORD_SHARE = 0.5  # more than this share of one technique's spans
_WORD = re.compile(r"\w+(?:['’]\w+)*")

# Words that carry grammar rather than meaning: sharing them says nothing about stock
# phrasing. Quantifiers and hedges ("many", "some", "always", "so-called") are left out on
# purpose: they are exactly the trigger words students learn to hunt for.
_FUNCTION_WORDS_TEXT = """
a an the and or but nor if then than so as of at by for from in into on onto to with without
about above after against along among around before behind below between beyond during
except inside near off out outside over past since through under until up upon within via
i me my mine we us our ours you your yours he him his she her hers it its they them their
theirs this that these those who whom whose which what where when why how there here
is are was were be been being am do does did doing done have has had having will would shall
should can could may might must not no yes also just only very too yet still even
ll s t d re ve m
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())


@dataclass(frozen=True)
class KeySpan:
    """One annotation with where it is and the words it (and its lead-in) holds."""

    article_index: int
    annotation_index: int
    article_id: str
    label: str
    words: tuple[str, ...]  # the span's own words
    lead: tuple[str, ...]  # up to WORDS_BEFORE words just before it


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORD.findall(text)]


def key_spans(articles: list[Article]) -> Iterator[KeySpan]:
    for i, article in enumerate(articles):
        for j, ann in enumerate(article.annotations):
            yield _key_span(i, j, article, ann)


def _key_span(i: int, j: int, article: Article, ann: Annotation) -> KeySpan:
    text = article.part_text(ann.part)
    return KeySpan(i, j, article.id, ann.label, tuple(_words(text[ann.start:ann.end])),
                   tuple(lead_words(text, ann.start)))


def lead_words(text: str, end: int) -> list[str]:
    """The last WORDS_BEFORE words of text[:end], as `_words(text[:end])[-WORDS_BEFORE:]`
    gives them, reading only a little of the text before `end` (the editor lints a whole set
    after every pause in typing, and a passage has many spans)."""
    window = 64
    while True:
        start = max(0, end - window)
        words = _WORD.findall(text, start, end)
        if start > 0:
            words = words[1:]  # the window may begin inside a word
        if len(words) >= WORDS_BEFORE or start == 0:
            return [w.casefold().replace("’", "'") for w in words[-WORDS_BEFORE:]]
        window *= 4


def _trigrams(span: KeySpan) -> set[tuple[str, str, str]]:
    """Trigrams of the span with the few words just before it ("the choice is simple: …")."""
    words = [*span.lead, *span.words]
    grams = set()
    for k in range(len(words) - 2):
        gram = (words[k], words[k + 1], words[k + 2])
        if not all(w in FUNCTION_WORDS for w in gram):
            grams.add(gram)
    return grams


@dataclass(frozen=True)
class WordingFinding:
    label: str
    message: str
    path: str
    hint: str


def _by_label(spans: list[KeySpan]) -> dict[str, list[KeySpan]]:
    groups: dict[str, list[KeySpan]] = {}
    for span in spans:
        groups.setdefault(span.label, []).append(span)
    return groups


def _path(span: KeySpan) -> str:
    return f"$.articles[{span.article_index}].annotations[{span.annotation_index}]"


def _listed(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def repeated_phrase_findings(articles: list[Article],
                             known: list[KeySpan] | None = None) -> list[WordingFinding]:
    """One finding per technique and group of passages sharing the same three-word phrases
    (`known`: `key_spans(articles)` if the caller has them already)."""
    findings = []
    every = known if known is not None else list(key_spans(articles))
    for label, spans in _by_label(every).items():
        where: dict[tuple[str, str, str], dict[int, KeySpan]] = {}
        for span in spans:
            for gram in _trigrams(span):
                where.setdefault(gram, {}).setdefault(span.article_index, span)
        groups: dict[tuple[int, ...], list[tuple[str, str, str]]] = {}
        for gram, passages in where.items():
            if len(passages) > REPEATED_PHRASE_PASSAGES:
                groups.setdefault(tuple(sorted(passages)), []).append(gram)
        for indexes, grams in sorted(groups.items()):
            first = where[grams[0]][indexes[0]]
            ids = [where[grams[0]][k].article_id for k in indexes]
            phrases = ", ".join(repr(" ".join(g)) for g in sorted(grams)[:3])
            findings.append(WordingFinding(
                label, f"{label}: the same words {phrases} are in or just before its key spans "
                       f"in {len(indexes)} passages ({_listed(ids)})", _path(first),
                "vary the wording: students should learn the idea, not a stock phrase"))
    return findings


def common_word_findings(articles: list[Article],
                         known: list[KeySpan] | None = None) -> list[WordingFinding]:
    """A content word in more than half of one technique's spans (enough spans only)."""
    findings = []
    every = known if known is not None else list(key_spans(articles))
    for label, spans in _by_label(every).items():
        if len(spans) < MIN_SPANS_FOR_COMMON_WORD:
            continue
        counts: dict[str, list[KeySpan]] = {}
        for span in spans:
            for word in sorted(set(span.words) - FUNCTION_WORDS):
                if not word.isdigit():
                    counts.setdefault(word, []).append(span)
        for word, holders in sorted(counts.items()):
            if len(holders) > COMMON_WORD_SHARE * len(spans):
                findings.append(WordingFinding(
                    label, f"{label}: {word!r} is in {len(holders)} of its {len(spans)} key "
                           f"spans ({_listed(sorted({s.article_id for s in holders}))})",
                    _path(holders[0]),
                    "vary the wording so that the word itself is no clue"))
    return findings
