"""File → Import/Export and drag-and-drop on a real window with a real Store."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from tests.mdfixtures import article, make_set
from trainer.core.formats import load_set
from trainer.core.jsonset import load_json_set
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.library.import_export import (
    ImportExportController,
    ImportTask,
    install_import_export,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture
def store(tmp_path: Path) -> Any:
    opened = Store.open(sqlite_url(tmp_path / 'lib.sqlite3'), backup_dir=tmp_path / "bk")
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot: Any) -> QMainWindow:
    main = QMainWindow()
    main.menuBar().addMenu("&File").addAction("&Quit")
    qtbot.addWidget(main)
    main.show()
    return main


def run_import(qtbot: Any, controller: ImportExportController, paths: list[Path]) -> list[Any]:
    with qtbot.waitSignal(controller.imported, timeout=20000) as blocker:
        assert controller.import_paths(paths) is not None
    outcomes: list[Any] = blocker.args[0]
    assert controller.summary is not None and controller.summary.isVisible()
    return outcomes


def markdown_set(root: Path) -> Path:
    return make_set(root, {
        "01.md": article("Officials [reportedly]{.vague-attribution why=\"Who?\"} agreed."),
        "02.md": article("A calm, sourced report.", "id: a2\ntitle: Second\nlevel: 1\n")})


def test_actions_go_into_the_existing_file_menu(window: QMainWindow, store: Store) -> None:
    controller = install_import_export(window, lambda: store)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]  # type: ignore[union-attr]
    assert texts == ["&Import set file…", "Import set &folder…", "&Export set as JSON…", "&Quit"]
    assert window.acceptDrops()
    assert controller.import_file_action.shortcut().toString() == "Ctrl+I"


def test_import_json_and_markdown_shows_a_summary(qtbot: Any, window: QMainWindow,
                                                  store: Store, tmp_path: Path) -> None:
    controller = install_import_export(window, lambda: store)
    folder = markdown_set(tmp_path / "md")
    outcomes = run_import(qtbot, controller, [DATA / "good" / "sample.json", folder])
    assert [o.problems for o in outcomes] == [[], []]
    sample = load_json_set(DATA / "good" / "sample.json")
    assert outcomes[0].report.added == len(sample.articles)
    assert outcomes[1].report.added == 2
    assert {s.id for s in store.library.list_sets()} == {sample.id, "demo"}
    summary = controller.summary
    assert summary is not None
    assert f"Articles added: {len(sample.articles) + 2}" in summary.headline.text()
    assert summary.list.count() == 2

    # Importing the same inputs again: everything unchanged.
    controller.summary.close()
    outcomes = run_import(qtbot, controller, [folder])
    assert (outcomes[0].report.added, outcomes[0].report.unchanged) == (0, 2)


def test_a_bad_file_lists_its_problems_and_changes_nothing(
        qtbot: Any, window: QMainWindow, store: Store) -> None:
    controller = install_import_export(window, lambda: store)
    bad = DATA / "bad" / "multi-problem.json"
    with pytest.raises(Exception) as expected:
        load_set(bad)
    expected_lines = [p.format() for p in expected.value.problems]  # type: ignore[attr-defined]
    outcomes = run_import(qtbot, controller, [bad])
    assert outcomes[0].report is None and outcomes[0].problems == expected_lines
    assert store.library.list_sets() == []
    summary = controller.summary
    assert summary is not None
    rows = [summary.list.item(i).text() for i in range(summary.list.count())]
    assert rows[0].startswith("✗") and f"{len(expected_lines)} problem" in rows[0]
    assert [r.strip() for r in rows[1:]] == expected_lines
    assert "files with errors: 1" in summary.headline.text()
    assert expected_lines[0] in summary.text()


def test_dropping_files_onto_the_window_imports_them(
        qtbot: Any, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    controller = install_import_export(window, lambda: store)
    zipped = Path(shutil.make_archive(str(tmp_path / "md"), "zip",
                                      markdown_set(tmp_path / "src")))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(zipped))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(controller.imported, timeout=20000) as blocker:
        QApplication.sendEvent(window, drop)
    assert blocker.args[0][0].report.added == 2
    assert [s.id for s in store.library.list_sets()] == ["demo"]

    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, text_only,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_cancelling_during_the_import_writes_nothing(store: Store, tmp_path: Path) -> None:
    task = ImportTask([markdown_set(tmp_path / "md")], store)
    task.signals.progress.connect(lambda _done, _total: task.cancel.set())
    outcomes: list[Any] = []
    task.signals.finished.connect(outcomes.extend)
    task.run()  # in this thread, so the progress slot runs before the Store continues
    assert outcomes[0].cancelled and outcomes[0].report is None
    assert store.library.list_sets() == []


def test_export_writes_one_json_file_that_imports_again(
        qtbot: Any, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    controller = install_import_export(window, lambda: store)
    run_import(qtbot, controller, [DATA / "good" / "sample.json"])
    out = tmp_path / "usb" / "sample.json"
    out.parent.mkdir()
    sample = load_json_set(DATA / "good" / "sample.json")
    assert controller.export_to(sample.id, out)
    exported = load_json_set(out)
    # Header (author, licence, language, description…) and articles survive the trip.
    assert exported == sample
    other = Store.open(sqlite_url(tmp_path / 'other.sqlite3'), backup_dir=tmp_path / "bk2")
    try:
        report = other.library.import_set(exported)
        assert report.added == len(sample.articles)
    finally:
        other.close()


def test_the_teacher_guide_example_validates_and_imports(
        qtbot: Any, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    """docs/TEACHERS.md's two-article set, copied out of the guide, really works."""
    import re

    guide = (Path(__file__).parent.parent / "docs" / "TEACHERS.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:yaml|markdown)\n(.*?)```", guide, flags=re.S)
    folder = tmp_path / "year9-local-news"
    folder.mkdir()
    names = ["set.yaml", "01-pool.md", "02-library.md"]
    for name, block in zip(names, blocks, strict=True):
        text = "\n".join(line[3:] if line.startswith("   ") else line
                         for line in block.splitlines())
        (folder / name).write_text(text + "\n", encoding="utf-8")
    article_set = load_set(folder)
    assert [len(a.annotations) for a in article_set.articles] == [2, 0]
    controller = install_import_export(window, lambda: store)
    outcomes = run_import(qtbot, controller, [folder])
    assert outcomes[0].report.added == 2


def test_exporting_a_set_that_is_gone_reports_instead_of_raising(
        qtbot: Any, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    controller = install_import_export(window, lambda: store)
    shown: list[str] = []
    controller._inform = lambda title, text: shown.append(text)  # type: ignore[method-assign]
    assert not controller.export_to("no-such-set", tmp_path / "out.json")
    assert shown and "Could not export" in shown[0] and "no-such-set" in shown[0]
    assert not (tmp_path / "out.json").exists()


def test_warnings_of_a_successful_import_are_listed_and_copyable(
        qtbot: Any, window: QMainWindow, store: Store, tmp_path: Path) -> None:
    """Issue 9: what the loader accepted with a warning is told, not only errors."""
    folder = markdown_set(tmp_path / "md")
    (folder / "03.md.txt").write_text(article("Saved by Notepad."), encoding="utf-8")
    ptc = tmp_path / "ptc"
    ptc.mkdir()
    (ptc / "article7.txt").write_text("Pool closure\n\nFurious\u009d swimmers say so.\n",
                                      encoding="utf-8")
    (ptc / "article7.task-flc-tc.labels").write_text("7\tLoaded_Language\t14\t21\n",
                                                     encoding="utf-8")
    controller = install_import_export(window, lambda: store)
    outcomes = run_import(qtbot, controller, [folder, ptc])
    assert all(o.report is not None for o in outcomes)
    summary = controller.summary
    assert summary is not None and not summary.isModal()  # stays open beside the files
    assert "warnings: 2" in summary.headline.text()
    rows = [summary.list.item(i).text() for i in range(summary.list.count())]
    misnamed = next(r for r in rows if "03.md.txt" in r)
    assert "warning: this file is not read" in misnamed and "Notepad" in misnamed
    control = next(r for r in rows if "article7.txt" in r)
    assert "article7.txt:3:8: warning:" in control  # file:line:col
    assert rows[rows.index(misnamed) - 1].startswith("⚠")
    summary.list.item(rows.index(control)).setSelected(True)
    summary.copy_selected()
    assert QApplication.clipboard().text() == control.strip()
    assert "03.md.txt" in summary.text()  # the Copy button copies everything
    summary.close()
