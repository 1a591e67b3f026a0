"""Qt item models for the editor: articles, the current article's key spans, problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from trainer.core.errors import Problem
from trainer.core.taxonomy import Taxonomy
from trainer.ui.teacher.editor.draft import AnnotationDraft, ArticleDraft, SetDraft
from trainer.ui.teacher.editor.problem_text import editor_text
from trainer.ui.widgets.plain import plain_tooltip

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ArticleListModel(QAbstractListModel):
    """The set's articles in order; rows move, appear and disappear through its methods."""

    def __init__(self, draft: SetDraft) -> None:
        super().__init__()
        self._draft = draft

    def set_draft(self, draft: SetDraft) -> None:
        self.beginResetModel()
        self._draft = draft
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._draft.articles)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._draft.articles):
            return None
        article = self._draft.articles[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            title = article.title or self.tr("(untitled article)")
            count = len(article.annotations)
            spans = (self.tr("clean passage") if not count else self.tr("1 key span")
                     if count == 1 else self.tr("%1 key spans").replace("%1", str(count)))
            return f"{index.row() + 1}. {title}\n{spans} · {self.tr('level')} {article.level}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Article id: %1").replace("%1", article.id)
        return None

    def article(self, row: int) -> ArticleDraft:
        return self._draft.articles[row]

    def insert_article(self, row: int, article: ArticleDraft) -> None:
        self.beginInsertRows(_ROOT, row, row)
        self._draft.articles.insert(row, article)
        self.endInsertRows()

    def remove_article(self, row: int) -> ArticleDraft:
        self.beginRemoveRows(_ROOT, row, row)
        article = self._draft.articles.pop(row)
        self.endRemoveRows()
        return article

    def move_article(self, row: int, to: int) -> bool:
        """Move one row so that it ends up at index `to`."""
        count = len(self._draft.articles)
        if not (0 <= row < count and 0 <= to < count) or row == to:
            return False
        # Qt's destination is the row *before which* it lands, counted before the move.
        self.beginMoveRows(_ROOT, row, row, _ROOT, to + 1 if to > row else to)
        self._draft.articles.insert(to, self._draft.articles.pop(row))
        self.endMoveRows()
        return True

    def refresh(self, row: int) -> None:
        if 0 <= row < len(self._draft.articles):
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)


class AnnotationTableModel(QAbstractTableModel):
    """The key spans of the article being edited, in reading order."""

    COLUMNS = ("phrase", "technique", "optional")

    def __init__(self, taxonomy: Taxonomy) -> None:
        super().__init__()
        self._article: ArticleDraft | None = None
        self._taxonomy = taxonomy

    def set_article(self, article: ArticleDraft | None, taxonomy: Taxonomy | None = None) -> None:
        self.beginResetModel()
        self._article = article
        if taxonomy is not None:
            self._taxonomy = taxonomy
        self.endResetModel()

    def annotations(self) -> list[AnnotationDraft]:
        return self._article.annotations if self._article else []

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.annotations())

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return (self.tr("Phrase"), self.tr("Technique"), self.tr("Optional"))[section]
        return None

    def phrase(self, row: int) -> str:
        ann = self.annotations()[row]
        text = self._article.text if self._article else ""
        return text[ann.start:ann.end]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rows = self.annotations()
        if not index.isValid() or not 0 <= index.row() < len(rows):
            return None
        ann, column = rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return f"“{_clip(self.phrase(index.row()))}”"
            if column == 1:
                return self._taxonomy.display_name(ann.label) if ann.label else self.tr("(none)")
            if column == 2:
                return self.tr("optional") if ann.optional else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [self._taxonomy.display_name(ann.label), ann.explanation, ann.tip]
            return plain_tooltip("\n\n".join(p for p in parts if p))
        return None

    def add(self, annotation: AnnotationDraft) -> int:
        assert self._article is not None
        self.beginResetModel()  # sorted insert: rows after it shift, a reset is simplest
        row = self._article.add_annotation(annotation)
        self.endResetModel()
        return row

    def replace(self, row: int, annotation: AnnotationDraft) -> int:
        assert self._article is not None
        self.beginResetModel()
        self._article.annotations.pop(row)
        new_row = self._article.add_annotation(annotation)
        self.endResetModel()
        return new_row

    def remove(self, row: int) -> AnnotationDraft:
        assert self._article is not None
        self.beginRemoveRows(_ROOT, row, row)
        annotation = self._article.annotations.pop(row)
        self.endRemoveRows()
        return annotation

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class ProblemListModel(QAbstractListModel):
    """The draft's problems in the editor's words (`trainer validate`'s line as tooltip);
    the Problem itself under PROBLEM_ROLE."""

    def __init__(self) -> None:
        super().__init__()
        self._problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return editor_text(problem)
        if role == Qt.ItemDataRole.ToolTipRole:  # the same line as `trainer validate`
            return plain_tooltip(problem.format())
        if role == PROBLEM_ROLE:
            return problem
        return None
