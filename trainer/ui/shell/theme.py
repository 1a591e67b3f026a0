"""Light, dark and high-contrast themes, plus the colours that carry meaning.

Colours never carry meaning alone: every label also has an underline style and every verdict an
underline style, an icon and a word (see styles.py). The palettes were picked so that text on a
highlight keeps at least 4.5:1 contrast in each theme.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from trainer.core.resources import resource_path

THEMES: Final = ("system", "light", "dark", "high-contrast")


@dataclass(frozen=True)
class ThemeColors:
    name: str
    window: str
    base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str
    # Highlight background per family, and the chip colours (strong) per family.
    family_tint: dict[str, str]
    family_chip: dict[str, str]
    verdict: dict[str, str]
    verdict_tint: dict[str, str]
    # Menus, drop-down lists and tooltips float over a window of the same colour: a theme
    # whose style draws their frame too faintly to see names a border colour here.
    popup_border: str = ""
    # The lines of the dashboard's charts, in the order series are added; each keeps 3:1
    # against `base` (WCAG 1.4.11), and the series differ in line style and point shape too.
    chart_lines: tuple[str, str] = ("#2f5d8a", "#a4510f")


LIGHT = ThemeColors(
    name="light", window="#f4f1ea", base="#fffdf8", text="#1f1d1a", muted="#5f5a52",
    accent="#2f5d8a", accent_text="#ffffff", border="#d8d2c4",
    family_tint={"unverified": "#d7e6fb", "framing": "#fde2c4"},
    family_chip={"unverified": "#2f5d8a", "framing": "#a4510f"},
    verdict={"exact": "#1d7a3a", "found": "#1d7a3a", "wrong-label": "#9a6200",
             "partly-found": "#3a5fa8", "missed": "#b3261e",
             "too-broad": "#a3470f", "false-alarm": "#8e2a8a",
             "debatable": "#5f5a52"},
    verdict_tint={"exact": "#cfeeda", "found": "#dff3e5", "wrong-label": "#fbe8c0",
                  "partly-found": "#dbe5f8", "missed": "#fadad7",
                  "too-broad": "#fbdcc8", "false-alarm": "#f2d9f0",
                  "debatable": "#e8e5de"},
    chart_lines=("#2f5d8a", "#a4510f"),
)

DARK = ThemeColors(
    name="dark", window="#1c1b19", base="#262522", text="#ece8e1", muted="#a9a398",
    accent="#3f72a8", accent_text="#ffffff", border="#45423c",
    family_tint={"unverified": "#29415e", "framing": "#5a3a1c"},
    family_chip={"unverified": "#7fb0e0", "framing": "#f0a868"},
    verdict={"exact": "#6fd08c", "found": "#6fd08c", "wrong-label": "#f2c14e",
             "partly-found": "#8fb4f0", "missed": "#ff8a80",
             "too-broad": "#f5a36b", "false-alarm": "#e59be0",
             "debatable": "#bdb7ab"},
    verdict_tint={"exact": "#1f4a2d", "found": "#234a30", "wrong-label": "#544016",
                  "partly-found": "#283f63", "missed": "#5c2623",
                  "too-broad": "#553018", "false-alarm": "#4d2a4b",
                  "debatable": "#3b3934"},
    chart_lines=("#7fb0e0", "#f0a868"),
)

HIGH_CONTRAST = ThemeColors(
    name="high-contrast", window="#000000", base="#000000", text="#ffffff", muted="#ffffff",
    accent="#ffff00", accent_text="#000000", border="#ffffff",
    family_tint={"unverified": "#00307a", "framing": "#6a2a00"},
    family_chip={"unverified": "#66b3ff", "framing": "#ffb366"},
    verdict={"exact": "#00ff66", "found": "#00ff66", "wrong-label": "#ffff00",
             "partly-found": "#66b3ff", "missed": "#ff5050",
             "too-broad": "#ff9933", "false-alarm": "#ff66ff",
             "debatable": "#ffffff"},
    verdict_tint={"exact": "#004d1f", "found": "#004d1f", "wrong-label": "#4d4d00",
                  "partly-found": "#002a66", "missed": "#660000",
                  "too-broad": "#4d2600", "false-alarm": "#550055",
                  "debatable": "#333333"},
    popup_border="#ffffff",
    chart_lines=("#66b3ff", "#ffb366"),
)

_BY_NAME = {"light": LIGHT, "dark": DARK, "high-contrast": HIGH_CONTRAST}
_current: ThemeColors = LIGHT
# The text-size setting scales the whole interface, not only the passage: the application
# font and every size in the style sheet are multiplied by text size / REFERENCE_TEXT_SIZE.
REFERENCE_TEXT_SIZE = 13
_scale = 1.0
_base_points: float | None = None  # the application font's size before any scaling


def resolve(name: str) -> ThemeColors:
    """Theme for a setting value; "system" follows the desktop's light/dark preference."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    hints = QGuiApplication.styleHints() if QGuiApplication.instance() else None
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return DARK
    return LIGHT


def current() -> ThemeColors:
    return _current


def _palette(colors: ThemeColors) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Window, QColor(colors.window))
    palette.setColor(role.WindowText, QColor(colors.text))
    palette.setColor(role.Base, QColor(colors.base))
    palette.setColor(role.AlternateBase, QColor(colors.window))
    palette.setColor(role.Text, QColor(colors.text))
    palette.setColor(role.Button, QColor(colors.base))
    palette.setColor(role.ButtonText, QColor(colors.text))
    palette.setColor(role.Highlight, QColor(colors.accent))
    palette.setColor(role.HighlightedText, QColor(colors.accent_text))
    palette.setColor(role.ToolTipBase, QColor(colors.base))
    palette.setColor(role.ToolTipText, QColor(colors.text))
    palette.setColor(role.PlaceholderText, QColor(colors.muted))
    palette.setColor(role.Link, QColor(colors.accent))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(colors.muted))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(colors.muted))
    return palette


def stylesheet(colors: ThemeColors, scale: float = 1.0) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    focus = colors.accent
    # Styling a combo or spin box's frame makes Qt stop drawing its native arrows; our own
    # chevrons (a mid grey that reads on light, dark and high-contrast bases) replace them.
    up, down = (resource_path("icons", f"chevron-{d}.svg").as_posix() for d in ("up", "down"))
    # The tick is drawn in the accent's text colour, so it reads in every theme.
    check = resource_path("icons", "check-light.svg" if colors.accent_text == "#ffffff"
                          else "check-dark.svg").as_posix()
    # On a highlighted row (the accent behind it) a ticked box is drawn in the base colour
    # instead, with a tick that reads on the base: an accent box on an accent row vanishes.
    check_on_base = resource_path("icons", "check-dark.svg" if QColor(colors.base).lightness()
                                  > 127 else "check-light.svg").as_posix()
    return f"""
    QWidget#screen {{ background: {colors.window}; }}
    QLabel[role="title"] {{ font-size: {pt(20)}; font-weight: 600; }}
    QLabel[role="heading"] {{ font-size: {pt(13)}; font-weight: 600; }}
    QLabel[role="muted"] {{ color: {colors.muted}; }}
    QLabel[role="empty"] {{ color: {colors.muted}; font-size: {pt(12)}; padding: 24px; }}
    QLabel[role="big-number"] {{ font-size: {pt(18)}; font-weight: 600; }}
    QLabel[role="score"] {{ font-size: {pt(22)}; font-weight: 600; }}
    QListView[role="profiles"] {{ font-size: {pt(13)}; }}
    QListView[role="profiles"]::item {{ padding: 8px; }}
    QFrame[role="card"] {{ background: {colors.base}; border: 1px solid {colors.border};
                          border-radius: 10px; }}
    QPushButton {{ padding: 6px 14px; border: 1px solid {colors.border}; border-radius: 6px;
                  background: {colors.base}; color: {colors.text}; }}
    QPushButton:focus, QToolButton:focus, QCheckBox:focus {{ border: 2px solid {focus}; }}
    QCheckBox {{ spacing: 8px; padding: 2px 4px; }}
    QToolButton[role="drawer"] {{ background: {colors.base}; border: 1px solid {colors.border};
                                 border-radius: 6px; }}
    QCheckBox::indicator {{ width: {round(14 * scale)}px; height: {round(14 * scale)}px;
                           border-radius: 3px;
                           border: 2px solid {colors.text}; background: {colors.base}; }}
    QCheckBox::indicator:checked {{ image: url("{check}"); background: {colors.accent};
                                    border-color: {colors.accent}; }}
    QCheckBox::indicator:disabled {{ border-color: {colors.muted}; }}
    QTreeView::indicator, QListView::indicator {{
        width: {round(12 * scale)}px; height: {round(12 * scale)}px; border-radius: 3px;
        border: 2px solid {colors.text}; background: {colors.base}; }}
    QTreeView::indicator:checked, QListView::indicator:checked {{
        image: url("{check}"); background: {colors.accent}; border-color: {colors.accent}; }}
    QTreeView::indicator:indeterminate, QListView::indicator:indeterminate {{
        background: {colors.muted}; }}
    QTreeView::indicator:selected, QListView::indicator:selected {{
        border-color: {colors.accent_text}; }}
    QTreeView::indicator:checked:selected, QListView::indicator:checked:selected {{
        image: url("{check_on_base}"); background: {colors.base}; }}
    QRadioButton::indicator {{ width: {round(12 * scale)}px; height: {round(12 * scale)}px;
                              border-radius: {round(8 * scale)}px;
                              border: 2px solid {colors.text}; background: {colors.base}; }}
    QRadioButton::indicator:checked {{ border-color: {colors.accent}; background: qradialgradient(
        cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {colors.accent},
        stop: 0.55 {colors.accent}, stop: 0.65 {colors.base}, stop: 1 {colors.base}); }}
    QPushButton[role="primary"] {{ background: {colors.accent}; color: {colors.accent_text};
                                  border-color: {colors.accent}; font-weight: 600; }}
    QPushButton:disabled, QPushButton[role="primary"]:disabled {{
        background: {colors.window}; color: {colors.muted}; border: 1px dashed {colors.muted}; }}
    QTableView, QListView, QTextEdit, QLineEdit, QComboBox, QSpinBox {{
        border: 1px solid {colors.border}; border-radius: 6px; background: {colors.base};
        selection-background-color: {colors.accent}; selection-color: {colors.accent_text}; }}
    QListView::item:selected, QTableView::item:selected {{
        background: {colors.accent}; color: {colors.accent_text}; }}
    QLineEdit, QComboBox, QSpinBox {{ padding: 5px 8px; min-height: 20px; }}
    QTableView:focus, QListView:focus, QTextEdit:focus, QLineEdit:focus, QComboBox:focus {{
        border: 2px solid {focus}; }}
    QHeaderView::section {{ background: {colors.window}; color: {colors.muted}; border: none;
                           border-bottom: 1px solid {colors.border}; padding: 6px; }}
    QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
                           width: 24px; border: none; }}
    QComboBox::down-arrow {{ image: url("{down}"); width: 12px; height: 12px; }}
    QSpinBox {{ padding-right: 24px; }}
    QSpinBox::up-button, QSpinBox::down-button {{ width: 22px; border: none;
                                                 background: transparent; }}
    QSpinBox::up-button {{ subcontrol-origin: border; subcontrol-position: top right; }}
    QSpinBox::down-button {{ subcontrol-origin: border; subcontrol-position: bottom right; }}
    QSpinBox::up-arrow {{ image: url("{up}"); width: 10px; height: 10px; }}
    QSpinBox::down-arrow {{ image: url("{down}"); width: 10px; height: 10px; }}
    """ + (_popup_rules(colors, scale) if colors.popup_border else "")


def _popup_rules(colors: ThemeColors, scale: float) -> str:
    """A visible frame round menus and tooltips (styling a menu's frame means styling its
    items too, else Qt draws them unpadded)."""
    pad = round(4 * scale)
    return f"""
    QMenu {{ background: {colors.base}; color: {colors.text};
             border: 2px solid {colors.popup_border}; padding: {pad}px 0; }}
    QMenu::item {{ padding: {pad}px {round(24 * scale)}px {pad}px {round(12 * scale)}px;
                   background: transparent; }}
    QMenu::item:selected {{ background: {colors.accent}; color: {colors.accent_text}; }}
    QMenu::item:disabled {{ color: {colors.muted}; }}
    QMenu::separator {{ height: 1px; background: {colors.popup_border};
                        margin: {pad}px {pad * 2}px; }}
    QMenuBar::item:selected {{ background: {colors.accent}; color: {colors.accent_text}; }}
    QToolTip {{ background: {colors.base}; color: {colors.text};
                border: 1px solid {colors.popup_border}; padding: {pad}px; }}
    QComboBox QAbstractItemView {{ border: 2px solid {colors.popup_border}; }}
"""


def apply_theme(app: QApplication, name: str) -> ThemeColors:
    global _current
    colors = resolve(name)
    _current = colors
    app.setStyle("Fusion")  # the same look on every platform, and palettes are honoured
    app.setPalette(_palette(colors))
    app.setStyleSheet(stylesheet(colors, _scale))
    return colors


def text_scale() -> float:
    return _scale


def apply_text_size(app: QApplication, text_size: float) -> None:
    """Scale the whole interface (font and style sheet) for the text-size setting."""
    global _scale, _base_points
    scale = text_size / REFERENCE_TEXT_SIZE
    if _base_points is None:
        _base_points = app.font().pointSizeF()
    if abs(scale - _scale) < 1e-6:
        return  # nothing to do (start-up at the default size stays as cheap as before)
    _scale = scale
    font = QFont(app.font())
    font.setPointSizeF(max(6.0, _base_points * scale))
    app.setFont(font)
    # Let every widget take the new font before the style sheet re-polishes them: in the
    # other order widgets polished by a style sheet keep their old font.
    QApplication.sendPostedEvents()
    app.setStyleSheet(stylesheet(_current, scale))
