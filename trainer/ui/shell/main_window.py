"""The main window: a stack of screens, menus and shortcuts, wired to the Store.

The window is the only place that talks to the store; screens emit signals and receive plain
records, so each screen can be tested on its own.

Start-up (DESIGN §9): the window can be built without a store, from a snapshot of what it
showed last time (trainer/ui/shell/snapshot.py), with `store_opener` to open the store later. The
app opens it right after the first paint; an action that needs it earlier opens it on the
spot (`store` property), so the user never notices. Only the library screen is built up
front; the other screens, the editor and the import code are loaded when first needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from trainer.core.taxonomy import default_taxonomy
from trainer.storage.errors import StoreError
from trainer.storage.paths import database_key
from trainer.ui.library.library_view import LibraryView
from trainer.ui.shell import snapshot, window_practice, window_profiles, window_settings
from trainer.ui.shell.guidance import Guidance
from trainer.ui.shell.styles import icon
from trainer.ui.shell.theme import apply_theme
from trainer.ui.shell.ui_settings import UiSettings
from trainer.ui.shell.window_menus import build_menus
from trainer.ui.widgets import file_dialogs, tasks

if TYPE_CHECKING:
    from trainer.core.spans import Span
    from trainer.storage.records import ArticleView
    from trainer.storage.service import Store
    from trainer.ui.library.assignment_open import AssignmentController
    from trainer.ui.library.import_export import ImportExportController, ImportOutcome
    from trainer.ui.library.library_model import Entry
    from trainer.ui.practice.feedback_view import FeedbackView
    from trainer.ui.practice.practice_view import PracticeView
    from trainer.ui.progress.history_view import HistoryView
    from trainer.ui.shell.profile_picker import ProfilePicker
    from trainer.ui.teacher.editor import SetEditorWindow

StoreOpener = Callable[[], "Store | None"]


class MainWindow(QMainWindow):
    library_shown = Signal()
    screen_changed = Signal(str)
    store_attached = Signal()
    store_failed = Signal()  # the deferred store could not be opened (the user was told)

    def __init__(self, store: Store | None, data_dir: Path, *,
                 store_opener: StoreOpener | None = None,
                 start: snapshot.StartSnapshot | None = None) -> None:
        super().__init__()
        if store is None and store_opener is None:
            raise ValueError("MainWindow needs a store or a way to open one")
        self._store: Store | None = None
        self._opener = store_opener
        self.data_dir = data_dir
        self.database = database_key()
        self.profile_id: str | None = None
        self.profile_name = ""
        self.current: ArticleView | None = None
        # The revision whose failed autosave was reported (one message per passage).
        self.draft_warned: int | None = None
        self.started_at = datetime.now(UTC)
        self.editor: SetEditorWindow | None = None
        self._picker: ProfilePicker | None = None
        self._practice: PracticeView | None = None
        self._feedback: FeedbackView | None = None
        self._history: HistoryView | None = None
        self.start = start
        self._import_export: ImportExportController | None = None
        self._assignments: AssignmentController | None = None
        self.keep_alive: list[object] = []  # helpers started with the window (screenshot tour)
        self.edit_menu: QMenu | None = None  # set by build_menus
        self.library_action: QAction | None = None  # set by build_menus
        self.settings = (UiSettings(start.text_size, start.theme) if start is not None
                         else UiSettings())
        self._apply_text_size()
        self.setWindowTitle(self.tr("Media Literacy Trainer"))
        self.setWindowIcon(icon("app"))
        # Never larger than the screen: a 1024×600 netbook must see every control.
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1366, screen.width()) if screen else 1366,
                    min(768, screen.height()) if screen else 768)

        self.library = LibraryView(default_taxonomy())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.library)
        self.guidance = Guidance(self)  # the tour's instruction strip sits above every screen
        self.setCentralWidget(self.guidance.above(self.stack))
        self.library.open_requested.connect(lambda rid: self.open_revision(rid, introduce=True))
        self.library.profile_requested.connect(self.show_profiles)
        self.library.history_requested.connect(self.show_history)
        self.library.import_requested.connect(lambda: self.import_export.choose_files())
        build_menus(self)
        if store is not None:
            self._attach(store)
            self.finish_setup()
            self.show_profiles()

    # -- the store, opened now or on first need ------------------------------------------
    @property
    def store(self) -> Store:
        store = self.ensure_store()
        if store is None:
            raise StoreError("the progress database is not open")
        return store

    @property
    def has_store(self) -> bool:
        return self._store is not None

    def ensure_store(self) -> Store | None:
        """The store, opening it now if the deferred opening has not happened yet."""
        if self._store is None and self._opener is not None:
            opener, self._opener = self._opener, None
            opened = opener()
            if opened is None:
                self.store_failed.emit()
                return None
            self._attach(opened)
            self._refresh_after_attach()
        return self._store

    def _attach(self, store: Store) -> None:
        self._store = store
        file_dialogs.remember_folders_in(store.settings)
        old = self.settings
        self.settings = UiSettings.load(store, self.profile_id)
        app = QApplication.instance()
        if self.start is not None and self.settings.theme != old.theme \
                and isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
            window_settings.refresh_styles(self)
        self._apply_text_size()
        self.store_attached.emit()

    def _refresh_after_attach(self) -> None:
        window_profiles.refresh_after_attach(self)

    # -- start-up from the snapshot (trainer/ui/shell/window_profiles.py) -------------------
    def show_snapshot_profiles(self, start: snapshot.StartSnapshot) -> None:
        window_profiles.show_snapshot_profiles(self, start)

    def show_snapshot_library(self, shot: snapshot.LibrarySnapshot) -> None:
        window_profiles.show_snapshot_library(self, shot)

    def save_snapshots(self, entries: Sequence[Entry] | None = None) -> None:
        window_profiles.save_snapshots(self, entries)

    # -- screens, built when first shown ---------------------------------------------------
    def _add_screen(self, screen: QWidget) -> None:
        self.stack.addWidget(screen)

    @property
    def picker(self) -> ProfilePicker:
        if self._picker is None:
            from trainer.ui.shell.profile_picker import ProfilePicker

            self._picker = ProfilePicker()
            self._picker.profile_chosen.connect(self.choose_profile)
            self._picker.create_requested.connect(self._create_profile)
            self._picker.rename_requested.connect(self._rename_profile)
            self._add_screen(self._picker)
        return self._picker

    @property
    def practice(self) -> PracticeView:
        if self._practice is None:
            from trainer.ui.practice.practice_view import PracticeView

            self._practice = PracticeView()
            self._practice.back_requested.connect(self._leave_practice)
            self._practice.draft_changed.connect(self._save_draft)
            self._practice.submit_requested.connect(self._submit)
            self._practice.set_text_size(self.settings.text_size)
            self._add_screen(self._practice)
            if self.edit_menu is not None:
                self.edit_menu.clear()
                self.edit_menu.addAction(self._practice.undo_action)
                self.edit_menu.addAction(self._practice.redo_action)
        return self._practice

    @property
    def feedback(self) -> FeedbackView:
        if self._feedback is None:
            from trainer.ui.practice.feedback_view import FeedbackView
            from trainer.ui.progress import review

            self._feedback = FeedbackView()
            self._feedback.back_requested.connect(self._leave_feedback)
            self._feedback.note_saved.connect(lambda *note: review.save_note(self, *note))
            self._feedback.retry_requested.connect(self._retry)
            self._feedback.next_requested.connect(self._next_passage)
            self._feedback.passage.set_text_size(self.settings.text_size)
            self._add_screen(self._feedback)
        return self._feedback

    @property
    def history(self) -> HistoryView:
        if self._history is None:
            from trainer.ui.progress import review
            from trainer.ui.progress.history_view import HistoryView

            self._history = HistoryView()
            self._history.back_requested.connect(self.show_library)
            self._history.open_requested.connect(lambda aid: review.reopen_attempt(self, aid))
            self._add_screen(self._history)
        return self._history

    # The screens and helpers if already built, without building them (None if not).
    @property
    def picker_if_built(self) -> ProfilePicker | None:
        return self._picker

    @property
    def practice_if_built(self) -> PracticeView | None:
        return self._practice

    @property
    def assignments_if_built(self) -> AssignmentController | None:
        return self._assignments

    @property
    def assignments(self) -> AssignmentController:
        if self._assignments is None:
            from trainer.ui.library.assignment_open import AssignmentController

            self._assignments = AssignmentController(self)
        return self._assignments

    def finish_setup(self) -> None:
        """What the first paint does not need: File → Import/Export and dropping files.

        Called at once when the window gets its store up front, else right after the first
        paint (trainer/ui/shell/app.py)."""
        if self._import_export is not None:
            return
        from trainer.ui.library.import_export import install_import_export

        self._import_export = install_import_export(self, self.ensure_store)
        self._import_export.imported.connect(self._imported)
        self._import_export.assignment_dropped.connect(self.assignments.open_path)
        from trainer.ui.progress.progress_controller import install_progress

        self.progress = install_progress(self)

    @property
    def import_export(self) -> ImportExportController:
        self.finish_setup()
        assert self._import_export is not None
        return self._import_export

    def show_named(self, screen: str) -> None:
        self.show_screen(self.library if screen == "library" else getattr(
            self, {"profiles": "picker"}.get(screen, screen)), screen)

    def show_screen(self, widget: QWidget, screen: str) -> None:
        if screen != "practice" and self._practice is not None:
            self._practice.left()
        self.stack.setCurrentWidget(widget)
        self.screen_changed.emit(screen)

    # -- profiles (trainer/ui/shell/window_profiles.py) ------------------------------------
    def show_profiles(self) -> None:
        window_profiles.show_profiles(self)

    def _create_profile(self, name: str) -> None:
        window_profiles.create_profile(self, name)

    def _rename_profile(self, profile_id: str, name: str) -> None:
        window_profiles.rename_profile(self, profile_id, name)

    def choose_profile(self, profile_id: str) -> None:
        window_profiles.choose_profile(self, profile_id)

    # -- library and history -----------------------------------------------------------------
    def show_library(self) -> None:
        if self.profile_id is None:
            self.show_profiles()
            return
        self.flush_practice()
        if self._assignments is not None:
            self._assignments.active = None  # practice from the library is free practice
        entries = self.store.library.entries(self.profile_id)
        self.library.set_entries(entries)
        self.show_named("library")
        self.library.focus_table()
        self.save_snapshots(entries)
        self.guidance.offer_if_new(entries)
        self.library_shown.emit()

    def show_history(self) -> None:
        if self.profile_id is None:
            return
        self.flush_practice()
        self.history.set_attempts(self.store.progress.history(self.profile_id))
        self.show_named("history")
        self.history.table.setFocus()

    # -- practice (trainer/ui/shell/window_practice.py) -------------------------------------
    def open_revision(self, revision_id: int, *, keep_assignment: bool = False,
                      introduce: bool = False) -> None:
        window_practice.open_revision(self, revision_id, keep_assignment=keep_assignment,
                                      introduce=introduce)

    def _save_draft(self, marks: list[Span], nothing: bool) -> bool:
        return window_practice.save_draft(self, marks, nothing)

    def flush_practice(self) -> None:
        """Save the passage being practised as a draft before another screen is shown."""
        window_practice.flush_practice(self)

    def _leave_practice(self) -> None:
        window_practice.leave_practice(self)

    def leave_passage(self) -> None:
        # The tour borrows the practice screen: save the open passage's draft, forget it.
        self.flush_practice()
        self.current = None

    def _submit(self, marks: list[Span], nothing: bool) -> None:
        window_practice.submit(self, marks, nothing)

    def _leave_feedback(self) -> None:
        window_practice.leave_feedback(self)

    def _retry(self) -> None:
        window_practice.retry(self)

    def _next_passage(self) -> None:
        window_practice.next_passage(self)

    # -- import, export and teacher tools --------------------------------------------------
    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        self.refresh_library()

    def refresh_library(self) -> None:
        if self.profile_id is not None and self.stack.currentWidget() is self.library:
            entries = self.store.library.entries(self.profile_id)
            self.library.set_entries(entries)
            self.save_snapshots(entries)

    def open_editor(self) -> None:
        from trainer.ui.teacher.editor import open_set_editor

        self.editor = open_set_editor(self, self.ensure_store)

    def open_teacher_pin(self) -> None:
        from trainer.ui.teacher.teacher_pin import TeacherPinDialog

        TeacherPinDialog(self.store, self).exec()

    # -- settings (trainer/ui/shell/window_settings.py) ---------------------------------------
    def open_settings(self) -> None:
        window_settings.open_settings(self)

    def apply_settings(self, settings: UiSettings) -> None:
        window_settings.apply_settings(self, settings)

    def step_text_size(self, step: int) -> None:
        window_settings.step_text_size(self, step)

    def _apply_text_size(self) -> None:
        window_settings.apply_text_size(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_practice()
        if self._import_export is not None and self._import_export.task is not None:
            self._import_export.task.cancel.set()
        # A submitted attempt is committed before feedback shows; wait only for the import
        # lane so that a cancelled import finishes its rollback before the store closes.
        tasks.write_lane().waitForDone(10_000)
        event.accept()
