"""Qt models for the library (articles) and the profile list, plus the library filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from trainer.core.taxonomy import Taxonomy

_Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4


class Entry(Protocol):
    """What the library shows of one article (trainer.storage.records.LibraryEntry)."""

    @property
    def revision_id(self) -> int: ...
    @property
    def set_title(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def techniques(self) -> tuple[str, ...]: ...
    @property
    def is_clean(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def best_f1(self) -> float | None: ...
    @property
    def outlet(self) -> str: ...


def status_text(status: str) -> str:
    tr = QCoreApplication.translate
    return {"new": tr("Library", "New"), "in-progress": tr("Library", "In progress"),
            "done": tr("Library", "Done")}.get(status, status)


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("title", "set", "level", "status", "best", "techniques")

    def __init__(self, taxonomy: Taxonomy, parent: Any = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.entries: list[Entry] = []

    def set_entries(self, entries: Sequence[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(self.COLUMNS)):
            return None
        return [self.tr("Passage"), self.tr("Set"), self.tr("Level"), self.tr("Status"),
                self.tr("Best score"), self.tr("What to look for")][section]

    def technique_text(self, entry: Entry) -> str:
        if entry.is_clean:
            # Saying "clean" before the student tries would give the answer away.
            return self.tr("You decide") if entry.status != "done" else self.tr("Nothing")
        if entry.level <= 1:
            families = sorted({self.taxonomy.display_name(self.taxonomy.family_of(t))
                               for t in entry.techniques})
            return ", ".join(families)
        return ", ".join(self.taxonomy.display_name(t) for t in entry.techniques)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()] if 0 <= index.column() < len(self.COLUMNS) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                "title": entry.title,
                "set": entry.set_title,
                "level": str(entry.level),
                "status": status_text(entry.status),
                "best": "–" if entry.best_f1 is None else f"{round(entry.best_f1 * 100)} %",
                "techniques": self.technique_text(entry),
            }.get(column)
        if role == SortRole:
            return {
                "title": entry.title.casefold(), "set": entry.set_title.casefold(),
                "level": entry.level, "status": ("new", "in-progress", "done").index(
                    entry.status) if entry.status in ("new", "in-progress", "done") else 3,
                "best": -1.0 if entry.best_f1 is None else entry.best_f1,
                "techniques": self.technique_text(entry).casefold(),
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "title" and entry.outlet:
            return entry.outlet
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("level", "best"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == EntryRole:
            return entry
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Filters by level, technique (or family) and a title search."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.level: int | None = None
        self.technique: str | None = None
        self.search = ""
        self.setSortRole(SortRole)

    def set_level(self, level: int | None) -> None:
        self.beginFilterChange()
        self.level = level
        self.endFilterChange()

    def set_technique(self, technique: str | None) -> None:
        self.beginFilterChange()
        self.technique = technique
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.search = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LibraryModel) or not 0 <= source_row < len(model.entries):
            return False
        entry = model.entries[source_row]
        if self.level is not None and entry.level != self.level:
            return False
        if self.technique:
            labels = set(entry.techniques) | {model.taxonomy.family_of(t)
                                              for t in entry.techniques}
            if self.technique not in labels:
                return False
        return not self.search or self.search in entry.title.casefold()


class ProfilesModel(QAbstractListModel):
    """Profile names (trainer.storage.records.ProfileInfo), newest use first."""

    IdRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.profiles: list[Any] = []

    def set_profiles(self, profiles: Sequence[Any]) -> None:
        self.beginResetModel()
        self.profiles = list(profiles)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.profiles)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.profiles):
            return None
        profile = self.profiles[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(profile.name)
        if role == self.IdRole:
            return str(profile.id)
        return None

    def row_of(self, profile_id: str) -> int:
        return next((row for row, p in enumerate(self.profiles) if p.id == profile_id), -1)
