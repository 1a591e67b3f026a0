"""The class heatmap: an article's passage with each character shaded by the share of the
class that marked it, and the answer key in bold with a line above (issue 12 item 3, DESIGN §5).

Built as a QTextDocument from plain text (insertText with character formats, never HTML), so
the same document shows in a read-only text view on screen and prints to PDF. The share is
carried by shading steps of rising contrast, by an underline per step (dotted to solid) and
by a tooltip in words; the key by an overline and bold, so neither depends on seeing colour.

Shares and key spans are in scoring coordinates (trainer.core.parts): the text's offsets, and
optionally the headline after the text and a blank line. When the shares reach that far the
headline is shaded too; otherwise it is shown plain above the passage.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from trainer.core.model import Article
from trainer.core.parts import title_base
from trainer.core.spans import Span
from trainer.ui.shell import theme
from trainer.ui.shell.theme import ThemeColors

# Literal calls, so pyside6-lupdate finds every string (docs/UI.md).
translate = QCoreApplication.translate
STEPS = 5  # step 0 (nobody marked it) and four shades


@dataclass(frozen=True)
class Shade:
    background: str
    foreground: str


# Per theme, step 1..4: backgrounds of rising weight with a text colour that keeps at least
# 4.5:1 contrast on each (tested). In the dark themes the heavier shades are brighter, so
# the text turns dark on them; "stronger" is the word the legend uses for both.
_SHADES: dict[str, tuple[Shade, ...]] = {
    "light": (Shade("#fcefd2", "#1f1d1a"), Shade("#f6d58e", "#1f1d1a"),
              Shade("#eeaf55", "#1f1d1a"), Shade("#dd8a2b", "#1f1d1a")),
    "dark": (Shade("#4a3a1e", "#ece8e1"), Shade("#7a5a1e", "#ffffff"),
             Shade("#d9a441", "#1c1b19"), Shade("#ffd27a", "#1c1b19")),
    "high-contrast": (Shade("#3d3d00", "#ffffff"), Shade("#6b6b00", "#ffffff"),
                      Shade("#c8c800", "#000000"), Shade("#ffff00", "#000000")),
}


# The second cue (review finding 12): each step also has its own underline, from dotted to
# solid, drawn in the text colour — it survives a black-and-white printer and needs no colour
# vision. The key is marked above the line instead (bold with an overline), so the two never
# compete for the same place.
_U = QTextCharFormat.UnderlineStyle
STEP_UNDERLINES: tuple[QTextCharFormat.UnderlineStyle, ...] = (
    _U.NoUnderline, _U.DotLine, _U.DashUnderline, _U.DashDotLine, _U.SingleUnderline)


def step_of(share: float) -> int:
    """0 for nobody, then four steps by quarters: (0, ¼], (¼, ½], (½, ¾], (¾, 1]."""
    if share <= 0 or math.isnan(share):
        return 0
    return min(STEPS - 1, max(1, math.ceil(min(share, 1.0) * (STEPS - 1))))


def shades(colors: ThemeColors | None = None) -> tuple[Shade, ...]:
    """Step 0..4 as (background, text) colours; step 0 is the theme's own base and text."""
    colors = colors or theme.current()
    return (Shade(colors.base, colors.text), *_SHADES.get(colors.name, _SHADES["light"]))


def step_range_text(step: int) -> str:
    return (translate("Heatmap", "nobody"), translate("Heatmap", "up to 25 %"),
            translate("Heatmap", "26–50 %"), translate("Heatmap", "51–75 %"),
            translate("Heatmap", "76–100 %"))[step]


def legend_text() -> str:
    return translate(
        "Heatmap", "Stronger shading and a heavier underline = more of the class marked it "
        "(steps: nobody; up to 25 %, dotted; 26–50 %, dashed; 51–75 %, dash-dot; 76–100 %, "
        "solid; point at a word to see its share). Bold with a line above = in the answer "
        "key.")


def print_legend_text() -> str:
    return translate(
        "Heatmap", "Stronger shading and a heavier underline (dotted, dashed, dash-dot, "
        "solid) = more of the class marked it. Bold with a line above = in the answer key.")


def based_on_text(students: int) -> str:
    """How many students the shading counts (ClassReport.marked: one attempt each)."""
    if students == 1:
        return translate("Heatmap", "Based on %n student (their latest attempt on this "
                                    "article).", "", students)
    return translate("Heatmap", "Based on %n students (each student's latest attempt on "
                                "this article).", "", students)


def share_tooltip(share: float) -> str:
    return translate("Heatmap", "Marked by %1 % of the class").replace(
        "%1", str(round(share * 100)))


def _char_format(base: QTextCharFormat, shade: Shade, step: int, share: float | None,
                 key: bool) -> QTextCharFormat:
    fmt = QTextCharFormat(base)
    fmt.setForeground(QColor(shade.foreground))
    if step:
        fmt.setBackground(QColor(shade.background))
        fmt.setUnderlineStyle(STEP_UNDERLINES[step])
        fmt.setUnderlineColor(QColor(shade.foreground))
    if share is not None:
        fmt.setToolTip(share_tooltip(share))
    if key:
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontOverline(True)
    return fmt


def _key_flags(length: int, key_spans: Sequence[Span]) -> list[bool]:
    flags = [False] * length
    for span in key_spans:
        for i in range(max(0, span.start), min(length, span.end)):
            flags[i] = True
    return flags


def _insert_runs(cursor: QTextCursor, text: str, offset: int, shares: Sequence[float],
                 key: Sequence[bool], base: QTextCharFormat, palette: Sequence[Shade]) -> None:
    """Insert `text` (which starts at scoring offset `offset`) in runs of equal look."""
    run_start = 0
    run_look: tuple[int, bool, int] | None = None
    for i in range(len(text) + 1):
        look = None
        if i < len(text):
            # -1: no share known here (the headline when only the text was counted)
            share = shares[offset + i] if offset + i < len(shares) else -1.0
            look = (step_of(share), key[offset + i], round(share * 100))
        if look != run_look:
            if run_look is not None and i > run_start:
                step, is_key, percent = run_look
                cursor.insertText(text[run_start:i], _char_format(
                    base, palette[step], step, percent / 100 if percent >= 0 else None,
                    is_key))
            run_start, run_look = i, look


def heatmap_document(article: Article, shares: Sequence[float], key_spans: Sequence[Span],
                     font: QFont | None = None, *,
                     colors: ThemeColors | None = None) -> QTextDocument:
    """The headline and passage of `article`, shaded and underlined by `shares` with
    `key_spans` in bold with an overline. `colors` defaults to the current theme; printing
    passes theme.LIGHT."""
    palette = shades(colors)
    document = QTextDocument()
    document.setDefaultFont(font if font is not None else QGuiApplication.font())
    document.setUndoRedoEnabled(False)
    base_offset = title_base(article)
    key = _key_flags(base_offset + len(article.title), key_spans)
    base = QTextCharFormat()
    base.setForeground(QColor(palette[0].foreground))
    cursor = QTextCursor(document)
    heading = QTextCharFormat(base)
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(document.defaultFont().pointSizeF() * 1.3)
    _insert_runs(cursor, article.title, base_offset, shares, key, heading, palette)
    cursor.insertBlock()
    cursor.insertBlock()
    _insert_runs(cursor, article.text, 0, shares, key, base, palette)
    return document


def insert_legend(cursor: QTextCursor, colors: ThemeColors | None = None) -> None:
    """A one-paragraph legend at `cursor`: each step as a shaded sample naming its range,
    then a key sample, then the legend sentence (for printed pages; the screen shows the
    same)."""
    palette = shades(colors)
    base = QTextCharFormat()
    base.setForeground(QColor(palette[0].foreground))
    for step, shade in enumerate(palette):
        cursor.insertText(f" {step_range_text(step)} ", _char_format(
            base, shade, step, None, False))
        cursor.insertText("  ", base)
    cursor.insertText(translate("Heatmap", "answer key"), _char_format(
        base, palette[0], 0, None, True))
    cursor.insertBlock()
    cursor.insertText(legend_text(), base)
