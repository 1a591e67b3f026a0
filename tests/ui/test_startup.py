"""Start-up safety: one instance per data folder, storage errors shown as dialogs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell.app import import_starter, open_store, try_lock


def test_second_instance_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    first = try_lock(tmp_path)
    assert first is not None
    assert try_lock(tmp_path) is None
    first.unlock()
    again = try_lock(tmp_path)
    assert again is not None
    again.unlock()


def answer_box(qtbot: QtBot, seen: list[str], choose: Callable[[QMessageBox], None]) -> None:
    def handle() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, handle)
            return
        seen.append(box.text())
        choose(box)
    QTimer.singleShot(20, handle)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    return tmp_path


def test_newer_database_is_reported_and_left_alone(qtbot: QtBot, home: Path) -> None:
    path = home / "trainer.sqlite3"
    with Store.open(sqlite_url(path), backup_dir=home / "backups") as store:
        store.profiles.create("Ana")
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.close()
    before = path.read_bytes()
    seen: list[str] = []
    answer_box(qtbot, seen, lambda box: box.accept())
    assert open_store() is None
    assert seen and "newer" in seen[0].lower() and "untouched" in seen[0]
    assert path.read_bytes() == before


def test_corrupt_database_offers_the_newest_backup(qtbot: QtBot, home: Path) -> None:
    path = home / "trainer.sqlite3"
    with Store.open(sqlite_url(path), backup_dir=home / "backups") as store:
        store.profiles.create("Ana")
        store.backup()
    path.write_bytes(b"\x13" * 9000)
    seen: list[str] = []

    def restore(box: QMessageBox) -> None:
        (button,) = [b for b in box.findChildren(QPushButton) if "Restore" in b.text()]
        button.click()

    answer_box(qtbot, seen, restore)
    store = open_store()
    assert store is not None
    try:
        assert "backup" in seen[0]
        assert [p.name for p in store.profiles.list()] == ["Ana"]
    finally:
        store.close()


def test_first_run_imports_the_starter_once(home: Path) -> None:
    with Store.open(sqlite_url(home / 'trainer.sqlite3'),
                    backup_dir=home / "backups") as store:
        import_starter(store)
        sets = store.library.list_sets()
        assert len(sets) == 1 and sets[0].article_count >= 3
        profile = store.profiles.create("Ana")
        entries = store.library.entries(profile.id)
        assert any(e.is_clean for e in entries) and any(not e.is_clean for e in entries)
        import_starter(store)  # second start: nothing new
        assert store.library.list_sets() == sets
