"""Weak-spots practice from the library, the dashboard at the largest text size, the level-2
drill by keyboard, and the sample week the screenshots use."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from tests.ui.test_app_flow import _unnamed, open_store, show_window
from trainer.core.spans import Span
from trainer.storage.service import Store
from trainer.ui.progress.progress_controller import ProgressController
from trainer.ui.progress.sample_week import sample_week
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.ui_settings import MAX_TEXT_SIZE, UiSettings


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def _window(qtbot: QtBot, store: Store, folder: Path, practised: bool = True
            ) -> tuple[MainWindow, ProgressController]:
    window = show_window(qtbot, store, folder)
    window._create_profile("Ana")
    assert window.profile_id is not None
    window.finish_setup()
    controller = window.progress
    assert isinstance(controller, ProgressController)
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    if not practised:  # only the fair passage: every technique is still new
        store.practice.submit(window.profile_id, entries["clean"].revision_id, [],
                              mode="family", started_at=datetime.now(UTC),
                              nothing_to_flag=True)
        return window, controller
    article = store.library.article(entries["peace"].revision_id).article
    start = article.text.index("citing diplomatic sources")
    store.practice.submit(window.profile_id, entries["peace"].revision_id,
                          [Span(start, start + 25, "unverified")], mode="family",
                          started_at=datetime.now(UTC))
    return window, controller


def test_library_entry_opens_the_recommended_passage_with_its_reason(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window, controller = _window(qtbot, store, tmp_path, practised=False)
    window.show_library()
    entry = controller.weak_entry
    qtbot.waitUntil(entry.isVisible)
    assert controller._next is not None
    wanted = controller._next.revision_id
    reason = controller.reason(controller._next.reason)
    assert reason in entry.reason.text() and controller._next.title in entry.reason.text()
    assert _unnamed(window) == []
    # Tab goes from the filters to this row, then on to the table.
    window.library.technique.setFocus()
    qtbot.keyClick(window.library.technique, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is entry.button
    qtbot.keyClick(entry.button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.library.table

    entry.button.setFocus()
    qtbot.keyClick(entry.button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.practice
    assert window.current is not None and window.current.revision_id == wanted
    assert controller.banner.isVisible() and reason in controller.banner.text()

    window.show_library()  # the reason belongs to that one visit
    assert controller.banner.isHidden()


def test_a_technique_not_met_yet_is_offered_as_new_not_as_a_weak_spot(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    """Review 4, finding 18: "Practise my weak spots" next to "not practised yet" promised
    a weakness the student never showed."""
    window, controller = _window(qtbot, store, tmp_path, practised=False)
    window.show_library()
    entry = controller.weak_entry
    qtbot.waitUntil(entry.isVisible)
    assert controller._next is not None and controller._next.reason.reason_key == "new"
    assert "weak spots" not in entry.button.text().replace("&", "")
    assert "new technique" in entry.button.text().replace("&", "")
    assert "new technique" in entry.button.accessibleName()
    entry.button.click()
    assert "weak spots" not in controller.banner.text()
    assert "new to you" in controller.banner.text()
    # A technique met and missed is a weak spot again.
    assert controller._next is not None
    seen = replace(controller._next.reason, reason_key="struggling")
    entry.set_next(controller._next.revision_id, controller._next.title,
                   controller.reason(seen), new=False)
    assert "weak spots" in entry.button.text().replace("&", "")


def test_no_weak_spots_entry_before_any_practice(qtbot: QtBot, store: Store,
                                                 tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    window._create_profile("Ben")
    window.finish_setup()
    controller = window.progress
    assert isinstance(controller, ProgressController)
    window.show_library()
    controller.refresh_weak_spots()
    assert controller.weak_entry.isHidden()


def test_dashboard_list_opens_its_passage_with_the_reason(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window, controller = _window(qtbot, store, tmp_path, practised=False)
    controller.show_dashboard()
    buttons = controller.dashboard.next_buttons
    assert buttons
    buttons[0].click()
    assert window.stack.currentWidget() is window.practice
    assert controller.banner.isVisible() and controller.banner.text()


def test_dashboard_charts_follow_the_largest_text_size(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window, controller = _window(qtbot, store, tmp_path)
    controller.show_dashboard()
    view = controller.dashboard
    before = view.score_chart.chart().titleFont().pointSizeF()
    s = window.settings
    window.apply_settings(UiSettings(MAX_TEXT_SIZE, s.theme, s.level))
    qtbot.waitUntil(lambda: view.score_chart.chart().titleFont().pointSizeF() > before)
    largest = view.font().pointSizeF()
    assert largest > 1.5 * before  # the screen's own text grew, so must the charts'
    for chart_view in (view.score_chart, view.bias_chart, view.mastery_chart):
        chart = chart_view.chart()
        assert chart.titleFont().pointSizeF() == pytest.approx(largest)
        assert chart.legend().font().pointSizeF() == pytest.approx(largest)
        for axis in chart.axes():
            assert axis.labelsFont().pointSizeF() == pytest.approx(largest)


def test_level_two_drill_gives_every_answer_a_key(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    _shown, controller = _window(qtbot, store, tmp_path)
    controller.start_drill()
    drill = controller.drill
    drill.start(drill.items, controller.taxonomy, 2)
    assert len(drill.options) == len(controller.taxonomy.techniques) + 1  # and Fair
    keys = [drill._key_for(i) for i in range(len(drill.options))]
    assert all(keys) and len(set(keys)) == len(keys)
    assert all(b.text().startswith(k) for b, k in zip(drill.buttons, keys, strict=True))
    for _ in range(len(drill.items)):
        expected = drill.expected(drill.items[drill.position])
        index = next(i for i, (answer, _name) in enumerate(drill.options) if answer == expected)
        qtbot.keyClicks(QApplication.focusWidget() or drill, keys[index])
        assert drill.feedback.text().startswith("✓"), (expected, keys[index])
        qtbot.keyClick(QApplication.focusWidget() or drill, Qt.Key.Key_Return)
    assert drill.right == len(drill.items)


def test_sample_week_gives_the_screenshots_a_realistic_week(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from trainer.ui.shell.app import import_starter

    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    store = open_store(tmp_path)
    try:
        import_starter(store)
        profile = store.profiles.create("Chloé")
        now = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
        assert sample_week(store, profile.id, now) > 0
        assert sample_week(store, profile.id, now) == 0  # the same file twice adds nothing
        board = store.progress.dashboard(profile.id, now)
        assert board.days_practised == 6 and board.streak == 4
        assert board.discernment.trials > 0 and board.next
        levels = [m.mastery for m in board.mastery.values() if m.mastery is not None]
        assert min(levels) < 0.4 < 0.8 < max(levels)  # good and weak techniques both
    finally:
        store.close()
