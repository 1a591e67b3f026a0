"""Review 4, finding 3: switching the theme while feedback is on screen redraws the verdict
highlights in the new theme's tints (light pastel behind light text was illegible)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.model import Article
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView
from trainer.ui.shell import theme
from trainer.ui.shell.styles import VERDICT_STYLES


@pytest.fixture
def light_then_restored() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, colors = app.styleSheet(), app.palette(), theme.current()
    theme.apply_theme(app, "light")
    yield app
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    theme._current = colors


def _backgrounds(view: FeedbackView) -> list[str]:
    return [s.format.background().color().name() for s in view.passage.extraSelections()]


def test_verdict_highlights_follow_a_theme_change(qtbot: QtBot, article: Article,
                                                  taxonomy: Taxonomy,
                                                  light_then_restored: QApplication) -> None:
    text = article.text
    start = text.index("citing diplomatic")
    marks = [Span(start, start + 25, "unverified")]
    result = score_article(article, marks, taxonomy)
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, result, "family", marks)
    view.list.setCurrentIndex(view.model.index(1, 0))
    chosen = view.passage.textCursor().selectedText()
    kinds = [v.verdict for v in view.model.verdicts]
    light = [VERDICT_STYLES[k].tint().name() for k in kinds]
    assert _backgrounds(view) == light

    colors = theme.apply_theme(light_then_restored, "dark")
    dark = [colors.verdict_tint[k] for k in kinds]
    assert dark != light
    qtbot.waitUntil(lambda: _backgrounds(view) == [QColor(c).name() for c in dark])
    # The student's place in the list and in the passage is kept.
    assert view.list.currentIndex().row() == 1
    assert view.passage.textCursor().selectedText() == chosen

