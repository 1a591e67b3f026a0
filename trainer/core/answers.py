"""Student answer files for `trainer score`: {"<article id>": [{start, end, label}, …]}.

A span may carry `"part": "title"` (offsets into the headline); the spans returned are in
scoring coordinates (trainer.core.parts).
"""

from __future__ import annotations

import json
from pathlib import Path

from trainer.core.errors import InvalidInput, Problem
from trainer.core.jsonset import check_file_size, decode_text_file, parse_json_text
from trainer.core.model import PARTS, ArticleSet
from trainer.core.parts import mark_to_scoring
from trainer.core.setcheck import boundary_splits_character
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy


def load_answers(path: Path, key: ArticleSet, taxonomy: Taxonomy) -> dict[str, list[Span]]:
    file = str(path)
    try:
        check_file_size(path.stat().st_size, file)
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(file, f"cannot read file: {exc.strerror}")]) from None
    text = decode_text_file(data, file)
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty",
                                    hint='an answers file with no marks is "{}"')])
    raw = parse_json_text(text, file)
    if not isinstance(raw, dict):
        raise InvalidInput([Problem(file, "answers must be an object mapping article ids to "
                                          "lists of spans", path="$")])
    problems: list[Problem] = []
    answers: dict[str, list[Span]] = {article.id: [] for article in key.articles}
    for article_id, spans in raw.items():
        path_ = f"$[{json.dumps(article_id)}]"
        article = key.article(article_id)
        if article is None:
            problems.append(Problem(file, f"article {article_id!r} is not in the key", path=path_,
                                    hint="use the article ids of the key set"))
            continue
        if not isinstance(spans, list):
            problems.append(Problem(file, "must be a list of spans", path=path_))
            continue
        for i, item in enumerate(spans):
            where = f"{path_}[{i}]"
            if not isinstance(item, dict):
                problems.append(Problem(file, "span must be an object with start, end, label",
                                        path=where))
                continue
            start, end, label = item.get("start"), item.get("end"), item.get("label", "")
            if type(start) is not int or type(end) is not int:
                problems.append(Problem(file, "start and end must be whole numbers", path=where))
                continue
            if not isinstance(label, str) or (label and not taxonomy.is_label(label)):
                problems.append(Problem(file, f"unknown label {label!r}", path=f"{where}.label",
                                        hint="use a technique or family id"))
                continue
            part = item.get("part", "text")
            if part not in PARTS:
                problems.append(Problem(file, f"part {part!r} is not text or title",
                                        path=f"{where}.part", hint='write "text" or "title"'))
                continue
            target = article.part_text(part)
            if not 0 <= start < end <= len(target):
                problems.append(Problem(file, f"span {start}..{end} is empty, inverted or "
                                              f"outside the {part} ({len(target)} "
                                              "characters)", path=where))
                continue
            if boundary_splits_character(target, start) or boundary_splits_character(
                target, end
            ):
                problems.append(Problem(file, "span cuts a character in two", path=where))
                continue
            answers[article_id].append(mark_to_scoring(article, Span(start, end, label), part))
    if problems:
        raise InvalidInput(problems)
    return answers
