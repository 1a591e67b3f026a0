"""Side panels of the set editor: the article list, the key-span list, the problems list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.shell import theme


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def button(text: str, name: str) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(name)
    return widget


class ArticlePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("&Articles"))
        self.view = QListView()
        self.view.setAccessibleName(self.tr("Articles"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setWordWrap(True)
        self.title.setBuddy(self.view)
        self.add = button(self.tr("Add"), self.tr("Add article"))
        self.remove = button(self.tr("Remove"), self.tr("Remove article"))
        self.up = button(self.tr("Up"), self.tr("Move article up"))
        self.down = button(self.tr("Down"), self.tr("Move article down"))
        row = QGridLayout()  # two by two: the panel stays narrow on a 1024-pixel screen
        for i, widget in enumerate((self.add, self.remove, self.up, self.down)):
            row.addWidget(widget, i // 2, i % 2)
        self.empty = QLabel(self.tr("No articles yet. Press Add (Ctrl+Shift+N), then paste "
                                    "the text of a news article."))
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("No articles yet"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)


class SpanPanel(QWidget):
    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("&Key spans in this article"))
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Key spans"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(True)
        self.title.setBuddy(self.view)
        self.mark = button(self.tr("Mark selection…"), self.tr("Mark selected phrase"))
        self.edit = button(self.tr("Edit…"), self.tr("Edit key span"))
        self.remove = button(self.tr("Remove"), self.tr("Remove key span"))
        row = QGridLayout()
        row.addWidget(self.mark, 0, 0, 1, 2)
        row.addWidget(self.edit, 1, 0)
        row.addWidget(self.remove, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.legend(taxonomy))
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def configure_header(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def legend(self, taxonomy: Taxonomy) -> QWidget:
        box = QWidget()
        lines = QVBoxLayout(box)  # chips, then the note on its own line: narrow enough
        lines.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        lines.addLayout(row)
        for family in taxonomy.families.values():
            chip = QLabel(family.name)
            colors = theme.current()
            chip.setStyleSheet(
                f"background:{colors.family_tint.get(family.id, colors.border)};"
                f"color:{colors.text}; border-radius:8px; padding:2px 8px;")
            chip.setAccessibleName(self.tr("Legend: %1").replace("%1", family.name))
            row.addWidget(chip)
        optional = QLabel(self.tr("dotted underline = optional"))
        optional.setStyleSheet("text-decoration: underline dotted;")
        optional.setAccessibleName(optional.text())
        row.addStretch(1)
        lines.addWidget(optional)
        return box


class ProblemPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading(self.tr("&Problems"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Validation status"))
        self.view = QListView()
        self.view.setAccessibleName(self.tr("Problems"))
        self.view.setAccessibleDescription(
            self.tr("The same messages as trainer validate, then trainer lint's as warnings. "
                    "Press Enter or double-click to go to the field."))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def show_status(self, count: int, warnings: int = 0) -> None:
        """`count` problems stop the set from loading; `warnings` (from the content check,
        `trainer lint`) are worth a look but block nothing."""
        if count:
            self.status.setText(
                (self.tr("1 problem") if count == 1 else
                 self.tr("%1 problems").replace("%1", str(count)))
                + self.tr(" — fix before adding the set to the library. Double-click one to "
                          "go there."))
            self._status_colour("missed")
        elif warnings:
            self.status.setText(
                (self.tr("✓ The set is valid; 1 warning from the content check")
                 if warnings == 1 else
                 self.tr("✓ The set is valid; %1 warnings from the content check")
                 .replace("%1", str(warnings)))
                + self.tr(" (as trainer lint reports). Double-click one to go there."))
            self._status_colour("wrong-label")
        else:
            self.status.setText(self.tr("✓ No problems: the set is valid."))
            self._status_colour("found")

    def _status_colour(self, verdict: str) -> None:
        # The verdict colours are chosen per theme to read on its background (the fixed red
        # and green did not on dark or high contrast); the words say it all without colour.
        colour = theme.current().verdict[verdict]
        self.status.setStyleSheet(f"color:{colour}; font-weight:600;")
