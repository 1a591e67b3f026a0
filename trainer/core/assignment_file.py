"""The assignment file (DESIGN §4): what a teacher hands out. One UTF-8 JSON file holding the
passages in order, the level, whether feedback shows after each passage or only at the end, an
optional due date (shown, never enforced) and the article set itself, so one file is enough.
`resources/schema/assignment.schema.json` is generated from the model here
(`python -m trainer.core.schema`).

Reading reports every problem at once (field paths; the embedded set is checked exactly like a
set file, its paths under `$.set`), ignores unknown keys with a warning, and refuses files from
a newer format version.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.fileout import write_text_atomically
from trainer.core.jsonset import (
    _header_problems,
    _model_problems,
    _path_key,
    decode_text_file,
    parse_json_text,
)
from trainer.core.model import ID_PATTERN, ArticleSet, Title
from trainer.core.progress_file import _read_regular_file, _unknown_keys, tagged_schema
from trainer.core.setcheck import set_problems
from trainer.core.taxonomy import default_taxonomy

ASSIGNMENT_TAG: Final = "trainer.assignment"
ASSIGNMENT_VERSION: Final = 1
MAX_ASSIGNMENT_BYTES = 50 * 1024 * 1024
Feedback = Literal["each", "end"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)


class AssignmentPassage(_Record):
    """One passage, in the order the student works through them."""

    set_id: str = Field(pattern=ID_PATTERN)
    set_version: int = Field(ge=1, le=2**62)
    article_id: str = Field(pattern=ID_PATTERN)


class AssignmentFile(_Record):
    format: Literal["trainer.assignment"] = ASSIGNMENT_TAG
    format_version: Literal[1] = ASSIGNMENT_VERSION
    program_version: str = ""
    id: str = Field(pattern=ID_PATTERN, description="A UUID or a slug; attempts carry it.")
    title: Title = Field(max_length=200)
    teacher: str = Field("", max_length=200)
    created_at: AwareDatetime | None = None
    due: date | None = Field(None, description="ISO date; shown to the student, never enforced.")
    level: int = Field(ge=1, le=3, description="The level the passages are practised at.")
    feedback: Feedback = Field("each", description="'each': feedback after every passage; "
                                                   "'end': only once all are submitted.")
    passages: list[AssignmentPassage] = Field(min_length=1, max_length=10_000)
    article_set: ArticleSet = Field(alias="set", description="The article set, embedded.")

    def header(self) -> dict[str, Any]:
        """Everything but the embedded set (what the student's store remembers)."""
        return self.model_dump(mode="json", by_alias=True, exclude={"article_set"})


def new_assignment_id() -> str:
    return str(uuid.uuid4())


def make_assignment(article_set: ArticleSet, article_ids: list[str] | None, *, title: str,
                    level: int, teacher: str = "", due: date | None = None,
                    feedback: Feedback = "each") -> AssignmentFile:
    """An assignment of the chosen articles of `article_set` (all when None), in the order
    given; the embedded set keeps only those articles. Raises InvalidInput for unknown ids."""
    from trainer import version

    known = {a.id: a for a in article_set.articles}
    chosen = list(dict.fromkeys(article_ids)) if article_ids else list(known)
    missing = [a for a in chosen if a not in known]
    if missing:
        raise InvalidInput([Problem(
            article_set.id, f"no article {a!r} in set {article_set.id!r}",
            hint="the set has: " + ", ".join(known) if known else "the set has no articles")
            for a in missing])
    if not chosen:
        raise InvalidInput([Problem(article_set.id, "the set has no articles to assign")])
    kept = article_set.model_copy(update={"articles": [known[a] for a in chosen]})
    data = {"program_version": version(), "id": new_assignment_id(), "title": title,
            "teacher": teacher, "created_at": datetime.now(UTC), "due": due, "level": level,
            "feedback": feedback,
            "passages": [{"set_id": kept.id, "set_version": kept.version, "article_id": a}
                         for a in chosen]}
    try:
        return AssignmentFile.model_validate({**data, "set": kept}, strict=False)
    except ValidationError as exc:
        raise InvalidInput(_model_problems(exc, "assignment", set())) from None


def _under_set(problem: Problem) -> Problem:
    path = problem.path or "$"
    return replace(problem, path="$.set" + path[1:])


def _set_problems(raw: Any, file: str) -> list[Problem]:
    if not isinstance(raw, dict):
        return []  # pydantic names a missing or wrongly typed set
    header = _header_problems(raw, file)
    return [_under_set(p) for p in header or set_problems(raw, default_taxonomy(), file)]


def _passage_problems(assignment: AssignmentFile, file: str) -> list[Problem]:
    embedded = assignment.article_set
    ids = {a.id for a in embedded.articles}
    problems = []
    seen: set[tuple[str, str]] = set()
    for i, passage in enumerate(assignment.passages):
        where = f"$.passages[{i}]"
        if passage.set_id != embedded.id:
            problems.append(Problem(file, f"set {passage.set_id!r} is not the embedded set "
                                          f"{embedded.id!r}", path=f"{where}.set_id",
                                    hint="make the assignment again from the set"))
        elif passage.set_version != embedded.version:
            problems.append(Problem(file, f"set version {passage.set_version} is not the "
                                          f"embedded set's version {embedded.version}",
                                    path=f"{where}.set_version"))
        elif passage.article_id not in ids:
            problems.append(Problem(file, f"article {passage.article_id!r} is not in the "
                                          "embedded set", path=f"{where}.article_id"))
        key = (passage.set_id, passage.article_id)
        if key in seen:
            problems.append(Problem(file, "the same passage occurs twice", path=where))
        seen.add(key)
    return problems


def parse_assignment(text: str, file: str) -> tuple[AssignmentFile, list[Problem]]:
    """(the assignment, warnings); raises InvalidInput with every problem when it cannot be
    used."""
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty", hint="ask for the assignment again")])
    try:
        data = parse_json_text(text, file)
    except ValueError:  # a number too long to convert
        raise InvalidInput([Problem(file, "not an assignment file: it holds a number with "
                                          "thousands of digits",
                                    hint="the file is damaged; ask for it again")]) from None
    if not isinstance(data, dict) or data.get("format") != ASSIGNMENT_TAG:
        found = data.get("format") if isinstance(data, dict) else None
        raise InvalidInput([Problem(
            file, "not an assignment file" + (f" (its format is {found!r})" if found else ""),
            path="$.format", hint=f'an assignment file starts with "format": "{ASSIGNMENT_TAG}"')])
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) \
            and version > ASSIGNMENT_VERSION:
        raise InvalidInput([Problem(
            file, f"made by a newer version of the program (assignment format {version}; this "
                  f"version reads {ASSIGNMENT_VERSION})", path="$.format_version",
            hint="update the program on this computer, then try again")])
    problems = _set_problems(data.get("set"), file)
    assignment: AssignmentFile | None = None
    try:
        assignment = AssignmentFile.model_validate_json(text)
    except ValidationError as exc:
        problems += _model_problems(exc, file, {p.path for p in problems if p.path})
    if assignment is not None and not problems:
        problems = _passage_problems(assignment, file)
    if problems or assignment is None:
        raise InvalidInput(sorted(problems, key=_path_key))
    top = {k: v for k, v in data.items() if k != "set"}
    warnings = [Problem(file, "unknown field ignored", path=p, severity="warning")
                for p in _unknown_keys(AssignmentFile, top, "$")]
    return assignment, warnings


def read_assignment(path: Path) -> tuple[AssignmentFile, list[Problem]]:
    data = _read_regular_file(path, MAX_ASSIGNMENT_BYTES)
    return parse_assignment(decode_text_file(data, str(path)), str(path))


def assignment_json(assignment: AssignmentFile) -> str:
    data = assignment.header()
    data["set"] = assignment.article_set.to_data()
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_assignment(assignment: AssignmentFile, path: Path) -> None:
    write_text_atomically(assignment_json(assignment), path)


def assignment_schema() -> dict[str, Any]:
    return tagged_schema(
        AssignmentFile, ASSIGNMENT_TAG,
        "An assignment of the Media Literacy Trainer: the passages a teacher hands out, in "
        "order, with the article set embedded.", by_alias=True)


def assignment_schema_text() -> str:
    return json.dumps(assignment_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
