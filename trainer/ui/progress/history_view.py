"""My attempts: every submitted attempt of the current profile, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.student_score import StudentScore

_Index = QModelIndex | QPersistentModelIndex
AttemptRole = Qt.ItemDataRole.UserRole + 4


class Attempt(Protocol):
    """The fields shown (trainer.storage.records.AttemptSummary)."""

    @property
    def attempt_id(self) -> str: ...
    @property
    def note_count(self) -> int: ...
    @property
    def article_title(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def mode(self) -> str: ...
    @property
    def submitted_at(self) -> datetime: ...
    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...
    @property
    def d_prime(self) -> float: ...
    @property
    def student(self) -> StudentScore: ...


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.attempts: list[Attempt] = []

    def set_attempts(self, attempts: Sequence[Attempt]) -> None:
        self.beginResetModel()
        self.attempts = list(attempts)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.attempts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def _headers(self) -> list[str]:
        return [self.tr("When"), self.tr("Passage"), self.tr("Level"), self.tr("Score"),
                self.tr("Phrases found"), self.tr("Discernment d′"), self.tr("My notes")]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        headers = self._headers()
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(headers)):
            return None
        return headers[section]

    def found_text(self, student: StudentScore) -> str:
        if not student.key_spans:
            return (self.tr("fair passage, nothing flagged") if not student.marks
                    else self.tr("fair passage, {n} flagged").format(n=student.marks))
        found = self.tr("{found} of {total}").format(found=student.found,
                                                     total=student.key_spans)
        if student.partly:
            found += self.tr(", {n} partly").format(n=student.partly)
        return found

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.attempts):
            return None
        attempt = self.attempts[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            local = attempt.submitted_at.astimezone()
            values = [
                local.strftime("%Y-%m-%d %H:%M"), attempt.article_title, str(attempt.level),
                f"{round(attempt.student.score * 100)} %",
                self.found_text(attempt.student),
                f"{attempt.d_prime:.2f}",
                self.tr("✎ {n} note(s)").format(n=attempt.note_count)
                if attempt.note_count else "",
            ]
            return values[index.column()] if 0 <= index.column() < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return self.tr("Research score (characters): F1 {f1} %, precision {p} %, recall "
                           "{r} %").format(f1=round(attempt.f1 * 100),
                                           p=round(attempt.precision * 100),
                                           r=round(attempt.recall * 100))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Press Enter or double-click to see this attempt's feedback again.")
        if role == AttemptRole:
            return attempt
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class HistoryView(QWidget):
    back_requested = Signal()
    open_requested = Signal(str)  # attempt id: show its feedback again, read-only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.model = HistoryModel(self)
        self.back = QPushButton(self.tr("← Library"))
        self.back.setAccessibleName(self.tr("Back to the library"))
        self.back.clicked.connect(self.back_requested)
        title = QLabel(self.tr("My attempts"))
        title.setProperty("role", "title")
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("My attempts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open)
        self.open = QPushButton(self.tr("See feedback"))
        self.open.setAccessibleName(self.tr("See the feedback of the selected attempt"))
        self.open.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.empty = QLabel(self.tr("No attempts yet. Open a passage from the library, mark "
                                    "what you notice and submit: your results appear here."))
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.addWidget(title)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 18)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.open, 0, Qt.AlignmentFlag.AlignRight)

    def set_attempts(self, attempts: Sequence[Attempt]) -> None:
        self.model.set_attempts(attempts)
        has = bool(attempts)
        self.table.setVisible(has)
        self.open.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            mean = sum(a.student.score for a in attempts) / len(attempts)
            n = len(attempts)  # one numerus message per English form, as on the dashboard
            self.summary.setText(
                (self.tr("%n attempt · average score {score} %", "", n) if n == 1
                 else self.tr("%n attempts · average score {score} %", "", n)).format(
                    score=round(mean * 100)))
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.summary.setText("")

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        attempt = index.data(AttemptRole) if index.isValid() else None
        if attempt is not None:
            self.open_requested.emit(attempt.attempt_id)

    def texts(self) -> list[str]:
        return [str(self.model.index(r, 1).data()) for r in range(self.model.rowCount())]
