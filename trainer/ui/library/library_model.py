"""Qt models for the library (articles) and the profile list, plus the library filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.widgets.plain import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex
EntryRole = Qt.ItemDataRole.UserRole + 3
SortRole = Qt.ItemDataRole.UserRole + 4
# Plain ints: a view asks data() for many roles per cell (thousands of calls before the
# first paint), and comparing ints is much cheaper than comparing Qt enum members.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ENTRY = int(EntryRole)
_SORT = int(SortRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter.value)


class Entry(Protocol):
    """What the library shows of one article (trainer.storage.records.LibraryEntry)."""

    @property
    def revision_id(self) -> int: ...
    @property
    def set_id(self) -> str: ...
    @property
    def set_title(self) -> str: ...
    @property
    def article_id(self) -> str: ...
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
    @property
    def date(self) -> str: ...


def status_text(status: str) -> str:
    translate = QCoreApplication.translate
    return {"new": translate("Library", "New"),
            "in-progress": translate("Library", "In progress"),
            "done": translate("Library", "Done")}.get(status, status)


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
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == _ALIGNMENT:
            # Each heading lines up with its column: text columns start at the left (a centred
            # "What to look for" over a left-aligned "You decide" read as adrift, review 4,
            # finding 18), the number columns are centred.
            return (_CENTER if self.COLUMNS[section] in ("level", "best")
                    else int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Passage"), self.tr("Set"), self.tr("Level"), self.tr("Status"),
                self.tr("Best score"), self.tr("What to look for")][section]

    def technique_text(self, entry: Entry) -> str:
        if entry.status != "done":
            # Listing what is in a passage before the student tries would give the answer
            # away, and "nothing" next to a clean one would tell them which passages are clean.
            return self.tr("You decide")
        if entry.is_clean:
            return self.tr("Nothing to flag")
        if entry.level <= 1:
            families = sorted({self.taxonomy.display_name(self.taxonomy.family_of(t))
                               for t in entry.techniques})
            return ", ".join(families)
        return ", ".join(self.taxonomy.display_name(t) for t in entry.techniques)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in (_DISPLAY, _ACCESSIBLE, _SORT, _TOOLTIP, _ALIGNMENT, _ENTRY):
            return None
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()] if 0 <= index.column() < len(self.COLUMNS) else ""
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._display(entry, column)
        if role == _SORT:
            return self._sort_key(entry, column)
        if role == _TOOLTIP:
            return plain_tooltip(entry.outlet) if column == "title" and entry.outlet else None
        if role == _ALIGNMENT:
            return _CENTER if column in ("level", "best") else None
        return entry  # _ENTRY

    def _display(self, entry: Entry, column: str) -> str | None:
        if column == "title":
            return entry.title
        if column == "set":
            return entry.set_title
        if column == "level":
            return str(entry.level)
        if column == "status":
            return status_text(entry.status)
        if column == "best":
            return "–" if entry.best_f1 is None else f"{round(entry.best_f1 * 100)} %"
        if column == "techniques":
            return self.technique_text(entry)
        return None

    def _sort_key(self, entry: Entry, column: str) -> Any:
        if column == "title":
            return entry.title.casefold()
        if column == "set":
            return entry.set_title.casefold()
        if column == "level":
            return entry.level
        if column == "status":
            order = ("new", "in-progress", "done")
            return order.index(entry.status) if entry.status in order else 3
        if column == "best":
            return -1.0 if entry.best_f1 is None else entry.best_f1
        if column == "techniques":
            return self.technique_text(entry).casefold()
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


def next_entry(entries: Sequence[Entry], current: int) -> Entry | None:
    """The passage after `current` (a revision id) in the given order, preferring ones not
    done yet; None when there is no other passage."""
    ids = [e.revision_id for e in entries]
    here = ids.index(current) if current in ids else -1
    ordered = list(entries[here + 1:]) + list(entries[:here + 1])
    pick = next((e for e in ordered if e.status != "done"), None)
    if pick is None or pick.revision_id == current:
        pick = ordered[0] if ordered and ordered[0].revision_id != current else None
    return pick


def shown_entries(model: QAbstractItemModel) -> list[Entry]:
    """The entries in the order a (filtered, sorted) model shows them."""
    return [model.index(row, 0).data(EntryRole) for row in range(model.rowCount())]
