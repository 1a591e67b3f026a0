"""Teacher → Class report (issue 12 item 3): pytest-qt drives the real window through the real
import path (file dialogs answered by monkeypatch), the background import on the write lane,
the tables against hand-computed numbers, the student code edited in place and persisted, the
heatmap and the problems strip."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from statistics import NormalDist
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRunnable, Qt
from PySide6.QtGui import QAction, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.test_teacher_pin_gui import answer_prompt
from tests.ui.class_data import (
    CITING,
    MANY,
    MINISTRY,
    SCORES,
    STARTED,
    make_class,
    teacher_store,
)
from tests.ui.conftest import make_set
from tests.ui.test_set_text_is_plain import H, hostile_set, rendered_as_html
from tests.ui.test_translatable import LUPDATE, ROOT, extracted
from trainer.core.pin import hash_pin
from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.printing import report_pdf
from trainer.ui.shell import theme
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.class_report import exports, words
from trainer.ui.teacher.class_report.heatmap import legend_text, shades, step_range_text
from trainer.ui.teacher.class_report.report_task import report_lane
from trainer.ui.teacher.class_report.table import SortRole
from trainer.ui.teacher.class_report.window import ClassReportWindow
from trainer.ui.teacher.teacher_pin import PIN_SETTING
from trainer.ui.widgets.offsets import OffsetMap
from trainer.ui.widgets.tasks import write_lane


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = teacher_store(tmp_path / "teacher.sqlite3")
    yield opened
    opened.close()


def open_window(qtbot: QtBot, store: Store) -> ClassReportWindow:
    window = ClassReportWindow(lambda: store, default_taxonomy())
    qtbot.addWidget(window)
    # The report is made on a worker and delivered through the event loop, so it cannot
    # arrive before the wait starts.
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        window.show()
    return window


def import_through_dialog(qtbot: QtBot, window: ClassReportWindow,
                          monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> Any:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *_a, **_k: ([str(p) for p in paths], "")))
    with qtbot.waitSignal(window.imported, timeout=30000) as blocker:
        window.import_files_action.trigger()
    return blocker.args[0]


def cells(model: Any) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def row_of(model: Any, name: str) -> list[str]:
    return next(row for row in cells(model) if row[0] == name)


def z(p: float) -> float:
    return NormalDist().inv_cdf(p)


def test_empty_class_says_what_to_do(qtbot: QtBot, store: Store) -> None:
    window = open_window(qtbot, store)
    assert window.stack.currentIndex() == 0
    page = window.stack.currentWidget()
    assert page is not None
    shown = " ".join(w.text() for w in page.findChildren(QWidget) if hasattr(w, "text"))
    assert "Progress → Export my progress" in shown and "Import a folder" in shown
    assert not window.csv_action.isEnabled() and not window.xapi_action.isEnabled()


def test_two_students_imported_through_the_dialog(qtbot: QtBot, store: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    files = make_class(usb, ["Ana", "Ben"])
    window = open_window(qtbot, store)
    outcome = import_through_dialog(qtbot, window, monkeypatch, files)
    assert outcome.result.files_read == 2 and outcome.result.attempts_added == 2
    assert window.stack.currentIndex() == 1
    assert ("Imported 2 files: 2 attempts added, 0 already there, 2 new students."
            in window.status.text())
    tabs = window.tabs
    # Hand-computed (tests/ui/class_data.py): Ana 0.8, Ben 0.4; the passage's sentences are
    # two signals and one fair sentence. Ana: 2 hits, 0 false alarms; Ben: 1 hit, 1 miss,
    # 1 false alarm; log-linear rates (n + ½) / (N + 1).
    ana_h, ana_f = 2.5 / 3, 0.5 / 2
    ben_h, ben_f = 1.5 / 3, 1.5 / 2
    assert row_of(tabs.students, "Ana") == [
        "Ana", "", "1", "80\u00a0%", f"{z(ana_h) - z(ana_f):.2f}",
        f"{-(z(ana_h) + z(ana_f)) / 2:+.2f}", ""]
    assert row_of(tabs.students, "Ben") == [
        "Ben", "", "1", "40\u00a0%", f"{z(ben_h) - z(ben_f):.2f}",
        f"{-(z(ben_h) + z(ben_f)) / 2:+.2f}", ""]
    [article] = cells(tabs.articles)
    assert article == ["Secret plans for peacekeepers", "2", "60\u00a0%", "intervention",
                       MINISTRY]
    confusion = tabs.confusion
    counts = {(confusion.rows[r], confusion.given[c]): confusion.index(r, c).data()
              for r in range(confusion.rowCount()) for c in range(confusion.columnCount())}
    assert counts[("vague-attribution", "unverified")] == "2"
    assert counts[("anonymous-source", "unverified")] == "1"
    assert counts[("anonymous-source", "(missed)")] == "1"
    assert counts[("loaded-language", "(missed)")] == "2"
    assert confusion.headerData(0, Qt.Orientation.Vertical) == "Anonymous source"
    # One attempt each: 1 or 2 key spans of a technique is below the minimum evidence.
    technique = tabs.techniques
    assert {technique.index(r, c).data() for r in range(2)
            for c in range(1, technique.columnCount())} == {"— (1)"}
    tip = technique.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Not enough yet" in tip and "3 needed" in tip
    assert window.csv_action.isEnabled()
    assert window.summary.text() == "2 students · 2 attempts counted · 1 article"


def test_importing_again_changes_nothing(qtbot: QtBot, store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_class(tmp_path / "usb", ["Ana"])
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, files)
    again = import_through_dialog(qtbot, window, monkeypatch, files)
    assert again.result.attempts_added == 0 and again.result.attempts_already_there == 1
    assert window.tabs.students.rowCount() == 1


def test_heatmap_shades_a_phrase_marked_by_two_of_four(qtbot: QtBot, store: Store,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    make_class(usb, ["Ana", "Ben", "Cem", "Dia"])
    window = open_window(qtbot, store)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: str(usb)))
    with qtbot.waitSignal(window.imported, timeout=30000):
        window.import_folder_action.trigger()
    students = window.tabs.students
    means = {students.index(r, 0).data(): students.index(r, 3).data(SortRole)
             for r in range(students.rowCount())}
    assert means == pytest.approx(SCORES)
    panel = window.tabs.heatmap
    window.tabs.setCurrentWidget(panel)
    assert panel.combo is not None and panel.combo.currentText() == "Secret plans for peacekeepers"
    assert panel.based_on.text() == "Based on 4 attempt(s)."
    document = panel.view.document()
    text = document.toPlainText()
    positions = OffsetMap(text)

    def at(phrase: str) -> QTextCharFormat:
        cursor = QTextCursor(document)
        cursor.setPosition(positions.to_utf16(text.index(phrase)) + 1)
        return cursor.charFormat()

    steps = shades(theme.current())
    # "citing diplomatic sources": Ana and Cem of 4 → 50 % → the second step; also in the key.
    assert at(CITING).background().color() == QColor(steps[2].background)
    assert "50 %" in at(CITING).toolTip()
    assert at(CITING).underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    assert at(MANY).background().color() == QColor(steps[2].background)
    assert at(MINISTRY).background().color() == QColor(steps[1].background)  # Ben alone
    intervention = at("intervention")  # in the key, marked by nobody
    assert intervention.background().style() == Qt.BrushStyle.NoBrush
    assert intervention.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    # The Articles tab shows the same passage for the selected row.
    assert window.tabs.article_heatmap.view.toPlainText() == text


def test_student_code_edited_in_place_is_kept(qtbot: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_class(tmp_path / "usb", ["Ana", "Ben"])
    path = tmp_path / "teacher.sqlite3"
    store = teacher_store(path)
    try:
        window = open_window(qtbot, store)
        import_through_dialog(qtbot, window, monkeypatch, files)
        view = window.tabs.students_view
        model = view.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Ben")
        view.setCurrentIndex(model.index(row, 1))
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.findChild(QLineEdit)
        assert editor is not None
        editor.selectAll()
        qtbot.keyClicks(editor, "S-1042")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        # The delegate commits a line edit's text from a queued call.
        qtbot.waitUntil(lambda: model.index(row, 1).data() == "S-1042")
        window.close()
    finally:
        store.close()
    with Store.open(f"sqlite:///{path}", daily=False) as reopened:
        codes = {s.name: s.code for s in reopened.classes.students()}
        assert codes == {"Ana": None, "Ben": "S-1042"}
        report = reopened.classes.report()
        assert {s.student_name: s.student_code for s in report.students}["Ben"] == "S-1042"


def test_too_long_code_is_refused_with_a_message(qtbot: QtBot, store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, make_class(tmp_path / "usb", ["Ana"]))
    messages: list[str] = []
    window.tabs.students.code_rejected.connect(messages.append)
    model = window.tabs.students
    assert not model.setData(model.index(0, 1), "x" * 500)
    assert messages and "longer than" in messages[0]
    assert model.index(0, 1).data() == ""


def test_broken_file_listed_by_name_while_the_good_one_is_imported(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [good] = make_class(tmp_path / "usb", ["Ana"])
    broken = tmp_path / "usb" / "broken.mltprogress"
    broken.write_bytes(b"\x00\xff{not json")
    window = open_window(qtbot, store)
    outcome = import_through_dialog(qtbot, window, monkeypatch, [good, broken])
    assert outcome.result.files_read == 1
    assert [s.student_name for s in window.report.students] == ["Ana"]
    strip = window.problems
    assert strip.isVisible()
    rows = cells(strip.model)
    assert any(kind == "Not imported" and "broken.mltprogress" in details
               for kind, details in rows), rows
    assert "1 file could not be imported" in window.status.text()


def test_assignment_filter_and_notes(qtbot: QtBot, store: Store, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    week = make_class(tmp_path / "week", ["Ana"], assignment="week-1",
                      note=("Ana", "An intervention is what it is."))
    other = make_class(tmp_path / "other", ["Ben"])
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, week + other)
    combo = window.assignment
    assert [combo.itemText(i) for i in range(combo.count())] == ["All attempts", "week-1"]
    assert window.tabs.students.rowCount() == 2
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        combo.setCurrentIndex(1)
    assert [s.student_name for s in window.report.students] == ["Ana"]
    assert cells(window.tabs.notes) == [["Secret plans for peacekeepers", "Ana",
                                         "An intervention is what it is."]]


class _Blocker(QRunnable):
    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def run(self) -> None:
        self.release.wait(10)


def test_cancel_stops_before_the_next_file(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    files = make_class(tmp_path / "usb", ["Ana", "Ben"])
    window = open_window(qtbot, store)
    blocker = _Blocker()  # keeps the write lane busy until the Cancel was pressed
    write_lane().start(blocker)
    try:
        assert window.import_paths(files)
        assert window.importer.progress is not None
        cancel = window.importer.progress.findChild(QPushButton)
        assert cancel is not None
        cancel.click()  # the dialog's Cancel
    finally:
        blocker.release.set()
    with qtbot.waitSignal(window.imported, timeout=30000) as done:
        pass
    outcome = done.args[0]
    assert outcome.cancelled and outcome.result.files_read == 0
    assert "Import cancelled" in window.status.text()
    assert window.stack.currentIndex() == 0  # nothing stored


def test_every_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: Any, store: Store,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_class(tmp_path / "usb", ["Ana", "Ben", "Cem"],
                       note=("Ben", "Not loaded at all."))
    broken = tmp_path / "usb" / "broken.json"
    broken.write_text('{"format": "trainer.progress", "format_version": 99}', encoding="utf-8")
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, [*files, broken])
    tabs = window.tabs
    for model in (tabs.students, tabs.techniques, tabs.articles, tabs.confusion, tabs.notes,
                  window.problems.model):
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)
        assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
        assert model.index(0, 0).data() is not None
        assert model.index(model.rowCount(), 0) == QModelIndex()


def test_every_control_is_named_and_reachable(qtbot: QtBot, store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, make_class(tmp_path / "usb", ["Ana"]))
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        controls = [w for w in window.findChildren(QWidget) if w.isVisible() and isinstance(
            w, QAbstractButton | QComboBox | QAbstractItemView | QTextEdit | QLineEdit)
            and not isinstance(w, QHeaderView)]  # a table's headers are part of the table
        unnamed = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
                   for w in controls if not w.accessibleName()
                   and w.objectName() != "qt_toolbar_ext_button"]
        assert not unnamed, unnamed
        assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in controls
                   if isinstance(w, QAbstractItemView | QTextEdit | QComboBox))
    shortcuts = {a.shortcut().toString() for a in (
        window.import_files_action, window.import_folder_action, window.csv_action,
        window.xapi_action, window.pdf_action)}
    assert {"Ctrl+I", "Ctrl+Shift+I", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+P"} <= shortcuts


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
    shown["ProblemsModel"].add(window.problems.model.index(0, 0).data())  # "Not imported"
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


@pytest.fixture
def restore_look() -> Iterator[None]:
    """Themes and text size are application-wide: put them back for the next test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, font, colors = app.styleSheet(), app.palette(), app.font(), theme.current()
    yield
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE)
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)
    theme._current = colors


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


def test_closing_while_the_report_is_made_waits_for_it(qtbot: QtBot, store: Store,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, make_class(tmp_path / "usb", ["Ana"]))
    blocker = _Blocker()  # holds the report lane, so the report is still on its way
    report_lane().start(blocker)
    try:
        window.refresh()
        window.close()
        assert not window.isVisible() and window.report_task is not None
    finally:
        blocker.release.set()
    qtbot.waitUntil(lambda: window.report_task is None, timeout=30000)
    assert not window.isVisible()
    window.reopen()  # the menu again: the same window comes back
    assert window.isVisible()


def test_csv_after_a_code_edit_has_the_new_code(qtbot: QtBot, store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, make_class(tmp_path / "usb", ["Ana"]))
    model = window.tabs.students
    assert model.setData(model.index(0, 1), " 2026-017 ")
    assert model.index(0, 1).data() == "2026-017"
    written = exports.save_csv(window, window.report, tmp_path / "out")
    students = next(p for p in written if p.name == "students.csv")
    with students.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1][:2] == ["2026-017", "Ana"]
    assert model.setData(model.index(0, 1), "")  # cleared: the file stated no code
    assert model.index(0, 1).data() == ""


def test_pdf_saved_with_the_heatmap_on_screen_first(qtbot: QtBot, store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch,
                          make_class(tmp_path / "usb", ["Ana", "Ben"]))
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    asked: list[object] = []
    real = report_pdf.write_class_report_pdf

    def spy(report: Any, path: Path, page_size: str = "A4", articles: Any = None) -> int:
        asked.append((page_size, articles))
        return real(report, path, page_size, articles)

    monkeypatch.setattr(report_pdf, "write_class_report_pdf", spy)
    assert window.pdf_action.isEnabled() and window.pdf_action.shortcut().toString() == "Ctrl+P"
    window.pdf_action.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    assert asked == [(exports.paper_for_locale(), [("test-set", "peace")])]


def test_remove_student_asks_then_removes(qtbot: QtBot, store: Store, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch,
                          make_class(tmp_path / "usb", ["Ana", "Ben"]))
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    view = window.tabs.students_view
    row = next(r for r in range(view.model().rowCount())
               if view.model().index(r, 0).data() == "Ben")
    view.selectRow(row)
    window.tabs.remove_button.click()  # No: nothing happens
    assert "Remove Ben" in asked[0] and len(store.classes.students()) == 2
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        window.tabs.remove_button.click()
    assert [s.name for s in store.classes.students()] == ["Ana"]
    assert cells(window.tabs.students)[0][0] == "Ana" and window.tabs.students.rowCount() == 1
