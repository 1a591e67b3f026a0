"""Teacher PIN: setting, changing and removing it, and the gate in front of the editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from trainer.core.pin import verify_pin
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.teacher.editor import open_set_editor
from trainer.ui.teacher.teacher_pin import (
    PIN_SETTING,
    PinPromptDialog,
    TeacherPinDialog,
    has_teacher_pin,
    require_teacher_pin,
)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    opened = Store.open(sqlite_url(tmp_path / 'lib.sqlite3'), backup_dir=tmp_path / "bk")
    yield opened
    opened.close()


def set_pin(qtbot: Any, store: Store, pin: str, current: str = "") -> TeacherPinDialog:
    dialog = TeacherPinDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    if current:
        qtbot.keyClicks(dialog.current, current)
    qtbot.keyClicks(dialog.new, pin)
    qtbot.keyClicks(dialog.confirm, pin)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    return dialog


def answer_prompt(qtbot: Any, *pins: str | None) -> list[str]:
    """Type each PIN into the modal prompt as it appears (None = press Escape)."""
    messages: list[str] = []
    queue = list(pins)

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinPromptDialog):
            QTimer.singleShot(20, step)
            return
        pin = queue.pop(0)
        if pin is None:
            qtbot.keyClick(dialog.pin, Qt.Key.Key_Escape)
            return
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        messages.append(dialog.message.text())
        if queue:
            QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    return messages


def test_no_pin_means_no_question(store: Store) -> None:
    assert not has_teacher_pin(store)
    assert require_teacher_pin(None, store)


def test_setting_a_pin_stores_only_a_salted_hash(qtbot: Any, store: Store) -> None:
    dialog = set_pin(qtbot, store, "4821")
    assert dialog.result() == TeacherPinDialog.DialogCode.Accepted
    record = store.settings.get(PIN_SETTING)
    assert isinstance(record, str) and "4821" not in record
    assert record.startswith("scrypt$") and verify_pin("4821", record)


def test_rules_and_mismatch_are_explained(qtbot: Any, store: Store) -> None:
    dialog = set_pin(qtbot, store, "12")
    assert dialog.isVisible() and "at least 4 digits" in dialog.message.text()
    dialog.new.clear()
    qtbot.keyClicks(dialog.new, "1234")
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "1243")
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert "different" in dialog.message.text()
    assert store.settings.get(PIN_SETTING) is None


def test_gate_asks_until_right_or_cancelled(qtbot: Any, store: Store) -> None:
    set_pin(qtbot, store, "4821")
    messages = answer_prompt(qtbot, "0000", "4821")
    assert require_teacher_pin(None, store)
    assert "not right" in messages[0]
    answer_prompt(qtbot, None)
    assert not require_teacher_pin(None, store)


def test_change_and_remove_need_the_current_pin(qtbot: Any, store: Store) -> None:
    set_pin(qtbot, store, "4821")
    wrong = set_pin(qtbot, store, "9999", current="1111")
    assert wrong.isVisible() and "not right" in wrong.message.text()
    assert verify_pin("4821", store.settings.get(PIN_SETTING))
    set_pin(qtbot, store, "9999", current="4821")
    assert verify_pin("9999", store.settings.get(PIN_SETTING))

    dialog = TeacherPinDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.remove_button is not None
    qtbot.keyClicks(dialog.current, "9999")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert not has_teacher_pin(store)
    assert dialog.findChild(QDialogButtonBox) is not None


def test_editor_opens_only_behind_the_pin(qtbot: Any, store: Store) -> None:
    set_pin(qtbot, store, "4821")
    answer_prompt(qtbot, None)
    assert open_set_editor(None, lambda: store) is None
    answer_prompt(qtbot, "4821")
    editor = open_set_editor(None, lambda: store)
    assert editor is not None and editor.isVisible()
    qtbot.addWidget(editor)
    assert editor.library_action.isEnabled()


def test_the_pin_dialog_promises_only_what_it_protects(qtbot: Any, store: Store) -> None:
    # QA: the text once promised a "class report" the program did not have; it names exactly
    # what calls require_teacher_pin: the set editor, the class report, making assignments and
    # removing sets.
    from PySide6.QtWidgets import QLabel

    for _ in range(2):
        dialog = TeacherPinDialog(store)
        qtbot.addWidget(dialog)
        texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "set editor" in texts and "making assignments" in texts
        assert "removing sets" in texts and "class report" in texts
        set_pin(qtbot, store, "4821")  # the second round shows the "change it" wording
