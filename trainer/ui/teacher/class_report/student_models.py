"""Qt models of the class report's Students and Techniques tabs.

Both read a trainer.core.class_report.ClassReport. The student code column is editable in
place; the edit goes to a callback (store.classes.set_student_code) and the model shows the
saved value, or the old one when the save was refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from trainer.core.class_report import ClassReport, StudentRow
from trainer.core.taxonomy import Taxonomy
from trainer.ui.teacher.class_report import words
from trainer.ui.teacher.class_report.heatmap import shades, step_of
from trainer.ui.teacher.class_report.table import RIGHT, Index, Role, SortRole, Table


class CodeRefused(Exception):
    """A student code the store would not take; the message is for the user."""


# Saves a code (None clears the teacher's) and returns the code that now applies: clearing
# it brings back the one the student's own file stated. Raises CodeRefused.
CodeSaver = Callable[[str, str | None], str | None]


class StudentsModel(Table):
    """Name · student code (editable) · attempts · mean score · d′ · c · pattern."""

    COLUMNS = 7
    CODE = 1
    code_rejected = Signal(str)  # the message, when a code could not be saved

    def __init__(self, save_code: CodeSaver | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.save_code = save_code
        self.rows: list[StudentRow] = []
        self.codes: dict[str, str | None] = {}  # edits saved since the report was made

    def set_report(self, report: ClassReport) -> None:
        self.beginResetModel()
        self.rows = list(report.students)
        self.codes = {}
        self.endResetModel()

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Student"), self.tr("Student code"), self.tr("Attempts"),
                self.tr("Mean score"), self.tr("d′"), self.tr("c"), self.tr("Pattern"))

    def code(self, row: StudentRow) -> str:
        return self.codes.get(row.student_id, row.student_code) or ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.CODE and self.save_code is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _values(self, s: StudentRow) -> tuple[str, ...]:
        d = s.discernment
        return (s.student_name, self.code(s), str(s.attempts),
                words.percent(s.mean_student_score),
                words.number(d.d_prime) if d.trials else "—",
                words.signed(d.bias) if d.trials else "—", words.pattern_words(s.pattern))

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        s: StudentRow = self.rows[index.row()]
        column = index.column()
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return self._values(s)[column]
        if role == Role.EditRole and column == self.CODE:
            return self.code(s)
        if role == Role.ToolTipRole:
            if column == self.CODE:
                return self.tr("The ID your gradebook uses. Double-click or press F2 to "
                               "change it; it is saved at once.")
            if column == 6:
                return words.pattern_tooltip(s.pattern) or None
            if column == 5:
                return self.tr("Below 0: flags too much; above 0: too cautious")
            if column == 4:
                return self.tr("How well fair and unfair sentences were told apart "
                               "(0 = guessing)")
        if role == Role.TextAlignmentRole and column in (2, 3, 4, 5):
            return RIGHT
        if role == SortRole:
            d = s.discernment
            return (s.student_name.casefold(), self.code(s).casefold(), s.attempts,
                    s.mean_student_score if s.mean_student_score is not None else -1.0,
                    d.d_prime if d.trials else -99.0, d.bias if d.trials else -99.0,
                    s.pattern)[column]
        if role == Role.UserRole:
            return s.student_id
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if (role != Role.EditRole or not self._valid(index) or index.column() != self.CODE
                or self.save_code is None):
            return False
        s: StudentRow = self.rows[index.row()]
        code = str(value).strip() or None
        if code == (self.code(s) or None):
            return False
        try:
            self.codes[s.student_id] = self.save_code(s.student_id, code)
        except CodeRefused as exc:
            self.code_rejected.emit(str(exc))
            return False
        self.dataChanged.emit(index, index)
        return True


class TechniquesModel(Table):
    """Students (rows) × techniques (columns): mastery as a number with its evidence count,
    shaded by the heatmap's steps; '—' with a tooltip below the minimum evidence."""

    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.rows: list[StudentRow] = []
        self.techniques: list[str] = []

    def set_report(self, report: ClassReport) -> None:
        self.beginResetModel()
        self.rows = list(report.students)
        self.techniques = self.columns_of(report.students)
        self.endResetModel()

    def columns_of(self, students: Sequence[StudentRow]) -> list[str]:
        """Every technique some student met, in the taxonomy's order, then any others."""
        met = {t for s in students for t, m in s.mastery.items() if m.examples}
        order = [t for t in self.taxonomy.techniques if t in met]
        return order + sorted(met - set(order))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.techniques) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Role.DisplayRole:
            return (self.tr("Student") if section == 0
                    else self.taxonomy.display_name(self.techniques[section - 1]))
        if role == Role.ToolTipRole and section > 0:
            technique = self.taxonomy.techniques.get(self.techniques[section - 1])
            return technique.definition if technique else None
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        s: StudentRow = self.rows[index.row()]
        if index.column() == 0:
            if role in (Role.DisplayRole, Role.AccessibleTextRole):
                return s.student_name
            if role == SortRole:
                return s.student_name.casefold()
            return None
        technique = self.techniques[index.column() - 1]
        mastery = s.mastery.get(technique)
        value = mastery.mastery if mastery is not None else None
        if role == Role.DisplayRole:
            return words.mastery_cell(mastery)
        if role == Role.AccessibleTextRole:
            return f"{self.taxonomy.display_name(technique)}: {words.mastery_cell(mastery)}"
        if role == Role.ToolTipRole:
            return words.mastery_tooltip(mastery)
        if role == Role.TextAlignmentRole:
            return RIGHT
        if role in (Role.BackgroundRole, Role.ForegroundRole) and value is not None:
            shade = shades()[step_of(value)]
            return QColor(shade.background if role == Role.BackgroundRole
                          else shade.foreground)
        if role == SortRole:
            return value if value is not None else -1.0
        return None
