"""The header above a passage on the practice and feedback screens: back, title, source."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.core.model import Article


def source_line(article: Article) -> str:
    """Outlet · date · URL — the URL is shown as text only, never opened (DESIGN §4)."""
    source = article.source
    return " · ".join(p for p in (source.outlet, source.date, source.url) if p)


class ArticleHeader(QWidget):
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, extra: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = QPushButton(self.tr("← Library"))
        self.back.setAccessibleName(self.tr("Back to the library"))
        self.back.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.source = QLabel()
        self.source.setProperty("role", "muted")
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setWordWrap(True)  # a long URL must not make a small window wider
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        meta = QHBoxLayout()
        meta.addWidget(self.source, 1)
        if extra is not None:
            meta.addWidget(extra)
        titles.addLayout(meta)
        layout.addLayout(titles, 1)

    def show_article(self, article: Article) -> None:
        self.title.setText(article.title)
        self.source.setText(source_line(article))
