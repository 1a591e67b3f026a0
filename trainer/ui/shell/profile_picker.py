"""The first screen: who is practising? Names only, no passwords (shared classroom laptops)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.library.library_model import ProfilesModel
from trainer.ui.shell.styles import icon

MAX_NAME = 60


class ProfilePicker(QWidget):
    profile_chosen = Signal(str)
    create_requested = Signal(str)
    rename_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.model = ProfilesModel(self)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(56, 56)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Who is practising?"))
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(self.tr("Pick your name. Each name keeps its own marks and scores on "
                                  "this computer."))
        subtitle.setProperty("role", "muted")
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.setMinimumHeight(180)
        # Sized by the theme's style sheet, which scales with the text-size setting.
        self.list.setProperty("role", "profiles")
        self.list.activated.connect(self._choose_index)
        self.empty = QLabel(self.tr("No profiles yet. Type your first name or a nickname "
                                    "below to start."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.start = QPushButton(self.tr("Start practising"))
        self.start.setProperty("role", "primary")
        self.start.setAccessibleName(self.tr("Start practising as the selected profile"))
        self.start.clicked.connect(lambda: self._choose_index(self.list.currentIndex()))
        self.rename = QPushButton(self.tr("Rename…"))
        self.rename.setAccessibleName(self.tr("Rename the selected profile"))
        self.rename.clicked.connect(self._rename)

        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("New name"))
        self.new_name.setMaxLength(MAX_NAME)
        self.new_name.setAccessibleName(self.tr("Name for a new profile"))
        self.new_name.returnPressed.connect(self._create)
        self.add = QPushButton(self.tr("Add profile"))
        self.add.setAccessibleName(self.tr("Add a profile with this name"))
        self.add.clicked.connect(self._create)

        card = QFrame()
        card.setProperty("role", "card")
        card.setFixedWidth(460)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(logo)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addWidget(self.empty)
        inner.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename)
        buttons.addWidget(self.start, 1)
        inner.addLayout(buttons)
        inner.addSpacing(8)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add)
        inner.addLayout(add_row)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_profiles(self, profiles: Sequence[Any], last_id: str | None) -> None:
        self.model.set_profiles(profiles)
        has = self.model.rowCount() > 0
        self.list.setVisible(has)
        self.start.setVisible(has)
        self.rename.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            row = max(self.model.row_of(last_id), 0) if last_id else 0
            self.list.setCurrentIndex(self.model.index(row, 0))
            self.list.setFocus()
        else:
            self.new_name.setFocus()

    def _choose_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.profile_chosen.emit(str(index.data(ProfilesModel.IdRole)))

    def _create(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        self.new_name.clear()
        self.create_requested.emit(name)

    def _rename(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename profile"), self.tr("New name:"),
                                        QLineEdit.EchoMode.Normal, str(index.data()))
        name = " ".join(name.split())[:MAX_NAME]
        if ok and name:
            self.rename_requested.emit(str(index.data(ProfilesModel.IdRole)), name)
