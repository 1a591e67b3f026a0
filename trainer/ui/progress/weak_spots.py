"""Weak-spots practice where a student looks for it: a row above the library's table
("Practise my weak spots", with the next passage and why), and a banner on the practice
screen that keeps the one-line reason in view while the student works on that passage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class WeakSpotsEntry(QFrame):
    """The library's way in: one button and the reason for the passage it opens."""

    practise_requested = Signal(int)  # a revision id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName(self.tr("Weak spots"))
        self.revision_id: int | None = None
        self.button = QPushButton(self.tr("Practise my &weak spots"))
        self.button.setAccessibleName(self.tr("Practise my weak spots: open the next "
                                              "recommended passage"))
        self.button.clicked.connect(self._open)
        self.reason = QLabel()
        self.reason.setTextFormat(Qt.TextFormat.PlainText)  # titles come from sets
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why this passage"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.button)
        layout.addWidget(self.reason, 1)
        self.hide()

    def set_next(self, revision_id: int | None, title: str = "", reason: str = "",
                 new: bool = False) -> None:
        """Show the passage the queue recommends; hidden when there is none. A technique
        not met yet is no weak spot: the button then offers a new one instead (review 4,
        finding 18)."""
        self.revision_id = revision_id
        if revision_id is None:
            self.hide()
            return
        if new:
            self.button.setText(self.tr("Try a &new technique"))
            self.button.setAccessibleName(self.tr("Try a new technique: open the next "
                                                  "recommended passage"))
        else:
            self.button.setText(self.tr("Practise my &weak spots"))
            self.button.setAccessibleName(self.tr("Practise my weak spots: open the next "
                                                  "recommended passage"))
        self.reason.setText(self.tr("Next: “{title}” · {reason}").format(
            title=title, reason=reason))
        self.button.setToolTip(self.reason.text())
        self.show()

    def _open(self) -> None:
        if self.revision_id is not None:
            self.practise_requested.emit(self.revision_id)


class ReasonBanner(QLabel):
    """"Why this passage" above the practice screen's passage, for a recommended one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setProperty("role", "muted")
        self.setAccessibleName(self.tr("Why this passage"))
        self.revision_id: int | None = None
        self.hide()

    def show_reason(self, revision_id: int, reason: str, new: bool = False) -> None:
        self.revision_id = revision_id
        # A leading word, not only the muted colour, marks this as advice.
        self.setText(self.tr("Recommended, new to you: {reason}").format(reason=reason) if new
                     else self.tr("Recommended for your weak spots: {reason}").format(
                         reason=reason))
        self.show()

    def clear(self) -> None:
        self.revision_id = None
        self.setText("")
        self.hide()
