"""Backups: daily rotation, manual backups, restore (which is itself undoable)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.storage.backups import daily_backup, list_backups
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import NewerDatabaseError, StoreError
from trainer.storage.maintenance import restore_database
from trainer.storage.service import Store


def test_daily_backups_one_per_day_keep_seven(store: Store, db_path: Path) -> None:
    folder = db_path.parent / "rotation"
    start = datetime(2026, 11, 1, 8, tzinfo=UTC)
    for day in range(10):
        moment = start + timedelta(days=day)
        assert daily_backup(db_path, folder, now=moment) is not None
        assert daily_backup(db_path, folder, now=moment + timedelta(hours=3)) is None
    kept = list_backups(folder)
    assert [b.created_at.day for b in kept] == list(range(10, 3, -1))
    assert all(b.kind == "daily" for b in kept)


def test_open_makes_a_daily_backup_of_an_existing_database(db_path: Path) -> None:
    Store.open(sqlite_url(db_path)).close()  # created now: nothing worth a backup yet
    backups = db_path.parent / "backups"
    assert list_backups(backups) == []
    with Store.open(sqlite_url(db_path)) as store:
        store.profiles.create("Ana")
    Store.open(sqlite_url(db_path)).close()
    [daily] = list_backups(backups)
    assert daily.kind == "daily" and daily.created_at.date() == datetime.now(UTC).date()


def test_backup_is_a_consistent_copy_while_open(store: Store) -> None:
    store.profiles.create("Ana")  # still in the WAL, not yet in the main file
    made = store.backup()
    con = sqlite3.connect(made)
    assert con.execute("SELECT name FROM profile").fetchall() == [("Ana",)]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert store.list_backups()[0].path == made


def test_restore_replaces_data_and_keeps_the_previous(store: Store, db_path: Path) -> None:
    store.profiles.create("Ana")
    saved = store.backup()
    store.profiles.create("Ben")
    previous = store.restore_backup(saved)
    assert [p.name for p in store.profiles.list()] == ["Ana"]
    assert previous is not None
    store.restore_backup(previous)  # undo the restore
    assert [p.name for p in store.profiles.list()] == ["Ana", "Ben"]
    assert store.check().ok


def test_restore_refuses_bad_backups(store: Store, db_path: Path, tmp_path: Path) -> None:
    store.profiles.create("Ana")
    store.close()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 2000)
    url = sqlite_url(db_path)
    with pytest.raises(StoreError, match="damaged"):
        restore_database(junk, url, tmp_path / "b")
    with pytest.raises(StoreError, match="no backup file"):
        restore_database(tmp_path / "missing.sqlite3", url, tmp_path / "b")
    future = tmp_path / "future.sqlite3"
    future.write_bytes(db_path.read_bytes())
    con = sqlite3.connect(future)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    con.close()
    with pytest.raises(NewerDatabaseError):
        restore_database(future, url, tmp_path / "b")
    with Store.open(url) as reopened:
        assert [p.name for p in reopened.profiles.list()] == ["Ana"]


def test_restore_after_corruption(db_path: Path) -> None:
    from trainer.storage.errors import CorruptDatabaseError

    url = sqlite_url(db_path)
    with Store.open(url) as store:
        store.profiles.create("Ana")
        store.backup()
    db_path.write_bytes(b"\x13" * 9000)
    with pytest.raises(CorruptDatabaseError) as caught:
        Store.open(url)
    with Store.restore(caught.value.backups[0], url) as restored:
        assert [p.name for p in restored.profiles.list()] == ["Ana"]
        assert restored.check().ok
    assert caught.value.moved_to.read_bytes() == b"\x13" * 9000
