"""The class report's problems strip: files that failed (each with its message), attempts on
article revisions this computer lacks, files whose stated scores disagree with their marks,
and the same student under two names. Hidden while there is nothing to say.

Import problems are kept for the whole session (the window's life), newest import first, each
with the time of its import, until the teacher clears them: a teacher who imports a folder and
then one late file must still see which file of the folder failed. A file imported again
replaces what an earlier import said about it. The report's own findings are not cleared:
they are worked out again with every report and stay while they are true."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
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

from trainer.core.class_report import ClassReport
from trainer.core.errors import Problem
from trainer.ui.teacher.class_report import words
from trainer.ui.teacher.class_report.table import Index, Role, Table
from trainer.ui.widgets.plain import plain_tooltip


@dataclass(frozen=True)
class ImportProblem:
    """A problem of one import of this session, and when that import ran ("14:02")."""

    problem: Problem
    when: str


def merge_import(kept: Sequence[ImportProblem], new: Sequence[ImportProblem],
                 paths: Sequence[Path]) -> list[ImportProblem]:
    """The session's import problems after an import of `paths` that reported `new`: the new
    ones first, then the earlier ones except those about a file this import read again (a
    file named, or one inside a folder named)."""
    def read_again(problem: Problem) -> bool:
        file = Path(problem.file)
        return any(file == p or (p.is_dir() and file.is_relative_to(p)) for p in paths)

    return [*new, *(old for old in kept if not read_again(old.problem))]


class ProblemsModel(Table):
    """What · details, one row per problem; errors first."""

    COLUMNS = 2

    def headers(self) -> tuple[str, ...]:
        return self.tr("Problem"), self.tr("Details")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str]] = []

    def set_problems(self, failed: Sequence[ImportProblem], report: ClassReport) -> None:
        rows: list[tuple[str, str]] = []
        for item in failed:
            kind = self.tr("Not imported (%1)") if not item.problem.is_warning \
                else self.tr("Note (%1)")
            rows.append((kind.replace("%1", item.when), words.import_problem(item.problem)))
        missing = Counter(report.missing)
        for (student, set_id, article_id), n in sorted(missing.items()):
            rows.append((self.tr("Article not on this computer"), (self.tr(
                "%1: %n attempt on %3 / %4 kept but not counted: import that set (or the "
                "assignment) and it counts", "", n) if n == 1 else self.tr(
                "%1: %n attempts on %3 / %4 kept but not counted: import that set (or the "
                "assignment) and they count", "", n)).replace("%1", student)
                .replace("%3", set_id).replace("%4", article_id)))
        for student, attempt_id in report.disagreements:
            rows.append((self.tr("Scores in the file disagree"), self.tr(
                "%1: attempt %2 states scores its marks do not give (edited?); the report "
                "uses the scores computed again from the marks").replace("%1", student)
                .replace("%2", attempt_id)))
        for student_id, first, second in report.same_id_other_name:
            rows.append((self.tr("Same student, two names"), self.tr(
                "“%1” and “%2” share one profile id (%3)").replace("%1", first)
                .replace("%2", second).replace("%3", student_id)))
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return value
        if role == Role.ToolTipRole and index.column() == 1:
            return plain_tooltip(value)
        return None


class ProblemsStrip(QWidget):
    clear_requested = Signal()  # forget this session's import problems

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.clear_button = QPushButton(self.tr("C&lear import problems"))
        self.clear_button.setAccessibleName(self.tr("Clear the import problems of this "
                                                    "session"))
        self.clear_button.setToolTip(self.tr(
            "Problems of every import since this window opened are kept until you clear "
            "them; what the report itself finds stays while it is true."))
        self.clear_button.clicked.connect(self.clear_requested)
        self.clear_button.hide()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Problems with the class's files"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clear_button)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setVisible(False)

    def set_problems(self, failed: Sequence[ImportProblem], report: ClassReport) -> None:
        self.model.set_problems(failed, report)
        count = self.model.rowCount()
        self.heading.setText(self.tr("Problems (%n)", "", count))
        self.clear_button.setVisible(bool(failed))
        self.setVisible(count > 0)
        # As tall as its rows, up to five; more scroll.
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(min(count, 5)))
        self.table.setFixedHeight(rows + self.table.horizontalHeader().sizeHint().height()
                                  + 2 * self.table.frameWidth() + 2)
