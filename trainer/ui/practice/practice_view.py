"""The practice screen: read the passage, select phrases, label them, submit."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import (
    QConcatenateTablesProxyModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import Article, SourceCard
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.article_header import ArticleHeader
from trainer.ui.practice.headline import HeadlineMarking
from trainer.ui.practice.lookup import LookupHook
from trainer.ui.practice.marking import MarkEditor
from trainer.ui.practice.marks_model import MarksModel, SpanRole
from trainer.ui.practice.palette import DefinitionPanel, LabelPalette
from trainer.ui.practice.passage_view import Highlight, PassageView
from trainer.ui.shell.styles import label_format
from trainer.ui.widgets.drawer import DrawerBody, StatusLine
from trainer.ui.widgets.fitted_scroll import FittedScrollArea, PanelLayout


class MarksListView(QListView):
    """The list of marks; Delete removes the current one, a digit relabels it."""

    delete_key = Signal()
    label_key = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_key.emit()
            return
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.label_key.emit(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)


class PracticeView(QWidget):
    back_requested = Signal()
    submit_requested = Signal(list, bool)  # marks, nothing_to_flag
    draft_changed = Signal(list, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.taxonomy: Taxonomy | None = None
        self.level = 1
        self._level_text = ""
        self._loading = False

        self.level_label = QLabel()
        self.level_label.setProperty("role", "muted")
        self.header = ArticleHeader(self, extra=self.level_label)
        self.header.back_requested.connect(self.back_requested)
        self.back = self.header.back

        self.passage = PassageView()
        self.hint = StatusLine()
        self.hint.setAccessibleName(self.tr("Status"))
        self.labels = LabelPalette()
        self.definition = DefinitionPanel()
        self.labels.label_focused.connect(self._show_definition)

        self.marks = MarksModel(Taxonomy({}))
        self.marks.marks_changed.connect(self._on_marks_changed)
        self.editor = MarkEditor(self.passage, self.marks, self.labels, self)
        self.undo_stack = self.editor.undo_stack
        self.editor.status.connect(self.hint.setText)
        self.editor.mark_touched.connect(self._follow_mark)
        self.passage.label_key.connect(self.editor.on_digit)
        self.passage.delete_key.connect(self.editor.delete_at_caret)
        self.headline = HeadlineMarking(self.passage, self.labels, self.editor, self)
        self.headline.model.marks_changed.connect(self._on_marks_changed)
        self.labels.label_chosen.connect(self.headline.apply_label)
        self.lookup = LookupHook(self, self.passage, self.headline.view)
        self._build_undo_actions()

        # "My marks" lists the headline's marks first, then the passage's (reading order).
        self.marks_listed = QConcatenateTablesProxyModel(self)
        self.marks_listed.addSourceModel(self.headline.model)
        self.marks_listed.addSourceModel(self.marks)
        self.headline.editor.mark_touched.connect(self._follow_headline_mark)
        self.marks_list = MarksListView()
        self.marks_list.setModel(self.marks_listed)
        self.marks_list.setAccessibleName(self.tr("My marks"))
        self.marks_list.setWordWrap(True)
        self.marks_list.setSpacing(2)
        self.marks_list.delete_key.connect(self._delete_current_mark)
        self.marks_list.label_key.connect(self._relabel_current_mark)
        self.marks_list.selectionModel().currentChanged.connect(self._on_current_mark)
        self.marks_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.marks_list.customContextMenuRequested.connect(self._mark_menu)
        self.remove_mark = QPushButton(self.tr("Remove mark"))
        self.remove_mark.setAccessibleName(self.tr("Remove the selected mark"))
        self.remove_mark.clicked.connect(self._delete_current_mark)
        self.marks_empty = QLabel(self.tr("No marks yet. Select a phrase in the passage, then "
                                          "press a label's number."))
        self.marks_empty.setWordWrap(True)
        self.marks_empty.setProperty("role", "muted")
        self.marks_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.nothing = QCheckBox(self.tr("Nothing to flag here"))
        self.nothing.setAccessibleName(self.tr("Nothing to flag here"))
        self.nothing.toggled.connect(self._on_nothing_toggled)
        self.submit = QPushButton(self.tr("Submit  (Ctrl+Enter)"))
        self.submit.setProperty("role", "primary")
        self.submit.setAccessibleName(self.tr("Submit my answer"))
        self.submit.clicked.connect(self.request_submit)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.request_submit)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(400)
        self._autosave.timeout.connect(self.flush_draft)

        self._build_layout()

    def _build_undo_actions(self) -> None:
        """Undo/Redo act on this screen's marks; the main window's Edit menu shows the same
        actions, so the menu names the step ("Undo Mark “…”")."""
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _build_layout(self) -> None:
        column = QHBoxLayout()
        # The passage grows up to its reading-column width; the spacers take what is left.
        column.addStretch(1)
        column.addWidget(self.passage, 40)
        column.addStretch(1)
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        headline_row = QHBoxLayout()
        headline_row.addStretch(1)
        headline_row.addWidget(self.headline.view, 40)
        headline_row.addStretch(1)
        reading_layout.addLayout(headline_row)
        reading_layout.addLayout(column, 1)

        # The palette (16 chips at level 2) scrolls in the room it is given; "My marks" and
        # Remove are laid out whole under it, so they stay on screen (docs/UI.md).
        labels_box = QWidget()
        labels_layout = QVBoxLayout(labels_box)
        labels_layout.setContentsMargins(0, 0, 4, 0)
        labels_heading = QLabel(self.tr("Labels"))
        labels_heading.setProperty("role", "heading")
        labels_layout.addWidget(labels_heading)
        labels_layout.addWidget(self.labels)
        labels_layout.addWidget(self.definition)
        labels_layout.addStretch(1)
        self.labels_area = FittedScrollArea(labels_box, least_lines=6)

        side = QWidget()
        side_layout = PanelLayout(side)
        side_layout.setContentsMargins(4, 0, 8, 0)
        side_layout.addWidget(self.labels_area)
        marks_heading = QLabel(self.tr("My marks"))
        marks_heading.setProperty("role", "heading")
        side_layout.addWidget(marks_heading)
        # The empty note and the list share one place of a fixed least height, and the
        # Remove button is always there (disabled without marks): the first mark moves
        # nothing on the screen.
        self.marks_stack = QStackedWidget()
        self.marks_stack.addWidget(self.marks_empty)
        self.marks_stack.addWidget(self.marks_list)
        self.marks_stack.setMinimumHeight(120)
        self.marks_stack.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Expanding)
        side_layout.addWidget(self.marks_stack, 1)
        side_layout.addWidget(self.remove_mark, 0, Qt.AlignmentFlag.AlignRight)
        # Only very large text on a small screen needs the whole panel to scroll.
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = DrawerBody(reading, scroll, self.tr("the labels and my marks"))

        # Submit lives outside the scrolling panel and the drawer: always in view.
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 6, 0, 0)
        bar.addWidget(self.hint, 1)
        bar.addSpacing(12)
        bar.addWidget(self.nothing)
        bar.addWidget(self.submit)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 16, 12)
        outer.addWidget(self.header)
        outer.addSpacing(8)
        outer.addWidget(self.body, 1)
        outer.addLayout(bar)

    def show_assignment(self, position: int | None, total: int = 0) -> None:
        """During an assignment: "passage N of M" beside the level, and the back button is
        named for where it goes (the assignment, not the library)."""
        inside = position is not None
        self.level_label.setText(
            self.tr("{level} · passage {n} of {m}").format(
                level=self._level_text, n=position, m=total) if inside else self._level_text)
        self.back.setText(self.tr("← Assignment") if inside else self.tr("← Library"))
        self.back.setAccessibleName(self.tr("Back to the assignment") if inside
                                    else self.tr("Back to the library"))

    # -- loading -----------------------------------------------------------------------------
    def load(self, article: Article, taxonomy: Taxonomy, draft: list[Span] | None = None,
             nothing_to_flag: bool = False, sources: Sequence[SourceCard] = ()) -> None:
        self._loading = True
        self.lookup.reset(sources)
        self.taxonomy = taxonomy
        self.level = article.level
        self.header.show_article(article)
        level_text = (self.tr("Level {n} · label the family") if article.level == 1
                      else self.tr("Level {n} · label the technique"))
        self._level_text = level_text.format(n=article.level)
        self.show_assignment(None)
        self.labels.set_labels(taxonomy, article.level)
        self.definition.show_hint()
        self.marks.set_taxonomy(taxonomy)
        self.passage.set_passage(article.text)
        # The headline is the markable line above the passage (headline.py), not the header.
        self.header.title.hide()
        self.headline.load(article, taxonomy, draft or [])
        self.marks.set_passage(article.text, [m for m in draft or []
                                              if m.end <= len(article.text)])
        self.editor.reset()
        self.headline.editor.reset()
        self.nothing.setChecked(nothing_to_flag)
        self.hint.setText(self.tr("Select a phrase (mouse, or Shift+arrow keys), then click a "
                                  "label or press its number."))
        if sources:
            self.hint.setText(self.hint.text() + " " + self.tr(
                "Ctrl+L looks a name up in the set's source cards."))
        self._loading = False
        self._refresh()
        # Chips are rebuilt per passage; keep Tab in reading order: passage, labels, marks.
        chain: list[QWidget] = [self.back, self.headline.view, self.passage,
                                *self.labels.chips, self.marks_list, self.remove_mark,
                                self.nothing, self.submit]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.passage.setFocus()

    def left(self) -> None:
        """The student moved to another screen."""
        self.editor.reset()  # Undo never changes a passage out of sight
        if self.lookup.panel is not None:
            self.lookup.panel.hide()  # cards belong to the passage being read

    def set_text_size(self, points: float) -> None:
        self.passage.set_text_size(points)

    # -- the marks list ----------------------------------------------------------------------
    def _listed(self, row: int) -> tuple[MarkEditor, Span] | None:
        """The editor and mark behind a row of "My marks" (headline rows come first)."""
        headline = self.headline.model.marks()
        if 0 <= row < len(headline):
            return self.headline.editor, headline[row]
        passage = self.marks.marks()
        if 0 <= row - len(headline) < len(passage):
            return self.editor, passage[row - len(headline)]
        return None

    def _follow_mark(self, row: int) -> None:
        if row >= 0:
            self.marks_list.setCurrentIndex(
                self.marks_listed.index(self.headline.model.rowCount() + row, 0))

    def _follow_headline_mark(self, row: int) -> None:
        if row >= 0:
            self.marks_list.setCurrentIndex(self.marks_listed.index(row, 0))

    def _relabel_current_mark(self, digit: int) -> None:
        entry = self.labels.entry_for_number(digit)
        listed = self._listed(self.marks_list.currentIndex().row())
        if entry is not None and listed is not None:
            editor, mark = listed
            editor.relabel(mark, entry.label)

    def _delete_current_mark(self) -> None:
        row = self.marks_list.currentIndex().row()
        listed = self._listed(row)
        if listed is not None:
            editor, mark = listed
            editor.remove([mark])
            if self.marks_listed.rowCount():
                self.marks_list.setCurrentIndex(
                    self.marks_listed.index(min(row, self.marks_listed.rowCount() - 1), 0))

    def _on_current_mark(self, current: QModelIndex, _previous: QModelIndex) -> None:
        mark = current.data(SpanRole)
        if isinstance(mark, Span) and self.marks_list.hasFocus():
            view = (self.headline.view if current.row() < self.headline.model.rowCount()
                    else self.passage)
            view.select_range(mark.start, mark.end)

    def _mark_menu(self, position: QPoint) -> None:
        """Right-click on a mark: relabel it or remove it, for mouse users."""
        index = self.marks_list.indexAt(position)
        listed = self._listed(index.row()) if index.isValid() else None
        if listed is None:
            return
        self.marks_list.setCurrentIndex(index)
        editor, mark = listed
        menu = QMenu(self)
        relabel = menu.addMenu(self.tr("Relabel as"))
        for entry in self.labels.entries:
            action = relabel.addAction(f"{entry.number}  {entry.name}")
            action.triggered.connect(
                lambda _=False, label=entry.label: editor.relabel(mark, label))
        menu.addAction(self.tr("Remove"), self._delete_current_mark)
        menu.exec(self.marks_list.viewport().mapToGlobal(position))

    def _show_definition(self, label: str) -> None:
        for entry in self.labels.entries:
            if entry.label == label:
                self.definition.show_entry(entry)

    def _on_nothing_toggled(self, checked: bool) -> None:
        if checked and self.all_marks() and not self._loading:
            answer = QMessageBox.question(
                self, self.tr("Nothing to flag?"),
                self.tr("You have marks on this passage. Remove them all and say there is "
                        "nothing to flag?"))
            if answer != QMessageBox.StandardButton.Yes:
                self.nothing.setChecked(False)
                return
            self.editor.remove(self.marks.marks())
            self.headline.editor.remove(self.headline.model.marks())
        self._schedule_draft()

    def _on_marks_changed(self) -> None:
        # A mark (new, or brought back by Undo) means there is something to flag after all.
        if self.all_marks() and self.nothing.isChecked() and not self._loading:
            self.nothing.blockSignals(True)
            self.nothing.setChecked(False)
            self.nothing.blockSignals(False)
        self._refresh()
        self._schedule_draft()

    def _refresh(self) -> None:
        family_of = self.marks.taxonomy.family_of
        highlights = [Highlight(m.start, m.end, label_format(family_of(m.label)))
                      for m in self.marks.marks()]
        self.passage.set_highlights(highlights)
        has_marks = self.marks_listed.rowCount() > 0
        self.marks_stack.setCurrentWidget(self.marks_list if has_marks else self.marks_empty)
        self.remove_mark.setEnabled(has_marks)

    # -- drafts and submit -------------------------------------------------------------------
    def _schedule_draft(self) -> None:
        if not self._loading:
            self._autosave.start()

    def flush_draft(self) -> None:
        self._autosave.stop()
        self.draft_changed.emit(self.all_marks(), self.nothing.isChecked())

    def has_pending_draft(self) -> bool:
        return self._autosave.isActive()

    def all_marks(self) -> list[Span]:
        """Passage and headline marks in scoring coordinates (trainer.core.parts)."""
        return self.marks.marks() + self.headline.scoring_marks()

    def request_submit(self) -> None:
        marks = self.all_marks()
        nothing = self.nothing.isChecked()
        if not marks and not nothing:
            answer = QMessageBox.question(
                self, self.tr("Submit without marks?"),
                self.tr("You have not marked anything. Submit and say this passage has "
                        "nothing to flag?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                self.passage.setFocus()
                return
            nothing = True
        self._autosave.stop()
        self.submit_requested.emit(marks, nothing)
