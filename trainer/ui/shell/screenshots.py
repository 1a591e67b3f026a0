"""`make screenshots`: drive the real window through every screen and save each as a PNG.

Runs inside the application (TRAINER_SCREENSHOT_DIR), so the pictures come from the real
widgets with real data; QWidget.grab() is used instead of a window-manager capture so that
the result does not depend on timing of an external tool.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.library.library_model import EntryRole
from trainer.ui.progress.progress_shots import progress_steps
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.settings_dialog import SettingsDialog, UiSettings
from trainer.ui.shell.theme import apply_theme
from trainer.ui.teacher.class_report.shots import class_report_steps
from trainer.ui.teacher.teacher_shots import teacher_steps

SAMPLE_PROFILES = ("Amira", "Ben", "Chloé", "Dario")
STEP_MS = 450


class ScreenshotTour:
    def __init__(self, window: MainWindow, folder: Path) -> None:
        self.window = window
        self.folder = folder
        self.steps: list[Callable[[], None]] = []
        self.dialog: SettingsDialog | None = None
        self.editor: QWidget | None = None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        w = self.window
        self.steps = [
            self._profiles,
            lambda: self._grab(w, "01-profile-picker"),
            self._library,
            lambda: self._grab(w, "02-library"),
            self._practice,
            lambda: self._grab(w, "03-practice"),
            self._submit,
            lambda: self._grab(w, "04-feedback"),
            lambda: self._practice(level=3),
            lambda: self._grab(w, "04b-practice-level3"),
            self._submit,
            lambda: self._grab(w, "04c-feedback-level3"),
            w.show_history,
            lambda: self._grab(w, "05-history"),
            self._settings,
            lambda: self._grab(self.dialog, "06-settings"),
            self._dark_practice,
            lambda: self._grab(w, "07-practice-dark"),
            self._contrast_feedback,
            lambda: self._grab(w, "08-feedback-high-contrast"),
            self._editor,
            lambda: self._grab(self.editor, "09-set-editor"),
            self._small_practice,
            lambda: self._grab(w, "10-practice-1024x600"),
            self._submit,
            lambda: self._grab(w, "11-feedback-1024x600"),
            lambda: self._practice(level=1, width=683, height=740),
            lambda: self._grab(w, "12-practice-half-screen"),
            self._tour_start,
            lambda: self._grab(w, "13-tour-select"),
            self._tour_mark,
            lambda: self._grab(w, "14-tour-submit"),
            self._submit,
            lambda: self._grab(w, "15-tour-feedback"),
            self._labels_intro,
            lambda: self._grab(w, "16-labels-intro"),
            lambda: self._text_size(18),
            lambda: self._practice(level=2, width=1366, height=768),
            lambda: self._grab(w, "17-practice-larger-text"),
            lambda: self._text_size(13),
            *progress_steps(self),
            *class_report_steps(self),
            *teacher_steps(self),
            self._finish,
        ]
        self._next()

    def _next(self) -> None:
        if self.steps:
            step = self.steps.pop(0)
            step()
            QTimer.singleShot(STEP_MS, self._next)

    def grab(self, widget: QWidget | None, name: str) -> None:
        self._grab(widget, name)

    def theme(self, name: str) -> None:
        self._theme(name)

    def _grab(self, widget: QWidget | None, name: str) -> None:
        if widget is None:
            return
        path = self.folder / f"{name}.png"
        widget.grab().save(str(path))
        print(f"screenshot: {path}", flush=True)

    def _profiles(self) -> None:
        store = self.window.store
        existing = {p.name for p in store.profiles.list()}
        for name in SAMPLE_PROFILES:
            if name not in existing:
                store.profiles.create(name)
        self.window.show_profiles()

    def _library(self) -> None:
        profile = next(p for p in self.window.store.profiles.list() if p.name == "Chloé")
        self.window.choose_profile(profile.id)

    def _first_flagged(self, level: int = 1) -> int:
        proxy = self.window.library.proxy
        for row in range(proxy.rowCount()):
            entry = proxy.index(row, 0).data(EntryRole)
            if not entry.is_clean and entry.level == level:
                return int(entry.revision_id)
        return int(proxy.index(0, 0).data(EntryRole).revision_id)

    def _small_practice(self) -> None:
        if self.editor is not None:
            self.editor.close()
            self.editor = None
        self._practice(level=2, width=1024, height=600)

    def _practice(self, level: int = 1, width: int = 1366, height: int = 768) -> None:
        if (self.window.width(), self.window.height()) != (width, height):
            self.window.resize(width, height)
        self.window.open_revision(self._first_flagged(level))
        practice = self.window.practice
        view = self.window.current
        if view is None:
            return
        article, taxonomy = view.article, view.taxonomy
        for n, annotation in enumerate(article.annotations[:2 if level == 1 else 3]):
            practice.passage.select_range(annotation.start, annotation.end)
            label = annotation.label
            if article.level == 1:
                label = taxonomy.family_of(label)
            elif n == 1:  # a sibling technique, so the feedback shows "found" next to "exact"
                family = taxonomy.family_of(label)
                label = next((t.id for t in taxonomy.techniques_in(family) if t.id != label),
                             label)
            practice.editor.apply_label(label)
        # One phrase that the key does not flag, so the feedback shows a false alarm.
        flagged = [(a.start, a.end) for a in article.annotations]
        for sentence in article.text.split(". ")[1:]:
            start = article.text.index(sentence)
            phrase = " ".join(sentence.split()[:3])
            end = start + len(phrase)
            if phrase and not any(s < end and start < e for s, e in flagged):
                practice.passage.select_range(start, end)
                practice.editor.apply_label("framing" if article.level == 1
                                          else "loaded-language")
                break
        practice.passage.setFocus()
        if practice.labels.chips:
            practice.definition.show_entry(practice.labels.chips[0].entry)

    def _tour_start(self) -> None:
        self.window.resize(1366, 768)
        self.window.guidance.start_tour()

    def _tour_mark(self) -> None:
        practice = self.window.practice
        text = practice.passage.passage()
        start = text.index("Sources close to the council")
        practice.passage.select_range(start, start + len("Sources close to the council"))
        practice.editor.apply_label("unverified")

    def _text_size(self, points: int) -> None:
        s = self.window.settings
        self.window.apply_settings(UiSettings(points, s.theme, s.level))

    def _labels_intro(self) -> None:
        from trainer.core.taxonomy import default_taxonomy

        self.window.guidance.end_tour(completed=True)
        self.window.guidance.show_intro(default_taxonomy())

    def _submit(self) -> None:
        self.window.practice.submit.click()
        feedback = self.window.feedback
        if feedback.model.rowCount():
            feedback.list.setCurrentIndex(feedback.model.index(0, 0))

    def _settings(self) -> None:
        self.dialog = SettingsDialog(self.window.settings, self.window.data_dir, self.window)
        self.dialog.show()

    def _dark_practice(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self._theme("dark")
        self._practice()

    def _contrast_feedback(self) -> None:
        self._theme("high-contrast")
        self.window.practice.submit.click()
        feedback = self.window.feedback
        if feedback.model.rowCount():
            feedback.list.setCurrentIndex(feedback.model.index(0, 0))

    def _editor(self) -> None:
        from trainer.core.resources import resource_path
        from trainer.ui.teacher.editor import SetEditorWindow

        self._theme("system")
        editor = SetEditorWindow(lambda: self.window.store, self.window)
        editor.resize(1366, 768)
        editor.open_path(resource_path("starter"))
        editor.select_article(1)  # a level-1 passage with two key spans
        editor.show()
        self.editor = editor

    def _theme(self, name: str) -> None:
        s = self.window.settings
        self.window.apply_settings(UiSettings(s.text_size, name, s.level))

    def _finish(self) -> None:
        if self.editor is not None:
            self.editor.close()
        self._theme("system")
        app = QApplication.instance()
        if app is not None:
            apply_theme(app, "system")  # type: ignore[arg-type]
            app.quit()
