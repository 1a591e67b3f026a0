"""Teacher PIN: set, change or remove it, and the gate in front of teacher functions.

Only the salted scrypt record from trainer.core.pin is stored, under the setting
"teacher_pin_hash"; the PIN itself is never written anywhere.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.pin import MIN_PIN_LENGTH, PinError, check_pin_rules, hash_pin, verify_pin

PIN_SETTING = "teacher_pin_hash"

translate = QCoreApplication.translate


class SettingsPart(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


class SettingsStore(Protocol):
    """What of trainer.storage.service.Store this needs: `store.settings`."""

    @property
    def settings(self) -> SettingsPart: ...


def has_teacher_pin(store: SettingsStore) -> bool:
    return bool(store.settings.get(PIN_SETTING))


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setMaxLength(32)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                              | Qt.InputMethodHint.ImhSensitiveData)
    return field


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(translate("TeacherPin", "Message"))
    label.setStyleSheet("color:#b42318;")
    return label


class PinPromptDialog(QDialog):
    """Asks for the PIN; stays open with a message until it is right or cancelled."""

    def __init__(self, record: str, parent: QWidget | None = None,
                 purpose: str | None = None) -> None:
        super().__init__(parent)
        self._record = record
        self.setWindowTitle(self.tr("Teacher PIN"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(purpose or self.tr("This part of the program is for teachers. "
                                          "Enter the teacher PIN."))
        intro.setWordWrap(True)
        self.pin = _pin_field(self.tr("Teacher PIN"))
        self.message = _message_label()
        form = QFormLayout()
        label = QLabel(self.tr("&PIN:"))
        label.setBuddy(self.pin)
        form.addRow(label, self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.failures = 0

    def try_accept(self) -> None:
        if verify_pin(self.pin.text(), self._record):
            self.accept()
            return
        self.failures += 1
        self.pin.clear()
        self.pin.setFocus()
        self.message.setText(self.tr("That PIN is not right. Try again, or press Cancel."))


def require_teacher_pin(parent: QWidget | None, store: SettingsStore,
                        purpose: str | None = None) -> bool:
    """True when no PIN is set or the right PIN was entered (modal)."""
    record = store.settings.get(PIN_SETTING)
    if not isinstance(record, str) or not record:
        return True
    dialog = PinPromptDialog(record, parent, purpose)
    return dialog.exec() == QDialog.DialogCode.Accepted


class TeacherPinDialog(QDialog):
    """Settings → Teacher PIN: set a PIN, change it, or remove it (the current one needed)."""

    def __init__(self, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        record = store.settings.get(PIN_SETTING)
        self._record = record if isinstance(record, str) and record else None
        self.setWindowTitle(self.tr("Teacher PIN"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(420)
        if self._record:
            text = self.tr("A teacher PIN protects the set editor, the class report, making "
                           "assignments, printing worksheets and removing sets from the "
                           "library. "
                           "Enter the current PIN to change or remove it.")
        else:
            text = self.tr("Set a teacher PIN to keep students out of the set editor, the "
                           "class report, making assignments, printing worksheets and "
                           "removing sets from the library. "
                           "At least %1 digits.").replace("%1", str(MIN_PIN_LENGTH))
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.current = _pin_field(self.tr("Current PIN"))
        self.new = _pin_field(self.tr("New PIN"))
        self.confirm = _pin_field(self.tr("Repeat new PIN"))
        self.message = _message_label()
        form = QFormLayout()
        if self._record:
            self._row(form, self.tr("&Current PIN:"), self.current)
        self._row(form, self.tr("&New PIN:"), self.new)
        self._row(form, self.tr("&Repeat new PIN:"), self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.remove_button: QPushButton | None = None
        if self._record:
            self.remove_button = QPushButton(self.tr("&Remove PIN"))
            buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.clicked.connect(self.remove)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.current if self._record else self.new).setFocus()

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QLineEdit) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)

    def _current_ok(self) -> bool:
        if self._record is None or verify_pin(self.current.text(), self._record):
            return True
        self.message.setText(self.tr("The current PIN is not right."))
        self.current.clear()
        self.current.setFocus()
        return False

    def save(self) -> None:
        if not self._current_ok():
            return
        pin = self.new.text()
        try:
            check_pin_rules(pin)
        except PinError:
            self.message.setText(self.tr("A teacher PIN must be at least %1 digits (0–9).")
                                 .replace("%1", str(MIN_PIN_LENGTH)))
            self.new.setFocus()
            return
        if pin != self.confirm.text():
            self.message.setText(self.tr("The two new PINs are different. Type it again."))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        self._store.settings.set(PIN_SETTING, hash_pin(pin))
        self.accept()

    def remove(self) -> None:
        if not self._current_ok():
            return
        self._store.settings.set(PIN_SETTING, None)
        self.accept()
