"""Nothing but real damage moves a database aside; odd paths, locks, read-only folders, full
disks and clocks set back never lose data (issue 9, items 1, 5, 6, 7, 8, 13)."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError
from storage_helpers import run_cli, small_set

from trainer.cli.main import run as cli_run
from trainer.core.jsonset import write_json_set
from trainer.core.spans import Span
from trainer.storage import access, backups, engine
from trainer.storage.backups import daily_backup, list_backups, scan_backups
from trainer.storage.engine import sqlite_path, sqlite_url
from trainer.storage.errors import (
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyError,
)
from trainer.storage.service import Store

LOCKED_TEXT = "another copy of the program or a command is using the database"


def _filled(path: Path) -> None:
    with Store.open(sqlite_url(path), daily=False) as store:
        store.library.import_set(small_set())
        store.profiles.create("Ana")


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != "backups")


# --- item 1: a lock is not damage ------------------------------------------------------------

class Holder:
    """Another connection (on its own thread) holding an exclusive lock on the file, as another
    copy of the program in the middle of a long write does."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.locked = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        con = sqlite3.connect(self.path, isolation_level=None)
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("CREATE TABLE held (x)")
        self.locked.set()
        self.release.wait(30)
        con.execute("ROLLBACK")
        con.close()

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.locked.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.thread.join(10)


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)


def test_locked_database_is_not_moved_aside(tmp_path: Path, short_timeout: None) -> None:
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    before = _siblings(path)
    with Holder(path), pytest.raises(DatabaseLockedError) as caught:
        Store.open(sqlite_url(path))
    assert LOCKED_TEXT in caught.value.message and "Close it and try again" in caught.value.message
    assert _siblings(path) == before  # nothing renamed, nothing "corrupt-…"
    with Store.open(sqlite_url(path)) as store:  # the lock is gone: everything is still there
        assert [s.id for s in store.library.list_sets()] == ["demo"]
        assert [p.name for p in store.profiles.list()] == ["Ana"]


def test_a_lock_released_within_the_timeout_is_waited_for(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 20_000)
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    with Holder(path) as holder:
        threading.Timer(0.3, holder.release.set).start()
        with Store.open(sqlite_url(path)) as store:
            assert [s.id for s in store.library.list_sets()] == ["demo"]


def test_lock_during_a_write_says_so(tmp_path: Path, short_timeout: None) -> None:
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    with (Store.open(sqlite_url(path), daily=False) as store, Holder(path),
          pytest.raises(DatabaseLockedError, match=LOCKED_TEXT)):
        store.profiles.create("Ben")
    with Store.open(sqlite_url(path), daily=False) as store:
        assert [p.name for p in store.profiles.list()] == ["Ana"]


def test_cli_on_a_locked_database(tmp_path: Path, short_timeout: None,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    with Holder(path):
        assert cli_run(["sets", "list"]) == 1
        assert cli_run(["db", "check"]) == 1
    err = capsys.readouterr().err
    assert err.count(LOCKED_TEXT) == 2 and "unexpected" not in err and "damaged" not in err
    assert cli_run(["sets", "list"]) == 0


def test_real_damage_is_still_moved_aside(tmp_path: Path) -> None:
    from trainer.storage.errors import CorruptDatabaseError

    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\x00" * (4096 - 100)  # wipe the schema page
    path.write_bytes(bytes(raw))
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    with pytest.raises(CorruptDatabaseError) as caught:
        Store.open(sqlite_url(path))
    assert caught.value.moved_to.exists() and not path.exists()


# --- item 1: a read-only folder opens read-only -------------------------------------------

@pytest.fixture
def read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder (and database) nobody may write to. Root ignores permission bits, so
    there the permission check itself is told to read the bits, as it would for any user;
    SQLite is then opened read-only for real and refuses every write itself."""
    folder = tmp_path / "data"
    path = folder / "trainer.sqlite3"
    _filled(path)
    (folder / "backups").mkdir()
    path.chmod(0o444)
    folder.chmod(0o555)
    if os.geteuid() == 0:
        def by_bits(target: Path) -> bool:
            while not target.exists():
                target = target.parent
            return bool(target.stat().st_mode & stat.S_IWUSR)

        monkeypatch.setattr(access, "can_write", by_bits)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_read_only_folder_opens_for_reading(read_only_folder: Path) -> None:
    path = read_only_folder / "trainer.sqlite3"
    content = path.read_bytes()
    with Store.open(sqlite_url(path)) as store:
        assert store.read_only is not None and "read-only" in store.read_only
        assert [s.id for s in store.library.list_sets()] == ["demo"]
        assert [p.name for p in store.profiles.list()] == ["Ana"]
        with pytest.raises(ReadOnlyError, match="read-only"):
            store.profiles.create("Ben")
        with pytest.raises(ReadOnlyError):
            store.library.import_set(small_set(version=2, changed=True))
        # Not only our own check: SQLite itself was opened read-only and refuses writes.
        with store.engine.connect() as connection, pytest.raises(OperationalError,
                                                                 match="readonly"):
            connection.execute(text("CREATE TABLE written (x)"))
    assert path.read_bytes() == content
    assert not list(read_only_folder.glob("*.corrupt-*"))
    assert list_backups(read_only_folder / "backups") == []  # no daily backup attempted


def test_read_only_folder_from_the_cli(read_only_folder: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(read_only_folder))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    assert cli_run(["sets", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Demo set demo" in out and "read-only" in err
    assert cli_run(["db", "check"]) == 0
    assert "integrity: ok" in capsys.readouterr().out
    set_file = read_only_folder.parent / "set.json"
    write_json_set(small_set(set_id="other"), set_file)
    assert cli_run(["import", str(set_file)]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "unexpected" not in err and "corrupt" not in err


def test_no_database_in_a_read_only_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "can_write", lambda _path: False)
    with pytest.raises(ReadOnlyError, match="none can be created"):
        Store.open(sqlite_url(tmp_path / "trainer.sqlite3"))
    assert not (tmp_path / "trainer.sqlite3").exists()


def test_read_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    with Store.open(sqlite_url(path), read_only=True) as store:
        assert store.read_only is not None
        assert store.profiles.list()[0].name == "Ana"
        with pytest.raises(ReadOnlyError):
            store.settings.set("x", 1)


# --- item 5: any folder name -------------------------------------------------------------

ODD_NAMES = ["what?", "a#b", "100%", "x%20y", "two  spaces", "accénts ñ", "emoji 🎉",
             "all ? # % %20 é 🎉"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_folder_names_hold_the_database(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    path = folder / "trainer.sqlite3"
    url = sqlite_url(path)
    assert sqlite_path(url) == path
    _filled(path)
    assert path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing created elsewhere
    with Store.open(url, read_only=True) as store:  # the read-only URI quotes it too
        assert [s.id for s in store.library.list_sets()] == ["demo"]
    with Store.open(url) as store:
        assert store.backup().parent == folder / "backups"


@pytest.mark.slow
def test_odd_data_dir_from_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / ODD_NAMES[-1]
    set_file = tmp_path / "set.json"
    write_json_set(small_set(), set_file)
    run_cli("--data-dir", str(folder), "import", str(set_file), home=tmp_path / "home",
            check=True)
    assert (folder / "trainer.sqlite3").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder.name, "set.json"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                blacklist_characters="/\x00"),
                        min_size=1, max_size=12), min_size=1, max_size=4))
def test_url_round_trip(parts: list[str]) -> None:
    path = Path("/", *parts, "trainer.sqlite3")
    assert sqlite_path(sqlite_url(path)) == path


# --- item 6: a full disk -----------------------------------------------------------------

def _full_disk(kind: str) -> object:
    def copy(_source: Path, partial: Path) -> None:
        partial.write_bytes(b"\x00" * 4096)  # the copy had begun when the disk filled up
        if kind == "sqlite":
            raise sqlite3.OperationalError("database or disk is full")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(partial))
    return copy


@pytest.mark.parametrize("kind", ["sqlite", "os"])
def test_full_disk_backup_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       kind: str) -> None:
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    monkeypatch.setattr(backups, "_copy_pages", _full_disk(kind))
    with Store.open(sqlite_url(path)) as store:  # the daily backup is due, and fails
        assert [s.id for s in store.library.list_sets()] == ["demo"]
        [warning] = store.warnings
        assert "backup could not be written" in warning and "full" in warning
        with pytest.raises(DiskFullError, match="full"):
            store.backup()
    assert list((tmp_path / "backups").iterdir()) == []  # no .partial left behind


def test_full_disk_cli_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    _filled(tmp_path / "trainer.sqlite3")
    monkeypatch.setattr(backups, "_copy_pages", _full_disk("os"))
    assert cli_run(["sets", "list"]) == 0
    out, err = capsys.readouterr()
    assert "Demo set demo" in out and "warning" in err and "full" in err
    assert cli_run(["db", "backup"]) == 1
    assert "full" in capsys.readouterr().err
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_a_partial_left_by_a_killed_backup_is_removed(store: Store, db_path: Path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stale = folder / "trainer-daily-20261101T080000000000Z-n1.sqlite3.partial"
    stale.write_bytes(b"")
    old = stale.stat().st_mtime - 3600
    os.utime(stale, (old, old))
    daily_backup(db_path, folder)
    assert not stale.exists()


def test_submit_on_a_full_disk_keeps_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    with Store.open(sqlite_url(path), daily=False) as store:
        store.library.import_set(small_set())
        ana = store.profiles.create("Ana")
        revision = store.library.entries(ana.id)[0].revision_id
        marks = [Span(0, 9, "framing")]
        store.practice.save_draft(ana.id, revision, marks)
        # The disk fills up as the attempt is written (SQLITE_FULL, as the driver raises it).
        def no_room(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            if statement.lstrip().upper().startswith("INSERT INTO ATTEMPT"):
                full = sqlite3.OperationalError("database or disk is full")
                full.sqlite_errorcode = 13  # type: ignore[attr-defined]
                raise full

        event.listen(store.engine, "before_cursor_execute", no_room)
        with pytest.raises(DiskFullError, match="full"):
            store.practice.submit(ana.id, revision, marks, mode="family",
                                  started_at=datetime.now(UTC))
        draft = store.practice.load_draft(ana.id, revision)
        assert draft is not None and list(draft.marks) == marks
        assert store.progress.history(ana.id) == []


# --- items 7 and 8: refused settings, stray files ------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--data-dir", "", "sets", "list"], ["--data-dir=", "sets",
                                  "list"], ["--data-dir", ""], ["--data-dir", "  "]])
def test_empty_data_dir_is_refused(tmp_path: Path, argv: list[str]) -> None:
    result = run_cli(*argv, home=tmp_path / "home")
    assert result.returncode == 1, result.stderr
    assert "--data-dir needs a folder name" in result.stderr
    assert not (tmp_path / "home").exists()


def test_data_dir_that_is_a_file_is_refused(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x")
    assert cli_run(["--data-dir", str(file), "sets", "list"]) == 1
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("url", ["garbage", "sqlite+nosuchdriver:///x.db",
                                 "postgresql://server/trainer", "sqlite://user@host/x.db"])
def test_bad_database_url_is_a_clear_message(tmp_path: Path, url: str) -> None:
    result = run_cli("sets", "list", home=tmp_path, env={"TRAINER_DATABASE_URL": url})
    assert result.returncode == 1, result.stderr
    assert "TRAINER_DATABASE_URL" in result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr


def test_stray_backup_name_is_ignored_with_a_warning(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    path = tmp_path / "trainer.sqlite3"
    _filled(path)
    folder = tmp_path / "backups"
    folder.mkdir()
    stray = folder / "trainer-daily-20261399T996199000000Z.sqlite3"
    stray.write_bytes(b"x")
    found, warnings = scan_backups(folder)
    assert found == [] and "impossible date" in warnings[0]
    with Store.open(sqlite_url(path)) as store:
        assert any("impossible date" in w for w in store.warnings)
    for argv in (["sets", "list"], ["db", "backups"], ["db", "check"], ["db", "backup"]):
        assert cli_run(argv) == 0, argv
    assert "impossible date" in capsys.readouterr().err
    assert stray.exists()  # not ours to delete


def test_pre_migrate_backups_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "trainer-pre-migrate-20261101T080000000000Z-from-0001.sqlite3").write_bytes(b"x")
    [found] = list_backups(folder)
    assert found.kind == "pre-migrate"


# --- item 13: a clock set back ---------------------------------------------------------------

def test_future_dated_backups_do_not_churn(store: Store, db_path: Path) -> None:
    folder = db_path.parent / "rotation"
    today = datetime(2026, 11, 20, 9, tzinfo=UTC)
    for day in range(1, 8):  # made while the clock was a month ahead
        backups.make_backup(db_path, folder, "daily", today + timedelta(days=30 + day))
    made = daily_backup(db_path, folder, now=today)
    assert made is not None and made.exists()
    kept = {b.path.name for b in list_backups(folder)}
    assert len(kept) == 7 and made.name in kept
    for hours in (1, 2, 3):  # every later start that day: nothing written, nothing deleted
        assert daily_backup(db_path, folder, now=today + timedelta(hours=hours)) is None
        assert {b.path.name for b in list_backups(folder)} == kept
    # Next days: each new backup is kept, and the future-dated ones go first.
    for day in range(1, 8):
        newest = daily_backup(db_path, folder, now=today + timedelta(days=day))
        assert newest is not None and newest.exists()
    left = list_backups(folder)
    assert len(left) == 7 and all(b.created_at <= today + timedelta(days=7) for b in left)
