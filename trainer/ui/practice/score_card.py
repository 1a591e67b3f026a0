"""The score card: what the student did in words, the student score as one number, and the
numbers behind it (P/R, d′, c, the research score) behind a "Details" control."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.discernment import DiscernmentCounts
from trainer.core.judgement import lean, separation
from trainer.core.scoring import Counts
from trainer.core.student_score import StudentScore


def percent(value: float) -> str:
    return f"{round(value * 100):d} %"


class ScoreCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Score card"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        self.heading = QLabel(self.tr("Your score"))
        self.heading.setProperty("role", "heading")
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: 600;")
        self.number = QLabel("–")
        # Sized by the theme's style sheet, which scales with the text-size setting.
        self.number.setProperty("role", "score")
        self.number.setAccessibleName(self.tr("Score"))
        self.caption = QLabel()
        self.caption.setProperty("role", "muted")
        self.mode = QLabel()
        self.mode.setProperty("role", "muted")
        self.judgement = QLabel()
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        # A tool button takes no Tab focus by default; this one must be reachable by keyboard.
        self.details_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details_button.toggled.connect(self._toggle_details)
        self.details = QLabel()
        self.details.setProperty("role", "muted")
        self.details.setAccessibleName(self.tr("Score details"))
        self.details.setVisible(False)
        for label in (self.summary, self.caption, self.mode, self.judgement, self.details):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._compact = False
        self._details_base = ""
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        # The number with what it means beside it: one row less, so that the verdict's
        # explanation under the card stays on screen at 1280×800 (docs/UI.md).
        number_row = QHBoxLayout()
        number_row.setSpacing(12)
        number_row.addWidget(self.number)
        number_row.addWidget(self.caption, 1)
        layout.addLayout(number_row)
        for widget in (self.mode, self.judgement, self.details_button, self.details):
            layout.addWidget(widget)
        self._toggle_details(False)

    # -- filling ---------------------------------------------------------------------------
    def show_score(self, student: StudentScore, research: Counts,
                   discernment: DiscernmentCounts | None, clean: bool, *,
                   said_nothing: bool = False) -> None:
        """`said_nothing`: the student ticked "Nothing to flag here" (not just left the
        passage unmarked)."""
        self.summary.setText(self.summary_text(student, clean, said_nothing))
        self.number.setText(percent(student.score))
        self.caption.setText(
            self.tr("Your score: a fair passage left alone scores 100 %, any mark 0.")
            if clean else
            self.tr("Your score: phrases found and marks on target, together."))
        self.mode.setText({
            "any": self.tr("Labels not compared: only where you marked counts."),
            "family": self.tr("Labels compared by family: unverified claim or loaded "
                              "framing."),
            "technique": self.tr("Labels compared by exact technique."),
        }.get(student.mode, ""))
        self.judgement.setText(self.judgement_text(discernment) if discernment else "")
        self._details_base = self.details_text(student, research, discernment, clean)
        self._show_details_text()
        self.setAccessibleDescription(" ".join(
            part for part in (self.summary.text(),
                              self.tr("Score {score}.").format(score=self.number.text()),
                              self.judgement.text()) if part))

    def set_compact(self, compact: bool) -> None:
        """On a short window (1024×600) the explanation under this card needs the room: the
        heading goes (the number's caption says "Your score") and the grading mode and the
        discernment sentence move behind "Details" (review 4, finding 4)."""
        self._compact = compact
        self.heading.setVisible(not compact)
        self.mode.setVisible(not compact)
        self.judgement.setVisible(not compact)
        self._show_details_text()

    def is_compact(self) -> bool:
        return self._compact

    def _show_details_text(self) -> None:
        moved = [self.mode.text(), self.judgement.text()] if self._compact else []
        self.details.setText("\n".join(part for part in (*moved, self._details_base) if part))

    def summary_text(self, student: StudentScore, clean: bool,
                     said_nothing: bool = False) -> str:
        """The words that lead the card: "You found 4 of 5 phrases · 1 false alarm"."""
        if clean:
            if not student.marks:
                return self.tr("A fair passage: nothing needed flagging, and you flagged "
                               "nothing.")
            parts = [self.tr("A fair passage: nothing needed flagging")]
        elif student.key_spans == 1:
            parts = [self.tr("You found {found} of 1 phrase").format(found=student.found)]
        else:
            parts = [self.tr("You found {found} of {total} phrases").format(
                found=student.found, total=student.key_spans)]
        if student.partly:
            parts[0] += self.tr(", {n} more partly").format(n=student.partly)
        counted = [
            (student.false_alarms, self.tr("1 false alarm"), self.tr("{n} false alarms")),
            (student.too_broad, self.tr("1 mark too broad"), self.tr("{n} marks too broad")),
            (student.wrong_labels, self.tr("1 wrong label"), self.tr("{n} wrong labels")),
        ]
        parts += [one if n == 1 else many.format(n=n) for n, one, many in counted if n]
        if not clean and not student.marks:
            parts.append(self.tr("you said nothing to flag") if said_nothing
                         else self.tr("you marked nothing"))
        return " · ".join(parts)

    def judgement_text(self, counts: DiscernmentCounts) -> str:
        """Discernment and bias in words (bands in trainer.core.judgement), for this
        passage's sentences: the card says so, since the progress screens word the same
        bands over recent passages (review 4, finding 14)."""
        signal = counts.hits + counts.misses
        noise = counts.false_alarms + counts.correct_rejections
        band = separation(counts)
        if band == "one-kind" and not signal:
            first = (self.tr("In this passage you left every fair sentence alone")
                     if not counts.false_alarms
                     else self.tr("In this passage you flagged {n} of {total} fair "
                                  "sentences").format(n=counts.false_alarms, total=noise))
        elif band == "one-kind":
            first = self.tr("Every sentence in this passage needed a flag; you flagged {n} "
                            "of {total}").format(n=counts.hits, total=signal)
        else:
            first = {
                "well": self.tr("In this passage you told fair sentences from unfair ones "
                                "apart well"),
                "fairly": self.tr("In this passage you told fair sentences from unfair ones "
                                  "apart fairly well"),
                "hard": self.tr("In this passage you found it hard to tell fair sentences "
                                "from unfair ones"),
                "not-yet": self.tr("In this passage your marks did not yet tell fair "
                                   "sentences from unfair ones"),
            }[band]
        if counts.misses and counts.false_alarms and signal and noise:
            # Both kinds of error: a lean ("you hold back") read as contradicting the
            # false alarm just shown, so say what happened instead.
            return self.tr("{first}: you flagged {fa} of {noise} fair sentences and missed "
                           "{misses} of {signal} that needed a flag.").format(
                first=first, fa=counts.false_alarms, noise=noise, misses=counts.misses,
                signal=signal)
        second = {
            "balanced": self.tr("you flag about as much as you should"),
            "flags-too-much": self.tr("you flag too much"),
            "flags-a-little-too-much": self.tr("you flag a little too much"),
            "a-little-cautious": self.tr("you hold back a little too much"),
            "too-cautious": self.tr("you hold back too much: flag what you notice"),
        }[lean(counts)]
        return f"{first}; {second}."

    def details_text(self, student: StudentScore, research: Counts,
                     discernment: DiscernmentCounts | None, clean: bool) -> str:
        lines = []
        if not clean:
            lines.append(self.tr("Phrases: {found} found, {partly} partly found, {missed} "
                                 "missed, of {total}.").format(
                found=student.found, partly=student.partly, missed=student.missed,
                total=student.key_spans))
        lines.append(self.tr("Marks counted: {marks} — on target: {hits}, false alarms: {fa}, "
                             "too broad: {broad}, wrong label: {wrong}.").format(
            marks=student.marks, hits=student.hits, fa=student.false_alarms,
            broad=student.too_broad, wrong=student.wrong_labels))
        if not clean:
            lines.append(self.tr("Precision {p} (marks on target) · recall {r} (phrases "
                                 "found, partly found counting half).").format(
                p=percent(student.precision), r=percent(student.recall)))
        if discernment is not None:
            signal = discernment.hits + discernment.misses
            noise = discernment.false_alarms + discernment.correct_rejections
            if signal:
                lines.append(self.tr("Sentences flagged: {hits} of {signal} that needed it, "
                                     "{fa} of {noise} fair ones.").format(
                    hits=discernment.hits, signal=signal, fa=discernment.false_alarms,
                    noise=noise))
            else:
                lines.append(self.tr("Sentences flagged: {fa} of {noise}, all fair.").format(
                    fa=discernment.false_alarms, noise=noise))
            lines.append(self.tr("Discernment d′ = {d:.2f} (higher: better told apart) · "
                                 "bias c = {c:.2f} (below 0: flags too much; above 0: too "
                                 "cautious).").format(d=discernment.d_prime,
                                                      c=discernment.bias))
        if clean:
            lines.append(self.tr("Research score (characters, as SemEval-2020 Task 11): "
                                 "F1 {f}.").format(f=percent(research.f1)))
        else:
            lines.append(self.tr("Research score (characters, as SemEval-2020 Task 11): "
                                 "precision {p}, recall {r}, F1 {f}.").format(
                p=percent(research.precision), r=percent(research.recall),
                f=percent(research.f1)))
        return "\n".join(lines)

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details_button.setAccessibleName(
            self.tr("Hide score details") if shown else self.tr("Show score details"))
        self.details_button.setToolTip(
            self.tr("Hide the numbers behind the score") if shown
            else self.tr("Show the numbers behind the score: precision, recall, d′, bias "
                         "and the research score"))
