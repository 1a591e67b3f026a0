"""Review 20: every file dialog starts in the last folder used for its kind of file, else
Documents, else the home folder (never the working directory), remembered in the settings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from tests.ui.test_app_flow import open_store, show_window
from trainer.storage.service import Store
from trainer.ui.progress.progress_controller import ProgressController
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.widgets import file_dialogs

UI = Path(__file__).resolve().parents[2] / "trainer" / "ui"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(
        lambda _location: str(folder)))
    return folder


class Dialogs:
    """Stands in for QFileDialog: records where each dialog opened, answers with `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened_in: list[str] = []
        self.answer = ""
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._file))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(self._files))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))

    def _file(self, _parent: object, _title: str, start: str, *_rest: object) -> tuple[str, str]:
        self.opened_in.append(start)
        return self.answer, ""

    def _files(self, _parent: object, _title: str, start: str,
               *_rest: object) -> tuple[list[str], str]:
        self.opened_in.append(start)
        return ([self.answer] if self.answer else []), ""

    def _folder(self, _parent: object, _title: str, start: str, *_rest: object) -> str:
        self.opened_in.append(start)
        return self.answer


def _window(qtbot: QtBot, store: Store, folder: Path,
            name: str = "Ana") -> tuple[MainWindow, ProgressController]:
    window = show_window(qtbot, store, folder)
    window._create_profile(name)
    window.finish_setup()
    controller = window.progress
    assert isinstance(controller, ProgressController)
    return window, controller


def test_export_twice_starts_where_the_last_export_went(
        qtbot: QtBot, store: Store, tmp_path: Path, documents: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(monkeypatch)
    window, controller = _window(qtbot, store, tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    dialogs.answer = str(usb / "Ana.mltprogress")
    assert controller.export_progress() == usb / "Ana.mltprogress"
    assert dialogs.opened_in[0] == str(documents / "Ana.mltprogress")  # first time: Documents
    assert controller.export_progress() is not None
    assert dialogs.opened_in[1] == str(usb / "Ana.mltprogress")  # then where it went
    dialogs.answer = ""
    controller.import_progress()  # same kind of file, same folder
    assert dialogs.opened_in[2] == str(usb)
    window.assignments.choose_file()  # another kind: its own folder, Documents so far
    assert dialogs.opened_in[3] == str(documents)
    # Kept in the store's settings: a restart (a new window, nothing in memory) still knows.
    assert store.settings.get("ui.folder.progress") == str(usb)
    window.close()
    file_dialogs.forget_folders()
    _other, controller = _window(qtbot, store, tmp_path, "Ben")
    controller.export_progress()
    assert dialogs.opened_in[4] == str(usb / "Ben.mltprogress")


def test_import_sets_and_folders_remember_their_folder(
        qtbot: QtBot, store: Store, tmp_path: Path, documents: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = Dialogs(monkeypatch)
    window, _controller = _window(qtbot, store, tmp_path)
    sets = tmp_path / "sets"
    sets.mkdir()
    window.import_export.choose_files()  # cancelled: nothing remembered
    assert dialogs.opened_in == [str(documents)]
    dialogs.answer = str(sets)
    monkeypatch.setattr(window.import_export, "import_paths", lambda paths: None)
    window.import_export.choose_folder()
    dialogs.answer = ""
    window.import_export.choose_files()
    assert dialogs.opened_in[1:] == [str(documents), str(sets)]


def test_a_missing_folder_falls_back_to_documents_then_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    file_dialogs.remember(file_dialogs.WORKSHEET, gone / "sheet.pdf")
    assert file_dialogs.start_folder(file_dialogs.WORKSHEET) == gone
    gone.rmdir()  # a USB stick pulled out
    documents = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(
        lambda _location: str(documents)))
    assert file_dialogs.start_folder(file_dialogs.WORKSHEET) == Path.home()  # no Documents
    documents.mkdir()
    assert file_dialogs.start_folder(file_dialogs.WORKSHEET) == documents
    assert file_dialogs.start_folder(file_dialogs.WORKSHEET) != Path.cwd()


def test_a_closed_store_still_remembers_for_the_session(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    file_dialogs.remember_folders_in(store.settings)
    store.close()
    file_dialogs.remember(file_dialogs.ASSIGNMENT, tmp_path / "week.mltassignment")
    assert file_dialogs.start_folder(file_dialogs.ASSIGNMENT) == tmp_path


def test_every_file_dialog_goes_through_the_helper() -> None:
    """No QFileDialog call of its own anywhere in the UI, so none opens in the working
    directory."""
    calls = re.compile(r"QFileDialog\.get")
    offenders = [str(path.relative_to(UI)) for path in UI.rglob("*.py")
                 if calls.search(path.read_text(encoding="utf-8"))
                 and path.name != "file_dialogs.py"]
    assert offenders == []
