"""Teacher → Make assignment…: choose passages from any sets, order them, describe the
assignment and save one .mltassignment file (DESIGN §4, docs/TEACHERS.md).

Left, every set in the library as a tree with check boxes and a filter box; right, the
chosen passages in the order students work through them (Alt+Up/Alt+Down move, Delete
removes); below, title, teacher, level, optional due date and when feedback shows. Save is
disabled, with the reason shown, until there is a title and at least one passage.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.errors import InvalidInput
from trainer.core.model import ArticleSet
from trainer.ui.teacher.assignment_maker.passage_tree import (
    Key,
    PassageFilter,
    PassageTreeModel,
    set_rows,
)
from trainer.ui.widgets import file_dialogs

EXTENSION = "mltassignment"
TEACHER_SETTING = "assignment_teacher"  # the last teacher name used, offered next time


def file_name_for(title: str) -> str:
    """A file name from the title, safe on every system (the title itself may hold / or :)."""
    from trainer.core.setids import slug

    return f"{slug(title, 'assignment')}.{EXTENSION}"


class ChosenList(QListWidget):
    """The chosen passages; Alt+Up/Alt+Down move the current one, Delete removes it (keys
    handled here, so they work wherever the list has focus)."""

    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not alt:
            self.remove_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class AssignmentMakerDialog(QDialog):
    def __init__(self, article_sets: list[ArticleSet], teacher: str = "",
                 remember_teacher: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sets = {s.id: s for s in article_sets}
        self._remember_teacher = remember_teacher
        self.saved_path: Path | None = None
        self.setWindowTitle(self.tr("Make assignment"))
        self.setAccessibleName(self.windowTitle())
        screen = self.screen().availableGeometry()  # fits a 1024×600 screen too
        self.resize(min(980, screen.width() - 40), min(640, screen.height() - 60))

        self.model = PassageTreeModel(self)
        self.model.set_sets(set_rows(article_sets))
        self.proxy = PassageFilter(self)
        self.proxy.setSourceModel(self.model)
        self.model.ticked.connect(self._ticked)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._library_panel())
        splitter.addWidget(self._chosen_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setAccessibleName(self.tr("What is missing"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("Save status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("&Save assignment…"))
        self.save_button.setAccessibleName(self.tr("Save assignment"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.choose_file)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._details_box())
        layout.addWidget(self.problems)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.teacher.setText(teacher)
        self._update()
        self.filter.setFocus()

    # -- building ----------------------------------------------------------------------------
    def _library_panel(self) -> QWidget:
        panel = QWidget()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by title, set, level or technique…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter passages"))
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("Passages in the library"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: measuring every row (ResizeToContents) costs a noticeable pause on a
        # library of a few hundred passages.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(1, self.fontMetrics().horizontalAdvance(self.tr("Level")) + 24)
        self.tree.setColumnWidth(2, 220)
        self.tree.expandAll()
        label = QLabel(self.tr("&Passages in the library (tick to choose; Space ticks):"))
        label.setBuddy(self.filter)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(label)
        box.addWidget(self.filter)
        box.addWidget(self.tree, 1)
        if not self._sets:
            empty = QLabel(self.tr("The library has no sets yet. Import a set (File → Import "
                                   "set file…) or make one in the set editor, then come back."))
            empty.setWordWrap(True)
            box.addWidget(empty)
        return panel

    def _chosen_panel(self) -> QWidget:
        panel = QWidget()
        self.chosen = ChosenList()
        self.chosen.setAccessibleName(self.tr("Chosen passages, in order"))
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen.setWordWrap(True)
        self.chosen.currentRowChanged.connect(lambda _row: self._update_buttons())
        label = QLabel(self.tr("&Chosen passages, in the order students work through them:"))
        label.setWordWrap(True)
        label.setBuddy(self.chosen)

        def button(text: str, name: str, slot: Callable[[], None], keys: str) -> QPushButton:
            made = QPushButton(text)
            made.setAccessibleName(name)
            made.setToolTip(f"{name} ({QKeySequence(keys).toString()})")
            made.clicked.connect(slot)
            return made

        self.up_button = button(self.tr("Move &up"), self.tr("Move passage up"),
                                lambda: self.move_current(-1), "Alt+Up")
        self.down_button = button(self.tr("Move &down"), self.tr("Move passage down"),
                                  lambda: self.move_current(1), "Alt+Down")
        self.remove_button = button(self.tr("&Remove"), self.tr("Remove passage"),
                                    self.remove_current, "Delete")
        self.chosen.move_requested.connect(self.move_current)
        self.chosen.remove_requested.connect(self.remove_current)
        row = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(label)
        box.addWidget(self.chosen, 1)
        box.addLayout(row)
        return panel

    def _details_box(self) -> QGroupBox:
        group = QGroupBox(self.tr("Assignment"))
        self.title = QLineEdit()
        self.title.setAccessibleName(self.tr("Assignment title"))
        self.title.setPlaceholderText(self.tr("e.g. Week 3: who says so?"))
        self.title.setMaxLength(200)
        self.title.textChanged.connect(lambda _text: self._update())
        self.teacher = QLineEdit()
        self.teacher.setAccessibleName(self.tr("Teacher name"))
        self.teacher.setMaxLength(200)
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Level to practise at"))
        for n, text in ((1, self.tr("Level 1 — families")), (2, self.tr("Level 2 — techniques")),
                        (3, self.tr("Level 3 — techniques, scored exactly"))):
            self.level.addItem(text, n)
        self.due_check = QCheckBox(self.tr("D&ue date:"))
        self.due_check.setAccessibleName(self.tr("Set a due date"))
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setEnabled(False)
        self.due_check.toggled.connect(self.due.setEnabled)
        due_note = QLabel(self.tr("shown to students, never enforced"))
        due_note.setProperty("role", "muted")
        self.feedback_each = QRadioButton(self.tr("After &each passage"))
        self.feedback_each.setAccessibleName(self.tr("Feedback after each passage"))
        self.feedback_end = QRadioButton(self.tr("Only at the e&nd"))
        self.feedback_end.setAccessibleName(self.tr("Feedback only at the end"))
        self.feedback_each.setChecked(True)
        self.feedback = QButtonGroup(self)
        self.feedback.addButton(self.feedback_each)
        self.feedback.addButton(self.feedback_end)

        grid = QGridLayout(group)
        form_left = QFormLayout()
        title_label = QLabel(self.tr("&Title:"))
        title_label.setBuddy(self.title)
        form_left.addRow(title_label, self.title)
        teacher_label = QLabel(self.tr("Tea&cher:"))
        teacher_label.setBuddy(self.teacher)
        form_left.addRow(teacher_label, self.teacher)
        form_right = QFormLayout()
        level_label = QLabel(self.tr("&Level:"))
        level_label.setBuddy(self.level)
        form_right.addRow(level_label, self.level)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(due_note, 1)
        form_right.addRow(self.due_check, due_row)
        feedback_row = QHBoxLayout()
        feedback_row.addWidget(self.feedback_each)
        feedback_row.addWidget(self.feedback_end)
        feedback_row.addStretch(1)
        form_right.addRow(QLabel(self.tr("Feedback:")), feedback_row)
        grid.addLayout(form_left, 0, 0)
        grid.addLayout(form_right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return group

    # -- the chosen list ---------------------------------------------------------------------
    def chosen_keys(self) -> list[Key]:
        return [self.chosen.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.chosen.count())]

    def _ticked(self, keys: list[Key], on: bool) -> None:
        present = set(self.chosen_keys())
        if on:
            for key in keys:
                passage = self.model.passage(key)
                if passage is None or key in present:
                    continue
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setToolTip(self.tr("Level %1 · %2").replace("%1", str(passage.level))
                                .replace("%2", passage.techniques or self.tr("clean passage")))
                self.chosen.addItem(item)
        else:
            for row in reversed(range(self.chosen.count())):
                if self.chosen.item(row).data(Qt.ItemDataRole.UserRole) in keys:
                    self.chosen.takeItem(row)
        self._number()
        self._update()

    def _number(self) -> None:
        """Each row starts with its place, so the order is plain to see and to hear."""
        for row in range(self.chosen.count()):
            item = self.chosen.item(row)
            passage = self.model.passage(item.data(Qt.ItemDataRole.UserRole))
            if passage is not None:
                item.setText(self.tr("%1. %2 — %3").replace("%1", str(row + 1))
                             .replace("%2", passage.title)
                             .replace("%3", self.model.set_title(passage.set_id)))

    def move_current(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)
        self._number()
        self._update()

    def remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row < 0:
            return
        key = self.chosen.item(row).data(Qt.ItemDataRole.UserRole)
        self.model.set_checked([key], False)  # unticks in the tree; _ticked drops the row
        if self.chosen.count():
            self.chosen.setCurrentRow(min(row, self.chosen.count() - 1))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    # -- checking and saving -----------------------------------------------------------------
    def missing(self) -> list[str]:
        """Why the assignment cannot be saved yet (empty when it can)."""
        reasons = []
        if not self.title.text().strip():
            reasons.append(self.tr("Give the assignment a title."))
        if not self.chosen.count():
            reasons.append(self.tr("Tick at least one passage on the left."))
        return reasons

    def _update_buttons(self) -> None:
        row, count = self.chosen.currentRow(), self.chosen.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)

    def _update(self) -> None:
        reasons = self.missing()
        self.save_button.setEnabled(not reasons)
        tip = " ".join(reasons) if reasons else self.tr("Save the assignment as one file")
        self.save_button.setToolTip(tip)
        self.save_button.setAccessibleDescription(tip)
        self.problems.setText(self.tr("To save: %1").replace("%1", " ".join(reasons))
                              if reasons else "")
        # The line keeps its room (two lines: both reasons wrapped) when it empties, so the
        # form above does not jump under the pointer as the last reason goes.
        margins = self.problems.contentsMargins()
        self.problems.setMinimumHeight(2 * self.problems.fontMetrics().lineSpacing()
                                       + margins.top() + margins.bottom())
        self._update_buttons()

    def due_date(self) -> date | None:
        if not self.due_check.isChecked():
            return None
        picked = self.due.date()
        return date(picked.year(), picked.month(), picked.day())

    def choose_file(self) -> None:
        if self.missing():
            return
        path = file_dialogs.save_file(
            self, file_dialogs.ASSIGNMENT, self.tr("Save assignment"),
            file_name_for(self.title.text().strip()),
            self.tr("Assignments (*.%1)").replace("%1", EXTENSION))
        if path is not None:
            if not path.suffix:
                path = path.with_suffix("." + EXTENSION)
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the assignment file; says what happened in the dialog (never raises)."""
        from trainer.core.assignment_file import (
            Feedback,
            make_assignment_from,
            write_assignment,
        )

        if self.missing():
            return False
        keys = self.chosen_keys()
        used = [self._sets[s] for s in dict.fromkeys(s for s, _a in keys)]
        feedback: Feedback = "end" if self.feedback_end.isChecked() else "each"
        teacher = self.teacher.text().strip()
        try:
            assignment = make_assignment_from(
                used, keys, title=self.title.text().strip(), level=int(self.level.currentData()),
                teacher=teacher, due=self.due_date(), feedback=feedback)
            write_assignment(assignment, path)
        except InvalidInput as exc:
            self._say(self.tr("Not saved: %1").replace(
                "%1", "; ".join(p.format() for p in exc.problems[:5])), error=True)
            return False
        except OSError as exc:
            self._say(self.tr("Not saved: %1 could not be written (%2). Choose another "
                              "folder.").replace("%1", str(path))
                      .replace("%2", exc.strerror or str(exc)), error=True)
            return False
        if self._remember_teacher is not None:
            self._remember_teacher(teacher)
        self.saved_path = path
        count = len(assignment.passages)
        self._say(self.tr("Saved %1 (%2 passages). Copy it to a USB stick or a shared folder; "
                          "students open it with File → Open assignment…")
                  .replace("%1", str(path)).replace("%2", str(count)), error=False)
        return True

    def _say(self, text: str, error: bool) -> None:
        self.status.setText(("✗ " if error else "✓ ") + text)
        self.status.setStyleSheet("color:#b42318;" if error else "")
