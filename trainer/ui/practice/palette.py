"""The label palette: coloured chips with number-key badges, and the definition panel.

Level 1 offers the two families; levels 2–3 offer every technique, grouped under its family,
numbered 1…N in reading order. Numbers above 9 are typed as two digits ("1" then "2" for 12):
the first digit labels at once with its own number and the second, typed within a second,
relabels the same mark — so single-digit labels never wait for a timeout.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.shell import theme
from trainer.ui.shell.styles import FAMILY_UNDERLINE, Underline
from trainer.ui.widgets.plain import plain_tooltip

TWO_DIGIT_WINDOW_S = 1.0


@dataclass(frozen=True)
class PaletteEntry:
    number: int
    label: str
    family: str
    name: str
    definition: str
    example: str
    check: str


def palette_entries(taxonomy: Taxonomy, level: int) -> list[PaletteEntry]:
    entries: list[PaletteEntry] = []
    for family in taxonomy.families.values():
        if level <= 1:
            entries.append(PaletteEntry(len(entries) + 1, family.id, family.id, family.name,
                                        family.definition, family.example, family.check))
            continue
        for technique in taxonomy.techniques_in(family.id):
            entries.append(PaletteEntry(len(entries) + 1, technique.id, family.id,
                                        technique.name, technique.definition,
                                        technique.example, technique.check))
    return entries


class DigitEntry:
    """Turns digit key presses into palette numbers (see the module docstring)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pending: tuple[int, float] | None = None

    def feed(self, digit: int, now: float | None = None) -> tuple[int | None, bool]:
        """(number to apply or None, whether it replaces the label just applied)."""
        now = time.monotonic() if now is None else now
        pending, self._pending = self._pending, None
        if pending is not None and now - pending[1] <= TWO_DIGIT_WINDOW_S:
            combined = pending[0] * 10 + digit
            if combined <= self.count:
                return combined, True
        if digit == 0 or digit > self.count:
            return None, False
        if digit * 10 <= self.count:
            self._pending = (digit, now)
        return digit, False


class LabelChip(QAbstractButton):
    """A rounded chip: number badge, label name and a sample of the label's underline."""

    focused = Signal(str)

    def __init__(self, entry: PaletteEntry, parent: QWidget | None = None, *,
                 compact: bool = False) -> None:
        super().__init__(parent)
        self.entry = entry
        # Sixteen chips at level 2: a little less padding shows three or four more of them
        # above "My marks" (docs/UI.md, "What stays in view").
        self.padding = 12 if compact else 18
        self.setText(entry.name)
        self.setToolTip(plain_tooltip(entry.definition))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Label as {name} (key {number})").format(
            name=entry.name, number=entry.number))
        self.setAccessibleDescription(entry.definition)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.entry.name) + 64,
                     metrics.height() + self.padding)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.entry.label)

    def enterEvent(self, event: object) -> None:
        self.focused.emit(self.entry.label)

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = theme.current()
        strong = QColor(colors.family_chip[self.entry.family])
        tint = QColor(colors.family_tint[self.entry.family])
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.setBrush(tint.darker(108) if self.isDown() or self.underMouse() else tint)
        border = QColor(colors.accent) if self.hasFocus() else strong
        painter.setPen(QPen(border, 2.5 if self.hasFocus() else 1.2))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        # Number badge.
        inset = 4 if self.padding > 12 else 2.5  # a compact chip keeps its digits whole
        badge_d = rect.height() - 2 * inset
        badge = QRectF(rect.left() + inset, rect.top() + inset,
                       badge_d + (6 if self.entry.number > 9 else 0), badge_d)
        painter.setBrush(strong)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(badge, badge_d / 2, badge_d / 2)
        badge_font = QFont(self.font())
        badge_font.setBold(True)
        painter.setFont(badge_font)
        painter.setPen(QColor(colors.base))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(self.entry.number))
        # Name, with the family's underline style drawn beneath it.
        painter.setFont(self.font())
        painter.setPen(QColor(colors.text))
        text_rect = QRectF(badge.right() + 8, rect.top(), rect.right() - badge.right() - 14,
                           rect.height() - 4)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self.entry.name)
        width = min(self.fontMetrics().horizontalAdvance(self.entry.name), text_rect.width())
        y = text_rect.center().y() + self.fontMetrics().height() / 2 + 1
        _draw_underline(painter, FAMILY_UNDERLINE[self.entry.family], strong,
                        text_rect.left(), y, width)
        painter.end()


def _draw_underline(painter: QPainter, style: Underline, color: QColor, x: float, y: float,
                    width: float) -> None:
    pen = QPen(color, 1.6)
    if style == Underline.WaveUnderline:
        path = QPainterPath(QPointF(x, y))
        step, up = 3.0, True
        pos = x
        while pos < x + width:
            pos += step
            path.quadTo(QPointF(pos - step / 2, y - 2.5 if up else y + 2.5), QPointF(pos, y))
            up = not up
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        return
    if style == Underline.DashUnderline:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(x, y), QPointF(x + width, y))


class LabelPalette(QWidget):
    """Chips grouped by family. Emits label_chosen(label) and label_focused(label)."""

    label_chosen = Signal(str)
    label_focused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.entries: list[PaletteEntry] = []
        self.chips: list[LabelChip] = []
        self._grids: list[tuple[QGridLayout, list[LabelChip]]] = []
        self._columns = 0
        self._max_columns = 1
        self.digits = DigitEntry(0)
        self.setAccessibleName(self.tr("Label palette"))

    def set_labels(self, taxonomy: Taxonomy, level: int) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.entries = palette_entries(taxonomy, level)
        self.digits = DigitEntry(len(self.entries))
        self.chips = []
        self._grids = []
        self._max_columns = 1 if level <= 1 else 2
        for family in taxonomy.families.values():
            members = [e for e in self.entries if e.family == family.id]
            if not members:
                continue
            if level > 1:
                heading = QLabel(family.name)
                heading.setTextFormat(Qt.TextFormat.PlainText)
                heading.setProperty("role", "muted")
                heading.setStyleSheet("font-weight: 600; margin-top: 4px;")
                self._layout.addWidget(heading)
            grid_host = QWidget(self)
            grid = QGridLayout(grid_host)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(6 if level <= 1 else 4)
            chips = []
            for entry in members:
                chip = LabelChip(entry, grid_host, compact=level > 1)
                chip.clicked.connect(
                    lambda _=False, label=entry.label: self.label_chosen.emit(label))
                chip.focused.connect(self.label_focused)
                chips.append(chip)
            self._grids.append((grid, chips))
            self.chips.extend(chips)
            self._layout.addWidget(grid_host)
        self._columns = 0
        self._arrange(self.width() or 10_000)

    def _arrange(self, width: int) -> None:
        """Two columns of chips when every name fits in half the width, else one."""
        needed = max((chip.sizeHint().width() for chip in self.chips), default=0)
        columns = self._max_columns if 2 * needed + 6 <= width else 1
        if columns == self._columns:
            return
        self._columns = columns
        for grid, chips in self._grids:
            for chip in chips:
                grid.removeWidget(chip)
            for n, chip in enumerate(chips):
                grid.addWidget(chip, n // columns, n % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a larger text size needs wider chips
            self._columns = 0
            self._arrange(self.width())

    def entry_for_number(self, number: int) -> PaletteEntry | None:
        return self.entries[number - 1] if 1 <= number <= len(self.entries) else None


class DefinitionPanel(QFrame):
    """Name, definition, example and "how to check" of the label in focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        self.name = QLabel()
        self.name.setProperty("role", "heading")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a set may name its own techniques
        self.name.setWordWrap(True)  # a long name at a large text size must not widen the panel
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.example = QLabel()
        self.example.setWordWrap(True)
        self.example.setTextFormat(Qt.TextFormat.PlainText)
        self.example.setStyleSheet("font-style: italic;")
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.name, self.body, self.example, self.check):
            layout.addWidget(widget)
        self.setAccessibleName(self.tr("Label definition"))
        self.show_hint()

    def show_hint(self) -> None:
        self.name.setText(self.tr("What do the labels mean?"))
        self.body.setText(self.tr("Point at a label or move to it with Tab to read its "
                                  "definition here."))
        self.example.setText("")
        self.check.setText("")

    def show_entry(self, entry: PaletteEntry) -> None:
        self.name.setText(entry.name)
        self.body.setText(entry.definition)
        self.example.setText(self.tr("Example: {text}").format(text=entry.example)
                             if entry.example else "")
        self.check.setText(self.tr("How to check: {text}").format(text=entry.check)
                           if entry.check else "")
