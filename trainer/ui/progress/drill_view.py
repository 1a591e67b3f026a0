"""Quick drill: ten single sentences, each answered with a family (level 1) or a technique
(level 2 and up), or "Fair"; instant feedback with why; keyboard first (digits, Enter)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.drill import FAIR, DrillItem
from trainer.core.taxonomy import Taxonomy
from trainer.ui.shell import styles

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # sentences come from sets: never HTML
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class DrillView(QWidget):
    back_requested = Signal()
    answered = Signal(object, str, str)  # item, expected, answer
    again_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Quick drill"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        back = QPushButton(self.tr("← Progress"))
        back.setAccessibleName(self.tr("Back to my progress"))
        back.clicked.connect(self.back_requested)
        top.addWidget(back)
        self.counter = _label(self.tr("Question number"))
        top.addWidget(self.counter, 1)
        outer.addLayout(top)
        self.prompt = _label(self.tr("What to do"))
        outer.addWidget(self.prompt)
        self.sentence = _label(self.tr("Sentence"))
        self.sentence.setObjectName("drillSentence")
        self.sentence.setProperty("role", "heading")  # the thing to judge stands out
        self.sentence.setContentsMargins(0, 8, 0, 8)
        self.sentence.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer.addWidget(self.sentence)
        self.choices = QGridLayout()
        outer.addLayout(self.choices)
        self.feedback = _label(self.tr("Feedback"))
        outer.addWidget(self.feedback)
        self.next_button = QPushButton(self.tr("Next (Enter)"))
        self.next_button.setAccessibleName(self.tr("Next sentence"))
        self.next_button.clicked.connect(self.advance)
        outer.addWidget(self.next_button)
        outer.addStretch(1)
        self.buttons: list[QPushButton] = []
        self.options: list[tuple[str, str]] = []  # (answer id, shown name)
        self.items: list[DrillItem] = []
        self.position = 0
        self.right = 0
        self.done = False
        self._taxonomy: Taxonomy | None = None
        self._by_technique = False

    # -- a round --------------------------------------------------------------------------
    def start(self, items: Sequence[DrillItem], taxonomy: Taxonomy, level: int) -> None:
        self.items, self.position, self.right = list(items), 0, 0
        self._taxonomy, self._by_technique = taxonomy, level >= 2
        if self._by_technique:
            self.options = [(t.id, t.name) for t in taxonomy.techniques.values()]
        else:
            self.options = [(f.id, f.name) for f in taxonomy.families.values()]
        self.options.append((FAIR, self.tr("Fair")))
        self._build_buttons()
        if not self.items:
            self._show_empty()
            return
        self._show_item()

    def expected(self, item: DrillItem) -> str:
        assert self._taxonomy is not None
        return item.expected(self._taxonomy.family_map, self._by_technique)

    def _build_buttons(self) -> None:
        for button in self.buttons:
            self.choices.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        columns = 4 if len(self.options) > 6 else len(self.options)
        for index, (answer, name) in enumerate(self.options):
            button = QPushButton(self._base_text(index))
            button.setAccessibleName(self.tr("Answer: {name}").format(name=name))
            button.clicked.connect(lambda _c=False, a=answer: self.choose(a))
            self.choices.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)

    def _key_for(self, index: int) -> str:
        # Digits 1–9 for the first nine choices, then letters (level 2 has 16 techniques),
        # 0 for "Fair" (always last): every answer has a key.
        if index == len(self.options) - 1:
            return "0" if len(self.options) > 3 else str(index + 1)
        return str(index + 1) if index < 9 else LETTERS[index - 9]

    def _show_empty(self) -> None:
        self.done = True
        self.counter.setText("")
        self.prompt.setText(self.tr(
            "A drill uses sentences from passages you have already done. Finish a passage in "
            "the library first, then come back."))
        self.sentence.setText("")
        self.feedback.setText("")
        self._show_answers(False)
        self.next_button.setEnabled(False)

    def _show_answers(self, shown: bool) -> None:
        # Outside a question the answer buttons are hidden, not merely greyed: a round's end
        # screen that still shows sixteen buttons reads as "answer something".
        for button in self.buttons:
            button.setVisible(shown)
            button.setEnabled(shown)

    def _show_item(self) -> None:
        self.done = False
        item = self.items[self.position]
        self.counter.setText(self.tr("Sentence {n} of {total}").format(
            n=self.position + 1, total=len(self.items)))
        self.prompt.setText(self.tr("Is there a problem in this sentence? Choose what it is, "
                                    "or Fair."))
        self.sentence.setText(item.sentence)
        self.feedback.setText("")
        self._reset_buttons()
        self._show_answers(True)
        self.next_button.setEnabled(False)
        self.sentence.setFocus()

    def choose(self, answer: str) -> None:
        if self.done or not self.items or self.next_button.isEnabled():
            return
        item = self.items[self.position]
        expected = self.expected(item)
        correct = answer == expected
        self.right += correct
        self.answered.emit(item, expected, answer)
        self.feedback.setText(self._explain(item, expected, answer, correct))
        self._reveal(answer, expected, correct)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()

    def _reveal(self, answer: str, expected: str, correct: bool) -> None:
        """The chosen and the right button say so with an icon and words (colour alone
        would not do, review 4, finding 15); every other button is plainly out of play."""
        for index, (option, name) in enumerate(self.options):
            button = self.buttons[index]
            if option == answer and correct:
                words = self.tr("your answer, right")
            elif option == answer:
                words = self.tr("your answer, not right")
            elif option == expected:
                words = self.tr("the right answer")
            else:
                button.setEnabled(False)
                continue
            button.setIcon(styles.icon("verdict-found" if option == expected
                                       else "verdict-missed"))
            button.setText(f"{self._base_text(index)} — {words}")
            button.setAccessibleName(self.tr("Answer: {name} — {words}").format(
                name=name, words=words))
            # Left looking enabled, so it reads clearly, but no longer a thing to press.
            button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setEnabled(True)

    def _base_text(self, index: int) -> str:
        key = self._key_for(index)
        name = self.options[index][1]
        return f"{key}  {name}" if key else name

    def _reset_buttons(self) -> None:
        for index, button in enumerate(self.buttons):
            button.setIcon(QIcon())
            button.setText(self._base_text(index))
            button.setAccessibleName(self.tr("Answer: {name}").format(
                name=self.options[index][1]))
            button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _explain(self, item: DrillItem, expected: str, answer: str, correct: bool) -> str:
        assert self._taxonomy is not None
        verdict = self.tr("✓ Right.") if correct else self.tr("✗ Not quite.")
        if expected == FAIR:
            why = self.tr("This sentence is fair: it reports without a hidden source or a "
                          "loaded word.")
            if answer != FAIR:
                why += " " + self.tr("Flagging fair sentences makes everything look suspicious.")
            return f"{verdict} {why}"
        technique = self._taxonomy.techniques.get(item.technique or "")
        name = self._taxonomy.display_name(expected)
        detail = item.explanation or (technique.definition if technique else "")
        if item.phrase:
            return self.tr("{verdict} “{phrase}” is {name}. {detail}").format(
                verdict=verdict, phrase=item.phrase, name=name, detail=detail).strip()
        return self.tr("{verdict} It is {name}. {detail}").format(
            verdict=verdict, name=name, detail=detail).strip()

    def advance(self) -> None:
        if not self.items or not self.next_button.isEnabled():
            return
        if self.position + 1 < len(self.items):
            self.position += 1
            self._show_item()
            return
        self.done = True
        self.counter.setText(self.tr("Round finished"))
        self.prompt.setText(self.tr("You got {right} of {total} right. Enter starts another "
                                    "round.").format(right=self.right, total=len(self.items)))
        self.sentence.setText("")
        self.feedback.setText("")
        self._show_answers(False)
        self.next_button.setText(self.tr("Another round (Enter)"))
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self._again)
        self.next_button.setEnabled(True)
        self.next_button.setFocus()

    def _again(self) -> None:
        self.next_button.setText(self.tr("Next (Enter)"))
        self.next_button.clicked.disconnect()
        self.next_button.clicked.connect(self.advance)
        self.again_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text().lower()
        if len(text) == 1 and text in LETTERS and self.options:
            index = LETTERS.index(text) + 9
            if index < len(self.options) - 1:
                self.choose(self.options[index][0])
                return
        if text.isdigit() and self.options:
            index = (len(self.options) - 1 if text == "0" else int(text) - 1)
            if 0 <= index < len(self.options) and self._key_for(index) == text:
                self.choose(self.options[index][0])
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.next_button.isEnabled():
            self.next_button.click()
            return
        super().keyPressEvent(event)
