"""My progress, the quick drill and moving progress, driven through the real main window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from tests.ui.test_app_flow import _unnamed, open_store, show_window
from trainer.core.spans import Span
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.service import Store
from trainer.ui.progress.dashboard_models import MasteryModel
from trainer.ui.progress.progress_controller import ProgressController
from trainer.ui.shell.main_window import MainWindow


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def _window_with_practice(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
    window = show_window(qtbot, store, folder)
    window._create_profile("Ana")
    assert window.profile_id is not None
    window.finish_setup()
    entries = {e.article_id: e for e in store.library.entries(window.profile_id)}
    text = entries["peace"]
    article = store.library.article(text.revision_id).article
    start = article.text.index("citing diplomatic sources")
    store.practice.submit(window.profile_id, text.revision_id,
                          [Span(start, start + 25, "unverified")], mode="family",
                          started_at=__import__("datetime").datetime.now(
                              __import__("datetime").UTC))
    return window


def _controller(window: MainWindow) -> ProgressController:
    controller = window.progress
    assert isinstance(controller, ProgressController)
    return controller


def test_dashboard_shows_the_numbers_and_passes_the_model_tester(
        qtbot: QtBot, qtmodeltester: object, store: Store, tmp_path: Path) -> None:
    window = _window_with_practice(qtbot, store, tmp_path)
    controller = _controller(window)
    controller.show_dashboard()
    view = controller.dashboard
    assert window.stack.currentWidget() is view
    assert view.empty.isHidden()
    # Review finding 17: "1 days practised · streak: 1 days in a row".
    assert view.summary.text() == "1 passage done · mean score {} · 1 day practised · " \
        "streak: 1 day".format(view.summary.text().split("mean score ")[1].split(" ·")[0])
    board, reasons = view._shown or (None, [])
    assert board is not None
    view.set_dashboard(replace(board, attempts=3, days_practised=2, streak=2), reasons)
    assert "3 passages done" in view.summary.text()
    assert "2 days practised · streak: 2 days in a row" in view.summary.text()
    view.set_dashboard(board, reasons)
    assert "apart" in view.discernment.text()
    rows = {view.mastery_model.data(view.mastery_model.index(r, 0)):
            view.mastery_model.data(view.mastery_model.index(r, 1))
            for r in range(view.mastery_model.rowCount())}
    names = default_taxonomy()
    assert rows[names.display_name("anonymous-source")] == "not enough yet"
    qtmodeltester.check(view.mastery_model)  # type: ignore[attr-defined]
    assert view.reasons and all(label.text() for label in view.reasons)
    missing = _unnamed(window)
    assert missing == [], missing


def test_one_day_of_data_draws_whole_points_and_says_why_mastery_is_empty(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    """Review 17: with one day practised every point is drawn whole inside its chart (axis
    ranges padded), d′ and c show their point, and the mastery chart, with no technique met
    often enough, gives way to a sentence instead of an empty frame labelled "none"."""
    from PySide6.QtCharts import QLineSeries

    window = _window_with_practice(qtbot, store, tmp_path)
    window.resize(1280, 800)
    controller = _controller(window)
    controller.show_dashboard()
    view = controller.dashboard
    qtbot.wait(50)
    for chart_view in (view.score_chart, view.bias_chart):
        chart = chart_view.chart()
        lines = [s for s in chart.series() if isinstance(s, QLineSeries)]
        assert lines
        for line in lines:
            assert line.pointsVisible(), line.name()
            radius = line.markerSize() / 2
            inside = chart.plotArea().adjusted(radius, radius, -radius, -radius)
            for point in line.points():
                assert inside.contains(chart.mapToPosition(point, line)), (line.name(), point)
    assert view.mastery_chart.isHidden()
    assert view.mastery_empty.isVisibleTo(view)
    assert "technique" in view.mastery_empty.text()


def test_empty_dashboard_says_what_to_do(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    window._create_profile("Ben")
    window.finish_setup()
    controller = _controller(window)
    controller.show_dashboard()
    assert controller.dashboard.empty.isVisibleTo(window)
    assert "library" in controller.dashboard.empty.text()


def test_a_full_drill_round_by_keyboard(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = _window_with_practice(qtbot, store, tmp_path)
    controller = _controller(window)
    controller.start_drill()
    drill = controller.drill
    assert window.stack.currentWidget() is drill
    total = len(drill.items)
    assert total >= 2
    for _ in range(total):
        item = drill.items[drill.position]
        expected = drill.expected(item)
        key = "3" if expected == "fair" else ("1" if expected == "unverified" else "2")
        qtbot.keyClicks(QApplication.focusWidget() or drill, key)
        assert drill.feedback.text().startswith("✓")
        qtbot.keyClick(QApplication.focusWidget() or drill, Qt.Key.Key_Return)
    assert drill.right == total
    assert f"{total} of {total}" in drill.prompt.text()
    # The end screen offers only "Another round": no answer buttons left to press.
    assert all(button.isHidden() for button in drill.buttons)
    qtbot.keyClick(QApplication.focusWidget() or drill, Qt.Key.Key_Return)
    assert drill.buttons and not any(button.isHidden() for button in drill.buttons)
    assert window.profile_id is not None
    board = store.progress.dashboard(window.profile_id)
    assert board.discernment.trials >= total  # drill answers count


def test_drill_answer_marks_the_choice_and_the_right_button(qtbot: QtBot, store: Store,
                                                            tmp_path: Path) -> None:
    """Review 4, finding 15: after an answer the chosen and the right button say so with an
    icon and words (not colour only); the others are out of play; the next sentence puts
    every button back."""
    window = _window_with_practice(qtbot, store, tmp_path)
    controller = _controller(window)
    controller.start_drill()
    drill = controller.drill
    assert len(drill.items) >= 2
    ids = [answer for answer, _name in drill.options]
    before = [button.text() for button in drill.buttons]
    # A wrong answer first: the chosen button and the right one are both marked.
    expected = drill.expected(drill.items[0])
    wrong = next(answer for answer in ids if answer != expected)
    drill.buttons[ids.index(wrong)].click()
    chosen, right = drill.buttons[ids.index(wrong)], drill.buttons[ids.index(expected)]
    assert "your answer" in chosen.text() and "not right" in chosen.text()
    assert "right answer" in right.text()
    for button in (chosen, right):
        assert button.isEnabled() and not button.icon().isNull()
        assert button.text() in button.accessibleName() or "—" in button.accessibleName()
    assert chosen.icon().cacheKey() != right.icon().cacheKey()
    others = [b for b in drill.buttons if b not in (chosen, right)]
    assert others and all(not b.isEnabled() and b.icon().isNull() for b in others)
    assert [b.text() for b in others] == [before[drill.buttons.index(b)] for b in others]
    # Clicking the marked buttons again changes nothing.
    right.click()
    assert drill.right == 0
    qtbot.keyClick(QApplication.focusWidget() or drill, Qt.Key.Key_Return)
    assert [button.text() for button in drill.buttons] == before
    assert all(b.isEnabled() and b.icon().isNull() for b in drill.buttons)
    # A right answer: one button says so, the rest are out of play.
    expected = drill.expected(drill.items[1])
    drill.buttons[ids.index(expected)].click()
    right = drill.buttons[ids.index(expected)]
    assert "your answer, right" in right.text() and not right.icon().isNull()
    assert sum(b.isEnabled() for b in drill.buttons) == 1


def test_drill_without_done_passages_says_so(qtbot: QtBot, store: Store,
                                             tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    window._create_profile("Cy")
    window.finish_setup()
    controller = _controller(window)
    controller.start_drill()
    assert "passages you have already done" in controller.drill.prompt.text()
    assert all(button.isHidden() for button in controller.drill.buttons)


def test_progress_menu_comes_before_help(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    window = show_window(qtbot, store, tmp_path)
    window.finish_setup()
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles.index("Progress") < titles.index("Help"), titles
    assert titles[-1] == "Help"


def test_export_then_import_on_another_computer(qtbot: QtBot, store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window_with_practice(qtbot, store, tmp_path)
    target = tmp_path / "usb" / "ana.progress.json"
    target.parent.mkdir()
    assert _controller(window).export_progress(target) == target
    assert window.statusBar().currentMessage().startswith("Saved 1 attempt to ")
    window.show_history()
    assert window.history.summary.text().startswith("1 attempt · average score ")
    other_home = tmp_path / "laptop"
    other_home.mkdir()
    other = open_store(other_home)
    other.library.import_set(make_set())
    try:
        second = show_window(qtbot, other, other_home)
        second.finish_setup()
        monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                            lambda *args, **kwargs: None)
        assert _controller(second).import_progress(target)
        assert second.profile_name == "Ana"
        assert second.profile_id is not None
        assert len(other.progress.history(second.profile_id)) == 1
    finally:
        other.close()


def test_bad_progress_file_is_refused_with_its_name(qtbot: QtBot, store: Store,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = show_window(qtbot, store, tmp_path)
    window.finish_setup()
    bad = tmp_path / "garbage.json"
    bad.write_bytes(b"\x00\x01garbage")
    shown: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _parent, _title, text, *a, **k: shown.append(text))
    assert not _controller(window).import_progress(bad)
    assert shown and "garbage.json" in shown[0]


def test_mastery_model_alone(qtmodeltester: object) -> None:
    model = MasteryModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
