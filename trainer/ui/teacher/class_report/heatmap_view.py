"""The Heatmap tab (and the preview under the Articles table): an article chooser, the
passage from heatmap_document in a read-only text view, the legend and the number of students
the shading is based on (each with their latest attempt on the article)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextEdit, QVBoxLayout, QWidget

from trainer.core.class_report import ClassReport, heatmap
from trainer.core.spans import Span
from trainer.ui.shell import theme
from trainer.ui.teacher.class_report.heatmap import (
    STEP_UNDERLINES,
    based_on_text,
    heatmap_document,
    legend_text,
    shades,
    step_range_text,
)

ArticleKey = tuple[str, str]
READING_COLUMNS = 80


def heatmap_inputs(report: ClassReport,
                   key: ArticleKey) -> tuple[list[float], list[Span], int] | None:
    """Shares per character (headline included), the required key spans, both in scoring
    coordinates, and the number of students; None when no attempt of the article is there."""
    article = report.resolved.get(key)
    marked = report.marked.get(key)
    if article is None or not marked:
        return None
    view = article.scoring_view()
    keys = [Span(a.start, a.end, a.label) for a in view.annotations if not a.optional]
    return heatmap(view, marked), keys, len(marked)


_PENS = {QTextCharFormat.UnderlineStyle.DotLine: Qt.PenStyle.DotLine,
         QTextCharFormat.UnderlineStyle.DashUnderline: Qt.PenStyle.DashLine,
         QTextCharFormat.UnderlineStyle.DashDotLine: Qt.PenStyle.DashDotLine,
         QTextCharFormat.UnderlineStyle.SingleUnderline: Qt.PenStyle.SolidLine}


class StepSample(QLabel):
    """A legend sample: the step's shading (style sheet) and its underline, drawn as the
    heatmap document draws it (QLabel cannot show dotted or dashed underlines)."""

    def __init__(self, text: str, underline: QTextCharFormat.UnderlineStyle) -> None:
        super().__init__(text)
        self.underline = underline
        self.foreground = QColor()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        style = _PENS.get(self.underline)
        if style is None:
            return
        painter = QPainter(self)
        metrics = QFontMetricsF(self.font())
        pen = QPen(self.foreground, max(1.0, metrics.lineWidth()))
        pen.setStyle(style)
        painter.setPen(pen)
        width = metrics.horizontalAdvance(self.text())
        left = (self.width() - width) / 2
        y = self.height() / 2 + metrics.ascent() / 2 + metrics.underlinePos()
        painter.drawLine(QPointF(left, y), QPointF(left + width, y))
        painter.end()


class HeatmapView(QTextEdit):
    """The read-only passage view. A QTextEdit gives its document its own font whenever that
    changes (a style sheet re-polish sets the interface size); the heatmap keeps the reading
    size it was drawn at."""

    def __init__(self) -> None:
        super().__init__()
        self.reading_font: QFont | None = None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.reading_font is not None:
            self.document().setDefaultFont(self.reading_font)


class Legend(QWidget):
    """A shaded sample of every step, a key sample, and the legend in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Heatmap legend"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.samples = [StepSample(step_range_text(step), STEP_UNDERLINES[step])
                        for step in range(5)]
        for sample in self.samples:
            sample.setTextFormat(Qt.TextFormat.PlainText)
            sample.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(sample)
        self.key_sample = QLabel(self.tr("answer key"))
        font = self.key_sample.font()
        font.setBold(True)
        font.setOverline(True)
        self.key_sample.setFont(font)
        row.addWidget(self.key_sample)
        row.addStretch(1)
        self.words = QLabel(legend_text())
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.words)
        self.restyle()

    def restyle(self) -> None:
        for sample, shade in zip(self.samples, shades(), strict=True):
            sample.foreground = QColor(shade.foreground)
            sample.setStyleSheet(f"background:{shade.background}; color:{shade.foreground};"
                                 "padding:2px 6px 4px 6px; border-radius:3px;")
            sample.update()


class HeatmapPanel(QWidget):
    """Shows one article's class heatmap; with `chooser`, a combo picks the article."""

    article_chosen = Signal(object)  # ArticleKey

    def __init__(self, chooser: bool = True, parent: QWidget | None = None, *,
                 compact: bool = False) -> None:
        super().__init__(parent)
        self.report = ClassReport()
        self.key: ArticleKey | None = None
        self.combo: QComboBox | None = None
        self._document: QTextDocument | None = None  # the last heatmap shown
        layout = QVBoxLayout(self)
        if chooser:
            self.combo = QComboBox()
            self.combo.setAccessibleName(self.tr("Article for the heatmap"))
            self.combo.currentIndexChanged.connect(self._combo_changed)
            label = QLabel(self.tr("&Article:"))
            label.setBuddy(self.combo)
            top = QHBoxLayout()
            top.addWidget(label)
            top.addWidget(self.combo, 1)
            layout.addLayout(top)
        self.view = HeatmapView()
        self.view.setReadOnly(True)
        self.view.setAcceptRichText(False)
        # A reading column, as on the practice screen, not the window's full width (a pixel
        # width from the font: Qt's column mode breaks words).
        self.view.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.view.setAccessibleName(self.tr("Class heatmap of the passage"))
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.based_on = QLabel()
        self.based_on.setAccessibleName(self.tr("Students the heatmap is based on"))
        self.legend = Legend()
        layout.addWidget(self.view, 1)
        layout.addWidget(self.based_on)
        layout.addWidget(self.legend)
        if compact:  # under a table: the samples say it; the sentence is on the Heatmap tab
            self.legend.words.hide()
            layout.setContentsMargins(0, 0, 0, 0)

    def set_report(self, report: ClassReport) -> None:
        self.report = report
        keys = [(a.set_id, a.article_id) for a in report.articles]
        if self.combo is not None:
            self.combo.blockSignals(True)
            self.combo.clear()
            for a in report.articles:
                self.combo.addItem(a.title, (a.set_id, a.article_id))
            self.combo.blockSignals(False)
        self.show_article(self.key if self.key in keys else (keys[0] if keys else None))

    def show_article(self, key: ArticleKey | None) -> None:
        self.key = key
        if self.combo is not None and key is not None:
            row = self.combo.findData(key)
            if row >= 0 and row != self.combo.currentIndex():
                self.combo.blockSignals(True)
                self.combo.setCurrentIndex(row)
                self.combo.blockSignals(False)
        self.redraw()

    def redraw(self) -> None:
        inputs = heatmap_inputs(self.report, self.key) if self.key is not None else None
        if inputs is None or self.key is None:
            self.view.setPlainText(self.tr("Choose an article to see which phrases the "
                                           "class marked."))
            self.based_on.setText("")
            return
        shares, keys, students = inputs
        article = self.report.resolved[self.key]
        font = QFont(self.font())
        # Big enough to project (review finding 23): never below the passage's reading size,
        # the text-size setting the practice screen uses.
        font.setPointSizeF(max(font.pointSizeF(),
                               theme.REFERENCE_TEXT_SIZE * theme.text_scale()))
        self.view.reading_font = font
        document = heatmap_document(article, shares, keys, font)
        self.view.setLineWrapColumnOrWidth(
            round(QFontMetricsF(font).averageCharWidth() * READING_COLUMNS))
        document.setParent(self.view)
        self.view.setDocument(document)  # deletes the view's own first document, not ours
        if self._document is not None:
            self._document.deleteLater()
        self._document = document
        self.based_on.setText(based_on_text(students))

    def _combo_changed(self, row: int) -> None:
        if self.combo is None or row < 0:
            return
        key = self.combo.itemData(row)
        self.show_article(key)
        self.article_chosen.emit(key)

    def changeEvent(self, event: QEvent) -> None:
        # The text-size setting changes the application font, a theme the palette: both
        # change how the document must be drawn.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.legend.restyle()
            self.redraw()
        super().changeEvent(event)
