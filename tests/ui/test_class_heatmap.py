"""The class heatmap document (issue 12 item 3): shading steps by share (each with its own
underline too), the key in bold with a line above, plain text only, and readable contrast in
every theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.looks import contrast, luminance
from trainer.core.class_report import ClassReport, heatmap
from trainer.core.model import Article
from trainer.core.parts import title_base
from trainer.core.spans import Span
from trainer.ui.shell import theme
from trainer.ui.teacher.class_report.heatmap import (
    STEP_UNDERLINES,
    heatmap_document,
    insert_legend,
    legend_text,
    shades,
    step_of,
    step_range_text,
)
from trainer.ui.teacher.class_report.heatmap_view import HeatmapPanel, Legend
from trainer.ui.widgets.offsets import OffsetMap


def _format_at(document: QTextDocument, offset: int) -> QTextCharFormat:
    """The format of the character at code-point `offset` of the document's plain text."""
    cursor = QTextCursor(document)
    # Qt counts UTF-16 units (the passage has an emoji); the cursor reports the character
    # before it.
    cursor.setPosition(OffsetMap(document.toPlainText()).to_utf16(offset) + 1)
    return cursor.charFormat()


def test_steps_by_quarters() -> None:
    assert [step_of(s) for s in (0.0, 0.01, 0.25, 0.26, 0.5, 0.51, 0.75, 0.76, 1.0)] == [
        0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert step_of(float("nan")) == 0 and step_of(1.5) == 4


@pytest.mark.parametrize("colors", [theme.LIGHT, theme.DARK, theme.HIGH_CONTRAST])
def test_every_shade_keeps_text_readable_and_steps_differ(colors: theme.ThemeColors) -> None:
    palette = shades(colors)
    assert len(palette) == 5
    for shade in palette:
        assert contrast(shade.background, shade.foreground) >= 4.5, shade
    # Each step is a different lightness, so the steps read apart without hue.
    lums = [luminance(s.background) for s in palette]
    assert len({round(v, 3) for v in lums}) == 5
    assert lums == sorted(lums, reverse=colors.name == "light")


def test_shading_follows_share_and_key_is_bold_underlined(qtbot: QtBot,
                                                          article: Article) -> None:
    text = article.text
    many = text.index("Many expect")
    secret = text.index("secretly")
    marks_by_student = [
        (Span(many, many + 11, "x"), Span(secret, secret + 8, "x")),
        (Span(many, many + 4, "x"),),
        (),
        (),
    ]
    shares = heatmap(article, marks_by_student)
    key = [Span(a.start, a.end) for a in article.annotations]
    document = heatmap_document(article, shares, key, colors=theme.LIGHT)
    offset = len(article.title) + 2  # the headline, then a blank line, then the text
    assert document.toPlainText() == article.title + "\n\n" + text
    palette = shades(theme.LIGHT)
    two_of_four = _format_at(document, offset + many)
    assert two_of_four.background().color() == QColor(palette[2].background)
    assert "50 %" in two_of_four.toolTip()
    one_of_four = _format_at(document, offset + many + 6)
    assert one_of_four.background().color() == QColor(palette[1].background)
    nobody = _format_at(document, offset + text.index("ministry"))
    assert nobody.background().style() == nobody.background().style().NoBrush
    # Not colour alone (review finding 12): each step also has its own underline, from
    # dotted to solid, and the key is bold with a line above — both survive a b/w printer.
    assert two_of_four.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert one_of_four.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    in_key = _format_at(document, offset + text.index("diplomatic"))
    assert in_key.fontWeight() == QFont.Weight.Bold and in_key.fontOverline()
    outside = _format_at(document, offset + text.index("ministry"))
    assert outside.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert outside.fontWeight() != QFont.Weight.Bold and not outside.fontOverline()


def test_headline_shares_and_key_in_scoring_coordinates(qtbot: QtBot,
                                                        article: Article) -> None:
    base = title_base(article)
    secret = article.title.index("Secret")
    shares = heatmap(article.scoring_view(), [(Span(base + secret, base + secret + 6, "x"),)])
    document = heatmap_document(article, shares, [Span(base, base + 6)], colors=theme.DARK)
    fmt = _format_at(document, secret)
    assert fmt.background().color() == QColor(shades(theme.DARK)[4].background)
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline  # 76–100 %
    assert fmt.fontOverline()  # in the key
    # Only the text counted: the headline shows unshaded, with no share claimed.
    plain = heatmap_document(article, heatmap(article, []), [], colors=theme.DARK)
    assert _format_at(plain, secret).toolTip() == ""


def test_markup_in_the_article_stays_text(qtbot: QtBot) -> None:
    article = Article(id="h", title="<b>Head</b>", text="Text <i>x</i> &amp; <img src=x>")
    document = heatmap_document(article, [1.0] * len(article.text), [], QFont("Sans", 20))
    assert document.toPlainText() == "<b>Head</b>\n\nText <i>x</i> &amp; <img src=x>"
    assert document.defaultFont().pointSize() == 20


def test_legend_names_every_step_and_the_key(qtbot: QtBot) -> None:
    document = QTextDocument()
    insert_legend(QTextCursor(document), theme.LIGHT)
    shown = document.toPlainText()
    for words in ("nobody", "up to 25 %", "76–100 %", "answer key", legend_text()):
        assert words in shown


def test_pointing_at_a_phrase_says_its_share(qtbot: QtBot, article: Article) -> None:
    panel = HeatmapPanel(chooser=False)
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    many = article.text.index("Many expect")
    shares = heatmap(article, [(Span(many, many + 11, "x"),), (), (), ()])
    panel.view.setDocument(heatmap_document(article, shares, []))
    cursor = QTextCursor(panel.view.document())
    text = panel.view.document().toPlainText()
    cursor.setPosition(OffsetMap(text).to_utf16(len(article.title) + 2 + many) + 2)
    point = panel.view.cursorRect(cursor).center()
    QApplication.sendEvent(panel.view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, point, panel.view.viewport().mapToGlobal(point)))
    assert QToolTip.text() == "Marked by 25 % of the class"
    QToolTip.hideText()


def test_legend_shows_each_steps_underline_on_screen_and_paper(qtbot: QtBot) -> None:
    """Review finding 12: the legend teaches the second cue too."""
    document = QTextDocument()
    insert_legend(QTextCursor(document), theme.LIGHT)
    shown = document.toPlainText()
    styles = []
    for step in range(1, 5):
        cursor = QTextCursor(document)
        cursor.setPosition(shown.index(step_range_text(step)) + 1)
        styles.append(cursor.charFormat().underlineStyle())
    assert styles == list(STEP_UNDERLINES[1:])
    legend = Legend()
    qtbot.addWidget(legend)
    assert [s.underline for s in legend.samples] == list(STEP_UNDERLINES)
    assert "dotted" in legend_text() and "line above" in legend_text()


def test_heatmap_text_is_at_least_the_reading_size(qtbot: QtBot, article: Article) -> None:
    """Review finding 23: big enough to project — never smaller than the passage a student
    reads (the text-size setting), even where the interface font is small."""
    panel = HeatmapPanel(chooser=False)
    qtbot.addWidget(panel)
    small = QFont(panel.font())
    small.setPointSizeF(8)
    panel.setFont(small)
    panel.report = ClassReport(marked={("s", article.id): [()]},
                               resolved={("s", article.id): article})
    panel.show_article(("s", article.id))
    reading = theme.REFERENCE_TEXT_SIZE * theme.text_scale()
    assert panel.view.document().defaultFont().pointSizeF() >= reading
