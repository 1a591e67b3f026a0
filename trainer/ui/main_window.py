"""The main window: a stack of screens, menus and shortcuts, wired to the Store.

The window is the only place that talks to the store; screens emit signals and receive plain
records, so each screen can be tested on its own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget

from trainer.core.scoring import LEVEL_MODE
from trainer.core.spans import Span
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.errors import StoreError
from trainer.storage.records import ArticleView
from trainer.storage.service import Store
from trainer.ui import tasks
from trainer.ui.editor import SetEditorWindow, open_set_editor
from trainer.ui.feedback_view import FeedbackView
from trainer.ui.history_view import HistoryView
from trainer.ui.import_export import ImportOutcome, install_import_export
from trainer.ui.library_model import EntryRole
from trainer.ui.library_view import LibraryView
from trainer.ui.practice_view import PracticeView
from trainer.ui.profile_picker import ProfilePicker
from trainer.ui.settings_dialog import MAX_TEXT_SIZE, MIN_TEXT_SIZE, SettingsDialog, UiSettings
from trainer.ui.styles import icon
from trainer.ui.teacher_pin import TeacherPinDialog
from trainer.ui.theme import apply_theme

LAST_PROFILE = "ui.last_profile"


class MainWindow(QMainWindow):
    library_shown = Signal()
    screen_changed = Signal(str)

    def __init__(self, store: Store, data_dir: Path) -> None:
        super().__init__()
        self.store = store
        self.data_dir = data_dir
        self.profile_id: str | None = None
        self.current: ArticleView | None = None
        self.started_at = datetime.now(UTC)
        self.editor: SetEditorWindow | None = None
        self.last_message: QMessageBox | None = None
        self.settings = UiSettings.load(store, None)
        self.setWindowTitle(self.tr("Media Literacy Trainer"))
        self.setWindowIcon(icon("app"))
        self.resize(1366, 768)

        self.picker = ProfilePicker()
        self.library = LibraryView(default_taxonomy())
        self.practice = PracticeView()
        self.feedback = FeedbackView()
        self.history = HistoryView()
        self.stack = QStackedWidget()
        for screen in (self.picker, self.library, self.practice, self.feedback, self.history):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self._connect()
        self._build_menus()
        self._apply_text_size()
        self.show_profiles()

    # -- wiring ------------------------------------------------------------------------------
    def _connect(self) -> None:
        self.picker.profile_chosen.connect(self.choose_profile)
        self.picker.create_requested.connect(self._create_profile)
        self.picker.rename_requested.connect(self._rename_profile)
        self.library.open_requested.connect(self.open_revision)
        self.library.profile_requested.connect(self.show_profiles)
        self.library.history_requested.connect(self.show_history)
        self.library.import_requested.connect(lambda: self.import_export.choose_files())
        self.practice.back_requested.connect(self._leave_practice)
        self.practice.draft_changed.connect(self._save_draft)
        self.practice.submit_requested.connect(self._submit)
        self.feedback.back_requested.connect(self.show_library)
        self.feedback.retry_requested.connect(self._retry)
        self.feedback.next_requested.connect(self._next_passage)
        self.history.back_requested.connect(self.show_library)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&Library"), "Ctrl+L", self.show_library))
        file_menu.addAction(self._action(self.tr("My &attempts"), "Ctrl+H", self.show_history))
        file_menu.addAction(self._action(self.tr("&Switch profile"), "Ctrl+Shift+P",
                                         self.show_profiles))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                         self.close))
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self._action(self.tr("&Larger text"), QKeySequence.StandardKey.ZoomIn,
                                         lambda: self._step_text_size(1)))
        view_menu.addAction(self._action(self.tr("&Smaller text"),
                                         QKeySequence.StandardKey.ZoomOut,
                                         lambda: self._step_text_size(-1)))
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("Se&ttings…"), "Ctrl+,", self.open_settings))
        teacher_menu = bar.addMenu(self.tr("&Teacher"))
        teacher_menu.addAction(self._action(self.tr("Set &editor…"), "Ctrl+Shift+E",
                                            self.open_editor))
        teacher_menu.addAction(self._action(self.tr("Teacher &PIN…"), None,
                                            self.open_teacher_pin))
        # File → Import file/folder, Export set, and dropping files onto the window.
        self.import_export = install_import_export(self, lambda: self.store)
        self.import_export.imported.connect(self._imported)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Keyboard shortcuts"), "F1",
                                         self._show_keys))
        help_menu.addAction(self._action(self.tr("&About"), None, self._show_about))

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _show(self, screen: str) -> None:
        widget = {"profiles": self.picker, "library": self.library, "practice": self.practice,
                  "feedback": self.feedback, "history": self.history}[screen]
        self.stack.setCurrentWidget(widget)
        self.screen_changed.emit(screen)

    # -- profiles ----------------------------------------------------------------------------
    def show_profiles(self) -> None:
        self._flush_practice()
        self.picker.set_profiles(self.store.list_profiles(), self.store.get_setting(LAST_PROFILE))
        self._show("profiles")

    def _create_profile(self, name: str) -> None:
        try:
            profile = self.store.create_profile(name)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Profile not created"), exc.message)
            return
        self.choose_profile(profile.id)

    def _rename_profile(self, profile_id: str, name: str) -> None:
        try:
            self.store.rename_profile(profile_id, name)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Profile not renamed"), exc.message)
        self.picker.set_profiles(self.store.list_profiles(), profile_id)

    def choose_profile(self, profile_id: str) -> None:
        self.profile_id = profile_id
        self.store.touch_profile(profile_id)
        self.store.set_setting(LAST_PROFILE, profile_id)
        self.settings = UiSettings.load(self.store, profile_id)
        self.library.set_level_filter(self.settings.level)
        name = next((p.name for p in self.store.list_profiles() if p.id == profile_id), "")
        self.library.set_profile_name(name)
        self.show_library()

    # -- library and history -----------------------------------------------------------------
    def show_library(self) -> None:
        if self.profile_id is None:
            self.show_profiles()
            return
        self._flush_practice()
        self.library.set_entries(self.store.library(self.profile_id))
        self._show("library")
        self.library.focus_table()
        self.library_shown.emit()

    def show_history(self) -> None:
        if self.profile_id is None:
            return
        self._flush_practice()
        self.history.set_attempts(self.store.history(self.profile_id))
        self._show("history")
        self.history.table.setFocus()

    # -- practice ----------------------------------------------------------------------------
    def open_revision(self, revision_id: int) -> None:
        if self.profile_id is None:
            return
        view = self.store.article(revision_id)
        draft = self.store.load_draft(self.profile_id, revision_id)
        self.current = view
        self.started_at = datetime.now(UTC)
        self.practice.load(view.article, view.taxonomy,
                           list(draft.marks) if draft else None,
                           draft.nothing_to_flag if draft else False)
        self._show("practice")
        self.practice.passage.setFocus()

    def _save_draft(self, marks: list[Span], nothing: bool) -> None:
        if self.profile_id is None or self.current is None:
            return
        if marks or nothing:
            self.store.save_draft(self.profile_id, self.current.revision_id, marks, nothing)
        else:
            self.store.discard_draft(self.profile_id, self.current.revision_id)

    def _flush_practice(self) -> None:
        if self.stack.currentWidget() is self.practice and self.practice.has_pending_draft():
            self.practice.flush_draft()

    def _leave_practice(self) -> None:
        self.practice.flush_draft()
        self.show_library()

    def _submit(self, marks: list[Span], nothing: bool) -> None:
        if self.profile_id is None or self.current is None:
            return
        article = self.current.article
        mode = LEVEL_MODE.get(article.level, "family")
        try:
            attempt = self.store.submit(self.profile_id, self.current.revision_id, marks,
                                        mode=mode, started_at=self.started_at,
                                        nothing_to_flag=nothing)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message)
            return
        self.feedback.load(article, self.current.taxonomy, attempt.result, attempt.mode, marks)
        self._show("feedback")

    def _retry(self) -> None:
        if self.current is not None:
            self.open_revision(self.current.revision_id)

    def _next_passage(self) -> None:
        """The next passage in the library's current order, preferring ones not done yet."""
        if self.profile_id is None or self.current is None:
            return
        self.library.set_entries(self.store.library(self.profile_id))
        proxy = self.library.proxy
        entries = [proxy.index(r, 0).data(EntryRole) for r in range(proxy.rowCount())]
        ids = [e.revision_id for e in entries]
        here = ids.index(self.current.revision_id) if self.current.revision_id in ids else -1
        ordered = entries[here + 1:] + entries[:here + 1]
        pick = next((e for e in ordered if e.status != "done"), None)
        if pick is None or pick.revision_id == self.current.revision_id:
            pick = ordered[0] if ordered and ordered[0].revision_id != self.current.revision_id \
                else None
        if pick is None:
            self.show_library()
        else:
            self.open_revision(pick.revision_id)

    # -- import, export and teacher tools --------------------------------------------------
    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        if self.profile_id is not None and self.stack.currentWidget() is self.library:
            self.library.set_entries(self.store.library(self.profile_id))

    def open_editor(self) -> None:
        self.editor = open_set_editor(self, lambda: self.store)

    def open_teacher_pin(self) -> None:
        TeacherPinDialog(self.store, self).exec()

    def _notify(self, kind: QMessageBox.Icon, title: str, text: str) -> None:
        # open(), not exec(): a result arriving from a worker must not start a nested loop.
        box = QMessageBox(kind, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setAccessibleName(title)
        self.last_message = box
        box.open()

    # -- settings ----------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.data_dir, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.values())

    def apply_settings(self, settings: UiSettings) -> None:
        old = self.settings
        self.settings = settings
        settings.save(self.store, self.profile_id)
        app = QApplication.instance()
        if settings.theme != old.theme and isinstance(app, QApplication):
            apply_theme(app, settings.theme)
            self._refresh_styles()
        self._apply_text_size()
        if settings.level != old.level:
            self.library.set_level_filter(settings.level)

    def _step_text_size(self, step: int) -> None:
        size = min(MAX_TEXT_SIZE, max(MIN_TEXT_SIZE, self.settings.text_size + step))
        self.apply_settings(UiSettings(size, self.settings.theme, self.settings.level))

    def _apply_text_size(self) -> None:
        self.practice.set_text_size(self.settings.text_size)
        self.feedback.passage.set_text_size(self.settings.text_size)

    def _refresh_styles(self) -> None:
        # Highlight colours come from the theme; redraw what is on screen.
        if self.current is not None and self.stack.currentWidget() is self.practice:
            self.practice.marks.set_passage(self.practice.marks.text,
                                            self.practice.marks.marks())
        self.update()

    # -- help --------------------------------------------------------------------------------
    def _show_keys(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "Arrow keys move the caret; Shift+arrows select a phrase.\n"
            "1, 2, … label the selection (two digits quickly for 10 and above).\n"
            "Delete removes the mark at the caret or in the list.\n"
            "Ctrl+Enter submits. Tab moves between controls.\n"
            "Ctrl++ and Ctrl+- change the text size. Ctrl+L opens the library."))

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.tr(
            "Media Literacy Trainer: practise spotting unverified claims and loaded framing. "
            "Works offline; your data stays on this computer."))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_practice()
        if self.import_export.task is not None:
            self.import_export.task.cancel.set()
        # A submitted attempt is committed before feedback shows; wait only for the import
        # lane so that a cancelled import finishes its rollback before the store closes.
        tasks.write_lane().waitForDone(10_000)
        event.accept()
