"""Item 7: the teacher PIN guards the class report too. With a PIN set a wrong one opens
nothing and changes nothing; with no PIN set nothing is asked. (The set editor, Make
assignment… and Remove set have the same tests next to their own.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.test_teacher_pin_gui import answer_prompt
from trainer.core.pin import hash_pin
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.class_report.entry import open_class_report
from trainer.ui.teacher.class_report.window import ClassReportWindow
from trainer.ui.teacher.teacher_pin import PIN_SETTING


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    store = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"), backup_dir=tmp_path / "bk")
    made = MainWindow(store, tmp_path)
    qtbot.addWidget(made)
    made.show()
    yield made
    for report in made.findChildren(ClassReportWindow):
        report.close()
    store.close()


def _dump(path: Path) -> dict[str, list[Any]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: con.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    finally:
        con.close()


def test_class_report_without_a_pin_asks_nothing(window: MainWindow) -> None:
    report = open_class_report(window)  # a prompt would block here
    assert isinstance(report, ClassReportWindow) and report.isVisible()


def test_class_report_wrong_pin_opens_nothing(window: MainWindow, qtbot: QtBot,
                                              tmp_path: Path) -> None:
    window.store.settings.set(PIN_SETTING, hash_pin("4821"))
    before = _dump(tmp_path / "trainer.sqlite3")
    messages = answer_prompt(qtbot, "1234", "0000", None)
    assert open_class_report(window) is None
    assert all("not right" in m for m in messages) and len(messages) == 2
    assert window.findChild(ClassReportWindow) is None
    assert _dump(tmp_path / "trainer.sqlite3") == before
