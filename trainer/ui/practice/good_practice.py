"""Feedback on careful reporting and on the headline (article-set format version 2).

Good-practice notes are never scored. Feedback lists them after the verdicts ("Good practice
— nothing to flag", explained in the same card: "This is what checkable looks like") and marks
them in the passage with a dash-dot underline and no tint (shape and words in the legend, never
colour alone); a student mark that falls on one gets the note's `why` instead of the generic
false-alarm line. Headline verdicts show on the headline above the passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat

from trainer.core.model import Article, Note
from trainer.core.parts import from_scoring, scoring_article
from trainer.core.spans import Span
from trainer.core.verdicts import Verdict
from trainer.ui.practice.headline import HeadlineView
from trainer.ui.practice.passage_view import Highlight, PassageView
from trainer.ui.shell import theme
from trainer.ui.shell.styles import verdict_format


def note_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashDotLine)
    fmt.setUnderlineColor(QColor(theme.current().verdict["exact"]))
    return fmt


def note_on(verdict: Verdict, notes: Sequence[Note]) -> Note | None:
    """The good-practice note a student's false alarm falls on (scoring coordinates)."""
    if verdict.source == "key":
        return None
    span = Span(verdict.start, verdict.end)
    return next((n for n in notes if span.overlaps(Span(n.start, n.end))), None)


class FeedbackParts:
    """Splits the feedback's highlights between the headline and the passage."""

    def __init__(self, passage: PassageView, headline: HeadlineView) -> None:
        self.passage, self.headline = passage, headline
        self.article: Article | None = None
        self.notes: list[Note] = []
        self.text = ""

    def load(self, article: Article, verdicts: Sequence[Verdict], marks: Sequence[Span]) -> str:
        """Show verdicts and notes; returns the text verdict offsets index."""
        # Text offsets are the same in both forms, so the combined one fits every verdict.
        scoring = scoring_article(article, marks, combined=True)
        self.article, self.text = article, scoring.text
        self.notes = list(scoring.notes)
        self.headline.set_passage(article.title)
        in_text: list[Highlight] = []
        in_title: list[Highlight] = []
        items = [(v.start, v.end, verdict_format(v.verdict)) for v in verdicts]
        items += [(n.start, n.end, note_format()) for n in self.notes]
        for start, end, fmt in items:
            part, s, e = from_scoring(article, start, end)
            (in_title if part == "title" else in_text).append(Highlight(s, e, fmt))
        self.passage.set_highlights(in_text)
        self.headline.set_highlights(in_title)
        return scoring.text

    def select(self, start: int, end: int) -> None:
        if self.article is None:
            return
        part, s, e = from_scoring(self.article, start, end)
        (self.headline if part == "title" else self.passage).select_range(s, e)
