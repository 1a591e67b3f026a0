"""Student answer files for `trainer score`: {"<article id>": [{start, end, label}, …]}.

A label is a technique or family id, a technique the key set defines itself, or a technique
name of the SemEval-2020 Task 11 corpus (`Flag-Waving`, `Loaded_Language`, …, any case),
mapped the way the PTC reader maps it, so that a system's PTC-style output can be scored as
it is. A span without a label (`""` or no `label`) counts in `any` mode only. A span may
carry `"part": "title"` (offsets into the headline); the spans returned are in scoring
coordinates (trainer.core.parts).

Light on purpose (no pydantic): `trainer score` reads answers with the fast JSON reader and
asks the JSON set reader's helpers only to word a problem with the file itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from trainer.core.errors import InvalidInput, Problem
from trainer.core.parts import PARTS, to_scoring
from trainer.core.ptc_names import ptc_table
from trainer.core.scorekey import read_json_quickly
from trainer.core.setcheck import boundary_splits_character, splits_nothing
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Any, Protocol

    class KeyedArticle(Protocol):
        @property
        def id(self) -> str: ...
        @property
        def text(self) -> str: ...
        def part_text(self, part: str) -> str: ...

    class AnswerKey(Protocol):
        """What answers are checked against: a `ScoreKey` or an `ArticleSet`."""

        @property
        def articles(self) -> Sequence[KeyedArticle]: ...
        def article(self, article_id: str) -> KeyedArticle | None: ...


def answer_label(label: str, taxonomy: Taxonomy) -> str | None:
    """Our id for an answer label, or None when it names nothing the key knows."""
    if taxonomy.is_label(label):
        return label
    mapped = ptc_table().to_label.get(label.lower())
    return mapped if mapped is not None and taxonomy.is_label(mapped) else None


def _read(path: Path) -> Any:
    raw = read_json_quickly(path)
    if raw is not None:
        return raw
    # Something is unusual: the JSON set reader's helpers say what, with line and column.
    from trainer.core.jsonset import decode_text_file, parse_json_text
    from trainer.core.readfile import read_regular_file

    file = str(path)
    text = decode_text_file(read_regular_file(path, file), file)  # no FIFO, no /dev/urandom
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty",
                                    hint='an answers file with no marks is "{}"')])
    return parse_json_text(text, file, long_number=_long_number)


def _long_number(file: str, path: str, digits: int) -> Problem:
    # An answers file holds offsets into passages; no passage is that long.
    return Problem(file, f"a number with {digits:,} digits is far too large", path=path,
                   hint="start and end count characters of the passage: check the program "
                        "that wrote the answers")


def load_answers(path: Path, key: AnswerKey, taxonomy: Taxonomy) -> dict[str, list[Span]]:
    """Each article's marks as Spans in scoring coordinates; raises InvalidInput."""
    return {article_id: [Span(*mark) for mark in marks]
            for article_id, marks in load_marks(path, key, taxonomy).items()}


def load_marks(path: Path, key: AnswerKey, taxonomy: Taxonomy
               ) -> dict[str, list[tuple[int, int, str]]]:
    """load_answers as (start, end, label) tuples: `trainer score` reads thousands of spans."""
    file = str(path)
    raw = _read(path)
    if not isinstance(raw, dict):
        raise InvalidInput([Problem(file, "answers must be an object mapping article ids to "
                                          "lists of spans", path="$")])
    problems: list[Problem] = []
    answers: dict[str, list[tuple[int, int, str]]] = {article.id: [] for article in key.articles}
    labels: dict[str, str | None] = {"": ""}  # each label of the file looked up once
    for article_id, spans in raw.items():
        article = key.article(article_id)
        if article is None:
            problems.append(Problem(file, f"article {article_id!r} is not in the key",
                                    path=_json_path(article_id),
                                    hint="use the article ids of the key set"))
            continue
        if not isinstance(spans, list):
            problems.append(Problem(file, "must be a list of spans", path=_json_path(article_id)))
            continue
        marks = answers[article_id]
        text = article.text
        plain = text.isascii()  # no boundary can split an ASCII character
        for i, item in enumerate(spans):
            if type(item) is dict and item.keys() <= _PLAIN_KEYS:
                # The usual span, checked here in a few steps; anything else goes the long way.
                if len(item) == 3:  # all three: read directly
                    start, end, label = item["start"], item["end"], item["label"]
                else:
                    start, end, label = item.get("start"), item.get("end"), item.get("label", "")
                if type(start) is int and type(end) is int and type(label) is str:
                    ours = labels.get(label, _UNSEEN)
                    if ours is _UNSEEN:
                        ours = labels[label] = answer_label(label, taxonomy)
                    if (type(ours) is str and 0 <= start < end <= len(text)
                            and (plain or splits_nothing(text, start, end))):
                        marks.append((start, end, ours))
                        continue
            mark = _checked(item, article, taxonomy, file, f"{_json_path(article_id)}[{i}]",
                            problems)
            if mark is not None:
                marks.append(mark)
    if problems:
        raise InvalidInput(problems)
    return answers


def _label_guess(label: str, taxonomy: Taxonomy) -> str:
    """ "did you mean 'framing'?" for a label written as a name the program shows ("Loaded
    framing", "loaded-framing") or close to an id; "" when nothing is close."""
    wanted = _plain(label)
    for kind in (taxonomy.families, taxonomy.techniques):
        for label_id, entry in kind.items():
            if wanted in (_plain(entry.name), _plain(label_id)):
                return f"did you mean {label_id!r} ({entry.name})?"
    from trainer.core.setcheck import did_you_mean

    return did_you_mean(label, [*taxonomy.families, *taxonomy.techniques])


def _plain(text: str) -> str:
    """Lower case, with spaces, hyphens and underscores alike: how a name is compared."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def _json_path(article_id: str) -> str:
    # Made only for a problem: json.dumps per article is a noticeable share of a clean file.
    return f"$[{json.dumps(article_id)}]"


_PLAIN_KEYS = frozenset({"start", "end", "label"})
_UNSEEN = object()


def _checked(item: object, article: KeyedArticle, taxonomy: Taxonomy, file: str, where: str,
             problems: list[Problem]) -> tuple[int, int, str] | None:
    """One span in scoring coordinates, or None with its problem added to `problems`."""
    if not isinstance(item, dict):
        problems.append(Problem(file, "span must be an object with start, end, label",
                                path=where))
        return None
    start, end, label = item.get("start"), item.get("end"), item.get("label", "")
    if type(start) is not int or type(end) is not int:
        problems.append(Problem(file, "start and end must be whole numbers", path=where))
        return None
    ours = answer_label(label, taxonomy) if isinstance(label, str) and label else ""
    if ours is None or not isinstance(label, str):
        usual = ("use a technique or family id, a technique the key set defines, a PTC "
                 "technique name, or \"\" for a span without a label")
        guess = _label_guess(label, taxonomy) if isinstance(label, str) else ""
        problems.append(Problem(file, f"unknown label {label!r}", path=f"{where}.label",
                                hint=f"{guess} Or {usual}" if guess else usual))
        return None
    part = item.get("part", "text")
    if part not in PARTS:
        problems.append(Problem(file, f"part {part!r} is not text or title",
                                path=f"{where}.part", hint='write "text" or "title"'))
        return None
    target = article.part_text(part)
    if not 0 <= start < end <= len(target):
        problems.append(Problem(file, f"span {start}..{end} is empty, inverted or "
                                      f"outside the {part} ({len(target)} "
                                      "characters)", path=where))
        return None
    if boundary_splits_character(target, start) or boundary_splits_character(target, end):
        problems.append(Problem(file, "span cuts a character in two", path=where))
        return None
    start, end = to_scoring(article, start, end, part)
    return start, end, ours
