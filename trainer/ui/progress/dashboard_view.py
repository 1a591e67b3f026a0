"""My progress: the student score over time, mastery per technique, discernment and bias in
words and over time, days practised and a gentle streak, the weak-spots queue with its reasons,
and the passages and drill that practise them (issue 11).

Every chart has a text twin (the summary lines and the mastery table), so colour never carries
meaning alone and a screen reader gets the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLegend,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.mastery import Mastery
from trainer.storage.learning import Dashboard, NextPassage
from trainer.ui.progress.dashboard_models import MasteryModel
from trainer.ui.progress.words import discernment_words
from trainer.ui.shell import theme

MARKER_SIZE = 8


def _marker(color: QColor, round_: bool) -> QImage:
    """A filled disc or square for a series' points, so two lines differ in point shape as
    well as in colour and dash.

    Both shapes are pictures: Qt Charts sizes a series' repaint box by its picture, while its
    own default disc lies outside a one-point series' (empty) box, so scrolling the page
    repainted only half of it (review 4, finding 8)."""
    image = QImage(MARKER_SIZE * 2, MARKER_SIZE * 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    if round_:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(image.rect())
    else:
        painter.fillRect(image.rect(), color)
    painter.end()
    return image


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setAccessibleName(name)
    return label


def _short_date(day: str) -> str:
    date = QDate.fromString(day, Qt.DateFormat.ISODate)
    return QLocale().toString(date, "d MMM") if date.isValid() else day


class _Chart(QChartView):
    """A chart that follows the window's theme and text size."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setAccessibleName(title)
        self.viewport().setAccessibleName(title)
        self.title = title
        self.setChart(QChart())

    def fresh_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self.title)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark
                       else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundBrush(self.palette().brush(QPalette.ColorRole.Base))
        chart.setTitleBrush(self.palette().brush(QPalette.ColorRole.Text))
        chart.setTitleFont(self.font())
        chart.legend().setFont(self.font())
        chart.legend().setLabelColor(self.palette().color(QPalette.ColorRole.Text))
        # Each legend entry shows its series' own line (solid, dashed) and point, not only a
        # coloured square: the legend then says which line is which without colour.
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        chart.setMargins(QMargins(4, 4, 24, 4))  # room for the last date label
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()
        return chart

    def style_line(self, line: QLineSeries, index: int) -> None:
        """The theme's colour for the index-th line (the chart theme's own colours are not
        made for our backgrounds: one was black on the dark theme). The first line is solid
        with round points, the second dashed with square points."""
        color = QColor(theme.current().chart_lines[index % 2])
        pen = QPen(color, 3 if index % 2 == 0 else 2)
        pen.setStyle(Qt.PenStyle.SolidLine if index % 2 == 0 else Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setColor(color)
        line.setBrush(color)
        line.setPointsVisible(True)  # one day is one point (a line needs two)
        # The disc a little larger than the square: the same area to the eye.
        line.setMarkerSize(MARKER_SIZE + 4 if index % 2 == 0 else MARKER_SIZE)
        line.setLightMarker(_marker(color, round_=index % 2 == 0))

    def style_axis(self, axis: QValueAxis | QBarCategoryAxis | QCategoryAxis) -> None:
        axis.setLabelsFont(self.font())
        axis.setLabelsColor(self.palette().color(QPalette.ColorRole.Text))
        axis.setTitleBrush(self.palette().brush(QPalette.ColorRole.Text))


class DashboardView(QWidget):
    back_requested = Signal()
    practise_requested = Signal(object)  # a NextPassage
    drill_requested = Signal()
    history_requested = Signal()

    def __init__(self, names: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self._names = names or (lambda technique: technique)
        self.setAccessibleName(self.tr("My progress"))
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        back = QPushButton(self.tr("← Library"))
        back.setAccessibleName(self.tr("Back to the library"))
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        heading = _label(self.tr("My progress"))
        heading.setObjectName("heading")
        top.addWidget(heading, 1)
        self.drill_button = QPushButton(self.tr("&Quick drill"))
        self.drill_button.setAccessibleName(self.tr("Start a quick drill of ten sentences"))
        self.drill_button.clicked.connect(self.drill_requested)
        top.addWidget(self.drill_button)
        history = QPushButton(self.tr("My &attempts"))
        history.setAccessibleName(self.tr("Every attempt, to reopen its feedback"))
        history.clicked.connect(self.history_requested)
        top.addWidget(history)
        outer.addLayout(top)

        body = QWidget()
        body.setAccessibleName(self.tr("My progress"))
        grid = QGridLayout(body)
        self.summary = _label(name=self.tr("Summary"))
        self.discernment = _label(name=self.tr("Discernment in words"))
        self.empty = _label(self.tr(
            "No attempts yet. Open a passage in the library (Ctrl+Shift+L), mark what you "
            "notice and submit it: your progress will show here."), self.tr("What to do first"))
        grid.addWidget(self.empty, 0, 0, 1, 2)
        grid.addWidget(self.summary, 1, 0, 1, 2)
        grid.addWidget(self.discernment, 2, 0, 1, 2)
        # What to practise next comes first: it is what a student opens this screen for.
        weak_heading = _label(self.tr("Practise next"))
        weak_heading.setObjectName("subheading")
        weak_heading.setProperty("role", "heading")
        self.weak_heading = weak_heading
        grid.addWidget(weak_heading, 3, 0, 1, 2)
        self.weak_box = QVBoxLayout()
        grid.addLayout(self.weak_box, 4, 0, 1, 2)
        self.score_chart = _Chart(self.tr("Score per day (%)"))
        self.bias_chart = _Chart(self.tr("Telling fair from unfair (d′) and flagging (c)"))
        grid.addWidget(self.score_chart, 5, 0)
        grid.addWidget(self.bias_chart, 5, 1)
        self.mastery_chart = _Chart(self.tr("Mastery per technique (%)"))
        # Chart (or its sentence) and table start level; neither is stretched to the
        # other's height (one bar drawn 400 px thick read as a fault).
        grid.addWidget(self.mastery_chart, 6, 0, alignment=Qt.AlignmentFlag.AlignTop)
        # Until a technique has been met often enough there is nothing to draw: a sentence
        # says so in the chart's place (an empty frame labelled "none" read as broken).
        self.mastery_empty = _label(self.tr(
            "Mastery per technique: a bar appears for each technique once you have met it in "
            "a few passages. The table beside this lists every technique so far."),
            self.tr("Mastery per technique"))
        self.mastery_empty.setProperty("role", "muted")
        self.mastery_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.mastery_empty.setMinimumHeight(220)
        self.mastery_empty.hide()
        grid.addWidget(self.mastery_empty, 6, 0, alignment=Qt.AlignmentFlag.AlignTop)
        self.mastery_model = MasteryModel(self)
        self.mastery_table = QTableView()
        self.mastery_table.setModel(self.mastery_model)
        self.mastery_table.setAccessibleName(self.tr("Mastery per technique, as a table"))
        self.mastery_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.mastery_table.verticalHeader().setVisible(False)
        self.mastery_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        # The table grows to show every row and the page scrolls once: a scroller inside the
        # page's scroller hid rows and caught the mouse wheel (review 4, finding 8).
        self.mastery_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mastery_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        grid.addWidget(self.mastery_table, 6, 1, alignment=Qt.AlignmentFlag.AlignTop)
        self.scroll_area = scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("My progress"))
        scroll.viewport().setAccessibleName(self.tr("My progress"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.next_buttons: list[QPushButton] = []
        self.reasons: list[QLabel] = []
        self._shown: tuple[Dashboard, list[str]] | None = None
        self._restyle_pending = False

    def changeEvent(self, event: QEvent) -> None:
        # Charts copy the font and colours when they are built: rebuild them when the text
        # size or the theme changes while this screen is open.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange) and not self._restyle_pending:
            self._restyle_pending = True
            QTimer.singleShot(0, self, self._restyle)  # dropped if this screen is gone
        super().changeEvent(event)

    def _restyle(self) -> None:
        self._restyle_pending = False
        if self._shown is not None:
            self.set_dashboard(*self._shown)

    def set_dashboard(self, board: Dashboard, reasons: Sequence[str],
                      now: datetime | None = None) -> None:
        self._shown = (board, list(reasons))
        has_data = board.attempts > 0 or board.discernment.trials > 0
        self.empty.setVisible(not has_data)
        score = "—" if board.score is None else f"{board.score:.0%}"
        # One numerus message per English form (both with %n, so a translator still gives
        # every plural form of their language): English reads right with no .qm loaded.
        n, days, streak = board.attempts, board.days_practised, board.streak
        self.summary.setText(" · ".join((
            self.tr("%n passage done", "", n) if n == 1 else self.tr("%n passages done", "", n),
            self.tr("mean score {score}").format(score=score),
            self.tr("%n day practised", "", days) if days == 1
            else self.tr("%n days practised", "", days),
            self.tr("streak: %n day", "", streak) if streak == 1
            else self.tr("streak: %n days in a row", "", streak))))
        d = board.discernment
        words = discernment_words(d.d_prime, d.bias, d.trials)
        numbers = self.tr("(recent sentences: d′ {d:.2f}, c {c:+.2f}; {h} found, {m} missed, "
                          "{fa} false alarms, {cr} fair left alone)").format(
            d=d.d_prime, c=d.bias, h=d.hits, m=d.misses, fa=d.false_alarms,
            cr=d.correct_rejections)
        self.discernment.setText(f"{words} {numbers}" if d.trials else words)
        self._fill_score_chart(board)
        self._fill_bias_chart(board)
        rows = [(self._names(t), m) for t, m in board.mastery.items() if m.examples > 0]
        rows.sort(key=lambda r: (r[1].mastery is None, r[1].mastery or 0.0))
        self.mastery_model.set_mastery(rows)
        self._fit_table()
        self._fill_mastery_chart(rows)
        self._fill_weak_spots(board.next, reasons)

    def _fit_table(self) -> None:
        table = self.mastery_table
        table.resizeRowsToContents()
        height = (table.horizontalHeader().sizeHint().height()
                  + table.verticalHeader().length() + 2 * table.frameWidth())
        table.setFixedHeight(height)

    def _fill_score_chart(self, board: Dashboard) -> None:
        chart = self.score_chart.fresh_chart()
        series = QLineSeries()
        series.setName(self.tr("score"))
        for i, point in enumerate(board.days):
            series.append(i, point.score * 100)
        chart.addSeries(series)
        self.score_chart.style_line(series, 0)  # after addSeries: the chart theme recolours
        self._day_axes(self.score_chart, chart, [series], board, 0, 100, 25)

    def _fill_bias_chart(self, board: Dashboard) -> None:
        chart = self.bias_chart.fresh_chart()
        d_series, c_series = QLineSeries(), QLineSeries()
        d_series.setName(self.tr("d′ (higher: tells apart better)"))
        c_series.setName(self.tr("c (below 0: flags too much)"))
        for i, point in enumerate(board.days):
            d_series.append(i, point.d_prime)
            c_series.append(i, point.bias)
        for index, line in enumerate((d_series, c_series)):
            chart.addSeries(line)
            self.bias_chart.style_line(line, index)
        values = [p.d_prime for p in board.days] + [p.bias for p in board.days]
        low, high = min([-2.0, *values]), max([4.0, *values])
        self._day_axes(self.bias_chart, chart, [d_series, c_series], board,
                       float(math.floor(low)), float(math.ceil(high)), 1)

    def _day_axes(self, view: _Chart, chart: QChart, series: list[QLineSeries],
                  board: Dashboard, low: float, high: float, interval: float) -> None:
        # Dates, not day numbers: a student remembers "Tuesday", not "day 3".
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        # Half a day of room on both sides and a little above and below the scale: a point on
        # the plot's edge (the first day, a score of 100 %) would be cut in half.
        x.setRange(-0.5, max(0, len(board.days) - 1) + 0.5)
        step = max(1, len(board.days) // 7)
        for i, point in enumerate(board.days):
            if i % step == 0:
                x.append(_short_date(point.day), i)
        y = QValueAxis()
        pad = (high - low) * 0.06
        y.setRange(low - pad, high + pad)
        # Ticks and labels stay on round values of the scale, not on the padded ends.
        y.setTickType(QValueAxis.TickType.TicksDynamic)
        y.setTickAnchor(low)
        y.setTickInterval(interval)
        y.setLabelFormat("%d" if high - low > 10 else "%.1f")
        for axis, edge in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
            view.style_axis(axis)
            chart.addAxis(axis, edge)
            for line in series:
                line.attachAxis(axis)

    def _fill_mastery_chart(self, rows: Sequence[tuple[str, Mastery]]) -> None:
        chart = self.mastery_chart.fresh_chart()
        # The weakest eight, as horizontal bars: names stay whole on the left at any width.
        shown = [(name, m) for name, m in rows if m.mastery is not None][:8][::-1]
        self.mastery_chart.setVisible(bool(shown))
        self.mastery_empty.setVisible(not shown)
        if not shown:
            return
        bars = QBarSet(self.tr("mastery"))
        for _name, m in shown:
            bars.append(round((m.mastery or 0.0) * 100))
        series = QHorizontalBarSeries()
        series.append(bars)
        # The value is written beside each name, not on the bar: Qt Charts writes no label on
        # a bar of 0, and "0 %" is the number a student most needs to see (review 4, 8).
        series.setLabelsVisible(False)
        chart.addSeries(series)
        # After addSeries (the chart theme recolours what it is given): a pale fill the value
        # reads on, in the text colour, and an outline that stands out from the background.
        colors = theme.current()
        bars.setColor(QColor(colors.family_tint["unverified"]))
        bars.setBorderColor(QColor(colors.chart_lines[0]))
        bars.setPen(QPen(QColor(colors.chart_lines[0]), 2))
        bars.setLabelColor(self.palette().color(QPalette.ColorRole.Text))
        bars.setLabelFont(self.font())
        categories = QBarCategoryAxis()
        categories.append([self.tr("{name} ({examples}): {mastery} %").format(
            name=name, examples=m.examples, mastery=round((m.mastery or 0.0) * 100))
            for name, m in shown])
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d")
        row = max(34, 2 * self.fontMetrics().height())  # a name's line with room around
        self.mastery_chart.setFixedHeight(max(220, row * len(shown) + 80))
        for axis, edge in ((categories, Qt.AlignmentFlag.AlignLeft),
                           (values, Qt.AlignmentFlag.AlignBottom)):
            self.mastery_chart.style_axis(axis)
            chart.addAxis(axis, edge)
            series.attachAxis(axis)
        chart.legend().setVisible(False)

    def _fill_weak_spots(self, passages: Sequence[NextPassage], reasons: Sequence[str]) -> None:
        for widget in [*self.next_buttons, *self.reasons]:
            self.weak_box.removeWidget(widget)
            widget.deleteLater()
        self.next_buttons, self.reasons = [], []
        if not reasons:
            self.reasons.append(_label(self.tr(
                "Nothing is due: every technique you have met is fresh. A quick drill keeps "
                "it that way.")))
        for reason in reasons:
            self.reasons.append(_label(f"• {reason}"))
        for label in self.reasons:
            self.weak_box.addWidget(label)
        for passage in passages:
            button = QPushButton(self.tr("Practise “{title}” ({technique})").format(
                title=passage.title.replace("&", "&&"),
                technique=self._names(passage.technique)))
            button.setAccessibleName(button.text())
            button.clicked.connect(
                lambda _checked=False, p=passage: self.practise_requested.emit(p))
            self.next_buttons.append(button)
            self.weak_box.addWidget(button)
