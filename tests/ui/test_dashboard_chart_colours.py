"""Every series of the dashboard's charts is visible in every theme and tells apart from the
others without colour (review: the c line was black, invisible in the dark theme)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCharts import QBarSet, QChart, QHorizontalBarSeries, QLegend, QLineSeries
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.looks import contrast
from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import DayPoint, Mastery
from trainer.storage.learning import Dashboard
from trainer.ui.progress.dashboard_view import DashboardView
from trainer.ui.shell import theme

# WCAG 1.4.11: parts of a graphic needed to understand it keep 3:1 against what is behind them.
GRAPHIC_CONTRAST = 3.0
TEXT_CONTRAST = 4.5


def _board() -> Dashboard:
    days = [DayPoint(day=f"2026-11-{d:02d}", attempts=2, score=s, d_prime=dp, bias=c)
            for d, s, dp, c in ((25, 0.5, 1.2, 0.4), (26, 0.6, 0.9, -0.3),
                                (28, 0.7, 2.1, 0.1))]
    now = datetime(2026, 11, 28, tzinfo=UTC)
    mastery = {t: Mastery(technique=t, mastery=m, examples=6, found=m * 6, recent_found=1,
                          recent_total=2, last_seen=now)
               for t, m in (("anonymous-source", 0.5), ("loaded-language", 0.8))}
    return Dashboard(attempts=6, score=0.6, days=days, mastery=mastery,
                     discernment=DiscernmentCounts(10, 4, 3, 20), days_practised=3, streak=1,
                     weak_spots=[], next=[])


def _shown(qtbot: QtBot, name: str) -> tuple[DashboardView, theme.ThemeColors]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    colors = theme.apply_theme(app, name)
    view = DashboardView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.set_dashboard(_board(), [])
    QApplication.processEvents()
    return view, colors


def _lines(chart: QChart) -> list[QLineSeries]:
    return [s for s in chart.series() if isinstance(s, QLineSeries)]


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_every_line_stands_out_from_the_chart_background(qtbot: QtBot, name: str,
                                                         restore_look: None) -> None:
    view, _colors = _shown(qtbot, name)
    for chart_view in (view.score_chart, view.bias_chart):
        chart = chart_view.chart()
        background = chart.backgroundBrush().color()
        lines = _lines(chart)
        assert lines
        for line in lines:
            # The line, and the points drawn on it (filled with the series' brush when it has
            # one, else in the pen's colour).
            assert contrast(line.pen().color(), background) >= GRAPHIC_CONTRAST, \
                (name, line.name(), line.pen().color().name(), background.name())
            assert contrast(line.color(), background) >= GRAPHIC_CONTRAST, (name, line.name())
        # The legend names each line in the text colour, readable on the background.
        assert contrast(chart.legend().labelColor(), background) >= TEXT_CONTRAST


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_d_prime_and_c_tell_apart_without_colour(qtbot: QtBot, name: str,
                                                 restore_look: None) -> None:
    view, _colors = _shown(qtbot, name)
    chart = view.bias_chart.chart()
    d_line, c_line = _lines(chart)
    # A different line style (dashes), and the legend shows each series' own line, so the
    # style in the legend says which line is which.
    assert d_line.pen().style() != c_line.pen().style()
    assert chart.legend().markerShape() == QLegend.MarkerShape.MarkerShapeFromSeries
    assert chart.legend().isVisible()
    # Different point shapes too: each is drawn with its own marker picture (a disc, a
    # square).
    assert not d_line.lightMarker().isNull() and not c_line.lightMarker().isNull()
    assert d_line.lightMarker() != c_line.lightMarker()
    # And different colours, each visible.
    assert d_line.pen().color() != c_line.pen().color()


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_mastery_bars_stand_out_and_their_labels_read(qtbot: QtBot, name: str,
                                                      restore_look: None) -> None:
    view, _colors = _shown(qtbot, name)
    chart = view.mastery_chart.chart()
    background = chart.backgroundBrush().color()
    series = [s for s in chart.series() if isinstance(s, QHorizontalBarSeries)]
    assert series
    bars: list[QBarSet] = series[0].barSets()
    assert bars
    for bar in bars:
        # The bar's outline stands out from the background; the value written on the bar
        # reads on its fill.
        assert contrast(bar.borderColor(), background) >= GRAPHIC_CONTRAST, name
        assert contrast(bar.labelColor(), bar.color()) >= TEXT_CONTRAST, name
