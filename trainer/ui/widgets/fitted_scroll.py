"""A scroll area that asks its layout for the whole of its content.

QScrollArea caps its size hint at 24 lines of text and does not tell its parent layout when
its content grows, so beside other widgets it either takes too little room or too much. This
one asks for all of its content (at the width it has), gives way down to a few lines when the
panel is short, and scrolls only then. The side panels use it for the part that may be long
(the label palette, the verdict list), so the part that must stay on screen (My marks, the
explanation) is laid out whole beside it (docs/UI.md, "What stays in view").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget


class FittedScrollArea(QScrollArea):
    def __init__(self, content: QWidget, least_lines: int = 4,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.least_lines = least_lines
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        content.installEventFilter(self)

    def content_height(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        width = self.viewport().width() if self.width() > 0 else content.sizeHint().width()
        height = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        return height if height >= 0 else content.sizeHint().height()

    def sizeHint(self) -> QSize:
        content = self.widget()
        width = content.sizeHint().width() if content is not None else 0
        return QSize(width, self.content_height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        least = self.fontMetrics().lineSpacing() * self.least_lines
        return QSize(super().minimumSizeHint().width(), min(least, self.sizeHint().height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The content laid itself out anew (a longer definition, more rows): ask again.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)


class PanelLayout(QVBoxLayout):
    """The column of a side panel that a scroll area holds, around a FittedScrollArea.

    It keeps its wrapped labels' height-for-width to itself: told of it, QScrollArea sizes
    the panel to its preferred height and scrolls the whole panel, where it should give the
    panel the room on screen and let the fitted part inside give way."""

    def hasHeightForWidth(self) -> bool:
        return False
