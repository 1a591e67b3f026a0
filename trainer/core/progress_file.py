"""The progress file (DESIGN §4): what a student hands in, and what moves a student's progress
to another laptop. One UTF-8 JSON file; `resources/schema/progress.schema.json` is generated
from the model here (`python -m trainer.core.schema`).

Reading reports every problem at once (field paths), ignores unknown keys with a warning, and
refuses files from a newer format version without touching anything.
"""

from __future__ import annotations

import hashlib
import json
import math
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.file_numbers import long_number, range_problems, without_paths
from trainer.core.fileout import write_text_atomically
from trainer.core.jsonset import (
    _model_problems,
    decode_text_file,
    document_order,
    parse_json_text,
)
from trainer.core.limits import MAX_STORED_INT

PROGRESS_TAG: Final = "trainer.progress"
PROGRESS_VERSION: Final = 1
MAX_PROGRESS_BYTES = 50 * 1024 * 1024
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
HASH_PATTERN = r"^sha256:[0-9a-f]{64}$"
# The store keeps 64-bit integers; offsets and versions beyond this are refused here. The
# same limit as an article set's, so a progress file can name any set version that imports.
MAX_INT = MAX_STORED_INT

Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]
Offset = Annotated[int, Field(ge=0, le=MAX_INT)]
Part = Literal["text", "title"]
Mode = Literal["any", "family", "technique"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class ProgressProfile(_Record):
    id: Uuid
    name: str = Field(min_length=1, max_length=200)
    student_code: str | None = Field(None, max_length=200)


class ProgressMark(_Record):
    start: Offset
    end: Offset
    label: str = Field("", max_length=128, description="Empty: counts in `any` mode only.")
    part: Part = "text"


class ProgressNote(_Record):
    """A student's "I disagree" note on a verdict."""

    start: Offset
    end: Offset
    part: Part = "text"
    text: str = Field(max_length=5000)


class ProgressAttempt(_Record):
    id: Uuid
    set_id: str = Field(min_length=1, max_length=128)
    set_version: int = Field(ge=1, le=MAX_INT)
    article_id: str = Field(min_length=1, max_length=128)
    text_hash: Annotated[str, Field(pattern=HASH_PATTERN,
                                    description="sha256 of title, a line feed, and the text")]
    level: int = Field(ge=1, le=3)
    mode: Mode
    assignment_id: str | None = None
    started_at: AwareDatetime
    submitted_at: AwareDatetime
    duration_s: float = Field(ge=0, allow_inf_nan=False)
    nothing_to_flag: bool = False
    marks: list[ProgressMark] = Field(default_factory=list, max_length=10_000)
    notes: list[ProgressNote] = Field(default_factory=list, max_length=1_000)
    scores: dict[str, Any] = Field(default_factory=dict,
                                   description="Informational; readers recompute from marks.")


class ProgressDrill(_Record):
    """One quick-drill answer: a single sentence of an article, answered with a label or
    "fair" (docs/FORMATS.md)."""

    id: Uuid
    set_id: str = Field(min_length=1, max_length=128)
    article_id: str = Field(min_length=1, max_length=128)
    text_hash: Annotated[str, Field(pattern=HASH_PATTERN)]
    start: Offset
    end: Offset
    mode: Mode
    technique: str | None = Field(None, max_length=128,
                                  description="The key span's technique; null: a fair sentence.")
    expected: str = Field(min_length=1, max_length=128)
    answer: str = Field(min_length=1, max_length=128)
    answered_at: AwareDatetime


class ProgressFile(_Record):
    format: Literal["trainer.progress"] = PROGRESS_TAG
    format_version: Literal[1] = PROGRESS_VERSION
    program_version: str = ""
    exported_at: AwareDatetime
    profile: ProgressProfile
    attempts: list[ProgressAttempt] = Field(default_factory=list, max_length=1_000_000)
    drills: list[ProgressDrill] = Field(default_factory=list, max_length=1_000_000)


def text_hash(title: str, text: str) -> str:
    """Names exactly what the student saw: SHA-256 over title, a line feed, and the text."""
    return "sha256:" + hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _unknown_keys(model: type[BaseModel], data: Any, path: str) -> Iterator[str]:
    """JSON paths of keys the model does not know (ignored, but the reader is told)."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            yield f"{path}.{key}"
            continue
        inner = field.annotation
        args = getattr(inner, "__args__", ())
        child = next((a for a in (inner, *args)
                      if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if child is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value[:1000]):
                yield from _unknown_keys(child, item, f"{path}.{key}[{i}]")
        else:
            yield from _unknown_keys(child, value, f"{path}.{key}")


# A number out of range: the program never writes one, so the file was damaged or edited.
RANGE_HINT = "the file was damaged or changed by hand; export the progress again"


def model_problems(exc: ValidationError, file: str, hint: str,
                   reported: set[str] | None = None) -> list[Problem]:
    """Pydantic's problems with a program-written file: numbers out of range in the file's
    words (trainer.core.file_numbers, with `hint`), the rest as for a set; a range problem
    at a path in `reported` (already told by the set checks) is left out."""
    reported = reported or set()
    ranges = [p for p in range_problems(exc, file, hint) if p.path not in reported]
    told = {p.path for p in ranges if p.path}
    return [*ranges, *without_paths(_model_problems(exc, file, reported), told)]


def parse_progress(text: str, file: str) -> tuple[ProgressFile, list[Problem]]:
    """(the file, warnings); raises InvalidInput with every problem when it cannot be used."""
    data = parse_tagged_json(text, file, PROGRESS_TAG, PROGRESS_VERSION, "a progress file",
                             again="export the progress again",
                             damaged="the file is damaged; export it again",
                             out_of_range=RANGE_HINT)
    try:
        progress = ProgressFile.model_validate_json(text)  # JSON mode: ISO dates are read
    except ValidationError as exc:
        problems = model_problems(exc, file, RANGE_HINT)
        # In the order a reader meets them in the file.
        raise InvalidInput(sorted(problems, key=lambda p: document_order(data, p.path))) \
            from None
    problems = []
    for i, attempt in enumerate(progress.attempts):
        where = f"$.attempts[{i}]"
        if attempt.submitted_at < attempt.started_at:
            problems.append(Problem(file, "submitted before it was started",
                                    path=f"{where}.submitted_at"))
        problems += [Problem(file, "a mark ends before it starts", path=f"{where}.marks[{j}]")
                     for j, mark in enumerate(attempt.marks) if mark.end <= mark.start]
    ids = [a.id.lower() for a in progress.attempts]
    if len(set(ids)) != len(ids):
        problems.append(Problem(file, "the same attempt id occurs twice", path="$.attempts",
                                hint="the file was edited by hand or damaged"))
    if problems:
        raise InvalidInput(problems)
    warnings = [Problem(file, "unknown field ignored", path=p, severity="warning")
                for p in _unknown_keys(ProgressFile, data, "$")]
    return progress, warnings


def _read_regular_file(path: Path, limit: int) -> bytes:
    """Only a regular file is read (never a FIFO or a device), and never more than `limit`."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput([Problem(str(path), "not a regular file",
                                        hint="choose the progress file itself")])
        if info.st_size > limit:
            raise InvalidInput([Problem(
                str(path), f"file is {info.st_size:,} bytes, more than the "
                           f"{limit // (1024 * 1024)} MB a progress file may have",
                hint="this is not a progress file, or it is damaged")])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidInput([Problem(str(path), f"cannot read file: {exc.strerror}")]) from None
    if len(data) > limit:
        raise InvalidInput([Problem(str(path), "file grew while it was read")])
    return data


def read_progress(path: Path) -> tuple[ProgressFile, list[Problem]]:
    data = _read_regular_file(path, MAX_PROGRESS_BYTES)
    return parse_progress(decode_text_file(data, str(path)), str(path))


# A teacher collecting a class's files does not repair JSON: a file that cannot be read as a
# progress file at all is named with what to do, in the teacher's words, instead of the
# reader's words for someone editing it (JSON paths, parser messages, line:column). The class
# window translates these sentences (ui/teacher/class_report/words.py), so they are constants;
# `trainer validate` and the student's own import keep the reader's words.
TEACHER_NEWER = "saved by a newer version of the trainer: update the program on this computer"
TEACHER_CUT = "the file is cut short or damaged"  # + " at line N"
TEACHER_AGAIN = "ask the student to export it again"
TEACHER_DAMAGED = "the file is damaged or is not a progress file"
TEACHER_EMPTY = "the file is empty"
TEACHER_OTHER = "leave it out, or ask the student for their progress file"
_NEWER = "made by a newer version of the program"
# json stops at the end of the text inside a string or before a closing bracket: the file was
# cut short (a USB stick pulled out while it was written), not edited.
_CUT = ("not valid JSON: the file ends too early", "not valid JSON: Unterminated string")
_DAMAGED = ("not valid", "not a UTF-8", "not a progress file")
TEACHER_RANGE_HINT = "the file was damaged or changed by hand — ask the student to export it again"


def _for_teacher(problem: Problem) -> Problem:
    message, severity = problem.message, problem.severity
    if message.startswith(_NEWER):
        return Problem(problem.file, TEACHER_NEWER, severity=severity)
    if message.startswith(_CUT):
        at = f" at line {problem.line}" if problem.line is not None else ""
        return Problem(problem.file, f"{TEACHER_CUT}{at}: {TEACHER_AGAIN}", severity=severity)
    if message == "file is empty":
        return Problem(problem.file, f"{TEACHER_EMPTY}: {TEACHER_AGAIN}", severity=severity)
    if message.startswith("not a progress file (its format is"):
        # Another of the program's files (a set, an assignment) in the class folder: named.
        return Problem(problem.file, f"{message}: {TEACHER_OTHER}", severity=severity)
    if message.startswith(_DAMAGED):
        return Problem(problem.file, f"{TEACHER_DAMAGED}: {TEACHER_AGAIN}", severity=severity)
    if problem.hint == RANGE_HINT:
        return Problem(problem.file, message, line=problem.line, col=problem.col,
                       path=problem.path, hint=TEACHER_RANGE_HINT, severity=severity)
    return problem


def for_teacher(problems: list[Problem]) -> list[Problem]:
    """`problems` of read_progress as a class import reports them (the window, `trainer class
    import` and `trainer class-report`)."""
    return [p if p.is_warning else _for_teacher(p) for p in problems]


def progress_json(progress: ProgressFile) -> str:
    return json.dumps(progress.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def write_progress(progress: ProgressFile, path: Path) -> None:
    write_text_atomically(progress_json(progress), path)


def parse_tagged_json(text: str, file: str, tag: str, version: int, name: str, again: str,
                      damaged: str, out_of_range: str) -> dict[str, Any]:
    """The parsed object of a tagged file (progress, assignment) once its header is one this
    program reads: not empty, JSON, the right `format`, a `format_version` not newer than
    `version`. `name` is what the file is ("a progress file"); `again`, `damaged` and
    `out_of_range` are the hints for an empty file, a damaged one and one holding a number
    too long to read."""
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty", hint=again)])
    try:
        data = parse_json_text(
            text, file, lambda where, path, digits: long_number(where, path, digits,
                                                                out_of_range))
    except ValueError:  # a number too long to convert (over 4,300 digits)
        raise InvalidInput([Problem(file, f"not {name}: it holds a number with thousands of "
                                          "digits", hint=damaged)]) from None
    if not isinstance(data, dict) or data.get("format") != tag:
        found = data.get("format") if isinstance(data, dict) else None
        raise InvalidInput([Problem(
            file, f"not {name}" + (f" (its format is {found!r})" if found else ""),
            path="$.format", hint=f'{name} starts with "format": "{tag}"')])
    stated = data.get("format_version")
    if isinstance(stated, int) and not isinstance(stated, bool) and stated > version:
        kind = name.split(" ")[1]
        raise InvalidInput([Problem(
            file, f"made by a newer version of the program ({kind} format {stated}; this "
                  f"version reads {version})", path="$.format_version",
            hint="update the program on this computer, then try again")])
    return data


def tagged_schema(model: type[BaseModel], tag: str, description: str,
                  **options: Any) -> dict[str, Any]:
    """A model's JSON Schema that, like the readers, insists on the format tag and version."""
    schema = model.model_json_schema(**options)
    schema["required"] = ["format", "format_version",
                          *[r for r in schema.get("required", [])
                            if r not in ("format", "format_version")]]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:{tag}:schema", **schema, "description": description}


def progress_schema() -> dict[str, Any]:
    return tagged_schema(
        ProgressFile, PROGRESS_TAG,
        "A student's progress file of the Media Literacy Trainer (what a student hands in, or "
        "moves to another computer). Dates are ISO 8601 with a time zone; offsets count "
        "Unicode code points.")


def progress_schema_text() -> str:
    return json.dumps(progress_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


SCORE_TOLERANCE = 1e-6


def stated_scores_disagree(stated: object, computed: dict[str, dict[str, float]]) -> bool:
    """True when a progress file states research scores that differ from the ones computed
    again from its marks (the file's scores are never trusted)."""
    if not isinstance(stated, dict):
        return False
    for mode, numbers in stated.items():
        if mode not in computed or not isinstance(numbers, dict):
            continue
        for name, value in numbers.items():
            if name in computed[mode] and (
                    not isinstance(value, int | float) or isinstance(value, bool)
                    or not math.isclose(float(value), computed[mode][name],
                                        abs_tol=SCORE_TOLERANCE)):
                return True
    return False


def stated_student_disagrees(stated: object, computed: Mapping[str, object]) -> bool:
    """True when a progress file states a student score (`scores.student`, in the attempt's
    mode) whose numbers differ from the ones computed again from its marks. A stated score in
    another mode than the computed one cannot be compared and is left alone."""
    if not isinstance(stated, dict):
        return False
    if "mode" in stated and stated["mode"] != computed.get("mode"):
        return False
    for name, value in stated.items():
        expected = computed.get(name)
        if name == "mode" or not isinstance(expected, int | float):
            continue
        if (not isinstance(value, int | float) or isinstance(value, bool)
                or not math.isclose(float(value), float(expected), abs_tol=SCORE_TOLERANCE)):
            return True
    return False
