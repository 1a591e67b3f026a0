"""Colour contrast as WCAG 2 defines it, for the GUI tests that check a theme's colours."""

from __future__ import annotations

from PySide6.QtGui import QColor


def luminance(color: QColor | str) -> float:
    """Relative luminance of a colour (a QColor or any name QColor reads)."""
    c = QColor(color)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else float(((value + 0.055) / 1.055) ** 2.4)

    return (0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF()))


def contrast(one: QColor | str, two: QColor | str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)
