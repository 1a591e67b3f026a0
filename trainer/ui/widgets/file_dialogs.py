"""Every file dialog of the program, opening where the user last was for that kind of file.

A dialog starts in the last folder used for its kind of file (article sets, assignments,
progress files, PDFs, …), else the Documents folder, else the home folder; never the
program's working directory, which may be its install folder. The last folders are kept in the
store's settings (`ui.folder.<kind>`, installed by the main window when its store opens) so they
survive a restart; without a store (the set editor on its own, tests) they last for the session.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Final, Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from trainer.storage.errors import StoreError

# Kinds of file, each with its own remembered folder.
ARTICLE_SET: Final = "article-set"
ASSIGNMENT: Final = "assignment"
PROGRESS: Final = "progress"
WORKSHEET: Final = "worksheet"
CLASS_EXPORT: Final = "class-export"  # the class report's CSV, xAPI and PDF files
KINDS: Final = (ARTICLE_SET, ASSIGNMENT, PROGRESS, WORKSHEET, CLASS_EXPORT)

SETTING_PREFIX: Final = "ui.folder."


class SettingsPart(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


_settings: SettingsPart | None = None
_session: dict[str, str] = {}  # what was chosen this session, also when the store fails


def remember_folders_in(settings: SettingsPart | None) -> None:
    """Keep the last folders in these settings (the open store's); None: this session only."""
    global _settings
    _settings = settings


def forget_folders() -> None:
    """Back to a fresh start: nothing remembered, no settings (for tests)."""
    global _settings
    _settings = None
    _session.clear()


def documents_folder() -> Path:
    """The user's Documents folder when it exists, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder(kind: str) -> Path:
    """Where a dialog for this kind of file opens: the last folder used, if it still exists."""
    last = _session.get(kind)
    if _settings is not None:
        try:
            stored = _settings.get(SETTING_PREFIX + kind)
        except StoreError:
            stored = None  # a closed or locked store: the session's memory still helps
        if isinstance(stored, str) and stored:
            last = stored
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(kind: str, chosen: Path) -> None:
    """Remember the folder of a chosen file (or the chosen folder itself)."""
    folder = chosen if chosen.is_dir() else chosen.parent
    _session[kind] = str(folder)
    if _settings is not None:
        # Remembering a folder is a convenience; the file itself was chosen all the same.
        with contextlib.suppress(StoreError):
            _settings.set(SETTING_PREFIX + kind, str(folder))


def open_file(parent: QWidget | None, kind: str, title: str, filters: str,
              folder: Path | None = None) -> Path | None:
    """One existing file, or None when cancelled. `folder` overrides the remembered one."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(folder or start_folder(kind)),
                                                filters)
    return _chosen(kind, name)


def open_files(parent: QWidget | None, kind: str, title: str, filters: str) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder(kind)),
                                                  filters)
    paths = [Path(n) for n in names if n]
    if paths:
        remember(kind, paths[0])
    return paths


def save_file(parent: QWidget | None, kind: str, title: str, suggested_name: str,
              filters: str, folder: Path | None = None) -> Path | None:
    """The file to write (the dialog asks before replacing one), or None when cancelled."""
    start = (folder or start_folder(kind)) / suggested_name
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    return _chosen(kind, name)


def choose_folder(parent: QWidget | None, kind: str, title: str,
                  folder: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(folder or start_folder(kind)))
    return _chosen(kind, name)


def _chosen(kind: str, name: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    remember(kind, path)
    return path
