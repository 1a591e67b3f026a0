"""Undoable changes to the marks: every add, remove and relabel goes through a QUndoStack.

Commands name marks by value (range and label), not by row, because rows shift as other
marks come and go. Their text is what the Edit menu shows after "Undo" / "Redo".
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from trainer.core.spans import Span
from trainer.ui.practice.marks_model import MarksModel, quote

MENU_QUOTE = 28


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def _phrase(model: MarksModel, span: Span) -> str:
    return quote(model.text[span.start:span.end], MENU_QUOTE)


class AddMark(QUndoCommand):
    def __init__(self, model: MarksModel, span: Span) -> None:
        super().__init__(translate("MarkCommands", "Mark “{phrase}”").format(
            phrase=_phrase(model, span)))
        self.model, self.span = model, span

    def redo(self) -> None:
        self.model.add(self.span)

    def undo(self) -> None:
        self.model.remove_span(self.span)


class RemoveMarks(QUndoCommand):
    def __init__(self, model: MarksModel, spans: Sequence[Span]) -> None:
        text = (translate("MarkCommands", "Remove mark “{phrase}”").format(
                    phrase=_phrase(model, spans[0]))
                if len(spans) == 1 else
                translate("MarkCommands", "Remove {n} marks").format(n=len(spans)))
        super().__init__(text)
        self.model, self.spans = model, list(spans)

    def redo(self) -> None:
        for span in self.spans:
            self.model.remove_span(span)

    def undo(self) -> None:
        for span in self.spans:
            self.model.add(span)


class RelabelMark(QUndoCommand):
    def __init__(self, model: MarksModel, old: Span, label: str) -> None:
        super().__init__(translate("MarkCommands", "Relabel “{phrase}” as {label}").format(
            phrase=_phrase(model, old), label=model.taxonomy.display_name(label)))
        self.model, self.old = model, old
        self.new = Span(old.start, old.end, label)

    def _set(self, span: Span) -> None:
        row = self.model.row_of(span.start, span.end)
        if row >= 0:
            self.model.relabel(row, span.label)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)
