"""Teacher → Make assignment…: a real dialog driven by keyboard, passages from two sets, saved,
read back with the reader and opened by a student in a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.test_teacher_pin_gui import answer_prompt
from tests.ui.conftest import make_article, make_set
from tests.ui.looks import luminance
from trainer.core.assignment_file import read_assignment
from trainer.core.model import Article, ArticleSet, Source
from trainer.core.pin import hash_pin
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell import theme
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.assignment_maker import open_assignment_maker
from trainer.ui.teacher.assignment_maker.dialog import AssignmentMakerDialog
from trainer.ui.teacher.teacher_pin import PIN_SETTING


def other_set() -> ArticleSet:
    stadium = make_article(2, "stadium").model_copy(update={"title": "Stadium plans leak"})
    quiet = Article(id="quiet", title="Quiet week at the harbour", level=1,
                    source=Source(outlet="Harbour News"), text="Nothing happened this week.")
    return ArticleSet(id="other-set", version=2, title="Other set", articles=[stadium, quiet])


def _open(folder: Path) -> Store:
    return Store.open(sqlite_url(folder / "trainer.sqlite3"), backup_dir=folder / "backups")


@pytest.fixture
def teacher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path / "teacher"))
    opened = _open(tmp_path / "teacher")
    opened.library.import_set(make_set())
    opened.library.import_set(other_set())
    yield opened
    opened.close()


def _window(qtbot: QtBot, store: Store, folder: Path) -> MainWindow:
    window = MainWindow(store, folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _maker(qtbot: QtBot, window: MainWindow) -> AssignmentMakerDialog:
    dialog = open_assignment_maker(window)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_tree_model_passes_the_model_tester(qtmodeltester: object, qtbot: QtBot,
                                            teacher: Store, tmp_path: Path) -> None:
    dialog = _maker(qtbot, _window(qtbot, teacher, tmp_path))
    model = dialog.model
    assert model.rowCount() == 2 and model.rowCount(model.index(0, 0)) == 2  # "Other set" first
    model.setData(model.index(0, 0, model.index(1, 0)), Qt.CheckState.Checked,
                  Qt.ItemDataRole.CheckStateRole)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(dialog.proxy)  # type: ignore[attr-defined]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.PartiallyChecked


def test_make_save_and_open_as_a_student(qtbot: QtBot, teacher: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, teacher, tmp_path)
    dialog = _maker(qtbot, window)
    assert not dialog.save_button.isEnabled()
    assert "title" in dialog.problems.text() and "passage" in dialog.problems.text()

    # Tick by keyboard: the tree is sets → passages, all expanded ("Other set" sorts first).
    tree = dialog.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Home)
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Space,  # Other set / Stadium plans leak
                Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down,  # Test set / peace
                Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Space):  # Test set / clean
        qtbot.keyClick(tree, key)
    assert dialog.chosen_keys() == [("other-set", "stadium"), ("test-set", "peace"),
                                    ("test-set", "clean")]
    # The filter box narrows the tree; a set whose title matches keeps all its passages.
    qtbot.keyClicks(dialog.filter, "harbour")
    assert dialog.proxy.rowCount() == 1
    assert dialog.proxy.rowCount(dialog.proxy.index(0, 0)) == 1
    dialog.filter.clear()

    # Reorder by keyboard: the clean passage first, then remove the stadium passage and add
    # it back at the end (Space in the tree ticks it again).
    chosen = dialog.chosen
    chosen.setFocus()
    chosen.setCurrentRow(2)
    qtbot.keyClick(chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.chosen_keys()[0] == ("test-set", "clean")
    assert not dialog.up_button.isEnabled()
    chosen.setCurrentRow(1)
    qtbot.keyClick(chosen, Qt.Key.Key_Delete)
    assert dialog.chosen_keys() == [("test-set", "clean"), ("test-set", "peace")]
    stadium = dialog.proxy.mapFromSource(dialog.model.index(0, 0, dialog.model.index(0, 0)))
    assert stadium.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    tree.setFocus()
    tree.setCurrentIndex(stadium)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    keys = [("test-set", "clean"), ("test-set", "peace"), ("other-set", "stadium")]
    assert dialog.chosen_keys() == keys

    qtbot.keyClicks(dialog.title, "Week 4: who says so?")
    qtbot.keyClicks(dialog.teacher, "Ms Rivera")
    dialog.level.setFocus()
    qtbot.keyClick(dialog.level, Qt.Key.Key_Down)  # level 2
    dialog.due_check.setFocus()
    qtbot.keyClick(dialog.due_check, Qt.Key.Key_Space)
    assert dialog.due.isEnabled()
    dialog.due.setDate(QDate(2027, 1, 15))
    dialog.feedback_end.setFocus()
    qtbot.keyClick(dialog.feedback_end, Qt.Key.Key_Space)
    assert dialog.save_button.isEnabled() and not dialog.problems.text()

    assert chosen.item(0).text() == "1. Budget published — Test set"
    assert dialog.grab().save(str(tmp_path / "assignment-maker.png"))  # looked at by hand

    target = tmp_path / "out" / "week 4"
    target.parent.mkdir()
    offered: list[str] = []

    def fake_save(*args: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    saved = target.with_suffix(".mltassignment")
    assert offered[0].endswith("week-4-who-says-so.mltassignment")
    assert dialog.saved_path == saved and "Saved" in dialog.status.text()
    assert teacher.settings.get("assignment_teacher") == "Ms Rivera"

    assignment, warnings = read_assignment(saved)
    assert warnings == []
    assert [(p.set_id, p.article_id) for p in assignment.passages] == keys
    assert [s.id for s in assignment.sets()] == ["test-set", "other-set"]
    assert [a.id for a in assignment.article_set.articles] == ["clean", "peace"]
    assert (assignment.title, assignment.teacher, assignment.level, assignment.feedback,
            assignment.due) == ("Week 4: who says so?", "Ms Rivera", 2, "end",
                                date(2027, 1, 15))

    # A student on another computer: a fresh store, File → Open assignment.
    with _open(tmp_path / "student") as student:
        pupil = _window(qtbot, student, tmp_path / "student")
        pupil.choose_profile(student.profiles.create("Ana").id)
        assert pupil.assignments.open_path(saved)
        assert {(s.id, s.article_count) for s in student.library.list_sets()} == {
            ("test-set", 2), ("other-set", 1)}
        view = pupil.assignments.view
        assert [view.model.index(r, 1).data() for r in range(3)] == [
            "Budget published", "Secret plans for peacekeepers", "Stadium plans leak"]
        view.start.click()
        for _ in keys:
            pupil.practice.nothing.setChecked(True)
            pupil.practice.request_submit()
        attempts = student.progress.export_file(pupil.profile_id or "").attempts
        assert sorted((a.set_id, a.article_id) for a in attempts) == sorted(keys)
        assert {(a.assignment_id, a.level) for a in attempts} == {(assignment.id, 2)}
        box = pupil.assignments.done_box
        assert box is not None
        box.close()
        pupil.close()


def test_no_pin_set_means_no_prompt_and_a_wrong_pin_opens_nothing(
        qtbot: QtBot, teacher: Store, tmp_path: Path) -> None:
    window = _window(qtbot, teacher, tmp_path)
    dialog = open_assignment_maker(window)  # no PIN: straight in (a prompt would block here)
    assert dialog is not None
    dialog.close()
    teacher.settings.set(PIN_SETTING, hash_pin("4821"))
    answer_prompt(qtbot, "0000", None)
    assert open_assignment_maker(window) is None
    assert not [w for w in window.findChildren(AssignmentMakerDialog) if w.isVisible()]
    answer_prompt(qtbot, "4821")
    opened = open_assignment_maker(window)
    assert opened is not None
    assert open_assignment_maker(window) is opened  # brought forward, the PIN not asked again


def test_an_empty_library_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AssignmentMakerDialog([])
    qtbot.addWidget(dialog)
    assert "no sets yet" in " ".join(w.text() for w in dialog.findChildren(type(dialog.problems)))
    assert not dialog.save_button.isEnabled()


def test_an_unwritable_folder_is_told(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AssignmentMakerDialog([make_set()])
    qtbot.addWidget(dialog)
    dialog.model.set_checked([("test-set", "peace")], True)
    dialog.title.setText("T")
    assert not dialog.save_to(tmp_path / "missing" / "t.mltassignment")
    assert "Not saved" in dialog.status.text() and "cannot write" in dialog.status.text()
    assert not (tmp_path / "missing").exists()


def _best_contrast(image: QImage, rect: QRect, background: QColor) -> float:
    back = luminance(background)
    best = 1.0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            high, low = sorted((luminance(image.pixelColor(x, y)), back), reverse=True)
            best = max(best, (high + 0.05) / (low + 0.05))
    return best


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_unticked_boxes_and_radio_buttons_are_visible_in_every_theme(
        qtbot: QtBot, name: str, restore_look: None) -> None:
    """An unticked passage's box and the unchosen feedback option must stand out from the
    background (WCAG 1.4.11: 3:1), dark and high contrast included."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    colors = theme.apply_theme(app, name)
    dialog = AssignmentMakerDialog([make_set()])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    unticked = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0))
    row = dialog.tree.visualRect(unticked)
    box = QRect(row.left(), row.top(), min(row.height() + 6, row.width()), row.height())
    image = dialog.tree.viewport().grab().toImage()
    assert _best_contrast(image, box, QColor(colors.base)) >= 3
    radio = dialog.feedback_end  # not chosen
    image = radio.grab().toImage()
    indicator = QRect(0, 0, min(radio.height(), radio.width()), radio.height())
    assert _best_contrast(image, indicator, QColor(colors.window)) >= 3


def _box(image: QImage, rect: QRect) -> QImage:
    return image.copy(rect)


def _most_different(first: QImage, second: QImage) -> float:
    """The strongest contrast between the same pixel of two equal-sized pictures."""
    best = 1.0
    for x in range(first.width()):
        for y in range(first.height()):
            high, low = sorted((luminance(first.pixelColor(x, y)),
                                luminance(second.pixelColor(x, y))), reverse=True)
            best = max(best, (high + 0.05) / (low + 0.05))
    return best


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_a_tick_on_the_highlighted_row_stays_visible_in_every_theme(
        qtbot: QtBot, name: str, restore_look: None, tmp_path: Path) -> None:
    """Review 11: on the selected (accent) row a ticked box must still read as ticked: the
    box stands out from the highlight and the tick from the box (3:1), in the passage tree
    here and in the Print worksheet list."""
    from trainer.ui.teacher.print_worksheet import PrintWorksheetDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    colors = theme.apply_theme(app, name)
    accent = QColor(colors.accent)

    dialog = AssignmentMakerDialog([make_set()])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    passage = dialog.proxy.index(0, 0, dialog.proxy.index(0, 0))
    tree.setFocus()
    tree.setCurrentIndex(passage)

    def tree_box(ticked: bool) -> QImage:
        dialog.model.set_checked([("test-set", "peace")], ticked)
        QApplication.processEvents()
        row = tree.visualRect(passage)
        return _box(tree.viewport().grab().toImage(),
                    QRect(row.left(), row.top(), row.height() + 6, row.height()))

    ticked, unticked = tree_box(True), tree_box(False)
    assert _best_contrast(ticked, ticked.rect(), accent) >= 3
    assert _most_different(ticked, unticked) >= 3

    store = _open(tmp_path)
    store.library.import_set(make_set())
    printing = PrintWorksheetDialog(store)
    qtbot.addWidget(printing)
    printing.show()
    qtbot.waitExposed(printing)
    printing.articles.setFocus()
    printing.articles.setCurrentRow(1)
    item = printing.articles.item(1)
    assert item is not None

    def list_box(state: Qt.CheckState) -> QImage:
        item.setCheckState(state)
        QApplication.processEvents()
        row = printing.articles.visualItemRect(item)
        return _box(printing.articles.viewport().grab().toImage(),
                    QRect(row.left(), row.top(), row.height() + 6, row.height()))

    ticked, unticked = list_box(Qt.CheckState.Checked), list_box(Qt.CheckState.Unchecked)
    printing.close()
    store.close()
    assert _best_contrast(ticked, ticked.rect(), accent) >= 3
    assert _most_different(ticked, unticked) >= 3


def test_the_form_does_not_move_when_the_to_save_hint_goes(qtbot: QtBot) -> None:
    """Review 16: the "To save:" line keeps its room, so a click aimed at a field while the
    hint disappears still lands on that field."""
    dialog = AssignmentMakerDialog([make_set()])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = [dialog.title, dialog.tree, dialog.save_button]

    def places() -> list[QRect]:
        QApplication.processEvents()
        return [field.geometry().translated(field.mapTo(dialog, field.rect().topLeft())
                                            - field.geometry().topLeft()) for field in fields]

    before = places()
    assert dialog.problems.text().startswith("To save")
    dialog.model.set_checked([("test-set", "peace")], True)
    dialog.title.setText("Week 3")
    assert not dialog.problems.text()
    assert places() == before
    dialog.title.clear()
    assert dialog.problems.text()
    assert places() == before
