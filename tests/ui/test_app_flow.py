"""The whole loop on a real Store in tmp_path: keyboard only, restart, accessibility, import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from trainer.core.jsonset import write_json_set
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.student_score import student_score
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.library.library_model import EntryRole
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings_dialog import SettingsDialog


def open_store(folder: Path) -> Store:
    return Store.open(sqlite_url(folder / 'trainer.sqlite3'), backup_dir=folder / "backups")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def show_window(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
    window = MainWindow(store, folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_keys(qtbot: QtBot, *keys: Qt.Key, modifier: Qt.KeyboardModifier =
              Qt.KeyboardModifier.NoModifier) -> None:
    for key in keys:
        qtbot.keyClick(focused(), key, modifier)


def select_by_keys(qtbot: QtBot, start: int, length: int) -> None:
    type_keys(qtbot, Qt.Key.Key_Home, modifier=Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, *[Qt.Key.Key_Right] * start)
    type_keys(qtbot, *[Qt.Key.Key_Right] * length, modifier=Qt.KeyboardModifier.ShiftModifier)


def open_by_keys(qtbot: QtBot, window: MainWindow, article_id: str) -> None:
    """From the focused library table, move down to the article and press Enter."""
    assert focused() is window.library.table
    type_keys(qtbot, Qt.Key.Key_Home, modifier=Qt.KeyboardModifier.ControlModifier)
    for _ in range(window.library.proxy.rowCount()):
        entry = window.library.table.currentIndex().data(EntryRole)
        if entry.article_id == article_id:
            break
        type_keys(qtbot, Qt.Key.Key_Down)
    type_keys(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.practice
    assert focused() is window.practice.passage


def test_keyboard_only_loop(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    # Profile picker with no profiles: the name field has focus; type a name, press Enter.
    assert focused() is window.picker.new_name
    qtbot.keyClicks(focused(), "Ada")
    type_keys(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    open_by_keys(qtbot, window, "peace")
    article = window.current.article if window.current else None
    assert article is not None
    text = article.text
    first = text.index("citing diplomatic sources")
    select_by_keys(qtbot, first, len("citing diplomatic sources"))
    type_keys(qtbot, Qt.Key.Key_1)
    second = text.index("Many expect")
    select_by_keys(qtbot, second, len("Many expect"))
    type_keys(qtbot, Qt.Key.Key_1)
    marks = [Span(first, first + 25, "unverified"), Span(second, second + 11, "unverified")]
    assert window.practice.marks.marks() == marks
    type_keys(qtbot, Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.feedback
    expected = score_article(article, marks, default_taxonomy())
    assert [window.feedback.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2)
            for r in range(window.feedback.model.rowCount())] == expected.verdicts
    # Read the verdicts by moving through the list with the arrow keys.
    assert focused() is window.feedback.list
    read = []
    for _ in range(window.feedback.model.rowCount()):
        read.append(window.feedback.detail.heading.text())
        type_keys(qtbot, Qt.Key.Key_Down)
    assert read == [f"{v}: {default_taxonomy().display_name(e.label)}" for v, e in zip(
        ["Missed", "Found", "Found"], expected.verdicts, strict=True)]
    student = student_score(article, marks, "family", default_taxonomy())
    assert (student.found, student.key_spans) == (2, 3)
    assert window.feedback.score.summary.text() == "You found 2 of 3 phrases"
    assert window.feedback.score.number.text() == f"{round(student.score * 100)} %"


def test_end_to_end_with_restart(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    window._create_profile("Bea")
    profile_id = window.profile_id
    assert profile_id is not None
    entries = {e.article_id: e for e in store.library.entries(profile_id)}
    window.open_revision(entries["peace"].revision_id)
    article = window.current.article if window.current else None
    assert article is not None
    start = article.text.index("intervention")
    window.practice.passage.select_range(start, start + len("intervention"))
    window.practice.labels.chips[1].click()  # Loaded framing
    window.practice.submit.click()
    expected = score_article(article, [Span(start, start + 12, "framing")], default_taxonomy())
    shown = [v.verdict for v in window.feedback.model.verdicts]
    assert shown == [v.verdict for v in expected.verdicts]
    # An unfinished passage: marks but no submit, then the window closes.
    window.open_revision(entries["peace-2"].revision_id)
    window.practice.passage.select_range(0, 8)
    qtbot.keyClick(window.practice.passage, Qt.Key.Key_1)
    window.close()
    store.close()

    reopened = open_store(tmp_path)
    try:
        again = show_window(qtbot, reopened, tmp_path)
        assert again.picker.model.rowCount() == 1
        again.picker.start.click()  # the last profile is preselected
        assert again.profile_id == profile_id
        again.show_history()
        assert again.history.texts() == [article.title]
        (attempt,) = reopened.progress.history(profile_id)
        assert attempt.f1 == pytest.approx(expected.counts["family"].f1)
        status = {e.article_id: e.status for e in reopened.library.entries(profile_id)}
        assert status["peace"] == "done" and status["peace-2"] == "in-progress"
        again.open_revision(entries["peace-2"].revision_id)
        assert again.practice.marks.marks() == [Span(0, 8, "anonymous-source")]
        again.close()
    finally:
        reopened.close()


def _focusable(root: QWidget) -> list[QWidget]:
    widgets = [root, *root.findChildren(QWidget)]
    return [w for w in widgets if w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in _focusable(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        assert interface is not None and interface.isValid()
        if not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_control_has_an_accessible_name(qtbot: QtBot, store: Store,
                                                        tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    missing = _unnamed(window)
    window._create_profile("Cy")
    missing += _unnamed(window)
    assert window.profile_id is not None
    window.show_profiles()
    missing += _unnamed(window)
    window.picker.start.click()
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    window.open_revision(entries["peace-2"].revision_id)  # level 2: technique chips
    window.practice.passage.select_range(0, 8)
    qtbot.keyClick(window.practice.passage, Qt.Key.Key_3)
    missing += _unnamed(window)
    window.practice.submit.click()
    missing += _unnamed(window)
    window.show_history()
    missing += _unnamed(window)
    dialog = SettingsDialog(window.settings, tmp_path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    missing += _unnamed(dialog)
    assert missing == []


def _big_set(articles: int) -> ArticleSet:
    text = "Sources say the plan is secret. " * 20
    items = [Article(id=f"a{n}", title=f"Generated passage {n}", level=1, text=text,
                     annotations=[Annotation(start=0, end=11, label="anonymous-source")])
             for n in range(articles)]
    return ArticleSet(id="big", version=1, title="Generated", articles=items)


def test_import_runs_in_the_background_and_can_cancel(qtbot: QtBot, store: Store,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    write_json_set(_big_set(1500), path)
    window = show_window(qtbot, store, tmp_path)
    window._create_profile("Dee")
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    controller = window.import_export
    task = controller.import_paths([path])
    assert task is not None and controller.progress is not None
    with qtbot.waitSignal(task.signals.finished, timeout=60_000) as blocker:
        # The user presses Cancel while the file is still being read or written.
        controller.progress.findChild(QPushButton).click()
    [outcome] = blocker.args[0]
    assert outcome.cancelled and outcome.report is None
    assert "big" not in {s.id for s in store.library.list_sets()}
    assert controller.summary is not None
    controller.summary.close()

    task = controller.import_paths([path])
    assert task is not None
    with qtbot.waitSignal(task.signals.finished, timeout=120_000) as blocker:
        pass
    timer.stop()
    [outcome] = blocker.args[0]
    assert outcome.report is not None and outcome.report.added == 1500
    assert ticks, "the GUI thread kept running its timers during the import"
    assert "big" in {s.id for s in store.library.list_sets()}
    assert controller.summary is not None
    assert "1500 added" in controller.summary.text()
    # The library on screen lists the new passages without a restart.
    qtbot.waitUntil(lambda: window.library.model.rowCount() >= 1500)
    controller.summary.close()
