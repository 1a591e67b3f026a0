"""The feedback screen: the answer key laid over the student's marks, verdicts and score.

The verdict list and its legend live in verdict_list.py, the explanation card in
verdict_detail.py; this module lays them out and wires them to the passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.core.feedback_verdicts import feedback_verdicts
from trainer.core.model import Article, Note
from trainer.core.parts import from_scoring, to_scoring
from trainer.core.scoring import MODES, ArticleScore, Mode
from trainer.core.spans import Span
from trainer.core.student_score import SentenceCounter, StudentScore, student_score
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.ui.practice.article_header import ArticleHeader
from trainer.ui.practice.good_practice import FeedbackParts, note_on
from trainer.ui.practice.headline import HeadlineView
from trainer.ui.practice.note_dialog import note_dialog
from trainer.ui.practice.passage_view import PassageView
from trainer.ui.practice.score_card import ScoreCard
from trainer.ui.practice.verdict_detail import VerdictDetail, clean_passage_text
from trainer.ui.practice.verdict_list import (
    STUDENT_VERDICTS,
    GoodPracticeRole,
    VerdictLegend,
    VerdictListView,
    VerdictModel,
    VerdictRole,
)
from trainer.ui.widgets.drawer import DrawerBody

# Below this many lines of the interface font the screen is "short" (1024×600, or larger text
# on a small screen): the score card folds part of itself behind Details (ScoreCard.set_compact)
# so that the explanation fits under it. 1280×800 at the default size stays above it.
COMPACT_LINES = 46  # 644 px at the default size: 1024×600 gives the screen ~580

# Tests and the self-test import these from the screen's module.
__all__ = ["FeedbackView", "VerdictModel", "VerdictRole"]


class FeedbackView(QWidget):
    back_requested = Signal()
    retry_requested = Signal()
    next_requested = Signal()
    note_saved = Signal(str, str, int, int, str)  # attempt id, part, start, end, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.taxonomy = Taxonomy({})
        self.attempt_id = ""
        self.article: Article | None = None
        self.read_only = False
        self.note_dialog: QInputDialog | None = None
        # "passage N of M" while an assignment is worked through (as on the practice screen).
        self.level_label = QLabel()
        self.level_label.setProperty("role", "muted")
        self.level_label.hide()
        self.header = ArticleHeader(self, extra=self.level_label)
        self.header.back_requested.connect(self.back_requested)
        self.back = self.header.back
        self.passage = PassageView()
        self.passage.setAccessibleName(self.tr("Passage with the answer key"))
        self.headline = HeadlineView()
        self.headline.setAccessibleName(self.tr("Headline with the answer key"))
        self.parts = FeedbackParts(self.passage, self.headline)
        self.legend = VerdictLegend()
        self.score = ScoreCard()
        self.model = VerdictModel(self)
        self.list = VerdictListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Verdicts"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(20, 20))
        # Two rows at least; the rest of the room goes to the list once the explanation
        # under it is laid out whole (_build_layout).
        self.list.setMinimumHeight(self.list.fontMetrics().lineSpacing() * 4 + 16)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self._filling = False  # load() picks the first verdict: that is not the student's move
        # What the highlights were drawn from, to draw them again in a new theme's tints.
        self._drawn: tuple[Article, list[Verdict], list[Span]] | None = None
        self._restyle_pending = False
        self.detail = VerdictDetail()
        self.detail.disagree_requested.connect(self._ask_for_note)
        self.banner = QLabel()  # what this screen shows when reopened from history
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "muted")
        self.banner.hide()
        self.clean_note = QLabel()
        self.clean_note.setWordWrap(True)
        self.clean_note.setTextFormat(Qt.TextFormat.PlainText)
        self.clean_note.hide()
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.setAccessibleName(self.tr("Try this passage again"))
        self.retry.clicked.connect(self.retry_requested)
        self.next = QPushButton(self.tr("Next passage"))
        self.next.setProperty("role", "primary")
        self.next.setAccessibleName(self.tr("Next passage"))
        self.next.clicked.connect(self.next_requested)
        self._build_layout()

    def _build_layout(self) -> None:

        reading_widget = QWidget()
        reading = QVBoxLayout(reading_widget)
        reading.setContentsMargins(0, 0, 0, 0)
        headline_row = QHBoxLayout()
        headline_row.addStretch(1)
        headline_row.addWidget(self.headline, 40)
        headline_row.addStretch(1)
        reading.addLayout(headline_row)
        column = QHBoxLayout()
        column.addStretch(1)
        column.addWidget(self.passage, 40)
        column.addStretch(1)
        reading.addLayout(column, 1)
        reading.addWidget(self.legend)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(4, 0, 8, 0)
        side_layout.addWidget(self.score)
        side_layout.addWidget(self.clean_note)
        self.verdicts_heading = QLabel(self.tr("Verdicts"))
        self.verdicts_heading.setProperty("role", "heading")
        side_layout.addWidget(self.verdicts_heading)
        # The list scrolls in the room the explanation leaves; the explanation is laid out
        # whole (its labels wrap, so the layout gives it their height for the width), so it
        # sits on screen under the list at 1280×800 (docs/UI.md, "What stays in view").
        side_layout.addWidget(self.list, 1)
        side_layout.addWidget(self.detail)
        # Only where even that does not fit (1024×600, larger text) does the panel scroll,
        # and then the explanation is brought into view when the student picks a verdict.
        self.side_scroll = QScrollArea()
        scroll = self.side_scroll
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The verdicts are what this screen is for: the drawer stays open on small screens.
        self.body = DrawerBody(reading_widget, scroll, self.tr("the score and verdicts"),
                               fold_when_compact=False, narrow_width=390)
        # The way on (Try again / Next) stays visible however long the explanation is.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 6, 0, 0)
        buttons.addWidget(self.banner, 1)
        buttons.addStretch()  # keeps the buttons at their size while the banner is hidden
        buttons.addWidget(self.retry)
        buttons.addWidget(self.next)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 16, 12)
        outer.addWidget(self.header)
        outer.addSpacing(8)
        outer.addWidget(self.body, 1)
        outer.addLayout(buttons)

    def load(self, article: Article, taxonomy: Taxonomy, result: ArticleScore, mode: str,
             marks: Sequence[Span], student: StudentScore | None = None, *,
             attempt_id: str = "", notes: dict[tuple[str, int, int], str] | None = None,
             read_only_since: str | None = None, nothing_to_flag: bool = False) -> None:
        """`student`: the stored student score (computed from the marks when not given);
        `nothing_to_flag`: the student ticked "Nothing to flag here";
        `read_only_since` (a date to show) when reopened from history: then there is no
        "Next passage", only "Try again"."""
        self.taxonomy = taxonomy
        self.article = article
        self.attempt_id = attempt_id
        self.read_only = read_only_since is not None
        self.banner.setText(self.tr("Your attempt of {when}, as it was marked. Try again to "
                                    "practise this passage afresh.").format(
            when=read_only_since) if read_only_since else "")
        self.banner.setVisible(self.read_only)
        self.back.setText(self.tr("← My attempts") if self.read_only else self.tr("← Library"))
        self.back.setAccessibleName(self.tr("Back to my attempts") if self.read_only
                                    else self.tr("Back to the library"))
        self.next.setVisible(not self.read_only)
        # The window says "passage N of M" after load (show_assignment); the tour sets its
        # own "Finish the tour" on Next before loading, so Next's words are left alone here.
        self.level_label.hide()
        self.retry.setProperty("role", "primary" if self.read_only else None)
        self.retry.style().polish(self.retry)
        self.header.show_article(article)
        self.header.title.hide()  # the headline above the passage carries its verdicts
        self.passage.set_passage(article.text)
        graded: Mode = next((m for m in MODES if m == mode), "family")
        # What the score card counts: a phrase only a too-broad mark reached is not "Found".
        verdicts = feedback_verdicts(article, marks, result, graded, taxonomy)
        text = self.parts.load(article, verdicts, marks)
        self._drawn = (article, list(verdicts), list(marks))
        self._filling = True
        self.model.set_result(text, verdicts, taxonomy, marks, self.parts.notes)
        # Notes are kept per part (text or headline); verdicts speak scoring coordinates.
        self.model.set_notes({to_scoring(article, start, end, part): note
                              for (part, start, end), note in (notes or {}).items()})
        if student is None:
            student = student_score(article, marks, graded, taxonomy)
        self.score.show_score(student, result.counts[graded], result.discernment,
                              article.is_clean, said_nothing=nothing_to_flag)
        # Only above the student's own verdicts: with none (good-practice rows at most) the
        # "A fair report" card says the same, and saying it twice pushed the card off a
        # small screen (review 4, finding 12).
        clean_with_marks = article.is_clean and bool(self.model.verdicts)
        self.clean_note.setText(self.tr("This passage is clean: the answer key flags "
                                        "nothing in it. ") + clean_passage_text()
                                if clean_with_marks else "")
        self.clean_note.setVisible(clean_with_marks)
        self.detail.show_hint()
        if self.model.verdicts:
            self.list.setFocus()
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.show_nothing_to_explain()
            (self.retry if self.read_only else self.next).setFocus()
        self._filling = False
        self._update_compact()
        self.side_scroll.verticalScrollBar().setValue(0)
        # Then the least scrolling that shows the first explanation whole, once laid out:
        # right after Submit the student reads why (review 4, finding 4).
        QTimer.singleShot(0, self, self._bring_detail_into_view)

    def _update_compact(self) -> None:
        short = self.height() < COMPACT_LINES * QFontMetrics(self.font()).lineSpacing()
        if short != self.score.is_compact():
            self.score.set_compact(short)
            # The rows say what they are (and the list's accessible name is "Verdicts").
            self.verdicts_heading.setVisible(not short)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_compact()

    def show_assignment(self, position: int | None, total: int = 0, *,
                        last: bool = False) -> None:
        """After Submit inside an assignment: "passage N of M", "← Assignment", and once no
        passage is left to do the way on says where it goes (review 4, finding 6). Call after
        load(), which sets the free-practice wording."""
        inside = position is not None
        self.level_label.setText(self.tr("passage {n} of {m}").format(n=position, m=total)
                                 if inside else "")
        self.level_label.setVisible(inside)
        if not self.read_only:
            self.back.setText(self.tr("← Assignment") if inside else self.tr("← Library"))
            self.back.setAccessibleName(self.tr("Back to the assignment") if inside
                                        else self.tr("Back to the library"))
        done = inside and last
        self.next.setText(self.tr("Back to assignment") if done else self.tr("Next passage"))
        self.next.setAccessibleName(self.tr("Back to the assignment") if done
                                    else self.tr("Next passage"))

    def changeEvent(self, event: QEvent) -> None:
        # The highlights copy the theme's tints when drawn: a theme switched while feedback
        # is open would leave light pastels behind light text (review 4, finding 3).
        if event.type() == QEvent.Type.FontChange:
            self._update_compact()
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange) \
                and not self._restyle_pending:
            self._restyle_pending = True
            QTimer.singleShot(0, self, self.redraw_highlights)  # dropped if the screen is gone
        super().changeEvent(event)

    def redraw_highlights(self) -> None:
        """Draw the verdicts again in the current theme, keeping the chosen one selected."""
        self._restyle_pending = False
        if self._drawn is None:
            return
        self.parts.load(*self._drawn)
        current = self.list.currentIndex()
        note = current.data(GoodPracticeRole)
        verdict = current.data(VerdictRole)
        chosen = note if isinstance(note, Note) else verdict if isinstance(verdict, Verdict) \
            else None
        if chosen is not None:
            self.parts.select(chosen.start, chosen.end)

    def verdict_texts(self) -> list[str]:
        return [str(self.model.index(row, 0).data()) for row in range(self.model.rowCount())]

    def current_verdict(self) -> Verdict | None:
        verdict = self.list.currentIndex().data(VerdictRole)
        return verdict if isinstance(verdict, Verdict) else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._filling:
            # After the layout has taken the new explanation's height.
            QTimer.singleShot(0, self._bring_detail_into_view)
        note = current.data(GoodPracticeRole)
        if isinstance(note, Note):
            self.parts.select(note.start, note.end)
            self.detail.show_good_practice(self.model.text[note.start:note.end], note.why)
            return
        verdict = current.data(VerdictRole)
        if not isinstance(verdict, Verdict):
            return
        self.parts.select(verdict.start, verdict.end)
        practice = note_on(verdict, self.parts.notes)
        yours = [(self.model.text[m.start:m.end], self.taxonomy.display_name(m.label))
                 for m in self.model.student_marks(verdict)] \
            if verdict.verdict in STUDENT_VERDICTS else []
        self.detail.show_verdict(verdict, self.model.text[verdict.start:verdict.end],
                                 self.model.student_labels(verdict), self.taxonomy,
                                 practice.why if practice is not None else "",
                                 yours=yours, note=self.model.note_for(verdict),
                                 too_broad=self._too_broad(verdict))
        self.detail.disagree.setVisible(bool(self.attempt_id))  # the tour stores nothing

    def _bring_detail_into_view(self) -> None:
        """Scroll the side panel (when it scrolls at all) the least that shows the whole
        explanation, but never so far that the chosen row leaves the screen: the student
        reads why, then clicks or arrows to the next verdict."""
        # The new explanation's height travels up card → panel → scroll area as posted
        # layout requests, one level per round: settle them before measuring.
        for _ in range(4):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        # A longer explanation takes room from the list (it has the stretch): the chosen row
        # may now lie under the list's new bottom edge.
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)
        bar = self.side_scroll.verticalScrollBar()
        if bar.maximum() <= 0 or not self.detail.isVisible():
            return
        side = self.side_scroll.widget()
        assert side is not None
        height = self.side_scroll.viewport().height()
        top = self.detail.mapTo(side, QPoint(0, 0)).y()
        bottom = top + self.detail.height()
        value = min(max(bar.value(), bottom - height), top)
        row = self.list.visualRect(self.list.currentIndex())
        if row.isValid():
            row_top = self.list.viewport().mapTo(side, row.topLeft()).y()
            value = min(value, max(row_top, self.list.mapTo(side, QPoint(0, 0)).y()))
        bar.setValue(value)

    def _too_broad(self, verdict: Verdict) -> tuple[str, int]:
        if verdict.verdict != "too-broad":
            return "", 0
        start, end = verdict.mark_start, verdict.mark_end
        return self.model.text[start:end], SentenceCounter(self.model.text)(start, end)

    # -- "I disagree" notes ------------------------------------------------------------------
    def _ask_for_note(self) -> None:
        verdict = self.current_verdict()
        if verdict is None or not self.attempt_id:
            return
        dialog = note_dialog(self, self.model.note_for(verdict))
        dialog.textValueSelected.connect(lambda text: self._note_written(verdict, text))
        self.note_dialog = dialog
        dialog.open()

    def _note_written(self, verdict: Verdict, text: str) -> None:
        self.note_dialog = None
        text = text.strip()
        if text == self.model.note_for(verdict):
            return
        part, start, end = (from_scoring(self.article, verdict.start, verdict.end)
                            if self.article is not None
                            else ("text", verdict.start, verdict.end))
        self.note_saved.emit(self.attempt_id, part, start, end, text)

    def show_note(self, part: str, start: int, end: int, text: str) -> None:
        """The window calls this once the note is stored."""
        notes = dict(self.model.notes)
        key = (to_scoring(self.article, start, end, part) if self.article is not None
               else (start, end))
        if text:
            notes[key] = text
        else:
            notes.pop(key, None)
        self.model.set_notes(notes)
        self._on_current(self.list.currentIndex(), QModelIndex())
