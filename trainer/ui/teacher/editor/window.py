"""The set editor window: build or change an article set by mouse or keyboard."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from trainer.core.errors import InvalidInput, Problem
from trainer.core.formats import load_set
from trainer.core.jsonset import write_json_set
from trainer.core.model import ArticleSet
from trainer.ui.teacher.editor.actions import build_actions, make_action
from trainer.ui.teacher.editor.annotation_dialog import AnnotationDialog
from trainer.ui.teacher.editor.article_form import ArticleForm
from trainer.ui.teacher.editor.draft import ArticleDraft, SetDraft, draft_from_raw, draft_taxonomy
from trainer.ui.teacher.editor.library import Choice, LibraryStore, add_to_library
from trainer.ui.teacher.editor.models import (
    PROBLEM_ROLE,
    AnnotationTableModel,
    ArticleListModel,
    ProblemListModel,
)
from trainer.ui.teacher.editor.panels import ArticlePanel, ProblemPanel, SpanPanel
from trainer.ui.teacher.editor.set_form import SetDetailsForm
from trainer.ui.teacher.editor.validation import locate, validate_draft

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
        self.set_form.changed.connect(self._changed)
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

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        self._update_title()

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.tr("Untitled set")
        self.setWindowTitle(self.tr("%1[*] — Set editor").replace("%1", name))

    def _changed(self) -> None:
        self._set_dirty(True)
        self._timer.start()

    def _article_changed(self) -> None:
        self.articles.refresh(self.current_row())
        self._changed()

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
        self._set_dirty(False)
        self._update_empty_state()
        self.validate_now()

    def new_set(self, ask: bool = True) -> None:
        if ask and not self._may_discard():
            return
        self.load_draft(SetDraft(), None)

    def open_dialog(self) -> None:
        if not self._may_discard():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open article set"), str(self.start_folder()),
            self.tr("Article sets (*.json *.zip);;All files (*)"))
        if name:
            self.open_path(Path(name))

    def open_folder_dialog(self) -> None:
        if not self._may_discard():
            return
        name = QFileDialog.getExistingDirectory(self, self.tr("Open a Markdown or PTC folder"),
                                                str(self.start_folder()))
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> list[Problem]:
        """Open any set `load_set` reads; an unfinished JSON draft opens with its problems."""
        try:
            self.load_draft(SetDraft.from_set(load_set(path)), path)
            return []
        except InvalidInput as exc:
            raw = self._raw_json(path)
            if raw is None:
                self._inform(self.tr("Cannot open set"),
                             "\n".join(p.format() for p in exc.problems[:30]))
                return exc.problems
            self.load_draft(draft_from_raw(raw), path)
            return exc.problems

    @staticmethod
    def _raw_json(path: Path) -> dict[str, Any] | None:
        if path.suffix.lower() != ".json" or not path.is_file():
            return None
        try:
            raw = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError):
            return None
        return raw if isinstance(raw, dict) and raw.get("format") == "trainer.article-set" \
            else None

    def save(self) -> bool:
        if self.path is None or self.path.suffix.lower() != ".json":
            return self.save_as()
        return self.save_to(self.path)

    def start_folder(self) -> Path:
        """Where file dialogs open: the set's own folder, else the user's documents folder
        (not the program's working directory, which may be its install folder)."""
        if self.path is not None:
            return self.path.parent
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def save_as(self) -> bool:
        suggested = self.start_folder() / ((self.draft.id or "article-set") + ".json")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save article set"), str(suggested),
                                              self.tr("Article set (*.json)"))
        if not name:
            return False
        path = Path(name)
        return self.save_to(path if path.suffix else path.with_suffix(".json"))

    def save_to(self, path: Path) -> bool:
        """A valid set is written with write_json_set; an unfinished one as the same JSON."""
        self.validate_now()
        try:
            if self.valid_set is not None:
                write_json_set(self.valid_set, path)
            else:
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text(json.dumps(self.draft.to_raw(), ensure_ascii=False, indent=2)
                               + "\n", encoding="utf-8")
                tmp.replace(path)
        except OSError as exc:
            self._inform(self.tr("Cannot save"), f"{path}: {exc.strerror}")
            return False
        self.path = path
        self._set_dirty(False)
        self.validate_now()  # the file name appears in every problem line
        count = len(self.problems.problems())
        self.last_message = (self.tr("Saved %1.").replace("%1", str(path)) if not count else
                             self.tr("Saved %1 with %2 problem(s) still to fix.")
                             .replace("%1", str(path)).replace("%2", str(count)))
        self.statusBar().showMessage(self.last_message, 8000)
        return True

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
        self._changed()
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
        self._changed()

    def move_article(self, step: int) -> None:
        row = self.current_row()
        if self.articles.move_article(row, row + step):
            self.select_article(row + step)
            self._changed()

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

    # --- key spans -------------------------------------------------------------------------
    def current_span(self) -> int:
        return self.span_panel.view.currentIndex().row()

    def _span_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else None
        self.article_form.set_selected_span(row)
        if row is not None:
            ann = self.spans.annotations()[row]
            self.article_form.select_range(ann.start, ann.end)
        self._span_buttons()

    def _span_buttons(self) -> None:
        has = self.current_span() >= 0
        self.span_panel.edit.setEnabled(has)
        self.span_panel.remove.setEnabled(has)

    def mark_selection(self) -> AnnotationDialog | None:
        """Open the key-span dialog for the selected phrase (non-modal; see `accepted`)."""
        selection = self.article_form.selection()
        if selection is None:
            self.last_message = self.tr("Select a phrase in the article text first, then "
                                        "press Ctrl+M.")
            self.statusBar().showMessage(self.last_message, 8000)
            return None
        start, end = selection
        article = self.article_form.article()
        text = article.text if article is not None else ""
        dialog = AnnotationDialog(text[start:end], self.taxonomy, self)
        dialog.accepted.connect(lambda: self._add_span(dialog.values(start, end)))
        return self._show_dialog(dialog)

    def _add_span(self, annotation: Any) -> None:
        row = self.spans.add(annotation)
        self._after_span_change(row)

    def edit_span(self) -> AnnotationDialog | None:
        row = self.current_span()
        if row < 0:
            return None
        ann = self.spans.annotations()[row]
        dialog = AnnotationDialog(self.spans.phrase(row), self.taxonomy, self, ann)

        def apply() -> None:
            self._after_span_change(self.spans.replace(row, dialog.values(ann.start, ann.end)))

        dialog.accepted.connect(apply)
        return self._show_dialog(dialog)

    def _show_dialog(self, dialog: AnnotationDialog) -> AnnotationDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.annotation_dialog = dialog
        dialog.open()
        return dialog

    def remove_span(self) -> None:
        row = self.current_span()
        if row < 0:
            return
        self.spans.remove(row)
        remaining = len(self.spans.annotations())
        self._after_span_change(min(row, remaining - 1) if remaining else None)

    def _after_span_change(self, row: int | None) -> None:
        if row is not None:
            self.span_panel.view.selectRow(row)
        self.article_form.set_selected_span(row)
        self.articles.refresh(self.current_row())
        self._changed()

    # --- validation ------------------------------------------------------------------------
    def validate_now(self) -> list[Problem]:
        self._timer.stop()
        self.valid_set, problems = validate_draft(self.draft, self.file_label())
        self.problems.set_problems(problems)
        self.problem_panel.show_status(len(problems))
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
            self._inform(self.tr("Add to library"), self.tr("The library is not available."))
            return None
        problems = self.validate_now()
        if self.valid_set is None:
            self._inform(self.tr("Add to library"),
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
            self._changed()
        self.last_message = self.tr(
            "Added “%1” (version %2) to the library: %3 new, %4 updated, %5 unchanged.") \
            .replace("%1", self.draft.title).replace("%2", str(self.draft.version)) \
            .replace("%3", str(report.added)).replace("%4", str(report.updated)) \
            .replace("%5", str(report.unchanged))
        self.statusBar().showMessage(self.last_message, 10000)
        self.library_updated.emit(report)
        return report

    # --- questions (overridable in tests; the real ones are modal) -------------------------
    def _inform(self, title: str, text: str) -> None:
        self.last_message = text
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _ask_version_or_separate(self, held_title: str) -> Choice:
        """The library holds another set under this set's id: never replace it silently."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Add to library"), "",
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr(
            "The library already has a set with the id “%1”: “%2”.\n\nIs this set a new "
            "version of “%2” (it replaces it; attempts on it are kept), or a separate set?")
            .replace("%1", self.draft.id).replace("%2", held_title))
        version = box.addButton(self.tr("New version of “%1”").replace("%1", held_title),
                                QMessageBox.ButtonRole.AcceptRole)
        separate = box.addButton(self.tr("Separate set"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(separate)  # the choice that can never lose anything
        box.exec()
        clicked = box.clickedButton()
        return ("version" if clicked is version else
                "separate" if clicked is separate else "cancel")

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Set editor"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_save_changes(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("Save the changes to this set?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)

    def _may_discard(self) -> bool:
        if not self._dirty:
            return True
        answer = self._ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_discard():
            event.accept()
        else:
            event.ignore()
