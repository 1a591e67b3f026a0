"""Review 4, finding 6: after Submit an assignment passage keeps its context on the feedback
page ("← Assignment", "passage N of M"), and after the last passage the way on says "Back to
assignment" (real window and Store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from trainer.core.assignment_file import make_assignment, write_assignment
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell.main_window import MainWindow


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"),
                        backup_dir=tmp_path / "backups")
    yield opened
    opened.close()


def _window(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
    window = MainWindow(store, folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.choose_profile(store.profiles.create("Ana").id)
    made = make_assignment(make_set(), ["peace-2", "peace"], title="Week 3", level=1,
                           teacher="Ms Rivera", feedback="each")
    path = folder / "week3.json"
    write_assignment(made, path)
    assert window.assignments.open_path(path)
    return window


def _submit_nothing(window: MainWindow) -> None:
    window.practice.nothing.setChecked(True)
    window.practice.request_submit()


def test_feedback_keeps_the_assignment_context(qtbot: QtBot, store: Store,
                                               tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    assignment = window.assignments.view
    assignment.start.click()
    _submit_nothing(window)
    feedback = window.feedback
    assert window.stack.currentWidget() is feedback
    assert feedback.back.text() == "← Assignment"
    assert feedback.back.accessibleName() == "Back to the assignment"
    assert "passage 1 of 2" in feedback.level_label.text()
    assert feedback.level_label.isVisible()
    assert feedback.next.text() == "Next passage"
    feedback.back.click()  # back where the student came from, not the library
    assert window.stack.currentWidget() is assignment

    assignment.start.click()
    assert "passage 2 of 2" in window.practice.level_label.text()
    _submit_nothing(window)
    assert "passage 2 of 2" in feedback.level_label.text()
    assert feedback.next.text() == "Back to assignment"
    assert feedback.next.accessibleName() == "Back to the assignment"
    feedback.next.click()
    assert window.stack.currentWidget() is assignment
    assert assignment.all_done.isVisible()

    # Free practice from the library: the library's wording again, no passage count.
    window.show_library()
    window.open_revision(store.library.entries(window.profile_id or "")[0].revision_id)
    _submit_nothing(window)
    assert feedback.back.text() == "← Library"
    assert not feedback.level_label.isVisible()
    assert feedback.next.text() == "Next passage"
