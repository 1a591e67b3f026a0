"""Fixtures for the GUI tests: a small article set built with the core model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from trainer.core.model import Annotation, Article, ArticleSet, Source
from trainer.core.taxonomy import Taxonomy, default_taxonomy

PEACE_TEXT = (
    "European governments are secretly planning a peacekeeping intervention, "
    "citing diplomatic sources. 😀 Many expect the plan to fail.\n\n"
    "The ministry published its budget on Monday."
)


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def make_article(level: int = 1, article_id: str = "peace") -> Article:
    text = PEACE_TEXT
    a1 = _span(text, "citing diplomatic sources")
    a2 = _span(text, "Many expect")
    a3 = _span(text, "intervention")
    return Article(
        id=article_id, title="Secret plans for peacekeepers", level=level,
        source=Source(outlet="The Daily Example", date="2026-11-20"), text=text,
        annotations=[
            Annotation(start=a1[0], end=a1[1], label="anonymous-source",
                       explanation="Nobody is named.", tip="Look for a named diplomat."),
            Annotation(start=a2[0], end=a2[1], label="vague-attribution",
                       explanation="Who expects it?", tip="Ask who, exactly."),
            Annotation(start=a3[0], end=a3[1], label="loaded-language",
                       explanation="A peacekeeping plan called an intervention.",
                       tip="Rewrite it in neutral words."),
        ],
    )


def make_set(articles: int = 3) -> ArticleSet:
    clean = Article(id="clean", title="Budget published", level=1,
                    source=Source(outlet="Town Gazette", date="2026-11-21"),
                    text="The council published its budget on Monday. It is online.")
    items = [make_article(1, "peace"), clean, make_article(2, "peace-2")][:articles]
    return ArticleSet(id="test-set", version=1, title="Test set", articles=items)


@pytest.fixture
def taxonomy() -> Taxonomy:
    return default_taxonomy()


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def restore_look() -> Iterator[None]:
    """Themes and text size are application-wide: put them back for the next test."""
    from trainer.ui.shell import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, font, colors = app.styleSheet(), app.palette(), app.font(), theme.current()
    yield
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE)
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)
    theme._current = colors
