"""Teacher → Print worksheet…: the dialog driven with the keyboard and mouse, the PDF it saves
and the pages it sends to a (PDF-file) printer, behind the teacher PIN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QComboBox, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.pdftext import LETTER_PT, read_pdf
from tests.test_teacher_pin_gui import answer_prompt, set_pin
from tests.ui.conftest import make_set
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.teacher import print_worksheet
from trainer.ui.teacher.print_worksheet import PrintWorksheetDialog, open_print_worksheet


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(sqlite_url(tmp_path / "lib.sqlite3"), backup_dir=tmp_path / "bk")
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def _dialog(qtbot: QtBot, store: Store) -> PrintWorksheetDialog:
    dialog = PrintWorksheetDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_every_control_has_an_accessible_name(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    controls = dialog.findChildren(QAbstractButton) + dialog.findChildren(QComboBox) \
        + dialog.findChildren(QListWidget)
    assert controls
    assert all(c.accessibleName() for c in controls), [c for c in controls
                                                        if not c.accessibleName()]


def test_save_pdf_of_the_ticked_passages_with_key(qtbot: QtBot, store: Store, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(qtbot, store)
    assert dialog.set_box.currentData() == "test-set"
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_ids() == ["peace", "clean"]  # level 1's passages
    # Untick and tick again from the keyboard: Space toggles the current item.
    dialog.articles.setFocus()
    dialog.articles.setCurrentRow(1)
    qtbot.keyClick(dialog.articles, Qt.Key.Key_Space)
    assert dialog.chosen_ids() == ["peace"]
    qtbot.keyClick(dialog.articles, Qt.Key.Key_Space)
    assert dialog.chosen_ids() == ["peace", "clean"]
    qtbot.keyClick(dialog.key_box, Qt.Key.Key_Space)
    assert dialog.key_box.isChecked()
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(print_worksheet, "ask_pdf_path", lambda parent, name: out)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert out.exists(), dialog.status.text()
    assert dialog.status.text().startswith("Saved 3 pages")
    pdf = read_pdf(out)
    assert "Answer key" in pdf.text and "Budget published" in pdf.text
    assert len(pdf.pages) == 3  # two short passages on a page, the key on its own


def test_nothing_ticked_disables_output(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled() and len(dialog.chosen_ids()) == 2
    assert dialog.status.text() == ""
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_ids() == []
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert "Tick the passages to print" in dialog.status.text()


def _shown(dialog: PrintWorksheetDialog) -> list[str]:
    items = (dialog.articles.item(row) for row in range(dialog.articles.count()))
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]


def test_starts_with_nothing_ticked_and_says_why_it_cannot_print(qtbot: QtBot,
                                                                  store: Store) -> None:
    """Review 4 finding 9: all passages of every level were ticked while Level said 1."""
    dialog = _dialog(qtbot, store)
    assert dialog.level_box.currentData() == 1
    assert _shown(dialog) == ["peace", "clean"]  # level 1 only
    assert dialog.chosen_ids() == []
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert "Tick the passages to print" in dialog.status.text()
    assert dialog.save_button.toolTip() == dialog.status.text()
    dialog.articles.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_ids() == ["peace"]
    assert dialog.save_button.isEnabled() and dialog.status.text() == ""


def test_the_level_filters_the_list_and_keeps_ticks(qtbot: QtBot, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    dialog.articles.item(1).setCheckState(Qt.CheckState.Checked)  # "clean"
    dialog.level_box.setCurrentIndex(dialog.level_box.findData(2))
    assert _shown(dialog) == ["peace-2"] and dialog.chosen_ids() == []
    assert not dialog.save_button.isEnabled()
    dialog.articles.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_ids() == ["peace-2"]
    dialog.level_box.setCurrentIndex(dialog.level_box.findData(3))
    assert _shown(dialog) == [] and "no level 3 passages" in dialog.status.text()
    dialog.level_box.setCurrentIndex(dialog.level_box.findData(1))
    assert _shown(dialog) == ["peace", "clean"] and dialog.chosen_ids() == ["clean"]


def test_the_passage_open_in_practice_starts_ticked(qtbot: QtBot, store: Store) -> None:
    dialog = PrintWorksheetDialog(store, current=("test-set", "peace-2"))
    qtbot.addWidget(dialog)
    assert dialog.level_box.currentData() == 2
    assert _shown(dialog) == ["peace-2"] and dialog.chosen_ids() == ["peace-2"]
    assert dialog.save_button.isEnabled()


def test_print_sends_pages_to_the_chosen_printer(qtbot: QtBot, store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"
    asked: list[str] = []

    def fake_printer(parent: QWidget, page_size: str) -> QPrinter:
        asked.append(page_size)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setFullPage(True)
        return printer

    monkeypatch.setattr(print_worksheet, "ask_printer", fake_printer)
    dialog = _dialog(qtbot, store)
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("Letter"))
    dialog.level_box.setCurrentIndex(dialog.level_box.findData(2))
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert asked == ["Letter"]
    assert dialog.status.text() == "Sent 1 page to the printer"  # level 2: one passage
    pdf = read_pdf(out)
    assert len(pdf.pages) == 1 and pdf.sizes_pt[0] == pytest.approx(LETTER_PT, abs=1)
    assert "Anonymous source" in pdf.pages[0]  # level 2: the techniques


def test_an_empty_library_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(sqlite_url(tmp_path / "empty.sqlite3"), backup_dir=tmp_path / "b") as store:
        dialog = _dialog(qtbot, store)
        assert "no sets yet" in dialog.status.text()
        assert not dialog.save_button.isEnabled()


class _Window(QWidget):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def ensure_store(self) -> Store:
        return self._store


def test_the_menu_entry_is_behind_the_teacher_pin(qtbot: Any, store: Store) -> None:
    window = _Window(store)
    qtbot.addWidget(window)
    set_pin(qtbot, store, "4821")
    answer_prompt(qtbot, None)
    assert open_print_worksheet(window) is None  # type: ignore[arg-type]
    answer_prompt(qtbot, "4821")
    dialog = open_print_worksheet(window)  # type: ignore[arg-type]
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_teacher_menu_opens_the_dialog_on_the_main_window(qtbot: QtBot, store: Store,
                                                          tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from trainer.ui.shell.main_window import MainWindow

    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window.show()
    teacher = next(a.menu() for a in window.menuBar().actions() if "Teacher" in a.text())
    entry = next(a for a in teacher.actions() if "worksheet" in a.text().lower())
    entry.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, PrintWorksheetDialog) and w.isVisible())
    assert dialog.parent() is window and dialog.articles.count() == 2  # level 1
    entry.trigger()  # a second time: the same dialog comes to the front
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, PrintWorksheetDialog) and w.isVisible()] == [dialog]
    dialog.close()


def test_the_menu_ticks_the_passage_open_in_practice(qtbot: QtBot, store: Store,
                                                     tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from trainer.ui.shell.main_window import MainWindow

    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window.show()
    window._create_profile("Bea")
    entries = {e.article_id: e for e in store.library.entries(window.profile_id or "")}
    window.open_revision(entries["peace-2"].revision_id)
    teacher = next(a.menu() for a in window.menuBar().actions() if "Teacher" in a.text())
    next(a for a in teacher.actions() if "worksheet" in a.text().lower()).trigger()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, PrintWorksheetDialog) and w.isVisible())
    assert dialog.level_box.currentData() == 2 and dialog.chosen_ids() == ["peace-2"]
    dialog.close()
