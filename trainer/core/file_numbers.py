"""Numbers out of range in a progress or an assignment file, told in that file's words.

The set loader speaks to a teacher editing a set ("numbers in a set are at most …"), and
pydantic to a programmer ("Input should be less than or equal to 9223372036854775807"). A
progress or assignment file is written by the program: a number out of range in it means the
file was damaged or changed by hand, and the way out is a fresh copy. So the message names the
field in words (its JSON path is shown too) and the hint says to export it, or ask for it,
again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from pydantic import ValidationError

from trainer.core.errors import Problem

# Pydantic's error types for a number outside its field's bounds (or not finite).
RANGE_ERRORS = frozenset({"less_than_equal", "greater_than_equal", "less_than", "greater_than",
                          "finite_number"})

# What a field is, by (the list it is in, its key); "" for a field outside any list.
_FIELDS = {
    ("marks", "start"): "the start of a mark", ("marks", "end"): "the end of a mark",
    ("notes", "start"): "the start of a note", ("notes", "end"): "the end of a note",
    ("drills", "start"): "the start of a drill sentence",
    ("drills", "end"): "the end of a drill sentence",
    ("annotations", "start"): "the start of a key phrase",
    ("annotations", "end"): "the end of a key phrase",
    ("attempts", "set_version"): "the set version", ("passages", "set_version"): "the set version",
    ("attempts", "level"): "the level", ("", "level"): "the level",
    ("attempts", "duration_s"): "the time spent",
    ("articles", "level"): "the level of a passage", ("", "version"): "the set's version",
}
_PART = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")


def field_words(path: str) -> str:
    """A field named for a reader: "$.attempts[0].marks[1].start" → "the start of a mark"."""
    tokens = [(key, index) for key, index in _PART.findall(path)]
    keys = [key for key, _index in tokens if key]
    if "scores" in keys:
        return "a score the file states"
    if not keys:
        return "a number"
    # The list the field's object sits in: the last key followed by an index.
    owner = next((tokens[i][0] for i in range(len(tokens) - 2, -1, -1)
                  if tokens[i][0] and tokens[i + 1][1]), "")
    if owner in ("more_sets",):  # an embedded set's own fields read as a set's
        owner = ""
    key = keys[-1]
    return _FIELDS.get((owner, key)) or _FIELDS.get(("", key)) or f"the field “{key}”"


def _detail(kind: str, value: object, limit: object) -> str:
    """What is wrong with the value, without quoting a number too long to read."""
    if kind == "finite_number" or (isinstance(value, float) and not math.isfinite(value)):
        return "not a finite number"
    shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) \
        else repr(value)
    bound = f"{limit:,}" if isinstance(limit, int) and not isinstance(limit, bool) \
        else repr(limit)
    return {"less_than_equal": f"{shown} is more than {bound}",
            "less_than": f"{shown} is not less than {bound}",
            "greater_than_equal": f"{shown} is less than {bound}",
            "greater_than": f"{shown} is not more than {bound}"}.get(kind, shown)


def out_of_range(file: str, path: str, detail: str, hint: str) -> Problem:
    return Problem(file, f"number out of range for {field_words(path)}: {detail}", path=path,
                   hint=hint)


def long_number(file: str, path: str, digits: int, hint: str) -> Problem:
    """A number with more digits than any field may hold (refused before int() reads it)."""
    return out_of_range(file, path, f"a number with {digits:,} digits", hint)


def range_problems(exc: ValidationError, file: str, hint: str) -> list[Problem]:
    """Pydantic's out-of-range errors as Problems in the file's words."""
    problems = []
    for err in exc.errors():
        if err["type"] not in RANGE_ERRORS:
            continue
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
        ctx = err.get("ctx", {})
        limit = next((ctx[k] for k in ("le", "lt", "ge", "gt") if k in ctx), None)
        problems.append(out_of_range(file, path, _detail(err["type"], err.get("input"), limit),
                                     hint))
    return problems


def without_paths(problems: Iterable[Problem], paths: set[str]) -> list[Problem]:
    """`problems` except those at `paths` (told better by range_problems)."""
    return [p for p in problems if p.path not in paths]
