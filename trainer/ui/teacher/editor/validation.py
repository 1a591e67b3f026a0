"""Check a draft with exactly the checks (and messages) of `trainer validate` and, once it
loads, of `trainer lint`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from trainer.core.errors import InvalidInput, Problem
from trainer.core.jsonset import parse_json_set
from trainer.core.lint import lint_set
from trainer.core.model import ArticleSet
from trainer.core.taxonomy import default_taxonomy
from trainer.ui.teacher.editor.draft import SetDraft


def validate_draft(draft: SetDraft, file: str) -> tuple[ArticleSet | None, list[Problem]]:
    """The set the draft describes, or every problem with it.

    The draft goes through the same parser a saved file would, so the panel can never
    disagree with the command line about the file the teacher is about to save.
    """
    data = json.dumps(draft.to_raw(), ensure_ascii=False).encode("utf-8")
    try:
        return parse_json_set(data, file), []
    except InvalidInput as exc:
        return None, exc.problems


def lint_warnings(article_set: ArticleSet, file: str) -> list[Problem]:
    """`trainer lint`'s findings on a set that loads, in its order and words, all as warnings:
    none of them stops the set from being saved or added to the library."""
    report = lint_set(article_set, default_taxonomy())
    return [finding.problem(file, "warning") for finding in report.findings]


@dataclass(frozen=True)
class Location:
    """Where in the editor a problem lives, parsed from its JSON path."""

    article: int | None = None  # index into the set's articles
    field: str | None = None  # "title", "text", "source.outlet", "level", …
    annotation: int | None = None


_ARTICLE = re.compile(r"^\$\.articles\[(\d+)\](?:\.(.*))?$")
_ANNOTATION = re.compile(r"^annotations\[(\d+)\](?:\.(.*))?$")


def locate(problem: Problem) -> Location:
    path = problem.path or ""
    match = _ARTICLE.match(path)
    if not match:
        rest = path[2:] if path.startswith("$.") else ""
        return Location(field=rest.split("[")[0] or None)
    article, rest = int(match.group(1)), match.group(2) or ""
    ann = _ANNOTATION.match(rest)
    if ann:
        return Location(article, ann.group(2) or None, int(ann.group(1)))
    return Location(article, rest or None)
