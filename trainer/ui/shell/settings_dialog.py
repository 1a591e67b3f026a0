"""Settings: text size, theme, practice level, and where the data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.shell.theme import THEMES
from trainer.ui.shell.ui_settings import (
    DEFAULT_TEXT_SIZE,
    MAX_TEXT_SIZE,
    MIN_TEXT_SIZE,
    SettingsStore,
    UiSettings,
)

__all__ = ["DEFAULT_TEXT_SIZE", "MAX_TEXT_SIZE", "MIN_TEXT_SIZE", "SettingsDialog",
           "SettingsStore", "UiSettings"]

class SettingsDialog(QDialog):
    def __init__(self, current: UiSettings, data_dir: Path, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.data_dir = data_dir
        self.text_size = QSpinBox()
        self.text_size.setRange(MIN_TEXT_SIZE, MAX_TEXT_SIZE)
        self.text_size.setSuffix(self.tr(" pt"))
        self.text_size.setValue(current.text_size)
        self.text_size.setAccessibleName(self.tr("Text size"))
        # The spin box's own editor takes focus too; screen readers should name it the same.
        editor = self.text_size.findChild(QLineEdit)
        if editor is not None:
            editor.setAccessibleName(self.tr("Text size"))
        self.theme = QComboBox()
        names = {"system": self.tr("Follow the system"), "light": self.tr("Light"),
                 "dark": self.tr("Dark"), "high-contrast": self.tr("High contrast")}
        for key in THEMES:
            self.theme.addItem(names[key], key)
        self.theme.setCurrentIndex(THEMES.index(current.theme))
        self.theme.setAccessibleName(self.tr("Theme"))
        self.level = QComboBox()
        self.level.addItem(self.tr("All levels"), None)
        for n, text in ((1, self.tr("Level 1 – two families")),
                        (2, self.tr("Level 2 – techniques, graded by family")),
                        (3, self.tr("Level 3 – graded by technique"))):
            self.level.addItem(text, n)
        self.level.setCurrentIndex(0 if current.level is None else current.level)
        self.level.setAccessibleName(self.tr("Practice level"))
        self.folder = QLineEdit(str(data_dir))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Data folder"))
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.setAccessibleName(self.tr("Open the data folder"))
        self.open_folder.clicked.connect(self._open_folder)

        form = QFormLayout()
        form.addRow(self.tr("&Text size"), self.text_size)
        form.addRow(self.tr("T&heme"), self.theme)
        form.addRow(self.tr("&Level"), self.level)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder)
        form.addRow(self.tr("Data folder"), folder_row)
        note = QLabel(self.tr("Your profiles, marks and scores are stored only in this folder, "
                              "on this computer."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def values(self) -> UiSettings:
        return UiSettings(text_size=self.text_size.value(), theme=str(self.theme.currentData()),
                          level=self.level.currentData())

    def _open_folder(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
