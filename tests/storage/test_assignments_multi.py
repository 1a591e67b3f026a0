"""Assignments drawn from several sets: the file embeds each set once ("set", then the optional
"more_sets"), the reader checks every embedded set and passage, a student's store imports
every set in one transaction, and `trainer assignment make` takes --set more than once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from storage_helpers import dump_database, run_cli, small_set

from trainer.core.assignment_file import (
    AssignmentFile,
    assignment_json,
    assignment_schema_text,
    make_assignment,
    make_assignment_from,
    parse_assignment,
    read_assignment,
)
from trainer.core.errors import InvalidInput
from trainer.core.jsonset import write_json_set
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.service import Store

PASSAGES = [("other", "heroes"), ("demo", "secret-plan"), ("other", "library-hours")]


def _two_sets() -> AssignmentFile:
    return make_assignment_from([small_set(), small_set(set_id="other")], PASSAGES,
                                title="Week 4", level=1, teacher="Mr Okafor",
                                due=date(2027, 1, 15), feedback="each")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(assignment_json(_two_sets()))
    return data


def _messages(data: dict[str, Any]) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_assignment(json.dumps(data), "week4.mltassignment")
    return "\n".join(p.format() for p in caught.value.problems)


def test_two_sets_round_trip_in_order() -> None:
    data = _data()
    assert data["set"]["id"] == "other" and [s["id"] for s in data["more_sets"]] == ["demo"]
    assert [a["id"] for a in data["set"]["articles"]] == ["heroes", "library-hours"]
    assert [a["id"] for a in data["more_sets"][0]["articles"]] == ["secret-plan"]
    assignment, warnings = parse_assignment(json.dumps(data), "week4.mltassignment")
    assert warnings == []
    assert [(p.set_id, p.article_id) for p in assignment.passages] == PASSAGES
    assert [s.id for s in assignment.sets()] == ["other", "demo"]
    jsonschema.Draft202012Validator(json.loads(assignment_schema_text())).validate(data)


def test_one_set_files_have_no_more_sets_field() -> None:
    """Files with one set are exactly what earlier versions wrote and read."""
    one = json.loads(assignment_json(make_assignment(small_set(), ["heroes"], title="T",
                                                     level=1)))
    assert "more_sets" not in one
    old_reader_keys = {"format", "format_version", "program_version", "id", "title",
                       "teacher", "created_at", "due", "level", "feedback", "passages", "set"}
    assert set(one) == old_reader_keys


def test_problems_in_a_further_set_are_named_under_more_sets() -> None:
    data = _data()
    data["more_sets"][0]["articles"][0]["annotations"][0]["end"] = 10_000
    data["more_sets"][0]["format_version"] = 99
    data["set"]["articles"][0]["annotations"][0]["end"] = 10_000
    messages = _messages(data)
    assert "$.more_sets[0].format_version" in messages
    assert "$.set.articles[0].annotations[0]" in messages


def test_passages_must_name_an_embedded_set_at_its_version() -> None:
    data = _data()
    data["passages"].append({"set_id": "elsewhere", "set_version": 1, "article_id": "x"})
    data["passages"][1]["set_version"] = 2
    messages = _messages(data)
    assert "$.passages[3].set_id: set 'elsewhere' is not embedded" in messages
    assert "$.passages[1].set_version: set version 2 is not the embedded set's version 1" \
        in messages


def test_a_set_embedded_twice_or_unused_is_refused() -> None:
    data = _data()
    data["more_sets"].append(data["more_sets"][0])
    unused = json.loads(json.dumps(data["more_sets"][0]))
    unused["id"] = "unused"
    data["more_sets"].append(unused)
    messages = _messages(data)
    assert "$.more_sets[1].id: set 'demo' is embedded twice (also at $.more_sets[0])" \
        in messages
    assert "$.more_sets[2].id: set 'unused' is embedded but no passage comes from it" \
        in messages


def test_more_sets_must_be_a_list_of_sets() -> None:
    data = _data() | {"more_sets": {"id": "demo"}}
    assert "$.more_sets" in _messages(data)


def test_making_from_an_unknown_set_or_nothing_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no article set 'nope'"):
        make_assignment_from([small_set()], [("nope", "heroes")], title="T", level=1)
    with pytest.raises(InvalidInput, match="no passages chosen"):
        make_assignment_from([small_set()], [], title="T", level=1)


def test_student_opens_it_every_set_is_imported_attempts_carry_the_id(store: Store) -> None:
    assignment = _two_sets()
    profile = store.profiles.create("Ana").id
    reports = store.assignments.add(assignment)
    assert sorted(r.set_id for r in reports) == ["demo", "other"]
    assert {s.id: s.article_count for s in store.library.list_sets()} == {"demo": 1, "other": 2}
    assert store.assignments.add(assignment) == []  # opening twice changes nothing
    info = store.assignments.get(profile, assignment.id)
    assert [(p.set_id, p.article_id) for p in info.passages] == PASSAGES
    first = info.next_passage()
    assert first is not None and first.revision_id is not None
    store.practice.submit(profile, first.revision_id, [], mode="family",
                          started_at=datetime.now(UTC), assignment_id=assignment.id, level=1)
    assert store.assignments.get(profile, assignment.id).done == 1
    (attempt,) = store.progress.export_file(profile).attempts
    assert (attempt.assignment_id, attempt.set_id) == (assignment.id, "other")


def test_a_set_already_there_at_the_same_version_is_fine(store: Store) -> None:
    store.library.import_set(small_set())
    reports = store.assignments.add(_two_sets())
    assert [r.set_id for r in reports] == ["other"]
    assert {s.id: s.article_count for s in store.library.list_sets()} == {"demo": 3, "other": 2}


def test_a_set_that_cannot_be_used_changes_nothing(store: Store, db_path: Path) -> None:
    newer = small_set(version=2)
    store.library.import_set(newer.model_copy(update={"articles": newer.articles[1:]}))
    before = dump_database(db_path)
    with pytest.raises(StoreError, match="lacks secret-plan"):
        store.assignments.add(_two_sets())  # "other" comes first and would import fine
    assert dump_database(db_path) == before


def test_removed_set_leaves_the_library_and_keeps_attempts(store: Store) -> None:
    store.library.import_set(small_set())
    profile = store.profiles.create("Ana").id
    entry = store.library.entries(profile)[0]
    store.practice.submit(profile, entry.revision_id, [], mode="family",
                          started_at=datetime.now(UTC))
    assert store.library.remove_set("demo") == 3
    assert store.library.list_sets() == [] and store.library.entries(profile) == []
    assert len(store.progress.history(profile)) == 1
    assert store.library.article(entry.revision_id).article.text  # the exact text is kept
    with pytest.raises(NotFoundError):
        store.library.remove_set("demo")
    with pytest.raises(NotFoundError):
        store.library.export_set("demo")
    report = store.library.import_set(small_set())  # the same version comes back
    assert report.added == 3
    assert store.library.list_sets()[0].article_count == 3
    assert store.library.entries(profile)[0].best_f1 is not None  # earlier work still counts


def test_an_assignment_brings_a_removed_set_back(store: Store) -> None:
    store.library.import_set(small_set())
    store.library.remove_set("demo")
    store.assignments.add(_two_sets())
    assert {s.id: s.article_count for s in store.library.list_sets()} == {"demo": 1, "other": 2}


def test_cli_make_with_two_sets(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for set_id in ("demo", "other"):
        write_json_set(small_set(set_id=set_id), tmp_path / f"{set_id}.json")
        run_cli("import", str(tmp_path / f"{set_id}.json"), home=home, check=True)
    out = tmp_path / "week4.mltassignment"
    made = run_cli("assignment", "make", "--set", "demo", "--set", "other", "--articles",
                   "other/heroes,demo/secret-plan,other/library-hours", "--title", "Week 4",
                   "--level", "1", "-o", str(out), home=home, check=True)
    assert "3 passages from 'other', 'demo'" in made.stdout
    assignment, _ = read_assignment(out)
    assert [(p.set_id, p.article_id) for p in assignment.passages] == PASSAGES
    bare = run_cli("assignment", "make", "--set", "demo", "--set", "other", "--articles",
                   "heroes", "--title", "T", "--level", "1", "-o", str(tmp_path / "x"),
                   home=home)
    assert bare.returncode == 1 and "write SET/ARTICLE" in bare.stderr
    every = run_cli("assignment", "make", "--set", "demo", "--set", "other", "--title", "T",
                    "--level", "1", "-o", str(tmp_path / "all.mltassignment"), home=home,
                    check=True)
    assert "6 passages" in every.stdout
