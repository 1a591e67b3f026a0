"""Moving progress between two computers: export, import, merge by UUID, bad files."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import dump_database, run_cli, small_set

from trainer.core.errors import InvalidInput
from trainer.core.progress_file import read_progress, text_hash, write_progress
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import StoreError
from trainer.storage.service import Store

STARTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _laptop(folder: Path) -> Store:
    store = Store.open(sqlite_url(folder / 'trainer.sqlite3'), daily=False)
    store.library.import_set(small_set())
    return store


def _practise(store: Store, name: str = "Ana") -> str:
    ana = store.profiles.create(name)
    entries = {e.article_id: e for e in store.library.entries(ana.id)}
    store.practice.submit(ana.id, entries["secret-plan"].revision_id,
                          [Span(14, 22, "loaded-language"), Span(50, 60, "framing")],
                          mode="family", started_at=STARTED)
    store.practice.submit(ana.id, entries["library-hours"].revision_id, [], mode="technique",
                          started_at=STARTED + timedelta(minutes=3), nothing_to_flag=True)
    return ana.id


def test_round_trip_between_two_data_folders(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        ana = _practise(school)
        exported = school.progress.export_file(ana)
        school_history = school.progress.history(ana)
    write_progress(exported, tmp_path / "ana.json")
    loaded, warnings = read_progress(tmp_path / "ana.json")
    assert warnings == []
    assert loaded == exported
    assert {a.text_hash for a in loaded.attempts} >= {
        text_hash("A secret plan", small_set().articles[0].text)}
    with _laptop(tmp_path / "home") as home:
        report = home.progress.import_file(loaded)
        assert report.created_profile and report.added == 2 and report.kept == []
        assert report.disagreements == []
        assert report.profile_id == ana
        history = home.progress.history(ana)
        assert [(h.attempt_id, h.f1, h.mode) for h in history] == [
            (h.attempt_id, h.f1, h.mode) for h in school_history]
        before = dump_database(tmp_path / "home" / "trainer.sqlite3")
        again = home.progress.import_file(loaded)
        assert (again.added, again.already_present) == (0, 2)
        assert dump_database(tmp_path / "home" / "trainer.sqlite3") == before
        # What moved can move on: the re-export carries the same attempts.
        assert [a.id for a in home.progress.export_file(ana).attempts] == [
            a.id for a in exported.attempts]


def test_attempts_on_missing_articles_are_kept_and_exported_again(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        exported = school.progress.export_file(_practise(school))
    with Store.open(sqlite_url(tmp_path / 'empty.sqlite3'), daily=False) as empty:
        report = empty.progress.import_file(exported)
        assert report.added == 0
        assert sorted(report.kept) == ["demo/library-hours", "demo/secret-plan"]
        again = empty.progress.export_file(report.profile_id)
        assert again.attempts == exported.attempts
        assert empty.progress.import_file(exported).already_present == 2


def test_edited_scores_are_recomputed_and_flagged(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        exported = school.progress.export_file(_practise(school))
    data = json.loads(exported.model_dump_json())
    data["attempts"][0]["scores"]["research"]["family"]["f1"] = 1.0
    (tmp_path / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    edited, _ = read_progress(tmp_path / "edited.json")
    with _laptop(tmp_path / "home") as home:
        report = home.progress.import_file(edited)
        assert report.disagreements == [data["attempts"][0]["id"]]
        stored = {h.attempt_id: h.f1 for h in home.progress.history(report.profile_id)}
        assert stored[data["attempts"][0]["id"]] < 1.0


def test_an_edited_student_score_is_flagged(tmp_path: Path) -> None:
    """Review finding 6: the student score is compared too, not only the research ones."""
    with _laptop(tmp_path / "school") as school:
        exported = school.progress.export_file(_practise(school))
    data = json.loads(exported.model_dump_json())
    data["attempts"][0]["scores"]["student"]["score"] = 1.0
    (tmp_path / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    edited, _ = read_progress(tmp_path / "edited.json")
    with _laptop(tmp_path / "home") as home:
        report = home.progress.import_file(edited)
        assert report.disagreements == [data["attempts"][0]["id"]]
        # The untouched file is not flagged.
        assert home.progress.import_file(exported).disagreements == []


def test_a_file_of_another_profile_is_refused_into_a_chosen_one(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        exported = school.progress.export_file(_practise(school))
    with _laptop(tmp_path / "home") as home:
        ben = home.profiles.create("Ben")
        before = dump_database(tmp_path / "home" / "trainer.sqlite3")
        with pytest.raises(StoreError, match="belongs to 'Ana'"):
            home.progress.import_file(exported, into=ben.id)
        assert dump_database(tmp_path / "home" / "trainer.sqlite3") == before


def test_a_name_clash_with_another_student_gets_a_distinct_name(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        exported = school.progress.export_file(_practise(school))
    with _laptop(tmp_path / "home") as home:
        home.profiles.create("Ana")  # a different Ana (another UUID)
        report = home.progress.import_file(exported)
        assert report.profile_name == "Ana (2)"
        assert len(home.profiles.list()) == 2


def test_cli_export_then_import(tmp_path: Path) -> None:
    with _laptop(tmp_path / "school") as school:
        _practise(school)
    out = tmp_path / "usb" / "ana.json"
    out.parent.mkdir()
    result = run_cli("progress", "export", "--profile", "ana", "-o", str(out),
                     home=tmp_path / "school")
    assert result.returncode == 0, result.stderr
    assert "2 attempts of Ana" in result.stdout
    run_cli("sets", "list", home=tmp_path / "home", check=True)  # an empty library
    imported = run_cli("progress", "import", str(out), home=tmp_path / "home")
    assert imported.returncode == 0, imported.stderr
    assert "Ana (new profile): 0 attempts added" in imported.stdout
    assert "kept, article not in the library: demo/secret-plan" in imported.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "trainer.progress", "format_version": 1, "attempts": [',
                   encoding="utf-8")
    refused = run_cli("progress", "import", str(bad), home=tmp_path / "home")
    assert refused.returncode == 1
    assert "bad.json:1:" in refused.stderr and "ends too early" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_garbage_is_refused_with_the_file_name(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(bytes(range(256)))
    with pytest.raises(InvalidInput) as caught:
        read_progress(garbage)
    assert caught.value.problems[0].file == str(garbage)


def test_library_practice_stores_and_exports_the_level_on_screen(tmp_path: Path) -> None:
    # Review finding 1: a level-2 passage practised from the library (no assignment, so no
    # level passed) was stored with a NULL level and exported as level 1 (from its mode).
    with _laptop(tmp_path / "school") as school:
        ana = school.profiles.create("Ana")
        entries = {e.article_id: e for e in school.library.entries(ana.id)}
        school.practice.submit(ana.id, entries["library-hours"].revision_id,
                               [Span(0, 5, "loaded-language")], mode="family",
                               started_at=STARTED)
        exported = school.progress.export_file(ana.id)
    assert [a.level for a in exported.attempts] == [2]
    db = sqlite3.connect(tmp_path / "school" / "trainer.sqlite3")
    try:
        assert db.execute("SELECT level FROM attempt").fetchall() == [(2,)]
        # An attempt stored before the level was recorded exports the passage's level.
        db.execute("UPDATE attempt SET level = NULL")
        db.commit()
    finally:
        db.close()
    with Store.open(sqlite_url(tmp_path / "school" / "trainer.sqlite3"), daily=False) as again:
        assert [a.level for a in again.progress.export_file(ana.id).attempts] == [2]
