"""The window on a full disk and on read-only data: marks are never lost silently, the student
is told, and the program starts (issue 9, items 1 and 6)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from tests.ui.conftest import make_set
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell import app as app_module
from trainer.ui.shell.main_window import MainWindow

Told = list[tuple[str, str]]


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> Told:
    """Every message box shown, as (title, text), instead of waiting for a click."""
    shown: Told = []

    def record(_parent: object, title: str, text: str, *_args: object) -> object:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    monkeypatch.delenv("TRAINER_DATABASE_URL", raising=False)
    opened = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"), backup_dir=tmp_path / "backups")
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def disk_full_on(store: Store, table: str) -> None:
    """From now on, writing a row of `table` fails as SQLite does when the disk is full."""
    def no_room(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise full

    event.listen(store.engine, "before_cursor_execute", no_room)


def practise(qtbot: QtBot, store: Store, folder: Path) -> tuple[MainWindow, int]:
    window = MainWindow(store, folder)
    qtbot.addWidget(window)
    window.show()
    window._create_profile("Ana")
    assert window.profile_id is not None
    revision = store.library.entries(window.profile_id)[0].revision_id
    window.open_revision(revision)
    window.practice.passage.select_range(0, 8)
    window.practice.labels.chips[1].click()
    return window, revision


def test_failed_submit_keeps_the_marks_and_says_so(qtbot: QtBot, store: Store, tmp_path: Path,
                                                   told: Told) -> None:
    window, revision = practise(qtbot, store, tmp_path)
    marks = window.practice.marks.marks()
    assert marks
    disk_full_on(store, "attempt")
    window.practice.submit.click()
    [(title, text)] = told
    assert title == "Your answer was not saved"
    assert "full" in text and "kept as a draft" in text and "Submit again" in text
    assert window.stack.currentWidget() is window.practice  # still on the passage
    assert window.practice.marks.marks() == marks
    assert window.profile_id is not None
    draft = store.practice.load_draft(window.profile_id, revision)
    assert draft is not None and list(draft.marks) == marks
    assert store.progress.history(window.profile_id) == []


def test_failed_autosave_is_reported_once(qtbot: QtBot, store: Store, tmp_path: Path,
                                          told: Told) -> None:
    window, _revision = practise(qtbot, store, tmp_path)
    disk_full_on(store, "draft")
    window.practice.flush_draft()
    window.practice.passage.select_range(10, 14)
    window.practice.labels.chips[0].click()
    window.practice.flush_draft()
    assert [title for title, _text in told] == ["Marks not saved"]
    assert "full" in told[0][1] and "still on the page" in told[0][1]
    assert len(window.practice.marks.marks()) == 2


def test_read_only_data_starts_with_a_message(qtbot: QtBot, store: Store, tmp_path: Path,
                                              told: Told) -> None:
    store.profiles.create("Ana")
    store.close()
    opened = app_module.tell_about(Store.open(sqlite_url(tmp_path / "trainer.sqlite3"),
                                              read_only=True))
    try:
        [(title, text)] = told
        assert title == "Your data is read-only" and "will not be saved" in text
        window = MainWindow(opened, tmp_path)
        qtbot.addWidget(window)
        window.show()
        [ana] = opened.profiles.list()
        window.choose_profile(ana.id)  # no write: nothing to remember on read-only data
        assert window.library.model.rowCount() == len(make_set().articles)
        revision = opened.library.entries(ana.id)[0].revision_id
        window.open_revision(revision)
        window.practice.passage.select_range(0, 8)
        window.practice.labels.chips[1].click()
        window.practice.flush_draft()  # silently not saved: the start-up message said so
        window.practice.submit.click()
        assert told[-1][0] == "Your answer was not saved" and "read-only" in told[-1][1]
        assert window.practice.marks.marks()
    finally:
        opened.close()


def test_lock_file_in_a_read_only_folder_is_not_another_copy(qapp: QApplication,
                                                             tmp_path: Path) -> None:
    first = app_module.try_lock(tmp_path)
    assert first is not None and first.isLocked()
    assert app_module.try_lock(tmp_path) is None  # a second copy: refused
    first.unlock()
    missing = tmp_path / "file-not-folder"
    missing.write_text("x")  # no lock file can be made inside a file: not "already open"
    lock = app_module.try_lock(missing)
    assert lock is not None and not lock.isLocked()
