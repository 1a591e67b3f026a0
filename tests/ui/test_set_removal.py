"""Teacher → Remove set from library…: behind the teacher PIN; a wrong PIN or Cancel changes
nothing; a removed set leaves the library while the students' attempts stay."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.test_teacher_pin_gui import answer_prompt
from tests.ui.conftest import make_set
from trainer.core.pin import hash_pin
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.library.set_removal import remove_set_from_library
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.teacher_pin import PIN_SETTING


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"),
                        backup_dir=tmp_path / "backups")
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def _dump(path: Path) -> dict[str, list[Any]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: con.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    finally:
        con.close()


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    made = MainWindow(store, tmp_path)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    profile = store.profiles.create("Ana").id
    made.choose_profile(profile)
    revision = store.library.entries(profile)[0].revision_id
    store.practice.submit(profile, revision, [], mode="family", started_at=datetime.now(UTC))
    made.show_library()
    return made


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers the set chooser with the first set and the confirmation with Yes."""
    questions: list[str] = []

    def get_item(_parent: object, _title: str, label: str, items: list[str],
                 *_args: object) -> tuple[str, bool]:
        questions.append(label)
        return items[0], True

    def question(_parent: object, _title: str, text: str, *_args: object) -> Any:
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QMessageBox, "question", question)
    return questions


def test_no_pin_no_prompt_and_the_attempts_stay(window: MainWindow, store: Store,
                                                asked: list[str]) -> None:
    assert window.library.model.rowCount() == 3
    assert remove_set_from_library(window) == "test-set"
    assert "Remove “Test set” and its 3 passages" in asked[1] and "kept" in asked[1]
    assert store.library.list_sets() == []
    assert window.library.model.rowCount() == 0  # the library on screen follows
    assert len(store.progress.history(window.profile_id or "")) == 1


def test_a_wrong_pin_changes_nothing(window: MainWindow, store: Store, asked: list[str],
                                     qtbot: QtBot, tmp_path: Path) -> None:
    store.settings.set(PIN_SETTING, hash_pin("4821"))
    before = _dump(tmp_path / "trainer.sqlite3")
    messages = answer_prompt(qtbot, "1111", None)
    assert remove_set_from_library(window) is None
    assert "not right" in messages[0]
    assert asked == []  # not even asked which set
    assert _dump(tmp_path / "trainer.sqlite3") == before
    answer_prompt(qtbot, "4821")
    assert remove_set_from_library(window) == "test-set"


def test_cancel_at_the_question_changes_nothing(window: MainWindow, store: Store,
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda _p, _t, _l, items, *_a: (items[0], True))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Cancel)
    before = _dump(tmp_path / "trainer.sqlite3")
    assert remove_set_from_library(window) is None
    assert _dump(tmp_path / "trainer.sqlite3") == before


def test_the_teacher_menu_offers_it(window: MainWindow) -> None:
    texts = [a.text() for menu in window.menuBar().actions() if menu.menu() is not None
             for a in menu.menu().actions()]  # type: ignore[union-attr]
    assert "&Remove set from library…" in texts and "Make &assignment…" in texts
