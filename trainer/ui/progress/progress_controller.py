"""The Progress menu and screens: my progress (dashboard), quick drill, and moving progress
to another computer (File → Export my progress / Import my progress). Installed on the main
window after the first paint, like File → Import (DESIGN §9: nothing here is needed to start).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from trainer.core.errors import InvalidInput
from trainer.core.filetypes import FILE_TYPES
from trainer.core.schedule import WeakSpot
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.errors import StoreError
from trainer.ui.progress.dashboard_view import DashboardView
from trainer.ui.progress.drill_view import DrillView
from trainer.ui.progress.weak_spots import ReasonBanner, WeakSpotsEntry
from trainer.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from trainer.core.drill import DrillItem
    from trainer.storage.learning import NextPassage
    from trainer.ui.shell.main_window import MainWindow

DRILL_MODE = {True: "technique", False: "family"}
PROGRESS_EXTENSION = next(t.extension for t in FILE_TYPES if t.key == "progress")


class ProgressController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.taxonomy = default_taxonomy()
        self._dashboard: DashboardView | None = None
        self._drill: DrillView | None = None
        self.rng = random.Random()
        menu = QMenu(self.tr("&Progress"), window)
        menu.setObjectName("progressMenu")
        bar = window.menuBar()
        # Installed after the first paint, when Help is already there: Help stays last,
        # where every desktop program keeps it.
        help_action = next((a for a in bar.actions() if a.menu() is not None
                            and a.menu().objectName() == "helpMenu"), None)
        if help_action is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(help_action, menu)
        for text, shortcut, slot in (
                (self.tr("My &progress"), "Ctrl+D", self.show_dashboard),
                (self.tr("Quick &drill"), "Ctrl+Shift+D", self.start_drill)):
            action = QAction(text, window)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, s=slot: s())
            menu.addAction(action)
        menu.addSeparator()
        self.export_action = QAction(self.tr("&Export my progress…"), window)
        self.export_action.triggered.connect(lambda _c=False: self.export_progress())
        self.import_action = QAction(self.tr("&Import my progress…"), window)
        self.import_action.triggered.connect(lambda _c=False: self.import_progress())
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        self._install_weak_spots()

    # -- weak spots in the library and on the practice screen ------------------------------
    def _install_weak_spots(self) -> None:
        window, library = self.window, self.window.library
        self.weak_entry = WeakSpotsEntry(library)
        self.weak_entry.practise_requested.connect(self._open_weak_spot)
        layout = library.layout()
        assert layout is not None
        layout.insertWidget(layout.indexOf(library.stack), self.weak_entry)  # type: ignore[attr-defined]
        # Tab follows the screen from top to bottom: filters, this row, then the table.
        QWidget.setTabOrder(library.technique, self.weak_entry.button)
        QWidget.setTabOrder(self.weak_entry.button, library.table)
        self.banner = ReasonBanner()
        self._next: NextPassage | None = None
        window.library_shown.connect(lambda: QTimer.singleShot(0, self.refresh_weak_spots))
        window.screen_changed.connect(self._screen_changed)
        self.refresh_weak_spots()

    def refresh_weak_spots(self) -> None:
        """The library's entry from the same queue the dashboard shows."""
        window = self.window
        if window.profile_id is None or not window.has_store:
            self._next = None
            self.weak_entry.set_next(None)
            return
        try:
            board = window.store.progress.dashboard(window.profile_id)
        except StoreError:
            board = None
        # A student who has not practised yet has no weak spots: the table is the way in.
        practised = board is not None and (board.attempts or board.discernment.trials)
        self._next = board.next[0] if board is not None and practised and board.next else None
        if self._next is None:
            self.weak_entry.set_next(None)
            return
        self.weak_entry.set_next(self._next.revision_id, self._next.title,
                                 self.reason(self._next.reason),
                                 new=self._next.reason.reason_key == "new")

    def practise_next(self, passage: NextPassage) -> None:
        """Open a recommended passage with its reason in view while practising."""
        self.window.open_revision(passage.revision_id)
        practice = self.window.practice
        if self.banner.parent() is not practice:
            layout = practice.layout()
            assert layout is not None
            layout.insertWidget(1, self.banner)  # type: ignore[attr-defined]
        self.banner.show_reason(passage.revision_id, self.reason(passage.reason),
                                new=passage.reason.reason_key == "new")

    def _open_weak_spot(self, revision_id: int) -> None:
        if self._next is not None and self._next.revision_id == revision_id:
            self.practise_next(self._next)

    def _screen_changed(self, screen: str) -> None:
        if screen != "practice":
            self.banner.clear()

    # -- screens --------------------------------------------------------------------------
    @property
    def dashboard(self) -> DashboardView:
        if self._dashboard is None:
            self._dashboard = DashboardView(self.taxonomy.display_name)
            self._dashboard.back_requested.connect(self.window.show_library)
            self._dashboard.history_requested.connect(self.window.show_history)
            self._dashboard.drill_requested.connect(self.start_drill)
            self._dashboard.practise_requested.connect(self.practise_next)
            self.window.stack.addWidget(self._dashboard)
        return self._dashboard

    @property
    def drill(self) -> DrillView:
        if self._drill is None:
            self._drill = DrillView()
            self._drill.back_requested.connect(self.show_dashboard)
            self._drill.answered.connect(self._store_answer)
            self._drill.again_requested.connect(self.start_drill)
            self.window.stack.addWidget(self._drill)
        return self._drill

    def reason(self, spot: WeakSpot) -> str:
        name = self.taxonomy.display_name(spot.technique)
        if spot.reason_key == "new":
            return self.tr("{name}: not practised yet").format(name=name)
        found = self.tr("{found} of {total} found last time").format(
            found=f"{spot.found:g}", total=spot.total)
        if spot.reason_key == "booster":
            return self.tr("{name}: a booster before it fades ({found})").format(
                name=name, found=found)
        return self.tr("{name}: {found}").format(name=name, found=found)

    def show_dashboard(self) -> None:
        store = self.window.ensure_store()
        if store is None or self.window.profile_id is None:
            return
        self.window.flush_practice()
        board = store.progress.dashboard(self.window.profile_id)
        self.dashboard.set_dashboard(board, [self.reason(s) for s in board.weak_spots])
        self.window.stack.setCurrentWidget(self.dashboard)
        self.window.screen_changed.emit("dashboard")
        self.dashboard.setFocus()

    def start_drill(self) -> None:
        store = self.window.ensure_store()
        if store is None or self.window.profile_id is None:
            return
        self.window.flush_practice()
        items = store.drills.round(self.window.profile_id, self.rng)
        self.drill.start(items, self.taxonomy, self.window.settings.level or 1)
        self.window.stack.setCurrentWidget(self.drill)
        self.window.screen_changed.emit("drill")
        self.drill.setFocus()

    def _store_answer(self, item: DrillItem, expected: str, answer: str) -> None:
        store = self.window.ensure_store()
        if store is None or self.window.profile_id is None:
            return
        mode = DRILL_MODE[(self.window.settings.level or 1) >= 2]
        try:
            store.drills.answer(self.window.profile_id, item, mode, expected, answer)
        except StoreError as exc:
            QMessageBox.warning(self.window, self.tr("Answer not saved"), exc.message)

    # -- moving progress ------------------------------------------------------------------
    def export_progress(self, target: Path | None = None) -> Path | None:
        from trainer.core.progress_file import write_progress

        store = self.window.ensure_store()
        if store is None or self.window.profile_id is None:
            return None
        if target is None:
            name = f"{self.window.profile_name or 'progress'}.{PROGRESS_EXTENSION}"
            target = file_dialogs.save_file(
                self.window, file_dialogs.PROGRESS, self.tr("Export my progress"), name,
                self.tr("Progress files (*.{ext})").format(ext=PROGRESS_EXTENSION))
            if target is None:
                return None
        try:
            progress = store.progress.export_file(self.window.profile_id)
            write_progress(progress, target)
        except (InvalidInput, StoreError) as exc:
            QMessageBox.warning(self.window, self.tr("Progress not exported"), _message(exc))
            return None
        count = len(progress.attempts)
        self.window.statusBar().showMessage(
            (self.tr("Saved %n attempt to {file}", "", count) if count == 1
             else self.tr("Saved %n attempts to {file}", "", count)).format(file=target), 8000)
        return target

    def import_progress(self, source: Path | None = None) -> bool:
        from trainer.core.progress_file import read_progress

        store = self.window.ensure_store()
        if store is None:
            return False
        if source is None:
            source = file_dialogs.open_file(
                self.window, file_dialogs.PROGRESS, self.tr("Import my progress"),
                self.tr("Progress files (*.{ext} *.json)").format(ext=PROGRESS_EXTENSION))
            if source is None:
                return False
        try:
            progress, _warnings = read_progress(source)
            report = store.progress.import_file(progress)
        except (InvalidInput, StoreError) as exc:
            QMessageBox.warning(self.window, self.tr("Progress not imported"), _message(exc))
            return False
        lines = [self.tr("{name}: {added} attempts added, {present} already here.").format(
            name=report.profile_name, added=report.added, present=report.already_present)]
        if report.kept:
            lines.append(self.tr("{count} attempts are on passages this computer does not "
                                 "have; they are kept and go along with your next export.")
                         .format(count=len(report.kept)))
        if report.disagreements:
            lines.append(self.tr("{count} attempts had scores that did not match their marks; "
                                 "the program scored them again.").format(
                count=len(report.disagreements)))
        QMessageBox.information(self.window, self.tr("Progress imported"), "\n".join(lines))
        self.window.choose_profile(report.profile_id)
        return True


def _message(exc: InvalidInput | StoreError) -> str:
    if isinstance(exc, InvalidInput):
        return "\n".join(p.format() for p in exc.problems[:20])
    return exc.message


def install_progress(window: MainWindow) -> ProgressController:
    return ProgressController(window)
