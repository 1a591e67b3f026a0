"""Qt models of the class report's Articles, Confusion and Notes tabs.

Everything shown here comes from the students' files or the teacher's sets, so it is set as
item text (never rich text) and tooltips go through plain_tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont

from trainer.core.class_report import ArticleRow, ClassReport
from trainer.core.taxonomy import Taxonomy
from trainer.ui.teacher.class_report import words
from trainer.ui.teacher.class_report.table import RIGHT, Index, Role, SortRole, Table
from trainer.ui.widgets.plain import plain_tooltip

MISSED = "(missed)"  # the label build_report gives a key span nobody's mark touched


class ArticlesModel(Table):
    """Hardest first: title · attempts · mean score · most-missed key span · most common
    false alarm. UserRole gives (set id, article id)."""

    COLUMNS = 5

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Article"), self.tr("Attempts"), self.tr("Mean score"),
                self.tr("Most missed key span"), self.tr("Most common false alarm"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ArticleRow] = []

    def set_report(self, report: ClassReport) -> None:
        self.beginResetModel()
        self.rows = list(report.articles)  # build_report sorts them hardest first
        self.endResetModel()

    def key_of(self, row: int) -> tuple[str, str] | None:
        if 0 <= row < len(self.rows):
            return self.rows[row].set_id, self.rows[row].article_id
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        a: ArticleRow = self.rows[index.row()]
        column = index.column()
        values = (a.title, str(a.attempts), words.percent(a.mean_student_score),
                  a.most_missed or "—", a.most_common_false_alarm or "—")
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return values[column]
        if role == Role.ToolTipRole:
            if column == 0:
                return plain_tooltip(f"{a.title}\n{a.set_id} / {a.article_id}")
            if column in (3, 4) and values[column] != "—":
                return plain_tooltip(values[column])
            return None
        if role == Role.TextAlignmentRole and column in (1, 2):
            return RIGHT
        if role == SortRole:
            return (a.title.casefold(), a.attempts, a.mean_student_score,
                    (a.most_missed or "").casefold(),
                    (a.most_common_false_alarm or "").casefold())[column]
        if role == Role.UserRole:
            return a.set_id, a.article_id
        return None


class ConfusionModel(Table):
    """Key label (rows) × label the students gave (columns), with counts, on one axis: a
    family given is counted against the key technique's family (core.class_attempts), so the
    rows are the columns less "Missed" and the diagonal is the right answer (bold)."""

    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.rows: list[str] = []
        self.given: list[str] = []
        self.counts: dict[tuple[str, str], int] = {}

    def _order(self, labels: set[str]) -> list[str]:
        known = [*self.taxonomy.techniques, *self.taxonomy.families]
        first = [label for label in known if label in labels]
        last = [MISSED] if MISSED in labels else []
        return first + sorted(labels - set(first) - {MISSED}) + last

    def set_report(self, report: ClassReport) -> None:
        self.beginResetModel()
        self.counts = dict(report.confusion)
        labels = {k for k, _g in self.counts} | {g for _k, g in self.counts}
        self.rows = self._order(labels - {MISSED})
        self.given = self._order(labels)
        self.endResetModel()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.given)

    def _name(self, label: str) -> str:
        return self.tr("Missed") if label == MISSED else self.taxonomy.display_name(label)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        labels = self.given if orientation == Qt.Orientation.Horizontal else self.rows
        if not 0 <= section < len(labels):
            return None
        if role == Role.DisplayRole:
            return self._name(labels[section])
        if role == Role.ToolTipRole:
            return (self.tr("Label given: %1") if orientation == Qt.Orientation.Horizontal
                    else self.tr("Key technique: %1")).replace("%1", self._name(labels[section]))
        return None

    def right_label(self, key: str, given: str) -> bool:
        return given in (key, self.taxonomy.family_of(key))

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        key, given = self.rows[index.row()], self.given[index.column()]
        count = self.counts.get((key, given), 0)
        if role == Role.DisplayRole:
            return str(count) if count else ""
        if role == Role.AccessibleTextRole:
            return (self.tr("%1 key spans labelled %2: %3").replace("%1", self._name(key))
                    .replace("%2", self._name(given)).replace("%3", str(count)))
        if role == Role.ToolTipRole and count:
            right = self.right_label(key, given)
            return (self.tr("The right label") if right else
                    self.tr("Not this key span's label") if given != MISSED else
                    self.tr("Nobody's mark touched it"))
        if role == Role.FontRole and count and self.right_label(key, given):
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.TextAlignmentRole:
            return RIGHT
        if role == SortRole:
            return count
        return None


def quoted(phrase: str) -> str:
    """The phrase a note is about, in quotation marks (empty when the note's place is not in
    the teacher's copy)."""
    return QCoreApplication.translate("NotesModel", "“%1”").replace("%1", phrase) \
        if phrase else ""


class NotesModel(Table):
    """The students' "I disagree" notes: article · student · the phrase quoted · note."""

    COLUMNS = 4

    def headers(self) -> tuple[str, ...]:
        return self.tr("Article"), self.tr("Student"), self.tr("About"), self.tr("Note")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, str, str]] = []

    def set_report(self, report: ClassReport) -> None:
        rows = []
        order = {(a.set_id, a.article_id): n for n, a in enumerate(report.articles)}
        for key in sorted(report.notes, key=lambda k: (order.get(k, len(order)), k)):
            article = report.resolved.get(key)
            title = article.title if article is not None else "/".join(key)
            rows += [(title, student, quoted(phrase), text)
                     for student, phrase, text in report.notes[key]]
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return value
        if role == Role.ToolTipRole and index.column() in (2, 3):
            return plain_tooltip(value)
        if role == SortRole:
            return value.casefold()
        return None
