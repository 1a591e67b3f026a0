"""Opening an assignment on a real window and Store: the set is imported, the assignment shows
with its progress, passages open in order and their attempts carry the assignment id."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel
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
    return window


def _file(folder: Path, feedback: str = "each") -> tuple[Path, str]:
    made = make_assignment(make_set(), ["peace-2", "peace"], title="Week 3", level=3,
                           teacher="Ms Rivera", feedback=feedback)  # type: ignore[arg-type]
    path = folder / "week3.json"
    write_assignment(made, path)
    return path, made.id


def _submit_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.practice.nothing.setChecked(True)
    window.practice.request_submit()


def test_opening_imports_the_set_and_lists_the_passages(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    path, assignment_id = _file(tmp_path)
    assert window.assignments.open_path(path)
    assert [(s.id, s.article_count) for s in store.library.list_sets()] == [("test-set", 2)]
    view = window.assignments.view
    assert window.stack.currentWidget() is view
    assert view.list.count() == 1 and "0/2 done" in view.list.item(0).text()
    assert [view.model.index(r, 1).data() for r in range(2)] == [
        "Secret plans for peacekeepers", "Secret plans for peacekeepers"]
    assert "Ms Rivera" in view.details.text() and "Level 3" in view.details.text()

    view.start.click()
    assert window.stack.currentWidget() is window.practice
    assert window.current is not None and window.current.article.id == "peace-2"
    _submit_nothing(qtbot, window)
    assert window.stack.currentWidget() is window.feedback  # feedback "each"
    window.feedback.next_requested.emit()
    assert window.current.article.id == "peace"  # the assignment's next passage
    _submit_nothing(qtbot, window)

    attempts = store.progress.export_file(window.profile_id or "").attempts
    assert {(a.article_id, a.assignment_id, a.level, a.mode) for a in attempts} == {
        ("peace-2", assignment_id, 3, "technique"), ("peace", assignment_id, 3, "technique")}
    window.assignments.show()
    assert "2/2 done" in view.list.item(0).text()
    assert not view.start.isEnabled()


def test_passages_model_passes_the_model_tester(qtmodeltester: object, qtbot: QtBot,
                                                store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    assert window.assignments.open_path(_file(tmp_path)[0])
    qtmodeltester.check(window.assignments.view.model)  # type: ignore[attr-defined]


def test_feedback_at_the_end_goes_straight_on(qtbot: QtBot, store: Store,
                                              tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    assert window.assignments.open_path(_file(tmp_path, "end")[0])
    window.assignments.view.start.click()
    _submit_nothing(qtbot, window)
    assert window.stack.currentWidget() is window.practice
    assert window.current is not None and window.current.article.id == "peace"
    _submit_nothing(qtbot, window)
    assert window.stack.currentWidget() is window.assignments.view
    box = window.assignments.done_box
    assert box is not None and "Week 3" in box.text()
    box.close()


def test_free_practice_from_the_library_carries_no_assignment(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    assert window.assignments.open_path(_file(tmp_path)[0])
    window.assignments.view.start.click()
    window.show_library()
    window.open_revision(window.store.library.entries(window.profile_id or "")[0].revision_id)
    _submit_nothing(qtbot, window)
    (attempt,) = store.progress.export_file(window.profile_id or "").attempts
    assert attempt.assignment_id is None


def test_a_bad_file_is_told_and_changes_nothing(qtbot: QtBot, store: Store,
                                                tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    path, _ = _file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 9
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not window.assignments.open_path(path)
    assert store.library.list_sets() == []
    boxes = [w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Assignment not opened"
             and w.isVisible()]
    assert boxes and "newer version" in boxes[0].informativeText()  # type: ignore[attr-defined]
    for box in boxes:
        box.close()


def test_dropping_an_assignment_file_opens_it(qtbot: QtBot, store: Store,
                                              tmp_path: Path) -> None:
    window = _window(qtbot, store, tmp_path)
    path, _ = _file(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    assert window.stack.currentWidget() is window.assignments.view
    assert [s.id for s in store.library.list_sets()] == ["test-set"]
    assert window.import_export.task is None  # not imported as a set as well


def test_library_practice_records_the_level_on_screen(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    # Review finding 1: a level-2 passage practised from the library was exported as level 1.
    store.library.import_set(make_set())
    window = _window(qtbot, store, tmp_path)
    entries = {e.article_id: e for e in store.library.entries(window.profile_id or "")}
    window.open_revision(entries["peace-2"].revision_id)
    assert window.practice.level == 2
    _submit_nothing(qtbot, window)
    (attempt,) = store.progress.export_file(window.profile_id or "").attempts
    assert (attempt.level, attempt.mode, attempt.assignment_id) == (2, "family", None)


def test_a_finished_assignment_says_hand_it_in(qtbot: QtBot, store: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Review finding 9: at 2/2 done "Start next passage" still showed; practice never said
    # "passage 1 of 2"; "← Library" went back to the assignment.
    window = _window(qtbot, store, tmp_path)
    assert window.assignments.open_path(_file(tmp_path)[0])
    view = window.assignments.view
    assert view.start.isVisible() and not view.all_done.isVisible()
    view.start.click()
    practice = window.practice
    assert "passage 1 of 2" in practice.level_label.text()
    assert practice.back.text() == "← Assignment"
    assert practice.back.accessibleName() == "Back to the assignment"
    _submit_nothing(qtbot, window)
    window.feedback.next_requested.emit()
    assert "passage 2 of 2" in practice.level_label.text()
    _submit_nothing(qtbot, window)
    window.feedback.next_requested.emit()  # the last one: back to the assignment, all done
    assert window.stack.currentWidget() is view
    assert not view.start.isVisible()
    assert view.all_done.isVisible()
    assert "All done — hand in your work: Progress → Export my progress…" in \
        view.all_done.text()
    exported: list[bool] = []
    monkeypatch.setattr(window.progress, "export_progress",
                        lambda target=None: exported.append(True))
    view.hand_in.click()
    assert exported == [True]
    # Free practice from the library: the back button is the library's again.
    window.show_library()
    window.open_revision(store.library.entries(window.profile_id or "")[0].revision_id)
    assert practice.back.text() == "← Library"
    assert "passage" not in practice.level_label.text()


def test_the_assignments_screen_is_laid_out_like_the_others(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    """Review 4, finding 18: the screen's title is the theme's title, the chosen assignment's
    title a heading over its details, and the "#" column as narrow as its numbers."""
    window = _window(qtbot, store, tmp_path)
    window.resize(1280, 800)
    assert window.assignments.open_path(_file(tmp_path)[0])
    view = window.assignments.view
    qtbot.waitUntil(lambda: view.table.isVisible())
    titles = [label for label in view.findChildren(QLabel) if label.text() == "Assignments"]
    assert titles and titles[0].property("role") == "title"
    assert view.heading.text() == "Week 3" and view.heading.property("role") == "heading"
    assert "Week 3" not in view.details.text()
    header = view.table.horizontalHeader()
    # The "#" column: about as wide as its header's padding and a two-digit number.
    assert header.sectionSize(0) <= view.table.fontMetrics().horizontalAdvance("00") + 48
    assert header.sectionSize(1) > header.sectionSize(2)
