"""The set details form: id, title, language, author, licence, description, version, levels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from trainer.core.setids import slug
from trainer.ui.teacher.editor.draft import SetDraft


class SetDetailsForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft: SetDraft | None = None
        self._loading = False

        def line(name: str, placeholder: str) -> QLineEdit:
            edit = QLineEdit()
            edit.setAccessibleName(name)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._edited)
            return edit

        def spin(name: str, low: int, high: int) -> QSpinBox:
            box = QSpinBox()
            box.setRange(low, high)
            box.setAccessibleName(name)
            box.valueChanged.connect(self._edited)
            return box

        self.title = line(self.tr("Set title"), self.tr("e.g. Year 9 — local news, spring term"))
        self.set_id = line(self.tr("Set id"),
                           self.tr("stable id: letters, digits, . _ - (e.g. y9-local-news)"))
        self.version = spin(self.tr("Set version"), 1, 1_000_000)
        self.version.setToolTip(self.tr("Raised automatically when you add a changed set to "
                                        "the library."))
        self.language = line(self.tr("Language"), self.tr("BCP 47 code, e.g. en, de, pt-BR"))
        self.level_min = spin(self.tr("Lowest level"), 1, 3)
        self.level_max = spin(self.tr("Highest level"), 1, 3)
        self.author = line(self.tr("Author"), self.tr("your name or school"))
        self.license = line(self.tr("Licence"), self.tr("e.g. CC BY 4.0"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setPlaceholderText(self.tr("What the set practises, for whom."))
        self.description.setTabChangesFocus(True)
        self.description.textChanged.connect(self._edited)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("&Title:"), self.title)
        self._row(form, self.tr("Set &id:"), self.set_id)
        self._row(form, self.tr("&Version:"), self.version)
        self._row(form, self.tr("&Language:"), self.language)
        levels = QHBoxLayout()
        levels.addWidget(self.level_min)
        to_label = QLabel(self.tr("t&o"))
        to_label.setBuddy(self.level_max)
        levels.addWidget(to_label)
        levels.addWidget(self.level_max)
        levels.addStretch(1)
        label = QLabel(self.tr("Le&vels:"))
        label.setBuddy(self.level_min)
        form.addRow(label, levels)
        self._row(form, self.tr("&Author:"), self.author)
        self._row(form, self.tr("Li&cence:"), self.license)
        self._row(form, self.tr("&Description:"), self.description)
        self.fields: dict[str, QWidget] = {
            "title": self.title, "id": self.set_id, "version": self.version,
            "language": self.language, "level": self.level_min, "author": self.author,
            "license": self.license, "description": self.description}

    @staticmethod
    def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)

    def load(self, draft: SetDraft) -> None:
        self._loading = True
        try:
            self._draft = draft
            self.title.setText(draft.title)
            self.set_id.setText(draft.id)
            self.version.setValue(draft.version)
            self.language.setText(draft.language)
            self.level_min.setValue(draft.level_min)
            self.level_max.setValue(draft.level_max)
            self.author.setText(draft.author)
            self.license.setText(draft.license)
            self.description.setPlainText(draft.description)
        finally:
            self._loading = False

    def show_id(self, set_id: str) -> None:
        self._loading = True
        self.set_id.setText(set_id)
        self._loading = False

    def show_version(self, version: int) -> None:
        self._loading = True
        self.version.setValue(version)
        self._loading = False

    def _edited(self) -> None:
        if self._loading or self._draft is None:
            return
        d = self._draft
        if self.set_id.text() != d.id:  # the teacher chose an id: it no longer follows the title
            d.auto_id = False
        d.title, d.id, d.version = self.title.text(), self.set_id.text(), self.version.value()
        if d.auto_id:
            d.id = slug(d.title)
            self.show_id(d.id)
        d.language, d.author, d.license = (self.language.text(), self.author.text(),
                                           self.license.text())
        d.level_min, d.level_max = self.level_min.value(), self.level_max.value()
        d.description = self.description.toPlainText()
        self.changed.emit()

    def focus_field(self, name: str | None) -> None:
        key = (name or "title").split(".")[0].split("[")[0]
        self.fields.get(key, self.title).setFocus(Qt.FocusReason.OtherFocusReason)
