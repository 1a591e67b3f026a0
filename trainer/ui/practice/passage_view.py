"""The passage: read-only plain text in a calm reading column, with a keyboard caret.

Text only ever goes in through setPlainText, so markup in an article is shown literally and
nothing is loaded. Marks and verdicts are drawn as ExtraSelections, which style ranges without
touching the document. Positions cross the widget boundary as code points (see offsets.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QWidget

from trainer.core.wordsnap import snap_to_words
from trainer.ui.widgets.offsets import OffsetMap

READING_COLUMN_CHARS = 70
LINE_HEIGHT_PERCENT = 155
PARAGRAPH_GAP_PERCENT = 60


@dataclass(frozen=True)
class Highlight:
    start: int  # code points
    end: int
    fmt: QTextCharFormat


class PassageView(QTextEdit):
    """Emits label_key(number) for digit keys and delete_key() for Delete/Backspace."""

    label_key = Signal(int)
    delete_key = Signal()
    caret_moved = Signal(int)  # code-point position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.document().setDocumentMargin(28)
        self._map = OffsetMap("")
        self._text = ""
        self.cursorPositionChanged.connect(self._emit_caret)
        self.setAccessibleName(self.tr("Passage text"))
        self.setAccessibleDescription(self.tr(
            "Move with the arrow keys, select with Shift and the arrow keys, "
            "then press a label's number key."))

    # -- content ---------------------------------------------------------------------------
    def set_passage(self, text: str) -> None:
        self._text = text
        self._map = OffsetMap(text)
        self.setExtraSelections([])
        self.setPlainText(text)  # never setHtml: article text is data, not markup
        self._apply_spacing()
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)

    def passage(self) -> str:
        return self._text

    def set_text_size(self, points: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._apply_spacing()

    def reading_width(self) -> int:
        """Pixel width of a ~70-character column at the current font, margins included."""
        metrics = QFontMetricsF(self.document().defaultFont())
        text_width = metrics.averageCharWidth() * READING_COLUMN_CHARS
        return int(text_width + 2 * self.document().documentMargin()
                   + self.verticalScrollBar().sizeHint().width() + 4)

    def _apply_spacing(self) -> None:
        proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        line = QTextBlockFormat()
        line.setLineHeight(LINE_HEIGHT_PERCENT, proportional)
        # Blank lines separate paragraphs; at full line height the gap looks like a hole.
        gap = QTextBlockFormat()
        gap.setLineHeight(PARAGRAPH_GAP_PERCENT, proportional)
        # Imported text often breaks paragraphs with a single line feed: a top margin on a
        # line that directly follows another gives it the same visual gap, without adding a
        # character (offsets stay those of the text).
        spaced = QTextBlockFormat(line)
        spaced.setTopMargin(QFontMetricsF(self.document().defaultFont()).lineSpacing()
                            * PARAGRAPH_GAP_PERCENT / 100 * LINE_HEIGHT_PERCENT / 100)
        block = self.document().begin()
        previous_blank = True
        while block.isValid():
            cursor = QTextCursor(block)
            blank = not block.text().strip()
            cursor.setBlockFormat(gap if blank else line if previous_blank else spaced)
            previous_blank = blank
            block = block.next()
        self.setMaximumWidth(self.reading_width())

    # -- positions -------------------------------------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        """The current selection in code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._map.to_code_point(cursor.selectionStart())
        end = self._map.to_code_point(cursor.selectionEnd())
        return (start, end) if end > start else None

    def caret(self) -> int:
        return self._map.to_code_point(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def snap_selection(self) -> None:
        """Widen or trim the selection to whole words (see trainer.core.wordsnap)."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        anchor = self._map.to_code_point(cursor.anchor())
        position = self._map.to_code_point(cursor.position())
        snapped = snap_to_words(self._text, min(anchor, position), max(anchor, position))
        if snapped is None:
            return
        start, end = snapped
        if position < anchor:  # keep the direction, so Shift+arrows go on from the same end
            start, end = end, start
        cursor.setPosition(self._map.to_utf16(start))
        cursor.setPosition(self._map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        selections = []
        for item in highlights:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_utf16(item.start))
            cursor.setPosition(self._map.to_utf16(item.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = item.fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)

    def _emit_caret(self) -> None:
        self.caret_moved.emit(self.caret())

    # -- mouse -----------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.snap_selection()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        self.snap_selection()  # Qt's word takes the quote marks around it along

    # -- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and mods == Qt.KeyboardModifier.NoModifier:
            self.label_key.emit(key - Qt.Key.Key_0)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.delete_key.emit()
            return
        super().keyPressEvent(event)
