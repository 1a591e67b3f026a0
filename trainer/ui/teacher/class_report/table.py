"""The shared base of the class report's table models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
SortRole = Role.UserRole + 1  # a number (or a folded string) to sort the column by
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Table(QAbstractTableModel):
    COLUMNS = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if (role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < self.COLUMNS):
            return self.headers()[section]
        return None

    def headers(self) -> tuple[str, ...]:
        # Literal self.tr() calls in each model: pyside6-lupdate only finds those.
        return ()

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < self.columnCount())
