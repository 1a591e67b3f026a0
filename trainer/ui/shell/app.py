"""Start-up: one instance per data folder, open the store safely, first-run content, window.

Fast path (DESIGN §9, docs/PERFORMANCE.md): when the data folder holds a snapshot of what the
window showed last time (trainer/ui/shell/snapshot.py), the window shows it at once and the store
is opened right after the first paint, then the screen is refreshed from it. Without one
(first run, damaged or foreign snapshot) the store is opened first, as before. Opening the
store shows the same dialogs either way (newer data, damaged file, cannot open).

Environment flags (for automation, all optional):
  TRAINER_READY_MARKER=1     print "TRAINER_READY" once the library has been painted with its
                             rows and the table has keyboard focus (=exit: then quit, once the
                             store is open and the library refreshed from it; used by
                             benchmarks/startup.py)
  TRAINER_PROFILE=NAME       skip the picker and start as this profile (created if missing)
  TRAINER_SCREENSHOT_DIR=DIR drive every screen, save PNGs there, quit (make screenshots)"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QLockFile,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer.core.resources import resource_path
from trainer.storage import paths
from trainer.storage.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from trainer.ui.shell import snapshot
from trainer.ui.shell.styles import icon
from trainer.ui.shell.theme import apply_theme

if TYPE_CHECKING:
    from trainer.storage.service import Store
    from trainer.ui.shell.main_window import MainWindow

# If the first paint never arrives (a minimised start), open the store anyway after this.
OPEN_STORE_FALLBACK_MS = 1000


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Media Literacy Trainer")
    app.setOrganizationName("media-literacy-trainer")
    app.setWindowIcon(icon("app"))
    translator = QTranslator(app)
    if translator.load(QLocale(), "trainer", "_", str(resource_path("translations"))):
        app.installTranslator(translator)
    return app


def try_lock(folder: Path) -> QLockFile | None:
    """A second program on the same data folder would race the first one's writes. None when
    another program holds the lock; in a folder nobody may write to (where no lock file can be
    made) an unlocked one: nothing can be written there to race over, and the store opens
    read-only and says so."""
    with contextlib.suppress(OSError):  # opening the store says what is wrong with it
        folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "trainer.lock"))
    if lock.tryLock(200):
        return lock
    return None if lock.error() == QLockFile.LockError.LockFailedError else lock


def open_store() -> Store | None:
    """Open the database, turning every storage error into a dialog (never a traceback)."""
    from trainer.storage.service import Store

    url, backups = paths.database_url(), paths.backups_dir()
    try:
        return tell_about(Store.open(url, backup_dir=backups))
    except NewerDatabaseError as exc:
        QMessageBox.critical(None, translate("App", "Newer data"), translate(
            "App", "{message}\n\nYour data was left untouched. Please use the newer version of "
            "the trainer on this computer.").format(message=exc.message))
        return None
    except CorruptDatabaseError as exc:
        return _recover(exc, url, backups)
    except StoreError as exc:
        QMessageBox.critical(None, translate("App", "Cannot open your data"), exc.message)
        return None


def tell_about(store: Store) -> Store:
    """Say what the store had to warn about (a backup not written, a read-only folder): the
    program starts anyway."""
    if store.read_only is not None:
        QMessageBox.information(None, translate("App", "Your data is read-only"), translate(
            "App", "{reason}\n\nThe trainer starts, but your marks and results will not be "
            "saved.").format(reason=store.read_only))
    if store.warnings:
        QMessageBox.warning(None, translate("App", "Please note"), "\n\n".join(store.warnings))
    return store


def _recover(exc: CorruptDatabaseError, url: str, backups: Path) -> Store | None:
    from trainer.storage.service import Store

    box = QMessageBox(QMessageBox.Icon.Warning, translate("App", "Your data file is damaged"), "")
    text = translate("App", "{message}\n\nThe damaged file was kept as:\n{moved}").format(
        message=exc.message, moved=exc.moved_to)
    restore = None
    if exc.backups:
        text += "\n\n" + translate("App", "The newest backup is {name}. Restore it?").format(
            name=exc.backups[0].name)
        restore = box.addButton(translate("App", "Restore the newest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton(translate("App", "Start with empty data"),
                          QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setText(text)
    box.exec()
    clicked = box.clickedButton()
    if clicked not in (restore, fresh) or clicked is None:
        return None
    try:
        if clicked is restore:
            return Store.restore(exc.backups[0], url, backup_dir=backups)
        return Store.open(url, backup_dir=backups)
    except StoreError as again:
        QMessageBox.critical(None, translate("App", "Cannot open your data"), again.message)
        return None


def import_starter(store: Store) -> None:
    """Import the bundled starter set on first run, and again when the bundle changes."""
    from trainer.storage.starter import ensure_starter

    problem = ensure_starter(store)
    if problem is not None:
        QMessageBox.warning(None, translate("App", "Starter passages not loaded"), problem)


def _ensure_profile(store: Store, name: str) -> str:
    for profile in store.profiles.list():
        if profile.name == name:
            return profile.id
    return store.profiles.create(name).id


def open_store_and_starter() -> Store | None:
    store = open_store()
    if store is not None:
        import_starter(store)
    return store


def run_app(data_dir: str | None = None, documents: Sequence[str] = ()) -> int:
    if data_dir:
        os.environ["TRAINER_HOME"] = data_dir
    app = make_application()
    folder = paths.data_dir()
    lock = try_lock(folder)
    if lock is None:
        text = translate("App", "The trainer is already open for this data folder. Switch to "
                         "its window, or close it first.")
        if documents:  # a double-click cannot reach the open window (docs/PACKAGING.md)
            text += "\n\n" + translate("App", "To open {name}, close the trainer, then open "
                                       "the file again.").format(name=Path(documents[0]).name)
        QMessageBox.information(None, translate("App", "Already open"), text)
        return 1
    window: MainWindow | None = None
    try:
        window = _start_window(app, folder)
        if window is None:
            return 1
        if documents:  # double-clicked files (trainer/ui/shell/open_documents.py)
            from trainer.ui.shell.open_documents import open_documents

            opened = window
            QTimer.singleShot(0, lambda: open_documents(opened, [Path(d) for d in documents]))
        return int(app.exec())
    finally:
        store = window._store if window is not None else None
        if store is not None:
            store.close()
        lock.unlock()


def read_start_snapshot(folder: Path) -> snapshot.StartSnapshot | None:
    """The snapshot of the last run, if there is a database it can stand in for."""
    if (not os.environ.get("TRAINER_DATABASE_URL")
            and not (folder / paths.DATABASE_FILE).is_file()):
        return None  # first run, or the data was removed: take the normal path
    return snapshot.read_start(folder, paths.database_key())


def _start_window(app: QApplication, folder: Path) -> MainWindow | None:
    from trainer.ui.shell.main_window import MainWindow

    start = read_start_snapshot(folder)
    profile = os.environ.get("TRAINER_PROFILE")
    if start is None:
        # No snapshot: open the store first, as the window needs its data to show anything.
        store = open_store_and_starter()
        if store is None:
            return None
        from trainer.ui.shell.ui_settings import UiSettings

        apply_theme(app, UiSettings.load(store, None).theme)
        window = MainWindow(store, folder)
        shots = _watch(app, window)
        window.show()
        if profile:
            window.choose_profile(_ensure_profile(store, profile))
        _start_tour(window, shots)
        return window
    apply_theme(app, start.theme)
    window = MainWindow(None, folder, store_opener=open_store_and_starter, start=start)
    window.store_failed.connect(lambda: app.exit(1))
    shots = _watch(app, window)
    known = start.profile_named(profile) if profile else None
    library = (snapshot.read_library(folder, window.database, known.id)
               if known is not None else None)
    if library is not None:
        window.show_snapshot_library(library)
    else:
        window.show_snapshot_profiles(start)
    window.show()

    def open_store_now() -> None:
        window.finish_setup()
        if window.has_store:
            return
        store = window.ensure_store()
        if store is None or not profile:
            return
        wanted = _ensure_profile(store, profile)
        if wanted != window.profile_id:  # else the library was just refreshed
            window.choose_profile(wanted)

    # The store opens right after the first paint (one more turn of the event loop, so
    # that whatever else waited for that paint runs first), or after a short while anyway.
    screen = window.stack.currentWidget()
    assert screen is not None
    FirstPaint(screen, lambda: QTimer.singleShot(0, open_store_now))
    QTimer.singleShot(OPEN_STORE_FALLBACK_MS, open_store_now)
    _start_tour(window, shots)
    return window


class FirstPaint(QObject):
    """Calls `then` (queued) once `widget`, or for the library its table, has been painted.

    Queued, `then` runs after the whole paint pass that painted the widget and its children
    (for the table, its rows). The table itself is watched, not its viewport: the first call
    of viewport() from Python costs ~8 ms of binding set-up."""

    def __init__(self, widget: QWidget, then: object) -> None:
        super().__init__(widget)
        from trainer.ui.library.library_view import LibraryView

        self.then = then
        self.done = False
        self.target = widget.table if isinstance(widget, LibraryView) else widget
        self.target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and watched is self.target and event.type() == QEvent.Type.Paint:
            self.done = True
            self.target.removeEventFilter(self)
            QTimer.singleShot(0, self.then)  # type: ignore[call-overload]
        return False


def _watch(app: QApplication, window: MainWindow) -> str | None:
    """Set up the automation flags (see the module docstring); returns the screenshot dir."""
    marker = os.environ.get("TRAINER_READY_MARKER")
    if marker:
        ReadyMarker(app, window, quit_after=marker == "exit")
    return os.environ.get("TRAINER_SCREENSHOT_DIR")


def _start_tour(window: MainWindow, shots: str | None) -> None:
    if shots:
        from trainer.ui.shell.screenshots import ScreenshotTour

        tour = ScreenshotTour(window, Path(shots))
        window.keep_alive.append(tour)  # the timer alone would not keep it alive
        QTimer.singleShot(300, tour.start)


class ReadyMarker(QObject):
    """Prints TRAINER_READY once the library has been painted and takes keyboard input.

    With quit_after (TRAINER_READY_MARKER=exit, for benchmarks/startup.py) the program then
    quits, but only after the store is open and the library has been refreshed from it, so
    that a measurement of peak memory covers the whole start-up.
    """

    def __init__(self, app: QApplication, window: MainWindow, quit_after: bool) -> None:
        super().__init__(window)
        self.app, self.window, self.quit_after = app, window, quit_after
        self.printed = False
        window.library_shown.connect(self._library_shown)

    def _library_shown(self) -> None:
        if not self.printed:
            FirstPaint(self.window.library, self._print)
            self.window.library.table.update()  # a refresh may repaint only the rows
        elif self.quit_after and self.window.has_store:
            QTimer.singleShot(0, self.app.quit)

    def accepts_input(self) -> bool:
        library = self.window.library
        focus = self.window.focusWidget()
        if self.window.stack.currentWidget() is not library:
            return False
        if library.model.rowCount() == 0:  # an empty library: typing goes to the search
            return focus is library.search
        return library.proxy.rowCount() > 0 and focus is library.table

    def _print(self) -> None:
        if self.printed or not self.accepts_input():
            return
        self.printed = True
        print("TRAINER_READY", flush=True)
        if self.quit_after and self.window.has_store:
            QTimer.singleShot(0, self.app.quit)
