"""A reading column with a side panel that turns into a drawer on small screens.

From about 1100 px of window width the panel sits beside the passage at full width. Below
that it narrows and gets a fold button on its edge (a drawer); below about 800 px (half of a
laptop screen) it starts folded, so the passage keeps a readable line length, and the
student opens it when needed. What must always be reachable (Submit, Next) lives outside the
panel, in the screen's bottom bar (docs/UI.md, "Layout").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QWidget,
)

from trainer.ui.shell import theme

WIDE_FROM = 1100
COMPACT_BELOW = 800
WIDE_PANEL = 420
NARROW_PANEL = 340
# The panel's width grows with the text size, so that its lines break where they do at the
# default size (a larger text in the same width pushed the explanation below the fold), up
# to this share of the window.
MOST_OF_WINDOW = 0.45


class StatusLine(QLabel):
    """A wrapped status message with room for two lines reserved, so that a longer message
    never pushes the passage or the buttons around."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "muted")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._reserve()

    def _reserve(self) -> None:
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._reserve()


class DrawerHandle(QToolButton):
    """The drawer's fold button: a tall narrow bar that says what it does in words, written
    upwards along the bar, under its arrow (an arrow alone did not say what it opens,
    review 4, finding 16)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "drawer")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._fit_width()

    def _fit_width(self) -> None:
        self.setFixedWidth(max(22, self.fontMetrics().height() + 8))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_width()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        arrow = "▸" if option.arrowType == Qt.ArrowType.RightArrow else "◂"
        option.text = ""
        option.arrowType = Qt.ArrowType.NoArrow
        option.features &= ~QStyleOptionToolButton.ToolButtonFeature.Arrow
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
        painter.setPen(QColor(theme.current().text))
        metrics = self.fontMetrics()
        top = metrics.height() + 6
        painter.drawText(QRect(0, 4, self.width(), metrics.height()),
                         Qt.AlignmentFlag.AlignCenter, arrow)
        room = self.height() - top - 6
        if room < metrics.height():
            return
        words = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, room)
        # A quarter turn clockwise: the words read from the arrow down.
        # Turned, a line's glyphs lie from its baseline towards +x: centre them on the bar.
        painter.translate(self.width() / 2 - (metrics.ascent() - metrics.descent()) / 2, top)
        painter.rotate(90)
        painter.drawText(QRect(0, -metrics.ascent(), room, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)


class DrawerBody(QWidget):
    """`reading` on the left, `panel` on the right; emits mode_changed("wide"|"narrow"|
    "compact") when the window crosses a breakpoint."""

    mode_changed = Signal(str)

    def __init__(self, reading: QWidget, panel: QWidget, panel_name: str, *,
                 fold_when_compact: bool = True, narrow_width: int = NARROW_PANEL,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.narrow_width = narrow_width
        self.reading, self.panel = reading, panel
        self.panel_name = panel_name
        self.fold_when_compact = fold_when_compact
        self.mode = ""
        self.toggle = DrawerHandle()
        self.toggle.clicked.connect(lambda: self.set_open(not self.panel.isVisible()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(reading, 1)
        layout.addWidget(self.toggle)
        layout.addWidget(panel)
        self._tracked: QWidget | None = None
        self._apply_mode("wide")

    def is_open(self) -> bool:
        return not self.panel.isHidden()

    def set_open(self, open_: bool) -> None:
        self.panel.setVisible(open_)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow if open_ else Qt.ArrowType.LeftArrow)
        tip = (self.tr("Hide {panel}") if open_ else self.tr("Show {panel}")).format(
            panel=self.panel_name)
        self.toggle.setToolTip(tip)
        self.toggle.setAccessibleName(tip)
        self.toggle.setText(tip[:1].upper() + tip[1:])  # written along the handle

    def panel_width(self) -> int:
        base = WIDE_PANEL if self.mode == "wide" else self.narrow_width
        window = self._tracked.width() if self._tracked is not None else 0
        width = round(base * max(1.0, theme.text_scale()))
        return max(base, min(width, int(window * MOST_OF_WINDOW))) if window else width

    def _apply_mode(self, mode: str) -> None:
        if mode == self.mode:
            self.panel.setFixedWidth(self.panel_width())  # the window or the text size changed
            return
        self.mode = mode
        self.panel.setFixedWidth(self.panel_width())
        self.toggle.setVisible(mode != "wide")
        self.set_open(mode != "compact" or not self.fold_when_compact)
        self.mode_changed.emit(mode)

    def update_mode(self, window_width: int) -> None:
        self._apply_mode("wide" if window_width >= WIDE_FROM
                         else "compact" if window_width < COMPACT_BELOW else "narrow")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.mode:
            self.panel.setFixedWidth(self.panel_width())  # Ctrl++ / Ctrl+-

    # The breakpoint follows the window, not this widget (margins and other panes vary).
    def showEvent(self, event: object) -> None:
        window = self.window()
        if window is not self._tracked:
            if self._tracked is not None:
                self._tracked.removeEventFilter(self)
            window.installEventFilter(self)
            self._tracked = window
        self.update_mode(window.width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._tracked and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            self.update_mode(event.size().width())
        return False
