"""The set editor window: build or change an article set by mouse or keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from trainer.core.errors import Problem
from trainer.core.model import ArticleSet
from trainer.ui.teacher.editor import questions, set_files, span_editing
from trainer.ui.teacher.editor.actions import build_actions, make_action
from trainer.ui.teacher.editor.annotation_dialog import AnnotationDialog
from trainer.ui.teacher.editor.article_form import ArticleForm
from trainer.ui.teacher.editor.draft import ArticleDraft, SetDraft, draft_taxonomy
from trainer.ui.teacher.editor.library import Choice, LibraryStore, add_to_library
from trainer.ui.teacher.editor.models import (
    PROBLEM_ROLE,
    AnnotationTableModel,
    ArticleListModel,
    ProblemListModel,
)
from trainer.ui.teacher.editor.panels import ArticlePanel, ProblemPanel, SpanPanel
from trainer.ui.teacher.editor.set_form import SetDetailsForm
from trainer.ui.teacher.editor.validation import lint_warnings, locate, validate_draft

StoreProvider = Callable[[], LibraryStore | None]


class SetEditorWindow(QMainWindow):
    new_action: QAction
    open_action: QAction
    open_folder_action: QAction
    save_action: QAction
    save_as_action: QAction
    library_action: QAction
    close_action: QAction
    add_article_action: QAction
    remove_article_action: QAction
    up_action: QAction
    down_action: QAction
    mark_action: QAction
    edit_span_action: QAction
    remove_span_action: QAction

    validated = Signal(list)  # the Problems found by the latest validation
    library_updated = Signal(object)  # the ImportReport of "Add to library"

    def __init__(self, store_provider: StoreProvider | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SetEditorWindow")
        self._store_provider = store_provider
        self.draft = SetDraft()
        self.path: Path | None = None
        self.valid_set: ArticleSet | None = None
        self.annotation_dialog: AnnotationDialog | None = None
        self.last_message = ""
        self._dirty = False
        self.taxonomy = draft_taxonomy(self.draft)

        self.articles = ArticleListModel(self.draft)
        self.spans = AnnotationTableModel(self.taxonomy)
        self.problems = ProblemListModel()

        self.article_panel = ArticlePanel()
        self.article_panel.view.setModel(self.articles)
        self.set_form = SetDetailsForm()
        self.article_form = ArticleForm(self.taxonomy)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Editor pages"))
        self.tabs.addTab(self.set_form, self.tr("Set details"))
        self.tabs.addTab(self.article_form, self.tr("Article"))
        self.span_panel = SpanPanel(self.taxonomy)
        self.span_panel.view.setModel(self.spans)
        self.span_panel.configure_header()
        self.problem_panel = ProblemPanel()
        self.problem_panel.view.setModel(self.problems)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.span_panel)
        right.addWidget(self.problem_panel)
        right.setSizes([380, 260])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.article_panel)
        main.addWidget(self.tabs)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setChildrenCollapsible(False)  # every pane stays reachable on a small screen
        right.setChildrenCollapsible(False)
        main.setSizes([230, 640, 380])
        main.setContentsMargins(8, 8, 8, 0)
        self.setCentralWidget(main)
        self.resize(1300, 780)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.validate_now)
        build_actions(self)
        self._connect()
        self.new_set(ask=False)

    def _action(self, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence | str | None = None,
                widget: QWidget | None = None) -> QAction:
        return make_action(self, text, slot, shortcut, widget)

    def _connect(self) -> None:
        ap = self.article_panel
        ap.add.clicked.connect(self.add_article)
        ap.remove.clicked.connect(self.remove_article)
        ap.up.clicked.connect(lambda: self.move_article(-1))
        ap.down.clicked.connect(lambda: self.move_article(1))
        ap.view.selectionModel().currentChanged.connect(self._article_selected)
        self.set_form.changed.connect(self.mark_changed)
        self.article_form.changed.connect(self._article_changed)
        self.article_form.spans_moved.connect(self.spans.reload)
        self.article_form.spans_dropped.connect(self._spans_dropped)
        sp = self.span_panel
        sp.mark.clicked.connect(self.mark_selection)
        sp.edit.clicked.connect(self.edit_span)
        sp.remove.clicked.connect(self.remove_span)
        sp.view.activated.connect(lambda _index: self.edit_span())
        sp.view.selectionModel().currentRowChanged.connect(self._span_selected)
        self.spans.modelReset.connect(self._span_buttons)
        self.spans.rowsRemoved.connect(self._span_buttons)
        self.problem_panel.view.activated.connect(self.jump_to_problem)
        self.problem_panel.view.doubleClicked.connect(self.jump_to_problem)

    # --- state -----------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        self._update_title()

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.tr("Untitled set")
        self.setWindowTitle(self.tr("%1[*] — Set editor").replace("%1", name))

    def mark_changed(self) -> None:
        self.set_dirty(True)
        self._timer.start()

    def _article_changed(self) -> None:
        self.articles.refresh(self.current_row())
        self.mark_changed()

    def _spans_dropped(self, dropped: list[Any]) -> None:
        self.last_message = self.article_form.notice.text()
        self.statusBar().showMessage(self.last_message, 10000)

    def current_row(self) -> int:
        return self.article_panel.view.currentIndex().row()

    def file_label(self) -> str:
        return str(self.path) if self.path else self.tr("(unsaved set)")

    # --- loading and saving ----------------------------------------------------------------
    def load_draft(self, draft: SetDraft, path: Path | None) -> None:
        self.draft = draft
        self.path = path
        self.taxonomy = draft_taxonomy(draft)
        self.set_form.load(draft)
        self.articles.set_draft(draft)
        self.spans.set_article(None, self.taxonomy)
        self.article_form.load(None, self.taxonomy)
        if draft.articles:
            self.select_article(0)
        self.tabs.setCurrentWidget(self.article_form if draft.articles else self.set_form)
        self.set_dirty(False)
        self._update_empty_state()
        self.validate_now()

    def new_set(self, ask: bool = True) -> None:
        if ask and not self.may_discard():
            return
        self.load_draft(SetDraft(), None)

    # Files (trainer/ui/teacher/editor/set_files.py).
    def open_dialog(self) -> None:
        set_files.open_dialog(self)

    def open_folder_dialog(self) -> None:
        set_files.open_folder_dialog(self)

    def open_path(self, path: Path) -> list[Problem]:
        """Open any set `load_set` reads; an unfinished JSON draft opens with its problems."""
        return set_files.open_path(self, path)

    def start_folder(self) -> Path:
        return set_files.start_folder(self)

    def save(self) -> bool:
        return set_files.save(self)

    def save_as(self) -> bool:
        return set_files.save_as(self)

    def save_to(self, path: Path) -> bool:
        return set_files.save_to(self, path)

    # --- articles --------------------------------------------------------------------------
    def select_article(self, row: int) -> None:
        index = self.articles.index(row, 0)
        self.article_panel.view.setCurrentIndex(index)

    def _article_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article = self.articles.article(current.row()) if current.isValid() else None
        self.article_form.load(article, self.taxonomy)
        self.spans.set_article(article, self.taxonomy)
        if article is not None:
            self.tabs.setCurrentWidget(self.article_form)
        self._update_empty_state()

    def add_article(self) -> ArticleDraft:
        article = ArticleDraft(id=self.draft.new_article_id(), level=self.draft.level_min)
        row = self.current_row() + 1 if self.current_row() >= 0 else len(self.draft.articles)
        self.articles.insert_article(row, article)
        self.select_article(row)
        self.tabs.setCurrentWidget(self.article_form)
        self.article_form.title.setFocus()
        self.mark_changed()
        return article

    def remove_article(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        article = self.articles.article(row)
        if (article.text or article.annotations) and not self._confirm(
                self.tr("Remove the article “%1” and its key spans?")
                .replace("%1", article.title or article.id)):
            return
        self.articles.remove_article(row)
        if self.draft.articles:
            self.select_article(min(row, len(self.draft.articles) - 1))
        else:
            self._article_selected(QModelIndex(), QModelIndex())
        self.mark_changed()

    def move_article(self, step: int) -> None:
        row = self.current_row()
        if self.articles.move_article(row, row + step):
            self.select_article(row + step)
            self.mark_changed()

    def _update_empty_state(self) -> None:
        has_articles = bool(self.draft.articles)
        self.article_panel.empty.setVisible(not has_articles)
        has_current = self.current_row() >= 0
        for widget in (self.article_panel.remove, self.article_panel.up,
                       self.article_panel.down):
            widget.setEnabled(has_current)
        self.mark_action.setEnabled(has_current)
        self.span_panel.mark.setEnabled(has_current)
        self._span_buttons()

    # --- key spans (trainer/ui/teacher/editor/span_editing.py) ---------------------------
    def current_span(self) -> int:
        return span_editing.current_span(self)

    def _span_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        span_editing.span_selected(self, current)

    def _span_buttons(self) -> None:
        span_editing.update_buttons(self)

    def mark_selection(self) -> AnnotationDialog | None:
        """Open the key-span dialog for the selected phrase (non-modal; see `accepted`)."""
        return span_editing.mark_selection(self)

    def edit_span(self) -> AnnotationDialog | None:
        return span_editing.edit_span(self)

    def remove_span(self) -> None:
        span_editing.remove_span(self)

    # --- validation ------------------------------------------------------------------------
    def validate_now(self) -> list[Problem]:
        self._timer.stop()
        """What stops the set from loading (as `trainer validate`); the panel also lists
        `trainer lint`'s findings as warnings once it loads."""
        self.valid_set, problems = validate_draft(self.draft, self.file_label())
        warnings = ([] if self.valid_set is None else
                    lint_warnings(self.valid_set, self.file_label()))
        self.problems.set_problems(problems + warnings)
        self.problem_panel.show_status(len(problems), len(warnings))
        self.validated.emit(problems)
        return problems

    def jump_to_problem(self, index: QModelIndex) -> None:
        problem = index.data(PROBLEM_ROLE)
        if not isinstance(problem, Problem):
            return
        where = locate(problem)
        if where.article is None or where.article >= len(self.draft.articles):
            self.tabs.setCurrentWidget(self.set_form)
            self.set_form.focus_field(where.field)
            return
        self.select_article(where.article)
        self.tabs.setCurrentWidget(self.article_form)
        if where.annotation is not None and where.annotation < len(self.spans.annotations()):
            self.span_panel.view.selectRow(where.annotation)
            self.span_panel.view.setFocus()
        else:
            self.article_form.focus_field(where.field)

    # --- library ---------------------------------------------------------------------------
    def add_to_library(self) -> Any:
        store = self._store_provider() if self._store_provider else None
        if store is None:
            self.inform(self.tr("Add to library"), self.tr("The library is not available."))
            return None
        problems = self.validate_now()
        if self.valid_set is None:
            self.inform(self.tr("Add to library"),
                         self.tr("Fix the problems listed under Problems first (%1).")
                         .replace("%1", str(len(problems))))
            return None
        old_id, old_version = self.draft.id, self.draft.version
        report = add_to_library(self.draft, self.valid_set, store, self._ask_version_or_separate)
        if report is None:
            self.last_message = self.tr("Not added to the library.")
            self.statusBar().showMessage(self.last_message, 8000)
            return None
        if self.draft.id != old_id:
            self.set_form.show_id(self.draft.id)
        if self.draft.version != old_version:
            self.set_form.show_version(self.draft.version)
        if (self.draft.id, self.draft.version) != (old_id, old_version):
            self.mark_changed()
        self.last_message = self.tr(
            "Added “%1” (version %2) to the library: %3 new, %4 updated, %5 unchanged.") \
            .replace("%1", self.draft.title).replace("%2", str(self.draft.version)) \
            .replace("%3", str(report.added)).replace("%4", str(report.updated)) \
            .replace("%5", str(report.unchanged))
        self.statusBar().showMessage(self.last_message, 10000)
        self.library_updated.emit(report)
        return report

    # --- questions (trainer/ui/teacher/editor/questions.py; tests replace the modal ones) --
    def inform(self, title: str, text: str) -> None:
        self.last_message = text
        questions.inform(self, title, text)

    def _ask_version_or_separate(self, held_title: str) -> Choice:
        return questions.ask_version_or_separate(self, self.draft.id, held_title)

    def _confirm(self, question: str) -> bool:
        return questions.confirm(self, question)

    def _ask_save_changes(self) -> QMessageBox.StandardButton:
        return questions.ask_save_changes(self)

    def may_discard(self) -> bool:
        if not self._dirty:
            return True
        answer = self._ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.may_discard():
            event.accept()
        else:
            event.ignore()
