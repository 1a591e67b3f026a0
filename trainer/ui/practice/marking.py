"""What the student's keys and clicks do to the marks: label, relabel, remove, undo.

Every change is a command on one QUndoStack per passage (mark_commands.py), so no key press
loses marks without a way back. The rules a student relies on:
- a label applies to the selection, snapped to whole words (trainer.core.wordsnap); a
  selection of only blank space or punctuation, or of a single character, gets a message;
- with no selection, a number key (or a chip) relabels the mark at the caret: the one just
  made if the caret is on it, else the innermost mark there;
- Delete with no selection removes only the innermost mark at the caret and says which;
  a selection removes every mark it touches and says how many, and how to bring them back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from trainer.core.spans import Span
from trainer.core.wordsnap import snap_to_words
from trainer.ui.practice.mark_commands import AddMark, RelabelMark, RemoveMarks
from trainer.ui.practice.marks_model import MarksModel, quote
from trainer.ui.practice.palette import LabelPalette
from trainer.ui.practice.passage_view import PassageView

STATUS_QUOTE = 40


def redo_key() -> str:
    return QKeySequence(QKeySequence.StandardKey.Redo).toString(
        QKeySequence.SequenceFormat.NativeText) or "Ctrl+Y"


def undo_key() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText) or "Ctrl+Z"


class MarkEditor(QObject):
    """Turns the student's actions on one passage into undoable mark commands.

    Emits status(text) with a line for the status bar and mark_touched(row) with the row of
    a mark just made or relabelled (the marks list follows it)."""

    status = Signal(str)
    mark_touched = Signal(int)

    def __init__(self, passage: PassageView, model: MarksModel, palette: LabelPalette,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.passage, self.model, self.palette = passage, model, palette
        self.undo_stack = QUndoStack(self)
        self._fresh: Span | None = None  # the mark made last, for "1 then 2" relabelling
        # Undo and Redo come from the stack's own actions (the Edit menu, Ctrl+Z), not from
        # here: the stack's index tells this editor to say what they did.
        self._index = 0
        self.undo_stack.indexChanged.connect(self._on_index)

    def reset(self) -> None:
        self._quietly(self.undo_stack.clear)
        self._fresh = None

    def _push(self, command: QUndoCommand) -> None:
        self._quietly(lambda: self.undo_stack.push(command))

    def _quietly(self, change: Callable[[], None]) -> None:
        """A change this editor reports itself (the headline's editor shares the stack, so
        the flag lives on the stack)."""
        self.undo_stack.setProperty("quiet", True)
        try:
            change()
        finally:
            self.undo_stack.setProperty("quiet", False)

    def _on_index(self, index: int) -> None:
        before, self._index = self._index, index
        stack = self.sender()
        if not isinstance(stack, QUndoStack) or stack.property("quiet") or index == before:
            return
        undone = index < before
        command = stack.command(index if undone else index - 1)
        if command is None:
            self.status.emit("")
            return
        text = (self.tr("Undone: {step}. {redo} redoes it.") if undone
                else self.tr("Redone: {step}. {undo} undoes it."))
        self.status.emit(text.format(step=command.text(), undo=undo_key(), redo=redo_key()))

    # -- labelling ---------------------------------------------------------------------------
    def on_digit(self, digit: int) -> None:
        number, replaces = self.palette.digits.feed(digit)
        if number is None:
            return
        entry = self.palette.entry_for_number(number)
        if entry is None:
            return
        fresh = self._current(self._fresh)
        if replaces and fresh is not None and self.passage.selection_span() is None:
            self._retype_fresh(fresh, entry.label)
            return
        self.apply_label(entry.label)

    def apply_label(self, label: str) -> None:
        """Label the selection, or relabel the mark at the caret when nothing is selected."""
        span = self.passage.selection_span()
        if span is None:
            target = self.mark_at_caret()
            if target is None:
                self.status.emit(self.tr("First select a phrase in the passage, then choose "
                                         "its label."))
                return
            self.relabel(target, label)
            return
        text = self.passage.passage()
        snapped = snap_to_words(text, *span)
        if snapped is None:
            self.status.emit(self.tr("That selection holds only blank space or punctuation. "
                                     "Select the words themselves."))
            return
        start, end = snapped
        if end - start < 2:
            self.status.emit(self.tr("“{text}” is a single character. Select a whole word "
                                     "or phrase.").format(text=text[start:end]))
            return
        self.passage.select_range(start, end)
        self.passage.clear_selection()  # the caret stays on the new mark for a relabel
        row = self.model.row_of(start, end)
        if row >= 0:
            self.relabel(self.model.marks()[row], label)
            return
        mark = Span(start, end, label)
        self._push(AddMark(self.model, mark))
        self._fresh = mark
        self.mark_touched.emit(self.model.row_of(start, end))
        self.status.emit(self.tr("Marked “{phrase}” as {label}. A number key relabels it; "
                                 "{undo} undoes it.").format(
            phrase=self._quote(mark), label=self._name(label), undo=undo_key()))

    def relabel(self, mark: Span, label: str) -> None:
        if mark.label == label:
            self.status.emit(self.tr("“{phrase}” is already marked as {label}.").format(
                phrase=self._quote(mark), label=self._name(label)))
            return
        self._push(RelabelMark(self.model, mark, label))
        if self._fresh is not None and (self._fresh.start, self._fresh.end) == \
                (mark.start, mark.end):
            self._fresh = Span(mark.start, mark.end, label)
        self.mark_touched.emit(self.model.row_of(mark.start, mark.end))
        self.status.emit(self.tr("Relabelled “{phrase}” as {label}.").format(
            phrase=self._quote(mark), label=self._name(label)))

    def _retype_fresh(self, fresh: Span, label: str) -> None:
        """The second digit of a two-digit number: the mark just made gets that label
        instead, as one step to undo."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(top, AddMark) and top.span == fresh:
            self._quietly(self.undo_stack.undo)
            self.passage.select_range(fresh.start, fresh.end)
            self.apply_label(label)
            return
        self.relabel(fresh, label)

    # -- removing ----------------------------------------------------------------------------
    def delete_at_caret(self) -> None:
        span = self.passage.selection_span()
        if span is None:
            mark = self.model.innermost_at(self.passage.caret())
            if mark is None:
                self.status.emit(self.tr("No mark here. Put the caret inside a mark to "
                                         "remove it."))
                return
            others = len(self.model.rows_at(self.passage.caret())) - 1
            self.remove([mark])
            if others:
                self.status.emit(self.tr(
                    "Removed the innermost mark here, “{phrase}” ({label}); the {n} other "
                    "mark(s) around it stay. {undo} brings it back.").format(
                    phrase=self._quote(mark), label=self._name(mark.label), n=others,
                    undo=undo_key()))
            return
        marks = self.model.marks()
        touched = [marks[row] for row in self.model.rows_overlapping(*span)]
        if not touched:
            self.status.emit(self.tr("The selection touches no mark: nothing removed."))
            return
        self.remove(touched)

    def remove(self, marks: Sequence[Span]) -> None:
        if not marks:
            return
        self._push(RemoveMarks(self.model, marks))
        if len(marks) == 1:
            self.status.emit(self.tr("Removed the mark “{phrase}” ({label}). {undo} brings "
                                     "it back.").format(
                phrase=self._quote(marks[0]), label=self._name(marks[0].label),
                undo=undo_key()))
        else:
            self.status.emit(self.tr("Removed {n} marks — {undo} brings them back.").format(
                n=len(marks), undo=undo_key()))

    # -- helpers -----------------------------------------------------------------------------
    def mark_at_caret(self) -> Span | None:
        caret = self.passage.caret()
        fresh = self._current(self._fresh)
        if fresh is not None and fresh.start <= caret <= fresh.end:
            return fresh
        return self.model.innermost_at(caret)

    def _current(self, mark: Span | None) -> Span | None:
        """The mark as it is now (it may have been relabelled, undone or removed)."""
        if mark is None:
            return None
        row = self.model.row_of(mark.start, mark.end)
        return self.model.marks()[row] if row >= 0 else None

    def _quote(self, mark: Span) -> str:
        return quote(self.model.text[mark.start:mark.end], STATUS_QUOTE)

    def _name(self, label: str) -> str:
        return self.model.taxonomy.display_name(label)
