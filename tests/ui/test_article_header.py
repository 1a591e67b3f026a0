from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer.core.model import Article, Source
from trainer.ui.practice.article_header import ArticleHeader


def test_title_and_source_line_with_url_are_plain_text(qtbot: QtBot) -> None:
    header = ArticleHeader()
    qtbot.addWidget(header)
    signals: list[bool] = []
    header.back_requested.connect(lambda: signals.append(True))
    article = Article(id="a", title="<b>Bold</b> &amp; <a href='x'>link</a>", text="Text.",
                      source=Source(outlet="Gazette", date="2026-01-02",
                                    url="https://gazette.example/<img src=x>"))
    header.show_article(article)
    assert header.title.text() == article.title
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert header.source.text() == "Gazette · 2026-01-02 · https://gazette.example/<img src=x>"
    assert header.source.textFormat() == Qt.TextFormat.PlainText
    assert not header.source.openExternalLinks()
    qtbot.mouseClick(header.back, Qt.MouseButton.LeftButton)
    assert signals == [True]
