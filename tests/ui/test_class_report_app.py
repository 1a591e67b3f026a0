"""Teacher → Class report within the program (issue 12 item 3): the CSV and xAPI exports, the
Teacher menu behind the PIN, set and file text shown literally, every string found by
pyside6-lupdate, the heatmap following the text size and the theme, and the problems strip.
Split from test_class_report_screen.py (which keeps the import, tables and heatmap tests and
the helpers used here) when that file passed 500 lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from tests.test_teacher_pin_gui import answer_prompt
from tests.ui.class_data import MANY, STARTED, make_class, teacher_store
from tests.ui.conftest import make_set
from tests.ui.test_class_report_screen import cells, import_through_dialog, open_window, row_of
from tests.ui.test_set_text_is_plain import H, hostile_set, rendered_as_html
from tests.ui.test_translatable import LUPDATE, ROOT, extracted
from trainer.core.pin import hash_pin
from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell import theme
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.class_report import words
from trainer.ui.teacher.class_report.heatmap import legend_text, shades, step_range_text
from trainer.ui.teacher.class_report.window import ClassReportWindow
from trainer.ui.teacher.teacher_pin import PIN_SETTING
from trainer.ui.widgets.offsets import OffsetMap


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = teacher_store(tmp_path / "teacher.sqlite3")
    yield opened
    opened.close()


def test_csv_and_xapi_saved_where_the_teacher_chose(qtbot: QtBot, store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch,
                          make_class(tmp_path / "usb", ["Ana", "Ben"]))
    out = tmp_path / "gradebook"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(out)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(tmp_path / "x.json"), "")))
    window.csv_action.trigger()
    window.xapi_action.trigger()
    assert sorted(p.name for p in out.iterdir()) == ["attempts.csv", "students.csv",
                                                     "techniques.csv"]
    assert (out / "students.csv").read_text(encoding="utf-8-sig").count("\n") == 3
    assert (tmp_path / "x.json").read_text(encoding="utf-8").count('"verb"') == 2


def _teacher_action(window: MainWindow, text: str) -> QAction:
    menu = next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == "Teacher")
    assert isinstance(menu, QMenu)
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_teacher_menu_opens_the_report_behind_the_pin(qtbot: QtBot, store: Store,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window.show()
    action = _teacher_action(window, "Class report…")
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    store.settings.set(PIN_SETTING, hash_pin("4821"))
    answer_prompt(qtbot, None)  # Escape: the report stays closed
    action.trigger()
    assert window.findChild(ClassReportWindow) is None
    answer_prompt(qtbot, "4821")
    action.trigger()
    report = window.findChild(ClassReportWindow)
    assert isinstance(report, ClassReportWindow) and report.isVisible()
    action.trigger()  # open already: raised, not asked again, not opened twice
    assert len(window.findChildren(ClassReportWindow)) == 1
    report.close()


def test_class_screen_shows_set_and_file_text_literally(qtbot: QtBot, tmp_path: Path) -> None:
    hostile = hostile_set()
    text = hostile.articles[0].text
    start = text.index("Officials")
    folder = tmp_path / "usb"
    folder.mkdir()
    with Store.open(sqlite_url(tmp_path / "student.sqlite3"), daily=False) as student:
        student.library.import_set(hostile)
        profile = student.profiles.create(f"Ana {H}")
        [entry] = student.library.entries(profile.id)
        done = student.practice.submit(
            profile.id, entry.revision_id, [Span(start, start + 9, "framing"),
                                            Span(text.index(H), text.index(H) + 6, "framing")],
            mode="family", started_at=STARTED)
        student.practice.save_note(done.attempt_id, "text", start, start + 9, f"Note {H}")
        write_progress(student.progress.export_file(profile.id), folder / "ana.mltprogress")
    with Store.open(sqlite_url(tmp_path / "teacher.sqlite3"), daily=False) as teacher:
        teacher.library.import_set(hostile)
        window = open_window(qtbot, teacher)
        with qtbot.waitSignal(window.imported, timeout=30000):
            window.import_paths([folder])
        assert window.report.attempts and window.report.notes
        problems = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            problems += rendered_as_html(window)
        assert not problems, "\n".join(sorted(set(problems)))
        window.close()


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_finds_the_strings_the_screen_shows(qtbot: QtBot, store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch,
                          [*make_class(tmp_path / "usb", ["Ana", "Ben"]), tmp_path / "gone"])
    tabs = window.tabs
    shown: dict[str, set[str]] = {}
    for model in (tabs.students, tabs.articles, tabs.notes, window.problems.model):
        shown.setdefault(type(model).__name__, set()).update(
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
    # "Not imported (14:02)": the literal has the import's time as %1.
    kind = window.problems.model.index(0, 0).data()
    shown["ProblemsModel"].add(kind[:kind.rindex("(")] + "(%1)")
    shown["TechniquesModel"] = {tabs.techniques.headerData(0, Qt.Orientation.Horizontal)}
    shown["ConfusionModel"] = {tabs.confusion.headerData(tabs.confusion.columnCount() - 1,
                                                         Qt.Orientation.Horizontal)}  # Missed
    shown["ClassReport"] = {words.pattern_words("flags everything"),
                            words.pattern_words("flags nothing"),
                            words.mastery_tooltip(None)}
    shown["Heatmap"] = {step_range_text(s) for s in range(5)} | {legend_text()}
    shown["ClassReportWindow"] = {window.windowTitle(), window.assignment.itemText(0)}
    sources = sorted((ROOT / "trainer/ui/teacher/class_report").glob("*.py"))
    found: dict[str, set[str]] = {}
    for n, source in enumerate(sources):
        for context, texts in extracted(source, tmp_path / f"t{n}.ts").items():
            found.setdefault(context, set()).update(texts)
    missing = {context: texts - found.get(context, set()) for context, texts in shown.items()}
    assert not any(missing.values()), missing


def test_heatmap_follows_the_text_size_and_the_theme(qtbot: QtBot, store: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     restore_look: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, "light")
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE)
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch,
                          make_class(tmp_path / "usb", ["Ana", "Ben"]))
    view = window.tabs.heatmap.view

    def first_shade() -> QColor:
        text = view.document().toPlainText()
        cursor = QTextCursor(view.document())
        cursor.setPosition(OffsetMap(text).to_utf16(text.index(MANY)) + 1)
        return cursor.charFormat().background().color()

    size = view.document().defaultFont().pointSizeF()
    assert first_shade() == QColor(shades(theme.LIGHT)[4].background)  # 2 of 2
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE * 1.5)
    QApplication.processEvents()
    assert view.document().defaultFont().pointSizeF() == pytest.approx(size * 1.5, rel=0.1)
    theme.apply_theme(app, "dark")
    QApplication.processEvents()
    assert first_shade() == QColor(shades(theme.DARK)[4].background)
    assert window.tabs.heatmap.legend.samples[4].styleSheet().count(
        shades(theme.DARK)[4].background) == 1


def test_problems_strip_names_edited_scores_missing_articles_and_two_names(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [ana, ben] = make_class(tmp_path / "usb", ["Ana", "Ben"])
    data = json.loads(ben.read_text(encoding="utf-8"))
    for mode in ("any", "family", "technique"):  # Ben "improves" his scores by hand
        data["attempts"][0]["scores"]["research"][mode] = {"precision": 1.0, "recall": 1.0,
                                                           "f1": 1.0}
    ben.write_text(json.dumps(data), encoding="utf-8")
    renamed = json.loads(ana.read_text(encoding="utf-8"))
    renamed["profile"]["name"] = "Anna"
    renamed["attempts"][0]["id"] = "0f0e0d0c-0b0a-4908-8706-050403020100"
    renamed["attempts"][0]["article_id"] = "not-here"  # a passage this computer lacks
    (tmp_path / "usb" / "zz-anna.json").write_text(json.dumps(renamed), encoding="utf-8")
    with Store.open(sqlite_url(tmp_path / "teacher.sqlite3"), daily=False) as store:
        store.library.import_set(make_set())
        window = open_window(qtbot, store)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                            staticmethod(lambda *_a, **_k: str(tmp_path / "usb")))
        with qtbot.waitSignal(window.imported, timeout=30000):
            window.empty.folder.click()  # the empty screen's own button
        rows = cells(window.problems.model)
        kinds = [kind for kind, _details in rows]
        assert "Scores in the file disagree" in kinds
        assert "Article not on this computer" in kinds
        assert any("'Ana' and 'Anna'" in details for _kind, details in rows), rows
        ben_row = row_of(window.tabs.students, "Ben")
        assert ben_row[3] == "40\u00a0%"  # scored again from the marks, not 100 %
        window.close()
