"""The main window's profiles: choosing, creating and renaming them, and the start-up snapshot
of the profile list and library (kept apart so that main_window.py stays about the window).

Each function takes the window; the window keeps thin methods that call them, because screens
and tests connect to those.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trainer.storage.errors import StoreError
from trainer.ui.shell import snapshot
from trainer.ui.shell.ui_settings import UiSettings

if TYPE_CHECKING:
    from trainer.ui.library.library_model import Entry
    from trainer.ui.shell.main_window import MainWindow

LAST_PROFILE = "ui.last_profile"

# The strings keep MainWindow's translation context; literal calls so that lupdate finds them.
translate = QCoreApplication.translate


def show_profiles(window: MainWindow) -> None:
    window.flush_practice()
    store = window.store
    window.picker.set_profiles(store.profiles.list(), store.settings.get(LAST_PROFILE))
    window.show_named("profiles")
    save_snapshots(window)


def create_profile(window: MainWindow, name: str) -> None:
    try:
        profile = window.store.profiles.create(name)
    except StoreError as exc:
        QMessageBox.warning(window, translate("MainWindow", "Profile not created"), exc.message)
        return
    choose_profile(window, profile.id)


def rename_profile(window: MainWindow, profile_id: str, name: str) -> None:
    try:
        window.store.profiles.rename(profile_id, name)
    except StoreError as exc:
        QMessageBox.warning(window, translate("MainWindow", "Profile not renamed"), exc.message)
    window.picker.set_profiles(window.store.profiles.list(), profile_id)


def choose_profile(window: MainWindow, profile_id: str) -> None:
    store = window.store
    window.profile_id = profile_id
    if store.read_only is None:  # read-only data: look, but remember nothing
        store.profiles.touch(profile_id)
        store.settings.set(LAST_PROFILE, profile_id)
    window.settings = UiSettings.load(store, profile_id)
    window.library.set_level_filter(window.settings.level)
    name = next((p.name for p in store.profiles.list() if p.id == profile_id), "")
    window.profile_name = name
    window.library.set_profile_name(name)
    window.show_library()


def refresh_after_attach(window: MainWindow) -> None:
    """Replace what the snapshot showed with the store's data."""
    store = window.store
    if window.profile_id is not None and all(
            p.id != window.profile_id for p in store.profiles.list()):
        window.profile_id = None  # removed since the snapshot was taken
    screen = window.stack.currentWidget()
    if screen is window.library and window.profile_id is not None:
        choose_profile(window, window.profile_id)
    elif screen is window.picker_if_built or window.profile_id is None:
        show_profiles(window)


# -- start-up from the snapshot ------------------------------------------------------------
def show_snapshot_profiles(window: MainWindow, start: snapshot.StartSnapshot) -> None:
    """Show the profile list as it was last time, before the store is open."""
    window.picker.set_profiles(list(start.profiles), start.last_profile)
    window.show_named("profiles")


def show_snapshot_library(window: MainWindow, shot: snapshot.LibrarySnapshot) -> None:
    """Show a profile's library as it was last time, before the store is open."""
    window.profile_id = shot.profile_id
    window.profile_name = shot.profile_name
    window.library.set_level_filter(shot.level)
    window.library.set_profile_name(shot.profile_name)
    window.library.set_entries(shot.entries)
    window.show_named("library")
    window.library.focus_table()
    window.library_shown.emit()


def save_snapshots(window: MainWindow, entries: Sequence[Entry] | None = None) -> None:
    if not window.has_store:
        return
    store = window.store
    profiles = store.profiles.list()
    snapshot.write_start(window.data_dir, window.database, window.settings.theme,
                         window.settings.text_size, [(p.id, p.name) for p in profiles],
                         store.settings.get(LAST_PROFILE))
    if entries is not None and window.profile_id is not None:
        snapshot.write_library(window.data_dir, window.database, window.profile_id,
                               window.profile_name, window.settings.level, entries)
