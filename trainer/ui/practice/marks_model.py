"""The student's marks on one passage, as a Qt list model (sorted by position)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.shell import theme
from trainer.ui.shell.styles import FAMILY_UNDERLINE, underline_text
from trainer.ui.widgets.plain import plain_tooltip

SpanRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
QUOTE_LIMIT = 60


_QUOTE_MARKS = "\"'“”‘’«»„"


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The phrase flattened to one line and cut at `limit`, for putting inside “ ”. A phrase
    that is itself one quotation ('"devastated"') loses its own marks, else it showed as
    “"devastated"” (review 4, finding 12)."""
    flat = " ".join(text.split())
    inner = flat[1:-1]
    if (len(flat) > 2 and flat[0] in _QUOTE_MARKS and flat[-1] in _QUOTE_MARKS
            and not any(mark in inner for mark in _QUOTE_MARKS)):
        flat = inner.strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class MarksModel(QAbstractListModel):
    marks_changed = Signal()

    def __init__(self, taxonomy: Taxonomy, text: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.text = text
        self._marks: list[Span] = []
        # Put before each mark in "My marks", which lists the headline's marks and the
        # passage's together ("Headline: " for the headline's; nothing for the passage's).
        self.prefix = ""

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._marks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._marks):
            return None
        mark = self._marks[index.row()]
        family = self.taxonomy.family_of(mark.label)
        if role == Qt.ItemDataRole.DisplayRole:
            phrase = quote(self.text[mark.start:mark.end])
            return f"{self.prefix}“{phrase}”\n{self.taxonomy.display_name(mark.label)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.prefix + self.tr("{label}: {phrase}").format(
                label=self.taxonomy.display_name(mark.label),
                phrase=quote(self.text[mark.start:mark.end]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.tr(
                "{label}, shown with a {style}. Press Delete to remove it.").format(
                label=self.taxonomy.display_name(mark.label),
                style=underline_text(FAMILY_UNDERLINE.get(family, FAMILY_UNDERLINE["framing"]))))
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(theme.current().family_chip.get(family, theme.current().text))
        if role == SpanRole:
            return mark
        return None

    # -- editing ---------------------------------------------------------------------------
    def marks(self) -> list[Span]:
        return list(self._marks)

    def set_passage(self, text: str, marks: Iterable[Span] = ()) -> None:
        self.beginResetModel()
        self.text = text
        self._marks = sorted(marks)
        self.endResetModel()
        self.marks_changed.emit()

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.beginResetModel()
        self.taxonomy = taxonomy
        self.endResetModel()

    def row_of(self, start: int, end: int) -> int:
        """Row of the mark on exactly [start, end), or -1."""
        for row, existing in enumerate(self._marks):
            if (existing.start, existing.end) == (start, end):
                return row
        return -1

    def add(self, span: Span) -> int:
        """Add a mark (relabel it if the same range is already marked); returns its row."""
        row = self.row_of(span.start, span.end)
        if row >= 0:
            self.relabel(row, span.label)
            return row
        row = 0
        while row < len(self._marks) and self._marks[row] < span:
            row += 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._marks.insert(row, span)
        self.endInsertRows()
        self.marks_changed.emit()
        return row

    def relabel(self, row: int, label: str) -> None:
        old = self._marks[row]
        if old.label == label:
            return
        # Marks never share a range, so the sort order (start, end first) stays as it is.
        self._marks[row] = Span(old.start, old.end, label)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
        self.marks_changed.emit()

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self._marks):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._marks[row]
        self.endRemoveRows()
        self.marks_changed.emit()

    def remove_span(self, span: Span) -> None:
        self.remove(self.row_of(span.start, span.end))

    def rows_at(self, position: int) -> list[int]:
        """Rows of the marks that contain code-point `position` (or end right at it)."""
        return [row for row, m in enumerate(self._marks) if m.start <= position <= m.end]

    def rows_overlapping(self, start: int, end: int) -> list[int]:
        return [row for row, m in enumerate(self._marks) if m.start < end and start < m.end]

    def innermost_at(self, position: int) -> Span | None:
        """The shortest mark holding code-point `position` (or ending right at it): where
        marks overlap, the one the caret is most clearly inside."""
        rows = self.rows_at(position)
        if not rows:
            return None
        return min((self._marks[r] for r in rows), key=lambda m: (m.length, m.start))
