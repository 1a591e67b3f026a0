"""The first-run tour: one short guided passage that teaches select → label → submit → read
the feedback, with an instruction strip at the top of the window that moves on as the student
does each step.

The tour passage is its own tiny bundled set (resources/tour.json), never imported into the
library and never stored as an attempt: the feedback is computed on the spot. The tour can be
skipped at any step (the strip's button or Esc) and replayed from Help.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from trainer.core.jsonset import load_json_set
from trainer.core.model import Article
from trainer.core.resources import resource_path
from trainer.core.scoring import LEVEL_MODE, score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy

if TYPE_CHECKING:
    from trainer.ui.practice.feedback_view import FeedbackView
    from trainer.ui.practice.practice_view import PracticeView
    from trainer.ui.shell.guidance import TourBar

STEPS = ("select", "label", "submit", "feedback")


@cache
def tour_article() -> Article:
    return load_json_set(resource_path("tour.json")).articles[0]


class TourGuide(QObject):
    """Walks the student through the tour passage; emits ended(completed) once."""

    ended = Signal(bool)

    def __init__(self, bar: TourBar, practice: PracticeView, feedback: FeedbackView,
                 taxonomy: Taxonomy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar, self.practice, self.feedback = bar, practice, feedback
        self.taxonomy = taxonomy
        self.article = tour_article()
        self.step = ""
        self.active = False
        practice.passage.selectionChanged.connect(self._on_selection)
        practice.marks.marks_changed.connect(self._on_marks)

    def start(self) -> None:
        self.active = True
        self.practice.load(self.article, self.taxonomy)
        self.feedback.next.setText(self.tr("Finish the tour"))
        self._go("select")

    def _go(self, step: str) -> None:
        self.step = step
        phrase = "Sources close to the council"
        texts = {
            "select": self.tr("Read the passage. Then select a phrase that states something "
                              "nobody can check, for example “{phrase}”: drag across it with "
                              "the mouse, or hold Shift and use the arrow keys.").format(
                phrase=phrase),
            "label": self.tr("Now label the selection: press 1 for Unverified claim or 2 "
                             "for Loaded framing, or click a label on the right."),
            "submit": self.tr("Well done: that is a mark. Mark anything else that seems "
                              "unfair (Ctrl+Z undoes a mistake), then submit with "
                              "Ctrl+Enter or the Submit button."),
            "feedback": self.tr("This is your feedback: the answer key laid over your marks. "
                                "Move through the verdicts with the arrow keys to read why "
                                "each phrase counts and how you could check it. Then finish "
                                "the tour."),
        }
        self.bar.show_step(STEPS.index(step) + 1, len(STEPS), texts[step])

    def _on_selection(self) -> None:
        if self.active and self.step == "select" and self.practice.passage.selection_span():
            self._go("label")

    def _on_marks(self) -> None:
        if self.active and self.step in ("select", "label") and self.practice.marks.rowCount():
            self._go("submit")

    def submitted(self, marks: list[Span]) -> None:
        """The window hands over the tour's submit: scored here, never stored."""
        result = score_article(self.article, marks, self.taxonomy)
        mode = LEVEL_MODE.get(self.article.level, "family")
        self.feedback.load(self.article, self.taxonomy, result, mode, marks)
        self._go("feedback")

    def end(self, *, completed: bool) -> None:
        if not self.active:
            return
        self.active = False
        self.feedback.next.setText(self.tr("Next passage"))
        self.bar.hide()
        self.ended.emit(completed)
