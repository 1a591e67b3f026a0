"""The main window's guidance: the first-run tour (offered once to a new profile, replayable
from Help) and the introduction of the technique labels before the first level-2 passage.
Kept out of main_window.py, which only calls in at a few points. The tour itself
(trainer/ui/practice/tour.py) and the introduction screen load when first used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.core.taxonomy import Taxonomy, default_taxonomy

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trainer.core.spans import Span
    from trainer.ui.library.library_model import Entry
    from trainer.ui.practice.label_intro import LabelIntro
    from trainer.ui.practice.tour import TourGuide
    from trainer.ui.shell.main_window import MainWindow


def tour_done_key(profile_id: str) -> str:
    return f"profile.{profile_id}.tour_done"


def labels_intro_key(profile_id: str) -> str:
    return f"profile.{profile_id}.labels_intro_seen"


class TourBar(QFrame):
    """The strip at the top of the window: the offer of a tour, or the current step."""

    start_requested = Signal()
    dismiss_requested = Signal()
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setObjectName("tourBar")
        self.setStyleSheet("#tourBar { margin: 8px 16px 0px 16px; }")
        self.setAccessibleName(self.tr("Guided tour"))
        self.step = QLabel()
        self.step.setProperty("role", "heading")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.start = QPushButton(self.tr("Start the tour"))
        self.start.setProperty("role", "primary")
        self.start.setAccessibleName(self.tr("Start the guided tour"))
        self.start.clicked.connect(self.start_requested)
        self.finish = QPushButton(self.tr("Finish the tour"))
        self.finish.setProperty("role", "primary")
        self.finish.setAccessibleName(self.tr("Finish the guided tour"))
        self.finish.clicked.connect(self.finish_requested)
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self.dismiss_requested)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.step)
        texts.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.addLayout(texts, 1)
        for button in (self.start, self.finish, self.dismiss):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_offer(self) -> None:
        self.step.setText(self.tr("New here?"))
        self.text.setText(self.tr("A two-minute guided passage shows how to mark a phrase, "
                                  "label it, submit and read the feedback. You can replay it "
                                  "any time from Help."))
        self.start.show()
        self.finish.hide()
        self._dismiss_text(self.tr("Not now"), self.tr("Do not take the tour now"))
        self.show()

    def show_step(self, number: int, total: int, text: str) -> None:
        self.step.setText(self.tr("Tour · step {n} of {total}").format(n=number, total=total))
        self.text.setText(text)
        self.start.hide()
        self.finish.setVisible(number == total)
        self._dismiss_text(self.tr("Skip the tour (Esc)"), self.tr("Skip the guided tour"))
        self.show()

    def _dismiss_text(self, text: str, name: str) -> None:
        self.dismiss.setText(text)
        self.dismiss.setAccessibleName(name)


class Guidance(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = TourBar()
        self.bar.start_requested.connect(self.start_tour)
        self.bar.dismiss_requested.connect(self._dismiss)
        self.bar.finish_requested.connect(lambda: self.end_tour(completed=True))
        self.guide: TourGuide | None = None
        self._intro: LabelIntro | None = None
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(lambda: self.end_tour(completed=False))
        window.screen_changed.connect(self._on_screen)

    def above(self, screens: QWidget) -> QWidget:
        """The window's central widget: the tour strip above the stack of screens."""
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(screens, 1)
        return central

    @property
    def active(self) -> bool:
        return self.guide is not None and self.guide.active

    # -- the tour ------------------------------------------------------------------------------
    def offer_if_new(self, entries: Sequence[Entry]) -> None:
        """A profile that has not seen the tour and done nothing yet is offered it."""
        window = self.window
        if self.active or window.profile_id is None:
            return
        seen = window.store.settings.get(tour_done_key(window.profile_id), False)
        if seen or any(entry.status == "done" for entry in entries):
            self.bar.hide()
        else:
            self.bar.show_offer()

    def start_tour(self) -> None:
        window = self.window
        window.leave_passage()
        if self.guide is None:
            from trainer.ui.practice.tour import TourGuide

            self.guide = TourGuide(self.bar, window.practice, window.feedback,
                                   default_taxonomy(), self)
            self.guide.ended.connect(self._ended)
        self._escape.setEnabled(True)
        self.guide.start()
        window.show_screen(window.practice, "practice")
        window.practice.passage.setFocus()

    def submitted(self, marks: list[Span]) -> None:
        assert self.guide is not None
        self.guide.submitted(marks)
        self.window.show_screen(self.window.feedback, "feedback")

    def end_tour(self, *, completed: bool) -> None:
        if self.guide is not None:
            self.guide.end(completed=completed)

    def _dismiss(self) -> None:
        if self.active:
            self.end_tour(completed=False)
            return
        self.bar.hide()
        self._remember_tour()

    def _ended(self, _completed: bool) -> None:
        self._escape.setEnabled(False)
        self._remember_tour()
        if self.window.stack.currentWidget() in (self.window.practice, self.window.feedback):
            self.window.show_library()

    def _remember_tour(self) -> None:
        profile = self.window.profile_id
        if profile is not None:
            self.window.store.settings.set(tour_done_key(profile), True)

    def _on_screen(self, screen: str) -> None:
        # Leaving the tour's two screens (library, history, a menu shortcut) ends it.
        if self.active and screen not in ("practice", "feedback"):
            self.end_tour(completed=False)
        elif not self.active and screen != "library":
            self.bar.hide()  # the offer belongs to the library

    # -- the labels of level 2 ---------------------------------------------------------------
    def needs_intro(self, level: int) -> bool:
        profile = self.window.profile_id
        return (level >= 2 and profile is not None
                and not self.window.store.settings.get(labels_intro_key(profile), False))

    def show_intro(self, taxonomy: Taxonomy) -> None:
        if self._intro is None:
            from trainer.ui.practice.label_intro import LabelIntro

            self._intro = LabelIntro()
            self._intro.continue_requested.connect(self._intro_done)
            self._intro.back_requested.connect(self.window.show_library)
            self.window.stack.addWidget(self._intro)
        self._intro.show_labels(taxonomy)
        self.window.show_screen(self._intro, "intro")
        self._intro.start.setFocus()

    def _intro_done(self) -> None:
        profile = self.window.profile_id
        if profile is not None:
            self.window.store.settings.set(labels_intro_key(profile), True)
        self.window.show_screen(self.window.practice, "practice")
        self.window.practice.passage.setFocus()
