"""The library: every passage with level, status, best score and what to look for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.library.library_model import (
    Entry,
    EntryRole,
    LibraryFilter,
    LibraryModel,
    status_text,
)
from trainer.ui.shell.styles import icon

FITTED_COLUMNS = (1, 2, 3, 4)  # set, level, status, best score
CELL_PADDING = 24  # item margins and the focus frame, with room to spare
HEADER_PADDING = 36  # the header's padding (theme.py) and the sort arrow


class LibraryView(QWidget):
    open_requested = Signal(int)  # revision id
    profile_requested = Signal()
    history_requested = Signal()
    import_requested = Signal()

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.model = LibraryModel(taxonomy, self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)

        self.greeting = QLabel()
        self.greeting.setProperty("role", "title")
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.history = QPushButton(self.tr("My attempts"))
        self.history.setAccessibleName(self.tr("Show my attempts"))
        self.history.clicked.connect(self.history_requested)
        self.switch = QPushButton(self.tr("Switch profile"))
        self.switch.setAccessibleName(self.tr("Switch profile"))
        self.switch.clicked.connect(self.profile_requested)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search passage titles"))
        self.search.textChanged.connect(self._on_filter)
        self.level = QComboBox()
        self.level.addItem(self.tr("All levels"), None)
        for n in (1, 2, 3):
            self.level.addItem(self.tr("Level {n}").format(n=n), n)
        self.level.setAccessibleName(self.tr("Filter by level"))
        self.level.currentIndexChanged.connect(self._on_filter)
        self.technique = QComboBox()
        self.technique.setAccessibleName(self.tr("Filter by technique"))
        self.technique.addItem(self.tr("Any technique"), None)
        for family in taxonomy.families.values():
            self.technique.addItem(family.name, family.id)
            for technique in taxonomy.techniques_in(family.id):
                self.technique.addItem("    " + technique.name, technique.id)
        self.technique.currentIndexChanged.connect(self._on_filter)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Passages"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in FITTED_COLUMNS:  # sized by _fit_columns()
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_index)
        self.open = QPushButton(self.tr("Practise this passage"))
        self.open.setProperty("role", "primary")
        self.open.setAccessibleName(self.tr("Practise the selected passage"))
        self.open.clicked.connect(lambda: self._open_index(self.table.currentIndex()))

        self.empty_icon = QLabel()
        self.empty_icon.setPixmap(icon("empty-library").pixmap(QSize(96, 96)))
        self.empty_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setProperty("role", "empty")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_import = QPushButton(self.tr("Import an article set…"))
        self.empty_import.setAccessibleName(self.tr("Import an article set"))
        self.empty_import.clicked.connect(self.import_requested)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_icon)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_import, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.greeting)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(self.history, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignTop)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level, 1)
        filters.addWidget(self.technique, 1)
        bottom = QHBoxLayout()
        hint = QLabel(self.tr("Tip: use the arrow keys and press Enter to open a passage."))
        hint.setProperty("role", "muted")
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.open)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 18)
        outer.setSpacing(12)
        outer.addLayout(top)
        outer.addLayout(filters)
        outer.addWidget(self.stack, 1)
        outer.addLayout(bottom)

    def set_profile_name(self, name: str) -> None:
        self.greeting.setText(self.tr("Hello, {name}").format(name=name))

    def _fit_columns(self, entries: Sequence[Entry]) -> None:
        """Width of each short column from its distinct values.

        Qt's ResizeToContents would ask the model about every row (up to 1,000), which for a
        2,000-passage library delays the first paint; these columns hold a handful of distinct
        values, so measuring those is enough and gives the same result."""
        values = {
            1: {e.set_title for e in entries},
            2: {str(e.level) for e in entries},
            3: {status_text(s) for s in ("new", "in-progress", "done")},
            4: {"–", "100 %"},
        }
        cells = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        labels = header.fontMetrics()
        for column in FITTED_COLUMNS:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max((cells.horizontalAdvance(t) for t in values[column]), default=0)
            header.resizeSection(column, max(widest + CELL_PADDING,
                                             labels.horizontalAdvance(title) + HEADER_PADDING))

    def set_entries(self, entries: Sequence[Entry]) -> None:
        current = self.selected_revision()
        self.model.set_entries(entries)
        self._fit_columns(entries)
        done = sum(1 for e in entries if e.status == "done")
        self.summary.setText(self.tr("{done} of {total} passages done").format(
            done=done, total=len(entries)))
        self._update_empty()
        row = 0
        if current is not None:
            for proxy_row in range(self.proxy.rowCount()):
                entry = self.proxy.index(proxy_row, 0).data(EntryRole)
                if entry.revision_id == current:
                    row = proxy_row
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))

    def set_level_filter(self, level: int | None) -> None:
        self.level.setCurrentIndex(0 if level is None else level)

    def focus_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
        else:
            self.search.setFocus()

    def selected_revision(self) -> int | None:
        entry = self.table.currentIndex().data(EntryRole)
        return None if entry is None else int(entry.revision_id)

    def _on_filter(self) -> None:
        self.proxy.set_search(self.search.text())
        self.proxy.set_level(self.level.currentData())
        self.proxy.set_technique(self.technique.currentData())
        self._update_empty()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.empty_text.setText(self.tr("Your library is empty. Import an article set "
                                            "from your teacher to start practising."))
            self.empty_import.show()
            self.stack.setCurrentIndex(1)
        elif self.proxy.rowCount() == 0:
            self.empty_text.setText(self.tr("No passage matches these filters. Clear the "
                                            "search or choose “All levels”."))
            self.empty_import.hide()
            self.stack.setCurrentIndex(1)
        else:
            self.stack.setCurrentIndex(0)
        self.open.setEnabled(self.proxy.rowCount() > 0)

    def _open_index(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole) if index.isValid() else None
        if entry is not None:
            self.open_requested.emit(int(entry.revision_id))
