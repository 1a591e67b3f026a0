"""Checks an article set needs beyond its shape: ids, offsets, labels, text hygiene.

They run on the raw JSON-like data so that every problem is reported in one pass,
even when other parts of the file fail the model's type checks.
"""

from __future__ import annotations

import unicodedata

from trainer.core.errors import Problem
from trainer.core.limits import MAX_LEVEL, MAX_STORED_INT, MIN_LEVEL
from trainer.core.parts import PARTS
from trainer.core.taxonomy import Taxonomy

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Any

# Pydantic error types whose paths the checks here word better; the loaders drop the model's
# own message for a path these checks already reported.
RANGE_CHECKED = frozenset({"string_unicode", "less_than_equal", "greater_than_equal"})

MAX_ARTICLES = 20_000
MAX_TEXT_CHARS = 200_000
_ALLOWED_CONTROLS = {"\n", "\t"}
GOOD_PRACTICE = "good-practice"  # the Markdown class of a note; never a technique id
_JOINERS = {"\u200d"}  # zero-width joiner glues emoji sequences


def _continues_cluster(ch: str) -> bool:
    """True for a code point that belongs to the character before it."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return True
    code = ord(ch)
    return (
        ch in _JOINERS
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag sequences (subdivision flags)
    )


def _is_regional_indicator(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _inside_flag(text: str, offset: int) -> bool:
    """Flags are pairs of regional indicators; a cut after an odd-numbered one splits a flag."""
    if not (_is_regional_indicator(text[offset - 1]) and _is_regional_indicator(text[offset])):
        return False
    run = 0
    while offset - run - 1 >= 0 and _is_regional_indicator(text[offset - run - 1]):
        run += 1
    return run % 2 == 1


def boundary_splits_character(text: str, offset: int) -> bool:
    """Whether a span boundary at `offset` falls inside one user-perceived character."""
    if offset <= 0 or offset >= len(text):
        return False
    if text[offset] < "\u0300" and text[offset - 1] not in _JOINERS:
        return False  # the common case, and quick: nothing below U+0300 continues a cluster
    if unicodedata.category(text[offset - 1]) == "Cc":
        return False  # Unicode always breaks after a line break or other control (UAX #29 GB4)
    return (_continues_cluster(text[offset]) or text[offset - 1] in _JOINERS
            or _inside_flag(text, offset))


def splits_nothing(text: str, start: int, end: int) -> bool:
    """Whether the span [start, end) of `text` keeps every character whole at both ends.

    boundary_splits_character at both ends, with the usual case (characters below U+0300 on
    both sides of a boundary) answered without a call: the fast readers of `trainer score`
    ask it for thousands of spans.
    """
    return ((start == 0 or (text[start] < "\u0300" and text[start - 1] < "\u0300")
             or not boundary_splits_character(text, start))
            and (end == len(text) or (text[end] < "\u0300" and text[end - 1] < "\u0300")
                 or not boundary_splits_character(text, end)))


def text_problems(text: str, file: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    if len(text) > MAX_TEXT_CHARS:
        problems.append(
            Problem(file, f"text is {len(text)} characters, more than {MAX_TEXT_CHARS}", path=path,
                    hint="split the passage into several articles")
        )
    for index, ch in enumerate(text):
        if 0xD800 <= ord(ch) <= 0xDFFF:
            problems.append(
                Problem(file, f"text has an unpaired surrogate U+{ord(ch):04X} at offset {index}",
                        path=path, hint="save the file as UTF-8 with whole characters")
            )
        elif unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS:
            problems.append(
                Problem(file, f"text contains control character U+{ord(ch):04X} at offset {index}",
                        path=path, hint="remove it; use \\n for line breaks")
            )
    return problems


def span_problems(
    span: dict[str, Any], text: str | None, file: str, path: str, part: str = "text"
) -> list[Problem]:
    """Offsets of an annotation or note against the string they index (None: unknown)."""
    problems: list[Problem] = []
    start, end = span.get("start"), span.get("end")
    if not (type(start) is int and type(end) is int):
        return problems
    if start < 0 or end < 0:
        name, bad = ("start", start) if start < 0 else ("end", end)
        problems.append(Problem(file, f"{name} {bad} is negative", path=f"{path}.{name}",
                                hint="offsets count code points from 0, the first character"))
        return problems
    if end < start:
        problems.append(Problem(file, f"span is inverted: end {end} is before start {start}",
                                path=f"{path}.end", hint="swap start and end"))
    elif end == start:
        problems.append(Problem(file, f"span is empty (start = end = {start})",
                                path=f"{path}.end", hint="end must be greater than start"))
    if text is None:
        return problems
    if end > len(text) or start > len(text):
        bad, name = (end, "end") if end > len(text) else (start, "start")
        problems.append(
            Problem(file, f"{name} {bad} is past the end of the {part} ({len(text)} characters)",
                    path=f"{path}.{name}", hint="offsets count Unicode code points, not bytes")
        )
        return problems
    for name, offset in (("start", start), ("end", end)):
        if boundary_splits_character(text, offset):
            problems.append(
                Problem(file, f"{name} {offset} cuts a character in two (a combining mark, "
                              f"emoji sequence or flag)", path=f"{path}.{name}",
                        hint="move the offset to a character boundary")
            )
    return problems


def _part_of(span: dict[str, Any], article: dict[str, Any]) -> tuple[str, str | None]:
    """The part a span indexes and that part's string (None when unknown or broken)."""
    part = span.get("part", "text")
    if part not in PARTS:
        return str(part), None  # the model reports the bad value
    value = article.get(part)
    return part, value if isinstance(value, str) else None


def did_you_mean(word: str, candidates: list[str]) -> str:
    """ "did you mean 'x'?" for the closest candidate, or "" when none is close."""
    import difflib  # only for a bad label; `trainer score`'s path imports this module

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close and word.lower() != word:
        close = difflib.get_close_matches(word.lower(), candidates, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _label_hint(label: str, taxonomy: Taxonomy) -> str:
    candidates = [*taxonomy.techniques, *taxonomy.families]
    guess = did_you_mean(label, candidates)
    usual = ("use a technique or family id from the taxonomy, or declare it under the set's "
             "\"techniques\"")
    return f"{guess} or {usual}" if guess else usual


def _level_problem(value: Any, file: str, path: str) -> list[Problem]:
    if type(value) is not int or MIN_LEVEL <= value <= MAX_LEVEL:
        return []  # the model reports a value that is not a whole number
    return [Problem(file, f"there is no level {value}; the levels are {MIN_LEVEL} to {MAX_LEVEL}",
                    path=path, hint=f"{MIN_LEVEL} is the easiest, {MAX_LEVEL} the hardest")]


def _number_problems(raw: dict[str, Any], file: str) -> list[Problem]:
    """Whole-number fields outside what the program (and its database) can hold."""
    problems: list[Problem] = []
    version = raw.get("version")
    if type(version) is int and not 1 <= version <= MAX_STORED_INT:
        shown = f"{version:,}" if abs(version) < 10**30 else "too large"
        problems.append(Problem(file, f"version {shown} is out of range", path="$.version",
                                hint=f"use a whole number from 1 to {MAX_STORED_INT:,}; raise "
                                     "it by one whenever you change the set"))
    levels = raw.get("level")
    if isinstance(levels, dict):
        for key in ("min", "max"):
            problems.extend(_level_problem(levels.get(key), file, f"$.level.{key}"))
    return problems


def _annotation_problems(
    ann: dict[str, Any], article: dict[str, Any], taxonomy: Taxonomy, file: str, path: str
) -> list[Problem]:
    problems: list[Problem] = []
    label = ann.get("label")
    if isinstance(label, str) and label and not taxonomy.is_label(label):
        hint = ("a good-practice note goes under the article's \"notes\", not its annotations"
                if label == GOOD_PRACTICE else _label_hint(label, taxonomy))
        problems.append(Problem(file, f"unknown label {label!r}", path=f"{path}.label",
                                hint=hint))
    part, text = _part_of(ann, article)
    problems.extend(span_problems(ann, text, file, path, part))
    return problems


def _note_problems(note: dict[str, Any], article: dict[str, Any], file: str,
                   path: str) -> list[Problem]:
    part, text = _part_of(note, article)
    return span_problems(note, text, file, path, part)


def v2_features(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, what) of everything in a raw set that format version 1 cannot hold."""
    found: list[tuple[str, str]] = []
    if "sources" in raw:
        found.append(("$.sources", "source cards"))
    articles = raw.get("articles")
    for i, article in enumerate(articles if isinstance(articles, list) else []):
        if not isinstance(article, dict):
            continue
        if "notes" in article:
            found.append((f"$.articles[{i}].notes", "good-practice notes"))
        annotations = article.get("annotations")
        for j, ann in enumerate(annotations if isinstance(annotations, list) else []):
            if isinstance(ann, dict) and "part" in ann:
                found.append((f"$.articles[{i}].annotations[{j}].part", "headline spans"))
    return found


def version_problems(raw: dict[str, Any], file: str) -> list[Problem]:
    """A file that says version 1 but uses version-2 fields: name each one (older programs
    would refuse the file, so the author should say what it needs)."""
    if raw.get("format_version") != 1:
        return []
    return [Problem(file, f"{what} need format_version 2 (the file says 1)", path=path,
                    hint="write \"format_version\": 2 at the top of the set")
            for path, what in v2_features(raw)]


def _source_problems(raw: dict[str, Any], file: str) -> list[Problem]:
    sources = raw.get("sources")
    if not isinstance(sources, list):
        return []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, card in enumerate(sources):
        if not isinstance(card, dict):
            continue
        path = f"$.sources[{i}]"
        card_id = card.get("id")
        if isinstance(card_id, str):
            if card_id in seen:
                problems.append(Problem(file, f"duplicate source card id {card_id!r} (also used "
                                              f"by $.sources[{seen[card_id]}])",
                                        path=f"{path}.id", hint="give every card its own id"))
            else:
                seen[card_id] = i
        if isinstance(card.get("text"), str):
            problems.extend(text_problems(card["text"], file, f"{path}.text"))
    return problems


def _extra_labels(raw: dict[str, Any]) -> set[str]:
    extra = raw.get("techniques")
    if not isinstance(extra, list):
        return set()
    return {t["id"] for t in extra if isinstance(t, dict) and isinstance(t.get("id"), str)}


def set_problems(raw: dict[str, Any], taxonomy: Taxonomy, file: str) -> list[Problem]:
    """Semantic problems in a parsed article set, tolerant of any shape."""
    from trainer.core.taxonomy import Technique

    known = taxonomy.with_extra(
        Technique(i, "unverified", i, "") for i in _extra_labels(raw) if not taxonomy.is_label(i)
    )
    problems = _number_problems(raw, file)
    if GOOD_PRACTICE in _extra_labels(raw):
        problems.append(Problem(file, f"{GOOD_PRACTICE!r} cannot be a technique id: it marks "
                                      "good-practice notes", path="$.techniques",
                                hint="choose another id"))
    articles = raw.get("articles", [])
    if not isinstance(articles, list):
        return problems + _source_problems(raw, file) + version_problems(raw, file)
    if not articles:
        problems.append(Problem(file, "the set has no articles", path="$.articles",
                                hint="a set needs at least one article to practise on"))
    if len(articles) > MAX_ARTICLES:
        problems.append(Problem(file, f"{len(articles)} articles, more than {MAX_ARTICLES}",
                                path="$.articles", hint="split the set into several files"))
    seen: dict[str, int] = {}
    for i, article in enumerate(articles):
        path = f"$.articles[{i}]"
        if not isinstance(article, dict):
            continue
        article_id = article.get("id")
        if isinstance(article_id, str):
            if article_id in seen:
                problems.append(
                    Problem(file, f"duplicate article id {article_id!r} (also used by "
                                  f"$.articles[{seen[article_id]}])", path=f"{path}.id",
                            hint="give every article its own id")
                )
            else:
                seen[article_id] = i
        problems.extend(_level_problem(article.get("level"), file, f"{path}.level"))
        text = article.get("text") if isinstance(article.get("text"), str) else None
        if text is not None:
            problems.extend(text_problems(text, file, f"{path}.text"))
        annotations = article.get("annotations")
        if isinstance(annotations, list):
            for j, ann in enumerate(annotations):
                if isinstance(ann, dict):
                    problems.extend(_annotation_problems(ann, article, known, file,
                                                         f"{path}.annotations[{j}]"))
        notes = article.get("notes")
        if isinstance(notes, list):
            for j, note in enumerate(notes):
                if isinstance(note, dict):
                    problems.extend(_note_problems(note, article, file, f"{path}.notes[{j}]"))
    problems.extend(_source_problems(raw, file))
    problems.extend(version_problems(raw, file))
    return problems
