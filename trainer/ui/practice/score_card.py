"""The score card: precision, recall and F1 in the level's mode, and discernment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from trainer.core.discernment import DiscernmentCounts
from trainer.core.scoring import Counts


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
        self.mode = QLabel()
        self.mode.setProperty("role", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.mode)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.values: dict[str, QLabel] = {}
        captions = {
            "precision": (self.tr("Precision"), self.tr("of your marks hit a key phrase")),
            "recall": (self.tr("Recall"), self.tr("of the key phrases you found")),
            "f1": (self.tr("F1"), self.tr("both together")),
        }
        for column, (key, (name, caption)) in enumerate(captions.items()):
            value = QLabel("–")
            value.setStyleSheet("font-size: 18pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft)
            title = QLabel(name)
            title.setStyleSheet("font-weight: 600;")
            note = QLabel(caption)
            note.setProperty("role", "muted")
            note.setWordWrap(True)
            grid.addWidget(title, 0, column)
            grid.addWidget(value, 1, column)
            grid.addWidget(note, 2, column, Qt.AlignmentFlag.AlignTop)
            self.values[key] = value
        layout.addLayout(grid)
        self.discernment = QLabel()
        self.discernment.setWordWrap(True)
        layout.addWidget(self.discernment)

    def show_score(self, counts: Counts, mode: str, discernment: DiscernmentCounts | None,
                   clean: bool) -> None:
        mode_text = {
            "any": self.tr("Graded on where you marked, labels ignored"),
            "family": self.tr("Graded by family: unverified claim or loaded framing"),
            "technique": self.tr("Graded by exact technique"),
        }.get(mode, mode)
        self.mode.setText(mode_text)
        self.values["precision"].setText(percent(counts.precision))
        self.values["recall"].setText(percent(counts.recall))
        self.values["f1"].setText(percent(counts.f1))
        text = self._discernment_text(discernment, clean)
        self.discernment.setText(text)
        self.setAccessibleDescription(
            self.tr("Precision {p}, recall {r}, F1 {f}. {d}").format(
                p=percent(counts.precision), r=percent(counts.recall), f=percent(counts.f1),
                d=text))

    def _discernment_text(self, counts: DiscernmentCounts | None, clean: bool) -> str:
        if counts is None:
            return ""
        signal = counts.hits + counts.misses
        noise = counts.false_alarms + counts.correct_rejections
        if clean:
            lead = self.tr("This passage was clean: nothing needed flagging.")
        else:
            lead = self.tr("You flagged {hits} of {signal} sentences that needed it.").format(
                hits=counts.hits, signal=signal)
        tail = self.tr("{fa} of {noise} fair sentences were flagged by mistake. "
                       "Discernment d′ = {d:.2f} (higher means you tell the two apart "
                       "better).").format(fa=counts.false_alarms, noise=noise,
                                          d=counts.d_prime)
        return f"{lead} {tail}"
