"""Assignment files: the reader refuses bad input with clear messages; `trainer assignment
make` writes a file that validates; opening one imports its set and attempts carry its id."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from storage_helpers import run_cli, small_set

from trainer.core.assignment_file import (
    assignment_json,
    assignment_schema_text,
    make_assignment,
    parse_assignment,
    read_assignment,
)
from trainer.core.errors import InvalidInput
from trainer.core.jsonset import write_json_set
from trainer.core.model import ArticleSet
from trainer.core.resources import resource_path
from trainer.storage.errors import StoreError
from trainer.storage.service import Store


def _valid() -> dict[str, Any]:
    made = make_assignment(small_set(), ["heroes", "secret-plan"], title="Week 3",
                           level=2, teacher="Ms Rivera", due=date(2026, 12, 18),
                           feedback="end")
    data: dict[str, Any] = json.loads(assignment_json(made))
    return data


def _messages(data: Any) -> list[str]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(InvalidInput) as caught:
        parse_assignment(text, "week3.json")
    assert all(p.file == "week3.json" for p in caught.value.problems)
    return [p.format() for p in caught.value.problems]


def test_round_trip_keeps_order_and_only_the_chosen_articles() -> None:
    data = _valid()
    assignment, warnings = parse_assignment(json.dumps(data), "week3.json")
    assert warnings == []
    assert [p.article_id for p in assignment.passages] == ["heroes", "secret-plan"]
    assert [a.id for a in assignment.article_set.articles] == ["heroes", "secret-plan"]
    assert assignment.due == date(2026, 12, 18) and assignment.feedback == "end"
    assert assignment.level == 2 and assignment.teacher == "Ms Rivera"


def test_committed_schema_matches_model_and_accepts_the_file() -> None:
    path = resource_path("schema", "assignment.schema.json")
    assert path.read_text(encoding="utf-8") == assignment_schema_text(), (
        "run `python -m trainer.core.schema`")
    schema = json.loads(assignment_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_valid())


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01garbage", "{\"format\": ", "[1, 2]",
                                  "{\"format\": \"trainer.progress\"}", "1" * 5000])
def test_garbage_is_refused_with_the_file_name(text: str) -> None:
    assert _messages(text)


def test_newer_format_version_is_refused() -> None:
    data = _valid() | {"format_version": 2}
    (message,) = _messages(data)
    assert "newer version" in message and "update the program" in message


def test_missing_fields_are_all_reported() -> None:
    data = _valid()
    for key in ("id", "title", "level", "passages"):
        del data[key]
    messages = "\n".join(_messages(data))
    for key in ("id", "title", "level", "passages"):
        assert f"$.{key}: required field is missing" in messages


def test_problems_in_the_embedded_set_are_named_under_set() -> None:
    data = _valid()
    data["set"]["articles"][0]["annotations"][0]["end"] = 10_000
    data["level"] = 4
    data["due"] = "18/12/2026"
    messages = "\n".join(_messages(data))
    assert "$.set.articles[0].annotations[0]" in messages
    assert "$.level" in messages and "$.due" in messages


def test_passages_must_be_in_the_embedded_set() -> None:
    data = _valid()
    data["passages"].append({"set_id": "demo", "set_version": 1, "article_id": "nope"})
    data["passages"].append(dict(data["passages"][0]))
    messages = "\n".join(_messages(data))
    assert "$.passages[2].article_id: article 'nope' is not in the embedded set" in messages
    assert "$.passages[3]: the same passage occurs twice" in messages


def test_unknown_keys_are_warned_not_refused() -> None:
    data = _valid() | {"colour": "red"}
    _assignment, warnings = parse_assignment(json.dumps(data), "week3.json")
    assert [w.path for w in warnings] == ["$.colour"]


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not a regular file"):
        read_assignment(tmp_path)


def test_unknown_article_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no article 'nope'"):
        make_assignment(small_set(), ["nope"], title="T", level=1)


def test_opening_imports_the_set_and_attempts_carry_the_id(store: Store) -> None:
    assignment, _ = parse_assignment(json.dumps(_valid()), "week3.json")
    profile = store.profiles.create("Ana").id
    store.assignments.add(assignment)
    store.assignments.add(assignment)  # opening twice changes nothing
    (info,) = store.assignments.list(profile)
    assert (info.done, info.total, info.level, info.feedback) == (0, 2, 2, "end")
    first = info.next_passage()
    assert first is not None and first.article_id == "heroes" and first.revision_id is not None
    store.practice.submit(profile, first.revision_id, [], mode="family",
                          started_at=datetime.now(UTC), assignment_id=assignment.id, level=2)
    info = store.assignments.get(profile, assignment.id)
    assert info.done == 1
    after = info.next_passage(first.revision_id)
    assert after is not None and after.article_id == "secret-plan"
    attempts = store.progress.export_file(profile).attempts
    assert [(a.assignment_id, a.level) for a in attempts] == [(assignment.id, 2)]


def test_library_with_the_whole_set_keeps_it(store: Store) -> None:
    store.library.import_set(small_set())
    assignment, _ = parse_assignment(json.dumps(_valid()), "week3.json")
    assert store.assignments.add(assignment) == []
    assert store.library.list_sets()[0].article_count == 3


def test_newer_subset_keeps_the_other_articles(store: Store) -> None:
    store.library.import_set(small_set())
    newer = make_assignment(small_set(version=2, changed=True), ["secret-plan"], title="T",
                            level=1)
    store.assignments.add(newer)
    (info,) = store.library.list_sets()
    assert (info.version, info.article_count) == (2, 3)


def test_library_lacking_an_article_is_told(store: Store) -> None:
    store.library.import_set(small_set(version=2))
    older = make_assignment(ArticleSet.model_validate(
        small_set(extra=True).model_dump() | {"version": 2}), ["extra"], title="T", level=1)
    with pytest.raises(StoreError, match="lacks extra"):
        store.assignments.add(older)
    assert store.settings.get("assignment." + older.id) is None


def test_cli_make_writes_a_file_that_validates(tmp_path: Path) -> None:
    home = tmp_path / "home"
    set_file = tmp_path / "demo.json"
    write_json_set(small_set(), set_file)
    run_cli("import", str(set_file), home=home, check=True)
    out = tmp_path / "week3.assignment.json"
    made = run_cli("assignment", "make", "--set", "demo", "--articles", "heroes,secret-plan",
                   "--title", "Week 3", "--level", "2", "--due", "2026-12-18",
                   "--feedback", "end", "--teacher", "Ms Rivera", "-o", str(out),
                   home=home, check=True)
    assert "2 passages" in made.stdout
    assignment, warnings = read_assignment(out)
    assert warnings == [] and assignment.title == "Week 3"
    assert [a.id for a in assignment.article_set.articles] == ["heroes", "secret-plan"]
    jsonschema.Draft202012Validator(json.loads(assignment_schema_text())).validate(
        json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("args", "expected"), [
    (("--set", "nope"), "no article set 'nope'"),
    (("--set", "demo", "--articles", "heroes,nope"), "no article 'nope'"),
])
def test_cli_unknown_set_or_article_exits_1(tmp_path: Path, args: tuple[str, ...],
                                            expected: str) -> None:
    home = tmp_path / "home"
    set_file = tmp_path / "demo.json"
    write_json_set(small_set(), set_file)
    run_cli("import", str(set_file), home=home, check=True)
    out = tmp_path / "a.json"
    result = run_cli("assignment", "make", *args, "--title", "T", "--level", "1", "-o",
                     str(out), home=home)
    assert result.returncode == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
