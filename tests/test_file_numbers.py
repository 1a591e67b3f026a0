"""A number out of range in a progress or an assignment file is told in that file's words: which
field, and that the file should be exported (or handed out) again — never the set loader's
"numbers in a set are at most …" or pydantic's "Input should be less than or equal to …"."""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_progress_file import _valid
from tests.ui.conftest import make_set
from trainer.core.assignment_file import assignment_json, make_assignment, parse_assignment
from trainer.core.errors import InvalidInput, Problem
from trainer.core.progress_file import for_teacher, parse_progress

BIG_20 = 99999999999999999999  # 20 digits: over the 64-bit limit, under the digit cap
BIG_400 = 10**400  # refused before int() would see it
SET_WORDS = ("numbers in a set", "Input should", "in a set are")


def _dumps(data: Any) -> str:
    # json.dumps of a 401-digit int needs Python's int-to-text limit lifted for the test.
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.dumps(data)
    finally:
        sys.set_int_max_str_digits(old)


def _progress_problems(data: Any) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        parse_progress(_dumps(data), "ana.mltprogress")
    return caught.value.problems


def _set(path: list[str | int], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]  # type: ignore[index]
        node[path[-1]] = value  # type: ignore[index]
    return change


def _with_note_and_drill(data: dict[str, Any]) -> dict[str, Any]:
    data["attempts"][0]["notes"] = [{"start": 0, "end": 4, "part": "text", "text": "fair"}]
    data["drills"] = [{"id": "1b5c1f9e-6d2a-4e43-9a51-3f1d2c7e8a90", "set_id": "starter",
                       "article_id": "l1-01", "text_hash": data["attempts"][0]["text_hash"],
                       "start": 0, "end": 4, "mode": "family", "technique": None,
                       "expected": "fair", "answer": "fair",
                       "answered_at": "2026-11-30T10:00:00+00:00"}]
    return data


PROGRESS_CASES = [
    (["attempts", 0, "marks", 0, "start"], BIG_400, "the start of a mark"),
    (["attempts", 0, "marks", 0, "start"], BIG_20, "the start of a mark"),
    (["attempts", 0, "marks", 0, "end"], BIG_20, "the end of a mark"),
    (["attempts", 0, "notes", 0, "start"], BIG_20, "the start of a note"),
    (["drills", 0, "end"], BIG_400, "the end of a drill sentence"),
    (["attempts", 0, "set_version"], BIG_20, "the set version"),
    (["attempts", 0, "level"], BIG_20, "the level"),
    (["attempts", 0, "scores"], {"student": {"score": BIG_400}}, "a score the file states"),
]


def _ids(cases: list[tuple[list[str | int], object, str]]) -> list[str]:
    return [".".join(map(str, path)) + ("=10**400" if value == BIG_400 else "=20 digits"
                                         if value == BIG_20 else "") for path, value, _w in cases]


@pytest.mark.parametrize(("path", "value", "words"), PROGRESS_CASES, ids=_ids(PROGRESS_CASES))
def test_progress_file_names_the_field_and_asks_for_a_new_export(
        path: list[str | int], value: object, words: str) -> None:
    data = _with_note_and_drill(_valid())
    _set(path, value)(data)
    problems = _progress_problems(data)
    [problem] = [p for p in problems if p.path and p.path.startswith(
        "$." + ".".join(f"{k}" if isinstance(k, str) else f"[{k}]" for k in path)
        .replace(".[", "["))]
    text = problem.format()
    assert not any(w in text for w in SET_WORDS), text
    assert words in problem.message and "out of range" in problem.message, text
    assert "export the progress again" in problem.hint, text
    assert len(text) < 400  # a 401-digit number is not quoted in full
    # The class report and `trainer class import` speak to the teacher.
    [teacher] = for_teacher([problem])
    assert "ask the student to export it again" in teacher.hint, teacher.format()


def test_time_spent_that_is_not_a_finite_number_is_refused() -> None:
    """1e400 reads as infinity in JSON: no file the program writes says so."""
    data = _valid()
    text = json.dumps(data).replace('"duration_s": 60.0', '"duration_s": 1e400')
    with pytest.raises(InvalidInput) as caught:
        parse_progress(text, "ana.mltprogress")
    [problem] = caught.value.problems
    assert problem.path == "$.attempts[0].duration_s"
    assert "the time spent" in problem.message and "export the progress again" in problem.hint


@settings(max_examples=40, deadline=None)
@given(value=st.integers(min_value=2**63, max_value=10**60) | st.integers(max_value=-1),
       field=st.sampled_from(["start", "end"]))
def test_any_offset_out_of_range_is_a_progress_file_problem(value: int, field: str) -> None:
    data = _valid()
    data["attempts"][0]["marks"][0][field] = value
    problems = _progress_problems(data)
    assert any(p.path == f"$.attempts[0].marks[0].{field}" for p in problems)
    for problem in problems:
        assert not any(w in problem.format() for w in SET_WORDS), problem.format()


def _assignment() -> dict[str, Any]:
    data = json.loads(assignment_json(make_assignment(make_set(), None, title="Week 4",
                                                      level=1)))
    assert isinstance(data, dict)
    return data


ASSIGNMENT_CASES = [
    (["passages", 0, "set_version"], BIG_20, "the set version"),
    (["passages", 0, "set_version"], BIG_400, "the set version"),
    (["level"], BIG_20, "the level"),
    (["set", "version"], BIG_20, "the set's version"),
    (["set", "articles", 0, "annotations", 0, "start"], BIG_400, "the start of a key phrase"),
]


@pytest.mark.parametrize(("path", "value", "words"), ASSIGNMENT_CASES,
                         ids=_ids(ASSIGNMENT_CASES))
def test_assignment_file_names_the_field_and_asks_for_it_again(
        path: list[str | int], value: object, words: str) -> None:
    data = copy.deepcopy(_assignment())
    _set(path, value)(data)
    with pytest.raises(InvalidInput) as caught:
        parse_assignment(_dumps(data), "week4.mltassignment")
    texts = [p.format() for p in caught.value.problems]
    [problem] = [p for p in caught.value.problems if words in p.message]
    assert not any(w in t for t in texts for w in SET_WORDS), texts
    assert "out of range" in problem.message
    assert "ask for the assignment again" in problem.hint, problem.format()


def test_class_import_cli_names_the_field(tmp_path: Path) -> None:
    """As the teacher meets it: `trainer class import` on a student's file."""
    from tests.test_cli_worksheet import trainer

    data = _valid()
    data["attempts"][0]["marks"][0]["start"] = BIG_20
    bad = tmp_path / "ana.mltprogress"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = trainer(tmp_path / "home", "class", "import", str(bad))
    assert result.returncode == 1
    [line] = [x for x in result.stderr.splitlines() if "ana.mltprogress" in x]
    assert "$.attempts[0].marks[0].start" in line and "the start of a mark" in line, line
    assert "ask the student to export it again" in line and "Input should" not in line, line
