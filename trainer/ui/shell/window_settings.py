"""The main window's settings: the dialog, and applying theme, text size and level to what is
on screen (kept apart so that main_window.py stays about the window itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from trainer.ui.shell.theme import apply_text_size as scale_interface
from trainer.ui.shell.theme import apply_theme
from trainer.ui.shell.ui_settings import MAX_TEXT_SIZE, MIN_TEXT_SIZE, UiSettings

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


def open_settings(window: MainWindow) -> None:
    from trainer.ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.data_dir, window)
    if dialog.exec() != SettingsDialog.DialogCode.Accepted:
        return
    apply_settings(window, dialog.values())


def apply_settings(window: MainWindow, settings: UiSettings) -> None:
    old = window.settings
    window.settings = settings
    if window.store.read_only is None:  # read-only data: change the look, store nothing
        settings.save(window.store, window.profile_id)
    app = QApplication.instance()
    if settings.theme != old.theme and isinstance(app, QApplication):
        apply_theme(app, settings.theme)
        refresh_styles(window)
    apply_text_size(window)
    if settings.level != old.level:
        window.library.set_level_filter(settings.level)
    window.save_snapshots()


def step_text_size(window: MainWindow, step: int) -> None:
    settings = window.settings
    size = min(MAX_TEXT_SIZE, max(MIN_TEXT_SIZE, settings.text_size + step))
    apply_settings(window, UiSettings(size, settings.theme, settings.level))


def apply_text_size(window: MainWindow) -> None:
    """The passage at the chosen size, and the whole interface scaled with it."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        scale_interface(app, window.settings.text_size)
    if window._practice is not None:
        window._practice.set_text_size(window.settings.text_size)
    if window._feedback is not None:
        window._feedback.passage.set_text_size(window.settings.text_size)


def refresh_styles(window: MainWindow) -> None:
    # Highlight colours come from the theme; redraw what is on screen.
    practice = window._practice
    if (window.current is not None and practice is not None
            and window.stack.currentWidget() is practice):
        practice.marks.set_passage(practice.marks.text, practice.marks.marks())
    window.update()
