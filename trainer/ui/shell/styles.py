"""How labels and verdicts look: colour, underline style, icon and a word for each.

Every meaning has at least two non-colour carriers (underline style and text, plus an icon for
verdicts) so that students with colour-vision differences read the same information.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon, QTextCharFormat

from trainer.core.resources import resource_path
from trainer.ui.shell import theme

Underline = QTextCharFormat.UnderlineStyle

FAMILY_UNDERLINE: dict[str, Underline] = {
    "unverified": Underline.DashUnderline,
    "framing": Underline.WaveUnderline,
}


@dataclass(frozen=True)
class VerdictStyle:
    kind: str
    underline: Underline
    icon_name: str

    @property
    def text(self) -> str:
        return verdict_text(self.kind)

    def color(self) -> QColor:
        return QColor(theme.current().verdict[self.kind])

    def tint(self) -> QColor:
        return QColor(theme.current().verdict_tint[self.kind])

    def icon(self) -> QIcon:
        return icon(self.icon_name)


VERDICT_ORDER = ("exact", "found", "partly-found", "wrong-label", "too-broad", "missed",
                 "false-alarm", "debatable")

VERDICT_STYLES: dict[str, VerdictStyle] = {
    "exact": VerdictStyle("exact", Underline.SingleUnderline, "verdict-exact"),
    "found": VerdictStyle("found", Underline.SingleUnderline, "verdict-found"),
    "wrong-label": VerdictStyle("wrong-label", Underline.DashUnderline, "verdict-wrong-label"),
    "partly-found": VerdictStyle("partly-found", Underline.DotLine, "verdict-partly-found"),
    "missed": VerdictStyle("missed", Underline.WaveUnderline, "verdict-missed"),
    # Counted as missed, so it shares missed's underline; its icon and word tell them apart.
    "too-broad": VerdictStyle("too-broad", Underline.WaveUnderline, "verdict-too-broad"),
    "false-alarm": VerdictStyle("false-alarm", Underline.DashDotLine, "verdict-false-alarm"),
    "debatable": VerdictStyle("debatable", Underline.DashDotDotLine, "verdict-debatable"),
}


def verdict_text(kind: str) -> str:
    translate = QCoreApplication.translate
    return {
        "exact": translate("Verdict", "Found, exact technique"),
        "found": translate("Verdict", "Found"),
        "wrong-label": translate("Verdict", "Wrong label"),
        "partly-found": translate("Verdict", "Partly found"),
        "missed": translate("Verdict", "Missed"),
        "too-broad": translate("Verdict", "Too broad"),
        "false-alarm": translate("Verdict", "False alarm"),
        "debatable": translate("Verdict", "Debatable"),
    }.get(kind, kind)


def underline_text(style: Underline) -> str:
    translate = QCoreApplication.translate
    return {
        Underline.SingleUnderline: translate("Style", "solid underline"),
        Underline.DashUnderline: translate("Style", "dashed underline"),
        Underline.DotLine: translate("Style", "dotted underline"),
        Underline.WaveUnderline: translate("Style", "wavy underline"),
        Underline.DashDotLine: translate("Style", "dash-dot underline"),
        Underline.DashDotDotLine: translate("Style", "dash-dot-dot underline"),
    }.get(style, "")


def label_format(family: str) -> QTextCharFormat:
    colors = theme.current()
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colors.family_tint.get(family, colors.border)))
    fmt.setUnderlineStyle(FAMILY_UNDERLINE.get(family, Underline.SingleUnderline))
    fmt.setUnderlineColor(QColor(colors.family_chip.get(family, colors.text)))
    return fmt


def verdict_format(kind: str) -> QTextCharFormat:
    style = VERDICT_STYLES[kind]
    fmt = QTextCharFormat()
    fmt.setBackground(style.tint())
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(style.color())
    return fmt


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))
