"""The assignments screen: every assignment opened on this computer with the student's progress
(done / total), and the passages of the chosen one in order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from trainer.storage.assignments import AssignmentInfo, AssignmentPassageInfo

Index = QModelIndex | QPersistentModelIndex


class PassagesModel(QAbstractTableModel):
    """The passages of one assignment, in the order the teacher set."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[AssignmentPassageInfo] = []

    def set_passages(self, rows: Sequence[AssignmentPassageInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def passage(self, row: int) -> AssignmentPassageInfo:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("#"), self.tr("Passage"), self.tr("Status"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        passage = self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return str(index.row() + 1)
            if index.column() == 1:
                return passage.title or passage.article_id
            if passage.revision_id is None:
                return self.tr("missing from the library")
            return self.tr("✓ done") if passage.done else self.tr("to do")
        return None


class AssignmentView(QWidget):
    open_requested = Signal(str, int)  # assignment id, revision id
    back_requested = Signal()
    file_requested = Signal()
    export_requested = Signal()  # hand in the work: Progress → Export my progress…

    def __init__(self) -> None:
        super().__init__()
        self._assignments: list[AssignmentInfo] = []
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Assignments"))
        self.list.currentRowChanged.connect(self._show_current)
        # The chosen assignment's title as a heading over its details, like the other
        # screens' headings (it was plain text, review 4, finding 18).
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # titles come from a file
        self.heading.setWordWrap(True)
        self.heading.setProperty("role", "heading")
        self.heading.setAccessibleName(self.tr("Assignment title"))
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # titles come from a file
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("Assignment details"))
        self.model = PassagesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Passages of the assignment"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The number and the status as narrow as they read; the title takes the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.start = QPushButton(self.tr("&Start next passage"))
        self.start.setAccessibleName(self.tr("Start the next passage not done yet"))
        self.start.clicked.connect(self.open_next)
        # Once every passage is done there is nothing to start: say how to hand it in.
        self.all_done = QLabel(self.tr("All done — hand in your work: Progress → Export my "
                                       "progress…, then give the file to your teacher."))
        self.all_done.setWordWrap(True)
        self.all_done.setAccessibleName(self.tr("Assignment done"))
        self.hand_in = QPushButton(self.tr("&Export my progress…"))
        self.hand_in.setProperty("role", "primary")
        self.hand_in.setAccessibleName(self.tr("Export my progress to hand in"))
        self.hand_in.clicked.connect(self.export_requested.emit)
        self.all_done.hide()
        self.hand_in.hide()
        self.open_file = QPushButton(self.tr("&Open assignment file…"))
        self.open_file.setAccessibleName(self.tr("Open an assignment file"))
        self.open_file.clicked.connect(self.file_requested.emit)
        back = QPushButton(self.tr("&Back to the library"))
        back.setAccessibleName(self.tr("Back to the library"))
        back.clicked.connect(self.back_requested.emit)
        self.empty = QLabel(self.tr("No assignment yet. Open the file your teacher gave you "
                                    "(File → Open assignment…, or drop it on this window)."))
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName(self.tr("No assignments"))

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.details)
        right.addWidget(self.table, 1)
        right.addWidget(self.start)
        right.addWidget(self.all_done)
        right.addWidget(self.hand_in)
        columns = QHBoxLayout()
        columns.addWidget(self.list, 1)
        columns.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.open_file)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Assignments"))
        title.setProperty("role", "title")  # the theme's title, as on the library screen
        title.setAccessibleName(self.tr("Assignments"))
        layout.addWidget(title)
        layout.addWidget(self.empty)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

    def set_assignments(self, assignments: Sequence[AssignmentInfo],
                        current: str | None = None) -> None:
        shown = self.current()
        keep = current or (shown.id if shown is not None else None)
        self._assignments = list(assignments)
        self.list.blockSignals(True)
        self.list.clear()
        for info in self._assignments:
            text = self.tr("{title} — {done}/{total} done").format(
                title=info.title, done=info.done, total=info.total)
            if info.due is not None:
                text += self.tr(" · due {date}").format(date=info.due.isoformat())
            self.list.addItem(QListWidgetItem(text))
        self.list.blockSignals(False)
        ids = [a.id for a in self._assignments]
        self.empty.setVisible(not ids)
        self.list.setCurrentRow(ids.index(keep) if keep in ids else 0 if ids else -1)
        self._show_current(self.list.currentRow())

    def current(self) -> AssignmentInfo | None:
        row = self.list.currentRow()
        return self._assignments[row] if 0 <= row < len(self._assignments) else None

    def _show_current(self, row: int) -> None:
        info = self._assignments[row] if 0 <= row < len(self._assignments) else None
        self.model.set_passages(info.passages if info else [])
        can_start = info is not None and info.next_passage() is not None
        finished = info is not None and info.total > 0 and not can_start
        self.start.setEnabled(can_start)
        self.start.setVisible(not finished)
        self.all_done.setVisible(finished)
        self.hand_in.setVisible(finished)
        if info is None:
            self.heading.setText("")
            self.details.setText("")
            return
        self.heading.setText(info.title)
        lines = []
        if info.teacher:
            lines.append(self.tr("From {teacher}").format(teacher=info.teacher))
        lines.append(self.tr("Level {level} · {done} of {total} passages done").format(
            level=info.level, done=info.done, total=info.total))
        if info.due is not None:
            lines.append(self.tr("Due {date}").format(date=info.due.isoformat()))
        if info.feedback == "end":
            lines.append(self.tr("Feedback once every passage is submitted "
                                 "(My attempts shows it)."))
        self.details.setText("\n".join(lines))

    def open_next(self) -> None:
        info = self.current()
        passage = info.next_passage() if info else None
        if info is not None and passage is not None and passage.revision_id is not None:
            self.open_requested.emit(info.id, passage.revision_id)

    def _open_row(self, row: int) -> None:
        info = self.current()
        if info is None or not 0 <= row < self.model.rowCount():
            return
        revision = self.model.passage(row).revision_id
        if revision is not None:
            self.open_requested.emit(info.id, revision)
