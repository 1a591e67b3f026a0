"""Qt models of the progress dashboard: mastery per technique, and the weak-spots queue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from trainer.core.mastery import Mastery

_Index = QModelIndex | QPersistentModelIndex


class MasteryModel(QAbstractTableModel):
    """Technique · mastery (a number, or "not enough yet") · examples. The table is the
    accessible twin of the bar chart: the same numbers in text."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, Mastery]] = []

    def set_mastery(self, rows: Sequence[tuple[str, Mastery]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < self.COLUMNS):
            return self.headers()[section]
        return None

    def headers(self) -> tuple[str, str, str]:
        # Literal tr() calls: pyside6-lupdate only finds those (tests/ui/test_translatable.py).
        return (self.tr("Technique"), self.tr("Mastery"), self.tr("Examples"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        name, mastery = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return name
            if column == 1:
                return (self.tr("not enough yet") if mastery.mastery is None
                        else f"{mastery.mastery:.0%}")
            return str(mastery.examples)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return mastery.technique
        return None
