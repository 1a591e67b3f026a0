"""The dialog that turns a selected phrase into a key span: technique, explanation, tip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.teacher.editor.draft import AnnotationDraft
from trainer.ui.widgets.plain import plain_tooltip

LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


def technique_model(taxonomy: Taxonomy, parent: QWidget) -> QStandardItemModel:
    """Families as bold entries (a family is a valid label too), their techniques indented."""
    model = QStandardItemModel(parent)
    # Literal calls with the dialog's context, so that pyside6-lupdate finds them.
    translate = QCoreApplication.translate
    placeholder = QStandardItem(translate("AnnotationDialog", "Choose a technique…"))
    placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
    model.appendRow(placeholder)
    bold = QFont()
    bold.setBold(True)
    for family in taxonomy.families.values():
        item = QStandardItem(translate("AnnotationDialog", "%1 (any kind)")
                             .replace("%1", family.name))
        item.setData(family.id, LABEL_ROLE)
        item.setData(plain_tooltip(family.definition), Qt.ItemDataRole.ToolTipRole)
        item.setFont(bold)
        model.appendRow(item)
        for technique in taxonomy.techniques_in(family.id):
            child = QStandardItem("    " + technique.name)
            child.setData(technique.id, LABEL_ROLE)
            child.setData(plain_tooltip(technique.definition), Qt.ItemDataRole.ToolTipRole)
            child.setData(f"{family.name}: {technique.name}",
                          Qt.ItemDataRole.AccessibleTextRole)
            model.appendRow(child)
    return model


class AnnotationDialog(QDialog):
    """Add or edit one key span. Non-modal friendly: callers use open() and `accepted`."""

    def __init__(self, phrase: str, taxonomy: Taxonomy, parent: QWidget | None = None,
                 annotation: AnnotationDraft | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        editing = annotation is not None
        self.setWindowTitle(self.tr("Edit key span") if editing else self.tr("Mark key span"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)

        self.phrase_label = QLabel(f"“{phrase}”")
        self.phrase_label.setWordWrap(True)
        self.phrase_label.setTextFormat(Qt.TextFormat.PlainText)
        self.phrase_label.setAccessibleName(self.tr("Selected phrase"))
        font = self.phrase_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setItalic(True)
        self.phrase_label.setFont(font)

        self.technique = QComboBox()
        self.technique.setModel(technique_model(taxonomy, self))
        self.technique.setCurrentIndex(0)  # the placeholder: the teacher must choose
        self.technique.setAccessibleName(self.tr("Technique"))
        self.technique.setMaxVisibleItems(20)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setTextFormat(Qt.TextFormat.PlainText)
        self.definition.setAccessibleName(self.tr("Technique definition"))
        self.definition.setStyleSheet("color: palette(placeholder-text);")

        self.explanation = QPlainTextEdit()
        self.explanation.setAccessibleName(self.tr("Explanation"))
        self.explanation.setPlaceholderText(
            self.tr("Why is this an unverified claim or loaded framing? Plain words."))
        self.explanation.setTabChangesFocus(True)
        self.explanation.setMinimumHeight(84)
        self.tip = QPlainTextEdit()
        self.tip.setAccessibleName(self.tr("Tip"))
        self.tip.setPlaceholderText(self.tr("How could a reader check it?"))
        self.tip.setTabChangesFocus(True)
        self.tip.setMinimumHeight(84)
        self.optional = QCheckBox(self.tr("&Optional — debatable, no credit and no penalty"))
        self.optional.setAccessibleName(self.tr("Optional"))

        form = QFormLayout()
        form.addRow(self.tr("Phrase:"), self.phrase_label)
        label = QLabel(self.tr("&Technique:"))
        label.setBuddy(self.technique)
        form.addRow(label, self.technique)
        form.addRow("", self.definition)
        label = QLabel(self.tr("&Explanation:"))
        label.setBuddy(self.explanation)
        form.addRow(label, self.explanation)
        label = QLabel(self.tr("T&ip:"))
        label.setBuddy(self.tip)
        form.addRow(label, self.tip)
        form.addRow("", self.optional)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.technique.currentIndexChanged.connect(self._technique_changed)
        if annotation is not None:
            self.set_label(annotation.label)
            self.explanation.setPlainText(annotation.explanation)
            self.tip.setPlainText(annotation.tip)
            self.optional.setChecked(annotation.optional)
        self._technique_changed()
        self.technique.setFocus()
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    def set_label(self, label: str) -> bool:
        index = self.technique.findData(label, LABEL_ROLE)
        if index >= 0:
            self.technique.setCurrentIndex(index)
        return index >= 0

    def label(self) -> str:
        value = self.technique.currentData(LABEL_ROLE)
        return value if isinstance(value, str) else ""

    def _technique_changed(self) -> None:
        label = self.label()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(label))
        if not label:
            self.definition.setText(self.tr("Pick the family or, better, the exact technique."))
            return
        technique = self._taxonomy.techniques.get(label)
        family = self._taxonomy.families.get(self._taxonomy.family_of(label))
        text = technique.definition if technique else (family.definition if family else "")
        check = technique.check if technique else (family.check if family else "")
        self.definition.setText(text + (f"\n{self.tr('Check:')} {check}" if check else ""))

    def values(self, start: int, end: int) -> AnnotationDraft:
        return AnnotationDraft(start, end, self.label(),
                               self.explanation.toPlainText().strip(),
                               self.tip.toPlainText().strip(), self.optional.isChecked())
