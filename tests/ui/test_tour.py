"""First-run tour and the level-2 label introduction (issue 10 item 6), driven by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from tests.ui.test_app_flow import open_store
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.service import Store
from trainer.ui.practice.tour import tour_article
from trainer.ui.shell.guidance import labels_intro_key, tour_done_key
from trainer.ui.shell.main_window import MainWindow


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def active_window(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
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


def press(qtbot: QtBot, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_the_tour_set_is_a_short_valid_passage() -> None:
    article = tour_article()
    assert article.level == 1 and len(article.text) < 600
    families = {default_taxonomy().family_of(a.label) for a in article.annotations}
    assert families == {"unverified", "framing"}


def test_a_new_profile_is_offered_the_tour_once(qtbot: QtBot, store: Store,
                                                tmp_path: Path) -> None:
    window = active_window(qtbot, store, tmp_path)
    window._create_profile("Ana")
    bar = window.guidance.bar
    assert bar.isVisible() and bar.start.isVisible()
    bar.dismiss.click()
    assert not bar.isVisible()
    assert window.profile_id is not None
    assert store.settings.get(tour_done_key(window.profile_id)) is True
    window.show_library()
    assert not bar.isVisible()


def test_the_tour_runs_by_keyboard_and_stores_nothing(qtbot: QtBot, store: Store,
                                                      tmp_path: Path) -> None:
    window = active_window(qtbot, store, tmp_path)
    window._create_profile("Ben")
    assert window.profile_id is not None
    bar = window.guidance.bar
    # Start from the offer with the keyboard: Tab to "Start the tour", Space.
    bar.start.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    practice = window.practice
    assert window.stack.currentWidget() is practice
    assert focused() is practice.passage
    assert "step 1 of 4" in bar.step.text()
    # Step 1: select with Shift+arrows ("Sources close to the council").
    text = practice.passage.passage()
    start = text.index("Sources close")
    press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(start):
        press(qtbot, Qt.Key.Key_Right)
    for _ in range(5):  # word by word
        press(qtbot, Qt.Key.Key_Right,
              Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "step 2 of 4" in bar.step.text()
    # Step 2: label it with a number key.
    press(qtbot, Qt.Key.Key_1)
    assert [text[m.start:m.end] for m in practice.marks.marks()] == [
        "Sources close to the council"]
    assert "step 3 of 4" in bar.step.text()
    # Step 3: submit with Ctrl+Enter.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    feedback = window.feedback
    assert window.stack.currentWidget() is feedback
    assert "step 4 of 4" in bar.step.text() and bar.finish.isVisible()
    # Step 4: read the verdicts with the arrow keys, then finish.
    assert focused() is feedback.list
    press(qtbot, Qt.Key.Key_Down)
    assert feedback.detail.body.text()
    assert not feedback.detail.disagree.isVisible()  # nothing is stored in the tour
    assert feedback.next.text() == "Finish the tour"
    feedback.next.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.library
    assert not bar.isVisible() and not window.guidance.active
    assert store.progress.history(window.profile_id) == []
    assert store.settings.get(tour_done_key(window.profile_id)) is True
    assert feedback.next.text() == "Next passage"


def test_the_tour_is_skippable_with_escape_and_replayable_from_help(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = active_window(qtbot, store, tmp_path)
    window._create_profile("Cy")
    window.guidance.start_tour()
    assert window.guidance.active
    press(qtbot, Qt.Key.Key_Escape)
    assert not window.guidance.active
    assert window.stack.currentWidget() is window.library
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    tour = next(a for a in help_menu.actions() if "tour" in a.text().lower())
    tour.trigger()
    assert window.guidance.active and window.stack.currentWidget() is window.practice


def test_the_labels_are_introduced_before_the_first_level_two_passage(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = active_window(qtbot, store, tmp_path)
    window._create_profile("Dee")
    assert window.profile_id is not None
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    window.open_revision(entries["peace-2"].revision_id, introduce=True)
    intro = window.guidance._intro
    assert intro is not None and window.stack.currentWidget() is intro
    taxonomy = default_taxonomy()
    blocks = {w.accessibleName(): w for w in intro.grid_host.findChildren(QWidget)
              if w.accessibleName()}
    for technique in taxonomy.techniques.values():
        texts = [label.text() for label in blocks[technique.name].findChildren(QLabel)]
        assert texts[-1] == f"Example: {technique.example}"
    assert str(len(taxonomy.techniques)) in intro.title.text()
    assert focused() is intro.start
    press(qtbot, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.practice
    assert store.settings.get(labels_intro_key(window.profile_id)) is True
    window.show_library()
    window.open_revision(entries["peace-2"].revision_id, introduce=True)
    assert window.stack.currentWidget() is window.practice  # once only
