"""The feedback screen's verdict list: one row per key phrase or student mark, with its
verdict's icon and word, and the legend that names every verdict's look."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.ui.practice.marks_model import quote
from trainer.ui.shell.styles import VERDICT_ORDER, VERDICT_STYLES, underline_text
from trainer.ui.widgets.flow import FlowLayout

VerdictRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
STUDENT_VERDICTS = ("exact", "found", "partly-found", "wrong-label", "too-broad")


class VerdictModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.verdicts: list[Verdict] = []
        self.text = ""
        self.taxonomy = Taxonomy({})
        self.marks: list[Span] = []
        self.notes: dict[tuple[int, int], str] = {}  # (start, end) in scoring coordinates

    def set_notes(self, notes: dict[tuple[int, int], str]) -> None:
        self.notes = dict(notes)
        if self.verdicts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.verdicts) - 1, 0))

    def note_for(self, verdict: Verdict) -> str:
        return self.notes.get((verdict.start, verdict.end), "")

    def student_marks(self, verdict: Verdict) -> list[Span]:
        """The student's own marks on a key phrase, to show next to it."""
        span = Span(verdict.start, verdict.end)
        return [m for m in self.marks if m.overlaps(span)]

    def set_result(self, text: str, verdicts: Sequence[Verdict], taxonomy: Taxonomy,
                   marks: Sequence[Span]) -> None:
        self.beginResetModel()
        self.text, self.verdicts, self.taxonomy = text, list(verdicts), taxonomy
        self.marks = list(marks)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.verdicts)

    def student_labels(self, verdict: Verdict) -> list[str]:
        span = Span(verdict.start, verdict.end)
        return sorted({self.taxonomy.display_name(m.label) for m in self.marks
                       if m.overlaps(span)})

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.verdicts):
            return None
        verdict = self.verdicts[index.row()]
        style = VERDICT_STYLES[verdict.verdict]
        phrase = quote(self.text[verdict.start:verdict.end], 48)
        if role == Qt.ItemDataRole.DisplayRole:
            who = (self.tr("key: {label}") if verdict.source == "key"
                   else self.tr("you: {label}")).format(
                label=self.taxonomy.display_name(verdict.label))
            mark = self.tr(" · ✎ your note") if self.note_for(verdict) else ""
            return f"{style.text} — {who}{mark}\n“{phrase}”"
        if role == Qt.ItemDataRole.DecorationRole:
            return style.icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{verdict}: {phrase}").format(verdict=style.text, phrase=phrase)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Shown in the passage with a {style}.").format(
                style=underline_text(style.underline))
        if role == VerdictRole:
            return verdict
        return None


class VerdictLegend(QWidget):
    """Icon + word + underline description for every verdict: colour is never alone.
    The items wrap onto a second line rather than widen a narrow window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, h_spacing=14)
        for kind in VERDICT_ORDER:
            style = VERDICT_STYLES[kind]
            item = QWidget()
            icon = QLabel()
            icon.setPixmap(style.icon().pixmap(QSize(16, 16)))
            text = QLabel(style.text)
            text.setToolTip(underline_text(style.underline))
            text.setStyleSheet(
                f"border-bottom: 2px {'dotted' if kind == 'partly-found' else 'solid'} "
                f"{style.color().name()}; padding-bottom: 1px;")
            row = QHBoxLayout(item)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(icon)
            row.addWidget(text)
            layout.addWidget(item)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.tr("Legend of verdicts"))
