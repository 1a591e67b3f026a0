"""Building printable documents from set text: fonts, headings, and plain text with shading.

Set text goes in through QTextCursor.insertText only, never as HTML, so `<b>` or `&amp;` in
a passage print exactly as written (DESIGN §7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextLength,
    QTextTableFormat,
)

from trainer.ui.widgets.offsets import OffsetMap

BODY_PT = 12.0
SHADE_ONE = QColor("#d6d6d6")  # light enough that black text stays readable on any printer
SHADE_MORE = QColor("#b0b0b0")  # where two key spans overlap


def print_font(point_size: float = BODY_PT, *, serif: bool = True, bold: bool = False) -> QFont:
    """A reading font for paper: a serif for passages, a sans for headings and tables."""
    font = QFont()
    font.setFamilies(["DejaVu Serif", "Georgia", "Times New Roman", "serif"] if serif
                     else ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"])
    font.setStyleHint(QFont.StyleHint.Serif if serif else QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def char_format(point_size: float = BODY_PT, *, serif: bool = True, bold: bool = False,
                italic: bool = False, color: QColor | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(print_font(point_size, serif=serif, bold=bold))
    fmt.setFontItalic(italic)
    if color is not None:
        fmt.setForeground(color)
    return fmt


def new_block(cursor: QTextCursor, *, first: bool = False, page_break: bool = False,
              top: float = 0.0, bottom: float = 0.0, line_height: float | None = None,
              fixed_height: float | None = None, indent: float = 0.0,
              props: dict[int, object] | None = None) -> None:
    """Start a block (or format the document's first one) with the given spacing."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLeftMargin(indent)
    if page_break:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    if fixed_height is not None:
        fmt.setLineHeight(fixed_height, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    elif line_height is not None:
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    for key, value in (props or {}).items():
        fmt.setProperty(key, value)
    if first:
        cursor.setBlockFormat(fmt)
    else:
        cursor.insertBlock(fmt)


@dataclass(frozen=True)
class Highlight:
    """A stretch of text to shade and underline (code points into the inserted text)."""

    start: int
    end: int
    optional: bool = False


def insert_highlighted(cursor: QTextCursor, text: str, highlights: Sequence[Highlight],
                       base: QTextCharFormat) -> list[int]:
    """Insert `text` as plain text, shading and underlining the highlighted stretches so they
    show on a black-and-white printout: a solid underline for a required span, a dashed one
    for an optional span, darker shading and a wavy underline where spans overlap.
    Returns the document position where each highlight starts."""
    origin = cursor.position()
    offsets = OffsetMap(text)
    cuts = {0, len(text)}
    for h in highlights:
        cuts.update((max(0, min(h.start, len(text))), max(0, min(h.end, len(text)))))
    for a, b in pairwise(sorted(cuts)):
        covering = [h for h in highlights if h.start <= a and b <= h.end]
        fmt = QTextCharFormat(base)
        if covering:
            fmt.setBackground(SHADE_MORE if len(covering) > 1 else SHADE_ONE)
            if len(covering) > 1:
                style = QTextCharFormat.UnderlineStyle.WaveUnderline
            elif covering[0].optional:
                style = QTextCharFormat.UnderlineStyle.DashUnderline
            else:
                style = QTextCharFormat.UnderlineStyle.SingleUnderline
            fmt.setUnderlineStyle(style)
        cursor.insertText(text[a:b], fmt)
    return [origin + offsets.to_utf16(h.start) for h in highlights]


def insert_table(cursor: QTextCursor, cell_padding: float, headers: Sequence[str],
                 rows: Sequence[Sequence[str]], *, widths: Sequence[float] | None = None,
                 shading: Sequence[Sequence[QColor | None]] | None = None,
                 point_size: float = 9.0) -> None:
    """A plain-text table with a bold header row that repeats on every page it spans.
    `widths` are percentages of the text width; `shading`, per row and column, a background."""
    fmt = QTextTableFormat()
    fmt.setBorder(0.5)
    fmt.setBorderBrush(QColor("#777777"))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(cell_padding)
    fmt.setCellSpacing(0)
    fmt.setHeaderRowCount(1)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    if widths is not None:
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w)
                                       for w in widths])
    table = cursor.insertTable(len(rows) + 1, len(headers), fmt)
    head = char_format(point_size, serif=False, bold=True)
    body = char_format(point_size, serif=False)
    for column, text in enumerate(headers):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(QColor("#eeeeee"))
        cell.setFormat(cell_format)
        cell.firstCursorPosition().insertText(text, head)
    for r, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            cell = table.cellAt(r, column)
            colour = shading[r - 1][column] if shading is not None else None
            if colour is not None:
                cell_format = cell.format()
                cell_format.setBackground(colour)
                cell.setFormat(cell_format)
            cell.firstCursorPosition().insertText(text, body)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def widest_word(text: str, font: QFont, device: QPaintDevice) -> float:
    """The width, in `device` pixels, of the longest word of `text` in `font`."""
    metrics = QFontMetricsF(font, device)
    return max((metrics.horizontalAdvance(word) for word in text.split()), default=0.0)


def fit_column_widths(wanted: Sequence[float], least: Sequence[float]) -> list[float]:
    """Column widths (percentages summing to 100) as close to `wanted` as the minimums in
    `least` allow: a column below its minimum gets it, taken from the others' spare width in
    proportion. If the minimums add up to more than 100 the table cannot fit, and the
    minimums are returned (Qt then squeezes)."""
    widths = [max(w, m) for w, m in zip(wanted, least, strict=True)]
    excess = sum(widths) - 100
    spare = [w - m for w, m in zip(widths, least, strict=True)]
    if excess <= 0 or sum(spare) <= 0:
        return widths
    if sum(spare) < excess:
        return [float(m) for m in least]
    return [w - excess * s / sum(spare) for w, s in zip(widths, spare, strict=True)]
