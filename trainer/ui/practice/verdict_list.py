"""The feedback screen's verdict list: one row per key phrase or student mark, with its
verdict's icon and word, then one row per good-practice note; and the legend that shows each
look as the passage draws it, with its words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QIcon,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QListView, QSizePolicy, QWidget

from trainer.core.model import Note
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.ui.practice.good_practice import note_format
from trainer.ui.practice.marks_model import quote
from trainer.ui.shell.styles import (
    VERDICT_ORDER,
    VERDICT_STYLES,
    icon,
    underline_text,
    verdict_format,
)
from trainer.ui.widgets.flow import FlowLayout

VerdictRole = Qt.ItemDataRole.UserRole + 2
GoodPracticeRole = Qt.ItemDataRole.UserRole + 3  # the Note behind a good-practice row
_Index = QModelIndex | QPersistentModelIndex
STUDENT_VERDICTS = ("exact", "found", "partly-found", "wrong-label", "too-broad")
GOOD_PRACTICE_ICON = "good-practice"


class VerdictModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.verdicts: list[Verdict] = []
        self.text = ""
        self.taxonomy = Taxonomy({})
        self.marks: list[Span] = []
        self.notes: dict[tuple[int, int], str] = {}  # (start, end) in scoring coordinates
        # Good-practice notes follow the verdicts, so that everything drawn in the passage
        # is explained in the same card (scoring coordinates, like the verdicts).
        self.good_practice: list[Note] = []

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
                   marks: Sequence[Span], good_practice: Sequence[Note] = ()) -> None:
        self.beginResetModel()
        self.text, self.verdicts, self.taxonomy = text, list(verdicts), taxonomy
        self.marks = list(marks)
        self.good_practice = list(good_practice)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.verdicts) + len(self.good_practice)

    def student_labels(self, verdict: Verdict) -> list[str]:
        span = Span(verdict.start, verdict.end)
        return sorted({self.taxonomy.display_name(m.label) for m in self.marks
                       if m.overlaps(span)})

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() >= len(self.verdicts):
            return self._good_practice_data(self.good_practice[index.row() - len(self.verdicts)],
                                            role)
        verdict = self.verdicts[index.row()]
        style = VERDICT_STYLES[verdict.verdict]
        phrase = quote(self.text[verdict.start:verdict.end], 48)
        if role == Qt.ItemDataRole.DisplayRole:
            who = (self.tr("key: {label}") if verdict.source == "key"
                   else self.tr("you: {label}")).format(
                label=self.taxonomy.display_name(verdict.label))
            if verdict.verdict == "debatable" and self.student_marks(verdict):
                # The one row of a debatable phrase the student marked (feedback_verdicts).
                who = self.tr("you marked it; no credit either way")
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

    def _good_practice_data(self, note: Note, role: int) -> Any:
        phrase = quote(self.text[note.start:note.end], 48)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Good practice — nothing to flag") + f"\n“{phrase}”"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(GOOD_PRACTICE_ICON)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Good practice: {phrase}").format(phrase=phrase)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Shown in the passage with a {style}, not shaded.").format(
                style=underline_text(note_format().underlineStyle()))
        if role == GoodPracticeRole:
            return note
        return None


class VerdictListView(QListView):
    """The verdict list asks only for its least height: the explanation under it is laid
    out whole first, and the list grows into whatever room is left (it has the stretch)."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class LegendItem(QWidget):
    """One entry of the legend: the icon, and the word drawn as the passage draws its phrases
    (the same character format: tint and underline). `description` says the line in words;
    it is the tooltip and part of the accessible name."""

    def __init__(self, text: str, description: str, make_format: Callable[[], QTextCharFormat],
                 item_icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text, self.description = text, description
        self._make_format = make_format  # read at paint time: the theme may change
        self._icon = item_icon
        self.setToolTip(description)
        self.setAccessibleName(f"{text}: {description}")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def format(self) -> QTextCharFormat:
        return self._make_format()

    def _document(self) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        QTextCursor(document).insertText(self.text, self.format)
        return document

    def _icon_size(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:
        size = self._document().size()
        return QSize(self._icon_size() + 5 + int(size.width()) + 1,
                     max(self._icon_size(), int(size.height())) + 3)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = self._icon_size()
        self._icon.paint(painter, 0, (self.height() - side) // 2, side, side)
        document = self._document()
        painter.translate(side + 5, (self.height() - document.size().height()) / 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = self.palette()
        context.clip = QRectF(0, 0, document.size().width(), document.size().height())
        document.documentLayout().draw(painter, context)
        painter.end()


class VerdictLegend(QWidget):
    """Every verdict, and good practice, as the passage shows it — tint, underline, icon and
    word — so colour is never alone. The items wrap onto a second line rather than widen a
    narrow window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self, h_spacing=14)
        self.items: list[LegendItem] = []
        for kind in VERDICT_ORDER:
            style = VERDICT_STYLES[kind]
            self.items.append(LegendItem(
                style.text, self.tr("{line}, shaded").format(line=underline_text(style.underline)),
                partial(verdict_format, kind), style.icon()))
        self.items.append(LegendItem(
            self.tr("Good practice"),
            self.tr("{line}, not shaded").format(
                line=underline_text(note_format().underlineStyle())),
            note_format, icon(GOOD_PRACTICE_ICON)))
        for item in self.items:
            layout.addWidget(item)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.tr("Legend of verdicts"))
