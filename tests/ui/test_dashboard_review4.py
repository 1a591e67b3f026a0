"""Review 4, finding 8: a technique at 0 % says "0 %" in the mastery chart, the charts' points
stay whole after the page is scrolled (a one-point series drew half a disc, worst seen in high
contrast), and the mastery table grows with its rows so the page is the only scroller."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QLineSeries
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import DayPoint, Mastery
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.learning import Dashboard
from trainer.ui.progress.dashboard_view import DashboardView
from trainer.ui.shell import theme


def _board(levels: dict[str, float | None]) -> Dashboard:
    """One day practised (one point per line, as in the review) and the given mastery."""
    now = datetime(2026, 12, 1, tzinfo=UTC)
    days = [DayPoint(day="2026-12-01", attempts=5, score=0.41, d_prime=1.29, bias=0.57)]
    mastery = {t: Mastery(technique=t, mastery=m, examples=3, found=0.0, recent_found=0,
                          recent_total=3, last_seen=now) for t, m in levels.items()}
    return Dashboard(attempts=5, score=0.41, days=days, mastery=mastery,
                     discernment=DiscernmentCounts(8, 7, 3, 27), days_practised=1, streak=1,
                     weak_spots=[], next=[])


def _every_technique(level: float | None) -> dict[str, float | None]:
    return {t: level for t in default_taxonomy().techniques}


def _view(qtbot: QtBot, board: Dashboard, width: int, height: int) -> DashboardView:
    view = DashboardView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.set_dashboard(board, ["Appeal to fear: not practised yet"])
    QApplication.processEvents()
    return view


def test_a_technique_at_zero_says_zero_percent(qtbot: QtBot) -> None:
    view = _view(qtbot, _board({"oversimplification": 0.0, "anonymous-source": 0.5}),
                 1280, 800)
    axes = [a for a in view.mastery_chart.chart().axes() if isinstance(a, QBarCategoryAxis)]
    assert len(axes) == 1
    labels = axes[0].categories()
    zero = [label for label in labels if label.startswith("oversimplification")]
    half = [label for label in labels if label.startswith("anonymous-source")]
    assert zero and zero[0].endswith("0 %") and not zero[0].endswith("50 %"), labels
    assert half and half[0].endswith("50 %"), labels


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_points_stay_whole_after_scrolling_the_page(qtbot: QtBot, name: str,
                                                    restore_look: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, name)
    levels = _every_technique(None)
    levels.update({"oversimplification": 0.0, "anonymous-source": 0.5})
    view = _view(qtbot, _board(levels), 1280, 740)
    bar = view.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    # Scroll down and back up in small steps, as a mouse wheel does: each step repaints only
    # the strip that comes into view.
    bar.setValue(bar.maximum())
    _settle()
    for value in range(bar.maximum(), -1, -15):
        bar.setValue(value)
        _settle()
    bar.setValue(0)
    _settle()
    # What is on screen (the window's backing store), not a fresh render of the widget.
    screen = QGuiApplication.primaryScreen().grabWindow(view.winId()).toImage()
    for chart_view in (view.score_chart, view.bias_chart):
        chart = chart_view.chart()
        for line in (s for s in chart.series() if isinstance(s, QLineSeries)):
            colour = line.color()
            for point in line.points():
                scene = chart.mapToScene(chart.mapToPosition(point, line))
                centre = chart_view.viewport().mapTo(view, chart_view.mapFromScene(scene))
                # The point is drawn as far below its centre as above it.
                above = _run(screen, centre, -1, colour)
                below = _run(screen, centre, 1, colour)
                assert above >= 3 and abs(above - below) <= 1, (name, line.name(), above,
                                                                 below)


def _run(screen: QImage, start: QPoint, step: int, colour: QColor) -> int:
    """How many pixels from `start` up (step -1) or down (step 1) are the point's colour."""
    count = 0
    while count < 30 and _close(screen.pixelColor(start.x(), start.y() + step * count),
                                colour):
        count += 1
    return count


def _close(one: QColor, two: QColor) -> bool:
    return max(abs(one.red() - two.red()), abs(one.green() - two.green()),
               abs(one.blue() - two.blue())) <= 40


@pytest.mark.parametrize("charted", [False, True])
def test_mastery_table_grows_and_the_page_scrolls_once(qtbot: QtBot, charted: bool) -> None:
    # Every technique met: with none charted the chart gives way to a sentence, and with
    # eight charted the chart is tall; either way at 1024×600 the table shows every row.
    levels = _every_technique(None)
    if charted:
        levels = {t: (0.25 if i < 8 else None) for i, t in enumerate(levels)}
    view = _view(qtbot, _board(levels), 1024, 600)
    table = view.mastery_table
    assert view.mastery_model.rowCount() == len(levels)
    assert table.verticalScrollBar().maximum() == 0
    assert table.viewport().height() >= table.verticalHeader().length()
    assert table.horizontalScrollBar().maximum() == 0
    # The wheel over the table is left to the page (a real wheel event then goes on to the
    # page's scroller; one sent by a test stops at the widget it is sent to).
    assert view.scroll_area.verticalScrollBar().maximum() > 0
    inside = QPointF(table.viewport().rect().center())
    wheel = QWheelEvent(inside, QPointF(table.viewport().mapToGlobal(inside.toPoint())),
                        QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(table.viewport(), wheel)
    assert not wheel.isAccepted()
    assert table.verticalScrollBar().value() == 0


def test_one_bar_is_not_stretched_to_the_tables_height(qtbot: QtBot) -> None:
    """The grown table no longer stretches the chart beside it: one technique charted draws
    one bar of ordinary thickness, and chart and table start level."""
    levels = _every_technique(None)
    levels["oversimplification"] = 0.0
    view = _view(qtbot, _board(levels), 1280, 740)
    chart, table = view.mastery_chart, view.mastery_table
    assert chart.isVisibleTo(view)
    assert table.height() > chart.height() + 100
    assert chart.height() <= 300
    assert abs(chart.y() - table.y()) <= 2
