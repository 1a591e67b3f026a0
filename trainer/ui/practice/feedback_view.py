"""The feedback screen: the answer key laid over the student's marks, verdicts and score."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import Article
from trainer.core.scoring import MODES, ArticleScore, Mode
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore, student_score
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.ui.practice.article_header import ArticleHeader
from trainer.ui.practice.good_practice import FeedbackParts, GoodPracticePanel, note_on
from trainer.ui.practice.headline import HeadlineView
from trainer.ui.practice.marks_model import quote
from trainer.ui.practice.passage_view import PassageView
from trainer.ui.practice.score_card import ScoreCard
from trainer.ui.shell.styles import VERDICT_ORDER, VERDICT_STYLES, underline_text
from trainer.ui.widgets.drawer import DrawerBody
from trainer.ui.widgets.flow import FlowLayout

VerdictRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


class VerdictModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.verdicts: list[Verdict] = []
        self.text = ""
        self.taxonomy = Taxonomy({})
        self.marks: list[Span] = []

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
            return f"{style.text} — {who}\n“{phrase}”"
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


class VerdictDetail(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.tip = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # holds a technique's name
        for label in (self.body, self.tip):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.tip)
        self.setAccessibleName(self.tr("Explanation"))
        self.show_hint()

    def show_hint(self) -> None:
        self.heading.setText(self.tr("Why?"))
        self.body.setText(self.tr("Choose a verdict in the list to read the explanation and "
                                  "how you could check the claim."))
        self.tip.setText("")

    def show_nothing_to_explain(self) -> None:
        self.heading.setText(self.tr("Nothing to explain"))
        self.body.setText(self.tr("The answer key flags no phrase in this passage and you "
                                  "marked none."))
        self.tip.setText("")

    def show_verdict(self, verdict: Verdict, phrase: str, student: list[str],
                     taxonomy: Taxonomy, good_practice: str = "") -> None:
        style = VERDICT_STYLES[verdict.verdict]
        self.heading.setText(f"{style.text}: {taxonomy.display_name(verdict.label)}")
        lines = [f"“{quote(phrase, 120)}”"]
        if verdict.source == "key" and student:
            lines.append(self.tr("You labelled it: {labels}.").format(labels=", ".join(student)))
        if verdict.explanation:
            lines.append(verdict.explanation)
        elif good_practice:  # the mark fell on careful reporting: say what makes it so
            lines.append(self.tr("This is good practice, not a problem: {why}").format(
                why=good_practice))
        elif verdict.verdict == "false-alarm":
            lines.append(self.tr("The answer key does not flag this phrase. Flagging "
                                 "everything does not pay: ask whether the words really "
                                 "hide a source or push a feeling."))
        elif verdict.verdict == "debatable":
            lines.append(self.tr("Reasonable readers disagree here, so this counts neither "
                                 "for nor against you."))
        self.body.setText("\n\n".join(lines))
        tip = verdict.tip
        if not tip and verdict.label in taxonomy.techniques:
            tip = taxonomy.techniques[verdict.label].check
        elif not tip and verdict.label in taxonomy.families:
            tip = taxonomy.families[verdict.label].check
        self.tip.setText(self.tr("How would you check this? {tip}").format(tip=tip)
                         if tip else "")


class FeedbackView(QWidget):
    back_requested = Signal()
    retry_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.taxonomy = Taxonomy({})
        self.header = ArticleHeader(self)
        self.header.back_requested.connect(self.back_requested)
        self.back = self.header.back
        self.passage = PassageView()
        self.passage.setAccessibleName(self.tr("Passage with the answer key"))
        self.headline = HeadlineView()
        self.headline.setAccessibleName(self.tr("Headline with the answer key"))
        self.parts = FeedbackParts(self.passage, self.headline)
        self.good_practice = GoodPracticePanel()
        self.legend = VerdictLegend()
        self.score = ScoreCard()
        self.model = VerdictModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Verdicts"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(20, 20))
        self.list.setMinimumHeight(96)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.detail = VerdictDetail()
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
        heading = QLabel(self.tr("Verdicts"))
        heading.setProperty("role", "heading")
        side_layout.addWidget(heading)
        side_layout.addWidget(self.list, 1)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.good_practice)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The verdicts are what this screen is for: the drawer stays open on small screens.
        self.body = DrawerBody(reading_widget, scroll, self.tr("the score and verdicts"),
                               fold_when_compact=False, narrow_width=390)
        # The way on (Try again / Next) stays visible however long the explanation is.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 6, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.next)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 16, 12)
        outer.addWidget(self.header)
        outer.addSpacing(8)
        outer.addWidget(self.body, 1)
        outer.addLayout(buttons)

    def load(self, article: Article, taxonomy: Taxonomy, result: ArticleScore, mode: str,
             marks: Sequence[Span], student: StudentScore | None = None) -> None:
        """`student`: the stored student score; computed from the marks when not given."""
        self.taxonomy = taxonomy
        self.header.show_article(article)
        self.header.title.hide()  # the headline above the passage carries its verdicts
        self.passage.set_passage(article.text)
        text = self.parts.load(article, result.verdicts, marks)
        self.model.set_result(text, result.verdicts, taxonomy, marks)
        self.good_practice.show_notes(text, self.parts.notes)
        graded: Mode = next((m for m in MODES if m == mode), "family")
        if student is None:
            student = student_score(article, marks, graded, taxonomy)
        self.score.show_score(student, result.counts[graded], result.discernment,
                              article.is_clean)
        self.detail.show_hint()
        if self.model.rowCount():
            self.list.setFocus()
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.show_nothing_to_explain()
            self.next.setFocus()

    def verdict_texts(self) -> list[str]:
        return [str(self.model.index(row, 0).data()) for row in range(self.model.rowCount())]

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        verdict = current.data(VerdictRole)
        if not isinstance(verdict, Verdict):
            return
        self.parts.select(verdict.start, verdict.end)
        note = note_on(verdict, self.parts.notes)
        self.detail.show_verdict(verdict, self.model.text[verdict.start:verdict.end],
                                 self.model.student_labels(verdict), self.taxonomy,
                                 note.why if note is not None else "")
