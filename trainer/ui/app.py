"""Start-up: one instance per data folder, open the store safely, first-run content, window.

Environment flags (for automation, all optional):
  TRAINER_READY_MARKER=1     print "TRAINER_READY" once the library accepts input
                             (=exit: then quit; used by benchmarks/startup.py)
  TRAINER_PROFILE=NAME       skip the picker and start as this profile (created if missing)
  TRAINER_SCREENSHOT_DIR=DIR drive every screen, save PNGs there, quit (make screenshots)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QLockFile, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.core.errors import InvalidInput
from trainer.core.resources import resource_path
from trainer.storage import paths
from trainer.storage.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from trainer.storage.service import Store
from trainer.ui.settings_dialog import UiSettings
from trainer.ui.styles import icon
from trainer.ui.theme import apply_theme

STARTER_KEY = "ui.starter_imported"


def tr(text: str) -> str:
    return QCoreApplication.translate("App", text)


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
    """A second program on the same data folder would race the first one's writes."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "trainer.lock"))
    return lock if lock.tryLock(200) else None


def open_store() -> Store | None:
    """Open the database, turning every storage error into a dialog (never a traceback)."""
    url, backups = paths.database_url(), paths.backups_dir()
    try:
        return Store.open(url, backup_dir=backups)
    except NewerDatabaseError as exc:
        QMessageBox.critical(None, tr("Newer data"), tr(
            "{message}\n\nYour data was left untouched. Please use the newer version of the "
            "trainer on this computer.").format(message=exc.message))
        return None
    except CorruptDatabaseError as exc:
        return _recover(exc, url, backups)
    except StoreError as exc:
        QMessageBox.critical(None, tr("Cannot open your data"), exc.message)
        return None


def _recover(exc: CorruptDatabaseError, url: str, backups: Path) -> Store | None:
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Your data file is damaged"), "")
    text = tr("{message}\n\nThe damaged file was kept as:\n{moved}").format(
        message=exc.message, moved=exc.moved_to)
    restore = None
    if exc.backups:
        text += "\n\n" + tr("The newest backup is {name}. Restore it?").format(
            name=exc.backups[0].name)
        restore = box.addButton(tr("Restore the newest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton(tr("Start with empty data"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
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
        QMessageBox.critical(None, tr("Cannot open your data"), again.message)
        return None


def import_starter(store: Store) -> None:
    """Import the bundled starter set on first run, and again when the bundle changes."""
    path = resource_path("starter.json")
    if not path.is_file():
        return
    stat = path.stat()
    signature = f"{stat.st_size}:{int(stat.st_mtime)}"
    if store.get_setting(STARTER_KEY) == signature:
        return
    from trainer.core.formats import load_set  # only on first run: keeps start-up lean

    try:
        store.import_set(load_set(path))
    except (InvalidInput, StoreError) as exc:
        message = exc.message if isinstance(exc, StoreError) else "\n".join(
            p.format() for p in exc.problems[:10])
        QMessageBox.warning(None, tr("Starter passages not loaded"), message)
        return
    store.set_setting(STARTER_KEY, signature)


def _ensure_profile(store: Store, name: str) -> str:
    for profile in store.list_profiles():
        if profile.name == name:
            return profile.id
    return store.create_profile(name).id


def run_app(data_dir: str | None = None) -> int:
    if data_dir:
        os.environ["TRAINER_HOME"] = data_dir
    app = make_application()
    folder = paths.data_dir()
    lock = try_lock(folder)
    if lock is None:
        QMessageBox.information(None, tr("Already open"), tr(
            "The trainer is already open for this data folder. Switch to its window, or "
            "close it first."))
        return 1
    store = open_store()
    if store is None:
        lock.unlock()
        return 1
    try:
        return _run_window(app, store, folder)
    finally:
        store.close()
        lock.unlock()


def _run_window(app: QApplication, store: Store, folder: Path) -> int:
    from trainer.ui.main_window import MainWindow

    apply_theme(app, UiSettings.load(store, None).theme)
    import_starter(store)
    window = MainWindow(store, folder)
    marker = os.environ.get("TRAINER_READY_MARKER")
    if marker:
        def ready() -> None:
            # Queued so that it fires after the library has been painted and can take input.
            QTimer.singleShot(0, lambda: _print_ready(app, marker == "exit"))
        window.library_shown.connect(ready)
    shots = os.environ.get("TRAINER_SCREENSHOT_DIR")
    window.show()
    profile = os.environ.get("TRAINER_PROFILE")
    if profile:
        window.choose_profile(_ensure_profile(store, profile))
    if shots:
        from trainer.ui.screenshots import ScreenshotTour

        tour = ScreenshotTour(window, Path(shots))
        QTimer.singleShot(300, tour.start)
    return int(app.exec())


def _print_ready(app: QApplication, quit_after: bool) -> None:
    print("TRAINER_READY", flush=True)
    if quit_after:
        app.quit()
