"""The assignment file (DESIGN §4): what a teacher hands out. One UTF-8 JSON file holding the
passages in order, the level, whether feedback shows after each passage or only at the end, an
optional due date (shown, never enforced) and the article set itself, so one file is enough.
`resources/schema/assignment.schema.json` is generated from the model here
(`python -m trainer.core.schema`).

Passages may come from several sets: the first passage's set is embedded as "set" (as in every
file written before), each further set once in the optional "more_sets" array, in the order
its first passage appears. A file with one set never writes "more_sets", so files from earlier
versions and files with one set are the same format (format_version stays 1); an older reader
meeting "more_sets" ignores it with a warning and then refuses the passages of the sets it
cannot see, so nothing is half imported.

Reading reports every problem at once (field paths; each embedded set is checked exactly like a
set file, its paths under `$.set` or `$.more_sets[i]`), ignores unknown keys with a warning,
and refuses files from a newer format version.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.file_numbers import out_of_range
from trainer.core.fileout import write_text_atomically
from trainer.core.jsonset import (
    _header_problems,
    _model_problems,
    decode_text_file,
    document_order,
)
from trainer.core.limits import MAX_ASSIGNMENT_PASSAGES, MAX_ASSIGNMENT_SETS, MAX_STORED_INT
from trainer.core.model import ID_PATTERN, ArticleSet, Title
from trainer.core.progress_file import (
    _read_regular_file,
    _unknown_keys,
    model_problems,
    parse_tagged_json,
    tagged_schema,
)
from trainer.core.record import replace
from trainer.core.setcheck import set_problems
from trainer.core.taxonomy import default_taxonomy

ASSIGNMENT_TAG: Final = "trainer.assignment"
ASSIGNMENT_VERSION: Final = 1
MAX_ASSIGNMENT_BYTES = 50 * 1024 * 1024
Feedback = Literal["each", "end"]
# A number out of range: the program never writes one, so the file was damaged or edited.
RANGE_HINT = "the file was damaged or changed by hand; ask for the assignment again"


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)


class AssignmentPassage(_Record):
    """One passage, in the order the student works through them."""

    set_id: str = Field(pattern=ID_PATTERN)
    set_version: int = Field(ge=1, le=MAX_STORED_INT)
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
    passages: list[AssignmentPassage] = Field(min_length=1,
                                              max_length=MAX_ASSIGNMENT_PASSAGES)
    article_set: ArticleSet = Field(alias="set", description="The article set of the first "
                                                              "passage, embedded.")
    more_sets: list[ArticleSet] = Field(
        default_factory=list, max_length=MAX_ASSIGNMENT_SETS - 1,
        description="Further embedded sets, one per set the passages name besides \"set\" "
                    "(optional; left out when all passages come from one set).")

    def header(self) -> dict[str, Any]:
        """Everything but the embedded sets (what the student's store remembers)."""
        return self.model_dump(mode="json", by_alias=True, exclude={"article_set", "more_sets"})

    def sets(self) -> list[ArticleSet]:
        """Every embedded set: "set" first, then "more_sets" in order."""
        return [self.article_set, *self.more_sets]


def new_assignment_id() -> str:
    return str(uuid.uuid4())


def make_assignment(article_set: ArticleSet, article_ids: list[str] | None, *, title: str,
                    level: int, teacher: str = "", due: date | None = None,
                    feedback: Feedback = "each") -> AssignmentFile:
    """An assignment of the chosen articles of `article_set` (all when None), in the order
    given; the embedded set keeps only those articles. Raises InvalidInput for unknown ids."""
    chosen = article_ids or [a.id for a in article_set.articles]
    return make_assignment_from([article_set], [(article_set.id, a) for a in chosen],
                                title=title, level=level, teacher=teacher, due=due,
                                feedback=feedback)


def make_assignment_from(article_sets: Sequence[ArticleSet],
                         passages: Sequence[tuple[str, str]], *, title: str, level: int,
                         teacher: str = "", due: date | None = None,
                         feedback: Feedback = "each") -> AssignmentFile:
    """An assignment of `passages` ((set id, article id), in order) drawn from `article_sets`.

    Each set is embedded once, keeping only its chosen articles in the order they are worked
    through; a passage named twice counts once. Raises InvalidInput for an unknown set or
    article, or when nothing is chosen."""
    from trainer import version

    by_id = {s.id: s for s in article_sets}
    chosen = list(dict.fromkeys(passages))
    problems = []
    for set_id, article_id in chosen:
        found = by_id.get(set_id)
        if found is None:
            problems.append(Problem(set_id, f"no article set {set_id!r} was given",
                                    hint="the sets given: " + ", ".join(by_id)))
        elif all(a.id != article_id for a in found.articles):
            known = [a.id for a in found.articles]
            problems.append(Problem(
                set_id, f"no article {article_id!r} in set {set_id!r}",
                hint="the set has: " + ", ".join(known) if known else "the set has no articles"))
    if problems:
        raise InvalidInput(problems)
    if not chosen:
        raise InvalidInput([Problem(", ".join(by_id) or "assignment",
                                    "no passages chosen: the assignment would be empty",
                                    hint="choose at least one passage")])
    embedded = []
    for set_id in dict.fromkeys(s for s, _a in chosen):
        source = by_id[set_id]
        articles = {a.id: a for a in source.articles}
        embedded.append(source.model_copy(update={"articles": [
            articles[a] for s, a in chosen if s == set_id]}))
    data = {"program_version": version(), "id": new_assignment_id(), "title": title,
            "teacher": teacher, "created_at": datetime.now(UTC), "due": due, "level": level,
            "feedback": feedback,
            "passages": [{"set_id": s, "set_version": by_id[s].version, "article_id": a}
                         for s, a in chosen]}
    try:
        return AssignmentFile.model_validate(
            {**data, "set": embedded[0], "more_sets": embedded[1:]}, strict=False)
    except ValidationError as exc:
        raise InvalidInput(_model_problems(exc, "assignment", set())) from None


def _under(problem: Problem, prefix: str) -> Problem:
    path = problem.path or "$"
    return replace(problem, path=prefix + path[1:])


def _one_set_problems(raw: Any, file: str, prefix: str) -> list[Problem]:
    if not isinstance(raw, dict):
        return []  # pydantic names a missing or wrongly typed set
    header = _header_problems(raw, file)
    return [_in_assignment(_under(p, prefix), raw, prefix)
            for p in header or set_problems(raw, default_taxonomy(), file)]


def _in_assignment(problem: Problem, raw: dict[str, Any], prefix: str) -> Problem:
    """An embedded set's version out of range is told in an assignment's words: its reader
    cannot "raise it by one", only ask for the file again."""
    version = raw.get("version")
    if problem.path == f"{prefix}.version" and type(version) is int \
            and not 1 <= version <= MAX_STORED_INT:
        detail = (f"{version:,} is more than {MAX_STORED_INT:,}" if version > 0
                  else f"{version:,} is less than 1")
        return out_of_range(problem.file, problem.path, detail, RANGE_HINT)
    return problem


def _set_problems(data: dict[str, Any], file: str) -> list[Problem]:
    """Each embedded set checked exactly as a set file is, its paths under its own field."""
    problems = _one_set_problems(data.get("set"), file, "$.set")
    more = data.get("more_sets")
    if isinstance(more, list) and len(more) < MAX_ASSIGNMENT_SETS:  # pydantic names the rest
        for i, raw in enumerate(more):
            problems += _one_set_problems(raw, file, f"$.more_sets[{i}]")
    return problems


def _embedded_problems(assignment: AssignmentFile, file: str) -> list[Problem]:
    """Each set embedded once, and each with at least one passage."""
    problems = []
    named = {p.set_id for p in assignment.passages}
    first_path: dict[str, str] = {}
    paths = ["$.set"] + [f"$.more_sets[{i}]" for i in range(len(assignment.more_sets))]
    for path, embedded in zip(paths, assignment.sets(), strict=True):
        if embedded.id in first_path:
            problems.append(Problem(file, f"set {embedded.id!r} is embedded twice (also at "
                                          f"{first_path[embedded.id]})", path=f"{path}.id",
                                    hint="make the assignment again"))
            continue
        first_path[embedded.id] = path
        if embedded.id not in named:
            problems.append(Problem(file, f"set {embedded.id!r} is embedded but no passage "
                                          "comes from it", path=f"{path}.id",
                                    hint="make the assignment again"))
    return problems


def _passage_problems(assignment: AssignmentFile, file: str) -> list[Problem]:
    embedded = {s.id: s for s in reversed(assignment.sets())}
    problems = _embedded_problems(assignment, file)
    seen: set[tuple[str, str]] = set()
    for i, passage in enumerate(assignment.passages):
        where = f"$.passages[{i}]"
        found = embedded.get(passage.set_id)
        if found is None:
            problems.append(Problem(file, f"set {passage.set_id!r} is not embedded in the file "
                                          f"(it holds {', '.join(map(repr, embedded))})",
                                    path=f"{where}.set_id",
                                    hint="make the assignment again from the set"))
        elif passage.set_version != found.version:
            problems.append(Problem(file, f"set version {passage.set_version} is not the "
                                          f"embedded set's version {found.version}",
                                    path=f"{where}.set_version"))
        elif all(a.id != passage.article_id for a in found.articles):
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
    data = parse_tagged_json(text, file, ASSIGNMENT_TAG, ASSIGNMENT_VERSION,
                             "an assignment file", again="ask for the assignment again",
                             damaged="the file is damaged; ask for it again",
                             out_of_range=RANGE_HINT)
    problems = _set_problems(data, file)
    assignment: AssignmentFile | None = None
    try:
        assignment = AssignmentFile.model_validate_json(text)
    except ValidationError as exc:
        problems += model_problems(exc, file, RANGE_HINT, {p.path for p in problems if p.path})
    if assignment is not None and not problems:
        problems = _passage_problems(assignment, file)
    if problems or assignment is None:
        # In the order a reader meets them in the file (and safe for any field name).
        raise InvalidInput(sorted(problems, key=lambda p: document_order(data, p.path)))
    top = {k: v for k, v in data.items() if k not in ("set", "more_sets")}
    warnings = [Problem(file, "unknown field ignored", path=p, severity="warning")
                for p in _unknown_keys(AssignmentFile, top, "$")]
    return assignment, warnings


def read_assignment(path: Path) -> tuple[AssignmentFile, list[Problem]]:
    data = _read_regular_file(path, MAX_ASSIGNMENT_BYTES)
    return parse_assignment(decode_text_file(data, str(path)), str(path))


def assignment_json(assignment: AssignmentFile) -> str:
    data = assignment.header()
    data["set"] = assignment.article_set.to_data()
    if assignment.more_sets:  # left out for one set: the file is then what older versions wrote
        data["more_sets"] = [s.to_data() for s in assignment.more_sets]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_assignment(assignment: AssignmentFile, path: Path) -> None:
    write_text_atomically(assignment_json(assignment), path)


def assignment_schema() -> dict[str, Any]:
    return tagged_schema(
        AssignmentFile, ASSIGNMENT_TAG,
        "An assignment of the Media Literacy Trainer: the passages a teacher hands out, in "
        "order, with the article sets they come from embedded.", by_alias=True)


def assignment_schema_text() -> str:
    return json.dumps(assignment_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
