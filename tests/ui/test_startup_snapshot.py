"""Fast start-up: the JSON snapshot of the last screen, the deferred store, the CLI fast path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from trainer.core.model import ArticleSet
from trainer.storage import paths
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell import snapshot
from trainer.ui.shell.app import _start_window
from trainer.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    monkeypatch.delenv("TRAINER_READY_MARKER", raising=False)
    monkeypatch.delenv("TRAINER_SCREENSHOT_DIR", raising=False)
    return tmp_path


def open_store(home: Path) -> Store:
    return Store.open(sqlite_url(home / 'trainer.sqlite3'), backup_dir=home / "backups")


def second_set() -> ArticleSet:
    base = make_set()
    return base.model_copy(update={"id": "second-set", "title": "Second set"})


def show_library_once(qtbot: QtBot, home: Path, name: str = "Ana") -> tuple[str, int]:
    """A first run: the library is shown from the store, which writes the snapshot."""
    with open_store(home) as store:
        store.library.import_set(make_set())
        window = MainWindow(store, home)
        qtbot.addWidget(window)
        window._create_profile(name)
        assert window.stack.currentWidget() is window.library
        profile_id = window.profile_id
        assert profile_id is not None
        rows = window.library.model.rowCount()
        window.close()
    return profile_id, rows


@pytest.fixture
def started(qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch
            ) -> Iterator[tuple[MainWindow, str, int]]:
    """A start from the snapshot, after the data changed behind its back (a CLI import)."""
    profile_id, rows = show_library_once(qtbot, home)
    with open_store(home) as store:
        store.library.import_set(second_set())
    monkeypatch.setenv("TRAINER_PROFILE", "Ana")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = _start_window(app, home)
    assert window is not None
    qtbot.addWidget(window)
    yield window, profile_id, rows
    window.close()
    if window._store is not None:
        window._store.close()


def test_showing_the_library_writes_the_snapshot(qtbot: QtBot, home: Path) -> None:
    profile_id, rows = show_library_once(qtbot, home)
    database = paths.database_key()
    start = snapshot.read_start(home, database)
    assert start is not None
    assert [(p.id, p.name) for p in start.profiles] == [(profile_id, "Ana")]
    assert start.last_profile == profile_id
    shot = snapshot.read_library(home, database, profile_id)
    assert shot is not None and shot.profile_name == "Ana"
    with open_store(home) as store:
        fresh = store.library.entries(profile_id)
    assert len(shot.entries) == rows == len(fresh)
    assert [tuple(e) for e in shot.entries] == [
        (e.revision_id, e.set_id, e.set_title, e.article_id, e.title, e.level, e.techniques,
         e.is_clean, e.status, e.best_f1, e.outlet, e.date) for e in fresh]


def test_start_shows_the_snapshot_then_fresh_data(
        qtbot: QtBot, home: Path, started: tuple[MainWindow, str, int]) -> None:
    window, profile_id, rows = started
    # Before the event loop ran: the library from the snapshot, no store yet, table focused.
    assert not window.has_store
    assert window.stack.currentWidget() is window.library
    assert window.library.model.rowCount() == rows
    assert window.focusWidget() is window.library.table
    # Right after the first paint the store opens and the library is refreshed from it.
    qtbot.waitUntil(lambda: window.has_store, timeout=5000)
    fresh = window.store.library.entries(profile_id)  # now with the second set (and the starter)
    assert len(fresh) >= 2 * rows
    qtbot.waitUntil(lambda: window.library.model.rowCount() == len(fresh), timeout=5000)
    shot = snapshot.read_library(home, paths.database_key(), profile_id)
    assert shot is not None and len(shot.entries) == len(fresh)
    assert {"test-set", "second-set"} <= {e.set_id for e in shot.entries}


def test_opening_a_passage_before_the_store_is_open_opens_it(
        qtbot: QtBot, started: tuple[MainWindow, str, int]) -> None:
    window, _profile_id, _rows = started
    assert not window.has_store
    entry = window.library.model.entries[0]
    window.open_revision(entry.revision_id)  # as if Enter was pressed at once
    assert window.has_store
    assert window.stack.currentWidget() is window.practice
    assert window.current is not None and window.current.revision_id == entry.revision_id


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-database", "missing"])
def test_a_damaged_or_foreign_snapshot_falls_back_to_the_normal_start(
        qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    show_library_once(qtbot, home)
    start_file = home / snapshot.FOLDER / snapshot.START_FILE
    text = start_file.read_text(encoding="utf-8")
    if damage == "garbage":
        start_file.write_bytes(b"\xff\x00not json")
    elif damage == "truncated":
        start_file.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "other-database":
        raw = json.loads(text)
        raw["database"] = "sqlite:////somewhere/else.sqlite3"
        start_file.write_text(json.dumps(raw), encoding="utf-8")
    else:
        start_file.unlink()
    monkeypatch.setenv("TRAINER_PROFILE", "Ana")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = _start_window(app, home)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.has_store  # opened before the window, as without a snapshot
        assert window.stack.currentWidget() is window.library
        assert window.profile_id is not None
        entries = window.store.library.entries(window.profile_id)
        assert window.library.model.rowCount() == len(entries)
    finally:
        window.close()
        if window._store is not None:
            window._store.close()


def test_library_snapshot_of_a_profile_that_no_longer_exists_is_dropped(
        qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile_id, _rows = show_library_once(qtbot, home)
    with open_store(home) as store:
        store.profiles.delete(profile_id)
    monkeypatch.setenv("TRAINER_PROFILE", "Ana")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = _start_window(app, home)
    assert window is not None
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.has_store, timeout=5000)
        # A new "Ana" was created; the stale snapshot's id is gone.
        qtbot.waitUntil(lambda: window.profile_id not in (None, profile_id), timeout=5000)
        assert window.stack.currentWidget() is window.library
    finally:
        window.close()
        if window._store is not None:
            window._store.close()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20).map(lambda v: json.dumps(v).encode())))
def test_reading_any_bytes_gives_a_snapshot_or_none(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / snapshot.FOLDER
    folder.mkdir(exist_ok=True)
    (folder / snapshot.START_FILE).write_bytes(data)
    (folder / "library-abc.json").write_bytes(data)
    start = snapshot.read_start(tmp_path, "db")
    assert start is None or isinstance(start, snapshot.StartSnapshot)
    result = snapshot.read_library(tmp_path, "db", "abc")
    assert result is None or isinstance(result, snapshot.LibrarySnapshot)


def test_snapshot_rows_with_wrong_types_are_refused(tmp_path: Path) -> None:
    entry = snapshot.SnapshotEntry(1, "s", "Set", "a", "Title", 2, ("loaded-language",), False,
                                   "done", 0.5, "Outlet", "2026-11-20")
    assert snapshot.write_library(tmp_path, "db", "p-1", "Ana", 2, [entry])
    shot = snapshot.read_library(tmp_path, "db", "p-1")
    assert shot is not None and shot.entries == (entry,) and shot.level == 2
    path = tmp_path / snapshot.FOLDER / "library-p-1.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["entries"][0][5] = True  # a level must be an int, not a bool
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert snapshot.read_library(tmp_path, "db", "p-1") is None
    assert snapshot.read_library(tmp_path, "other-db", "p-1") is None
    assert snapshot.read_library(tmp_path, "db", "../p-1") is None


def run_trainer(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "TRAINER_READY_MARKER": "exit", "TRAINER_PROFILE": "Ana"}
    for name in ("TRAINER_HOME", "TRAINER_DATABASE_URL", "TRAINER_SCREENSHOT_DIR"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "trainer", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_trainer_with_only_data_dir_starts_the_gui_without_the_cli_modules(
        tmp_path: Path) -> None:
    home = tmp_path / "data"
    first = run_trainer(home, "--data-dir", str(home))
    assert first.returncode == 0, first.stderr[-2000:]
    assert "TRAINER_READY" in first.stdout
    assert (home / "trainer.sqlite3").is_file()
    assert (home / snapshot.FOLDER / snapshot.START_FILE).is_file()
    # The second start takes the snapshot path; neither loads the command modules.
    second = run_trainer(home, f"--data-dir={home}")
    assert second.returncode == 0, second.stderr[-2000:]
    assert "TRAINER_READY" in second.stdout
    for result in (first, second):
        assert "trainer.cli.convert_cmd" not in result.stderr
        assert "trainer.cli.validate_cmd" not in result.stderr
