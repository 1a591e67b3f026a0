"""The feedback screen's explanation card: why the selected verdict, what the student marked,
how to check the claim, and the student's "I disagree" note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict
from trainer.ui.practice.marks_model import quote
from trainer.ui.shell.styles import VERDICT_STYLES


class VerdictDetail(QFrame):
    disagree_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.tip = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # holds a technique's name
        self.note = QLabel()
        self.note.setProperty("role", "muted")
        for label in (self.body, self.tip, self.note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.disagree = QPushButton(self.tr("I disagree…"))
        self.disagree.setAccessibleName(self.tr("I disagree with this verdict: write a note"))
        self.disagree.clicked.connect(self.disagree_requested)
        # "I disagree…" beside the heading, not on a row of its own under the tip: the card
        # is one row shorter, so the explanation stays on screen at 1280×800 (docs/UI.md).
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.disagree, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addWidget(self.tip)
        layout.addWidget(self.note)
        self.setAccessibleName(self.tr("Explanation"))
        self.show_hint()

    def _clear_extras(self) -> None:
        self.tip.setText("")
        self.note.setText("")
        self.note.hide()
        self.disagree.hide()

    def show_hint(self) -> None:
        self.heading.setText(self.tr("Why?"))
        self.body.setText(self.tr("Choose a verdict in the list to read the explanation and "
                                  "how you could check the claim."))
        self._clear_extras()

    def show_good_practice(self, phrase: str, why: str) -> None:
        """A good-practice note: what makes the phrase careful reporting. Nothing to score,
        so nothing to disagree with."""
        self.heading.setText(self.tr("Good practice"))
        self.body.setText(f"“{quote(phrase, 120)}”\n\n{why}")
        self._clear_extras()
        self.tip.setText(self.tr("This is what checkable looks like: nothing here needs a "
                                 "flag."))

    def show_nothing_to_explain(self) -> None:
        self.heading.setText(self.tr("A fair report"))
        self.body.setText(self.tr("The answer key flags no phrase in this passage and you "
                                  "marked none: right. ") + clean_passage_text())
        self._clear_extras()

    def show_verdict(self, verdict: Verdict, phrase: str, student: list[str],
                     taxonomy: Taxonomy, good_practice: str = "",
                     yours: Sequence[tuple[str, str]] = (), note: str = "",
                     too_broad: tuple[str, int] = ("", 0)) -> None:
        """`good_practice`: the `why` of a good-practice note the phrase falls on; `yours`:
        the student's own marks on a key phrase, as (phrase, label name); `note`: the
        student's "I disagree" note on this verdict; `too_broad`: for a "too-broad" verdict,
        the too-broad mark's text and how many sentences it runs over."""
        style = VERDICT_STYLES[verdict.verdict]
        self.heading.setText(f"{style.text}: {taxonomy.display_name(verdict.label)}")
        lines = [f"“{quote(phrase, 120)}”"]
        # What the student marked goes right under the key phrase (no blank line): the two
        # read as a pair, and the card stays a line shorter.
        if verdict.source == "key" and yours:
            marked = "; ".join(f"“{quote(text, 80)}” ({label})" for text, label in yours)
            lines[0] += "\n" + self.tr("You marked: {marks}").format(marks=marked)
        elif verdict.source == "key" and student:
            lines[0] += "\n" + self.tr("You labelled it: {labels}.").format(
                labels=", ".join(student))
        tip = verdict.tip
        if verdict.verdict == "too-broad":
            lines.append(self.tr("Your mark “{mark}” runs over {n} sentences, so it counts "
                                 "for nothing: mark the phrase, not the paragraph.").format(
                mark=quote(too_broad[0], 80), n=too_broad[1]))
        if verdict.verdict == "false-alarm" and good_practice:
            # A mark on careful reporting: its `why` is the one explanation, no other tip.
            lines.append(self.tr("This is good practice, not a problem: {why}").format(
                why=good_practice))
            self.body.setText("\n\n".join(lines))
            self.tip.setText("")
            self._show_note(note)
            return
        if verdict.verdict == "false-alarm":
            # One explanation: the family's own "how to check", in the body and the tip alike.
            family = taxonomy.families.get(taxonomy.family_of(verdict.label))
            name = family.name if family is not None else taxonomy.display_name(verdict.label)
            lines.append(self.tr("The answer key does not flag this phrase as {family} (or as "
                                 "anything else). Before you flag a phrase, check it the way "
                                 "the tip below says; if the check comes out fine, the "
                                 "phrase is fair.").format(family=name))
            self.body.setText("\n\n".join(lines))
            check = family.check if family is not None else ""
            self.tip.setText(self.tr("How to check for {family}: {tip}").format(
                family=name, tip=check) if check else "")
            self._show_note(note)
            return
        if verdict.explanation:
            lines.append(verdict.explanation)
        elif good_practice:  # the mark fell on careful reporting: say what makes it so
            lines.append(self.tr("This is good practice, not a problem: {why}").format(
                why=good_practice))
        elif verdict.verdict == "debatable":
            lines.append(self.tr("Reasonable readers disagree here, so this counts neither "
                                 "for nor against you."))
        self.body.setText("\n\n".join(lines))
        if not tip and verdict.label in taxonomy.techniques:
            tip = taxonomy.techniques[verdict.label].check
        elif not tip and verdict.label in taxonomy.families:
            tip = taxonomy.families[verdict.label].check
        self.tip.setText(self.tr("How would you check this? {tip}").format(tip=tip)
                         if tip else "")
        self._show_note(note)

    def _show_note(self, note: str) -> None:
        self.note.setText(self.tr("Your note: {text}").format(text=note) if note else "")
        self.note.setVisible(bool(note))
        self.disagree.setText(self.tr("Edit my note…") if note else self.tr("I disagree…"))
        self.disagree.show()


def clean_passage_text() -> str:
    """Why a clean passage is fair, drawn from what it lacks (until content carries notes)."""
    return QCoreApplication.translate(
        "FeedbackView", "Nothing in it needed a flag: what it states comes with a source a "
        "reader could check, and its words describe what happened instead of telling you what "
        "to feel. Telling fair reporting apart is as much a skill as spotting tricks.")
