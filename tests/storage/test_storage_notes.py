""""I disagree" notes (issue 10 item 5): stored with the attempt through the Store front door,
counted in the history, reopened with the attempt, carried by the progress file, and
upgraded into databases of the previous schema revision."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_helpers import small_set

from trainer.core.spans import Span
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.records import AttemptNoteRecord
from trainer.storage.service import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
STARTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def submit_one(store: Store) -> tuple[str, str]:
    store.library.import_set(small_set())
    profile = store.profiles.create("Ana")
    entry = store.library.entries(profile.id)[0]
    attempt = store.practice.submit(profile.id, entry.revision_id,
                                    [Span(14, 22, "loaded-language")], mode="family",
                                    started_at=STARTED)
    return profile.id, attempt.attempt_id


def test_a_note_is_stored_replaced_and_removed(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 't.sqlite3'}") as store:
        profile_id, attempt_id = submit_one(store)
        store.practice.save_note(attempt_id, "text", 14, 22, "  The key is too strict.  ")
        stored = store.practice.attempt(attempt_id)
        assert stored.notes == (AttemptNoteRecord("text", 14, 22, "The key is too strict."),)
        assert stored.marks == (Span(14, 22, "loaded-language"),)
        assert [a.note_count for a in store.progress.history(profile_id)] == [1]
        store.practice.save_note(attempt_id, "text", 14, 22, "Changed my mind, a bit.")
        store.practice.save_note(attempt_id, "text", 0, 4, "Second phrase.")
        assert [n.text for n in store.practice.attempt(attempt_id).notes] == [
            "Second phrase.", "Changed my mind, a bit."]
        store.practice.save_note(attempt_id, "text", 0, 4, "   ")
        assert len(store.practice.attempt(attempt_id).notes) == 1
        assert [a.note_count for a in store.progress.history(profile_id)] == [1]


def test_bad_notes_are_refused_with_a_message(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 't.sqlite3'}") as store:
        _, attempt_id = submit_one(store)
        with pytest.raises(NotFoundError):
            store.practice.save_note("no-such-attempt", "text", 0, 4, "x")
        with pytest.raises(StoreError, match="start 4 must be below end 4"):
            store.practice.save_note(attempt_id, "text", 4, 4, "x")
        with pytest.raises(StoreError, match="text or the title"):
            store.practice.save_note(attempt_id, "footnote", 0, 4, "x")
        with pytest.raises(StoreError, match="under 5000"):
            store.practice.save_note(attempt_id, "text", 0, 4, "x" * 5001)
        assert store.practice.attempt(attempt_id).notes == ()


def test_notes_travel_in_the_progress_file(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite3'}") as store:
        profile_id, attempt_id = submit_one(store)
        store.practice.save_note(attempt_id, "text", 14, 22, "Fair word here.")
        exported = store.progress.export_file(profile_id)
    (attempt,) = exported.attempts
    assert [(n.start, n.end, n.part, n.text) for n in attempt.notes] == [
        (14, 22, "text", "Fair word here.")]
    with Store.open(f"sqlite:///{tmp_path / 'b.sqlite3'}") as other:
        other.library.import_set(small_set())
        other.progress.import_file(exported)
        assert [n.text for n in other.practice.attempt(attempt_id).notes] == ["Fair word here."]


def test_the_previous_revision_upgrades_and_takes_notes(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    shutil.copyfile(FIXTURES / "0006.sqlite3", path)
    with Store.open(f"sqlite:///{path}") as store:
        ana = next(p for p in store.profiles.list() if p.name == "Ana")
        history = store.progress.history(ana.id)
        assert [a.note_count for a in history] == [0, 0]
        store.practice.save_note(history[0].attempt_id, "text", 0, 4, "Upgraded.")
        assert [a.note_count for a in store.progress.history(ana.id)] == [1, 0]
