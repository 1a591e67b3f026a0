"""Double-clicked documents: `trainer FILE…` starts the program and opens each file by the
"format" it holds (article set → import, progress file → merge, others → a clear message)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_set
from trainer.cli.main import document_paths
from trainer.core.filetypes import FILE_TYPES, by_extension, sniff
from trainer.core.jsonset import write_json_set
from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.storage.service import Store
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.open_documents import open_documents


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = Store.open(f"sqlite:///{tmp_path / 'trainer.sqlite3'}",
                        backup_dir=tmp_path / "backups")
    yield opened
    opened.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_args: object) -> int:
        shown.append((title, text))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def test_only_existing_trainer_documents_start_the_program(tmp_path: Path) -> None:
    assignment = tmp_path / "week 3.mltassignment"
    assignment.write_text("{}", encoding="utf-8")
    named_json = tmp_path / "set.json"
    named_json.write_text("{}", encoding="utf-8")
    assert document_paths([str(assignment)]) == [str(assignment)]
    assert document_paths([str(named_json)]) == []  # `.json` is every program's; not ours
    assert document_paths([str(tmp_path / "gone.mltset")]) == []
    assert document_paths(["validate", str(assignment)]) == []
    assert document_paths(["--version"]) == []
    assert document_paths([]) == []


def test_type_comes_from_the_format_field_first(tmp_path: Path) -> None:
    renamed = tmp_path / "odd-name.mltset"
    renamed.write_text('{\n  "format" : "trainer.progress", "x": 1}', encoding="utf-8")
    assert sniff(renamed) is next(t for t in FILE_TYPES if t.key == "progress")
    assert by_extension(renamed) is next(t for t in FILE_TYPES if t.key == "article-set")
    garbage = tmp_path / "garbage.mltset"
    garbage.write_bytes(b"\x00\xff" * 100)
    assert sniff(garbage) is None


def test_a_double_clicked_set_is_imported(qtbot: QtBot, store: Store, tmp_path: Path,
                                          messages: list[tuple[str, str]]) -> None:
    path = tmp_path / "class set.mltset"
    write_json_set(make_set(), path)
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.import_export.imported, timeout=20_000):
        open_documents(window, [path])
    assert [s.id for s in store.library.list_sets()] == [make_set().id]


def test_a_double_clicked_progress_file_is_merged_once(
        qtbot: QtBot, store: Store, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    article_set = make_set()
    store.library.import_set(article_set)
    profile = store.profiles.create("Ada")
    entry = store.library.entries(profile.id)[0]
    store.practice.submit(profile.id, entry.revision_id, [Span(0, 4, "unverified")],
                          mode="family", started_at=datetime.now(UTC))
    path = tmp_path / "ada.mltprogress"
    write_progress(store.progress.export_file(profile.id), path)

    other = tmp_path / "other"
    other.mkdir()
    with Store.open(f"sqlite:///{other / 'trainer.sqlite3'}", backup_dir=other / "b") as second:
        second.library.import_set(article_set)
        window = MainWindow(second, other)
        qtbot.addWidget(window)
        open_documents(window, [path])
        open_documents(window, [path])
        assert [p.name for p in second.profiles.list()] == ["Ada"]
        assert len(second.progress.history(second.profiles.list()[0].id)) == 1
    assert messages[0][0] == "Progress imported"
    assert "1 attempts added" in messages[0][1]
    assert "0 attempts added, 1 already here" in messages[1][1]


def test_a_double_clicked_assignment_opens_it(
        qtbot: QtBot, store: Store, tmp_path: Path, messages: list[tuple[str, str]]) -> None:
    from trainer.core.assignment_file import make_assignment, write_assignment

    made = make_assignment(make_set(), ["peace"], title="Week 3", level=2, teacher="Ms Rivera")
    path = tmp_path / "week 3.mltassignment"
    write_assignment(made, path)
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window.choose_profile(store.profiles.create("Ana").id)
    open_documents(window, [path])
    assert [s.id for s in store.library.list_sets()] == ["test-set"]
    assert window.stack.currentWidget() is window.assignments.view
    broken = tmp_path / "broken.mltassignment"
    broken.write_text('{"format": "trainer.assignment", "format_version": 1}', encoding="utf-8")
    open_documents(window, [broken])
    shown = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert shown and "broken.mltassignment" in shown[-1].text()
    assert [s.id for s in store.library.list_sets()] == ["test-set"]  # nothing changed


def test_a_double_click_while_the_program_is_open_says_what_to_do(
        qtbot: QtBot, tmp_path: Path, messages: list[tuple[str, str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.ui.shell.app import run_app, try_lock

    path = tmp_path / "set.mltset"
    write_json_set(make_set(), path)
    folder = tmp_path / "data"
    monkeypatch.setenv("TRAINER_HOME", str(folder))  # run_app sets it; restored afterwards
    held = try_lock(folder)
    assert held is not None
    try:
        assert run_app(data_dir=str(folder), documents=[str(path)]) == 1
    finally:
        held.unlock()
    assert messages[0][0] == "Already open"
    assert "To open set.mltset, close the trainer" in messages[0][1]
