"""The passages of every set in the library as a tree (sets → articles) with check boxes.

Ticking an article (or a whole set) chooses it for the assignment; `ticked` reports each
change in the order the teacher made it, so the chosen list keeps that order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from trainer.core.model import ArticleSet
from trainer.core.taxonomy import Technique, default_taxonomy

_Index = QModelIndex | QPersistentModelIndex
Key = tuple[str, str]  # (set id, article id)
_TOP = 0  # internal id of a set row; an article row holds its set's row + 1


@dataclass(frozen=True)
class PassageRow:
    set_id: str
    article_id: str
    title: str
    level: int
    techniques: str  # display names, comma separated; empty for a clean passage

    @property
    def key(self) -> Key:
        return (self.set_id, self.article_id)


@dataclass(frozen=True)
class SetRow:
    set_id: str
    title: str
    version: int
    passages: tuple[PassageRow, ...]


def set_rows(article_sets: Sequence[ArticleSet]) -> list[SetRow]:
    """The tree's rows: each set with its articles in order and their techniques by name."""
    rows = []
    for article_set in article_sets:
        taxonomy = default_taxonomy().with_extra(
            Technique(t.id, t.family, t.name, t.definition, t.example, t.check)
            for t in article_set.techniques)
        passages = tuple(
            PassageRow(article_set.id, a.id, a.title, a.level, ", ".join(dict.fromkeys(
                taxonomy.display_name(n.label) for n in a.annotations)))
            for a in article_set.articles)
        rows.append(SetRow(article_set.id, article_set.title, article_set.version, passages))
    return rows


class PassageTreeModel(QAbstractItemModel):
    COLUMNS = ("title", "level", "techniques")
    ticked = Signal(list, bool)  # list[Key] whose state changed, the new state

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sets: list[SetRow] = []
        self._checked: set[Key] = set()

    def set_sets(self, rows: Sequence[SetRow]) -> None:
        self.beginResetModel()
        self._sets = list(rows)
        known = {p.key for s in self._sets for p in s.passages}
        self._checked &= known
        self.endResetModel()

    def passage(self, key: Key) -> PassageRow | None:
        return next((p for s in self._sets for p in s.passages if p.key == key), None)

    def set_title(self, set_id: str) -> str:
        return next((s.title for s in self._sets if s.set_id == set_id), set_id)

    def checked(self) -> set[Key]:
        return set(self._checked)

    # -- structure ---------------------------------------------------------------------------
    def index(self, row: int, column: int,
              parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sets)
        if parent.column() == 0 and parent.internalId() == _TOP:
            return len(self._sets[parent.row()].passages)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return (self.tr("Passage"), self.tr("Level"), self.tr("Techniques"))[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
            if index.internalId() == _TOP:
                flags |= Qt.ItemFlag.ItemIsAutoTristate
        return flags

    # -- data --------------------------------------------------------------------------------
    def _row(self, index: _Index) -> SetRow | PassageRow:
        if index.internalId() == _TOP:
            return self._sets[index.row()]
        return self._sets[index.internalId() - 1].passages[index.row()]

    def _set_state(self, row: SetRow) -> Qt.CheckState:
        ticked = sum(p.key in self._checked for p in row.passages)
        if ticked == 0:
            return Qt.CheckState.Unchecked
        if ticked == len(row.passages):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index)
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "title":
            if isinstance(row, SetRow):
                return self._set_state(row)
            return Qt.CheckState.Checked if row.key in self._checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column, role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.key if isinstance(row, PassageRow) else row.set_id
        return None

    def _display(self, row: SetRow | PassageRow, column: str, tip: bool) -> str | None:
        if isinstance(row, SetRow):
            if column == "title":
                return self.tr("%1 (version %2, %3 passages)").replace("%1", row.title).replace(
                    "%2", str(row.version)).replace("%3", str(len(row.passages)))
            return None
        if column == "title":
            return row.title if not tip else self.tr("%1 — %2 in set %3").replace(
                "%1", row.title).replace("%2", row.article_id).replace("%3", row.set_id)
        if column == "level":
            return str(row.level)
        return row.techniques or self.tr("clean passage")

    def _accessible(self, row: SetRow | PassageRow) -> str:
        if isinstance(row, SetRow):
            return self.tr("Set %1").replace("%1", row.title)
        return self.tr("%1, level %2, %3").replace("%1", row.title).replace(
            "%2", str(row.level)).replace("%3", row.techniques or self.tr("clean passage"))

    def setData(self, index: _Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole \
                or index.column() != 0:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        on = state != Qt.CheckState.Unchecked
        row = self._row(index)
        keys = [p.key for p in row.passages] if isinstance(row, SetRow) else [row.key]
        self.set_checked(keys, on)
        return True

    def set_checked(self, keys: Sequence[Key], on: bool) -> None:
        """Tick or untick passages (unknown keys are ignored); emits `ticked` with those that
        changed, in the order given."""
        known = {p.key for s in self._sets for p in s.passages}
        changed = [k for k in dict.fromkeys(keys) if k in known and (k in self._checked) != on]
        if not changed:
            return
        for key in changed:
            (self._checked.add if on else self._checked.discard)(key)
        for set_row, row in enumerate(self._sets):
            hits = [i for i, p in enumerate(row.passages) if p.key in changed]
            if hits:
                parent = self.index(set_row, 0)
                self.dataChanged.emit(self.index(min(hits), 0, parent),
                                      self.index(max(hits), 0, parent),
                                      [Qt.ItemDataRole.CheckStateRole])
                self.dataChanged.emit(parent, parent, [Qt.ItemDataRole.CheckStateRole])
        self.ticked.emit(changed, on)


class PassageFilter(QSortFilterProxyModel):
    """The filter box: a passage shows when its title, set, level or techniques hold the
    text; a set whose title matches shows all its passages."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
