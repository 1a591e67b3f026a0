"""The class report's tabs: Students, Techniques, Articles (with the selected article's
heatmap below), Heatmap, Confusion and Notes, each a table view over a model of its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QItemSelection,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.class_report import ClassReport
from trainer.core.taxonomy import Taxonomy
from trainer.ui.teacher.class_report.article_models import ArticlesModel, ConfusionModel, NotesModel
from trainer.ui.teacher.class_report.heatmap_view import HeatmapPanel
from trainer.ui.teacher.class_report.student_models import CodeSaver, StudentsModel, TechniquesModel
from trainer.ui.teacher.class_report.table import SortRole


def table_view(model: QAbstractItemModel, name: str, sortable: bool = True) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    for corner in view.findChildren(QAbstractButton):  # the corner button selects all
        corner.setAccessibleName(QCoreApplication.translate("ClassReport",
                                                            "Select the whole table"))
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortRole)
        view.setModel(proxy)
        # Sorting starts off, so a model's own order (the hardest article first) shows.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    return view


def _page(*widgets: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    return page


class EmptyPage(QWidget):
    """What a teacher sees before the first import: what to do, and the two ways in."""

    def __init__(self, on_folder: Callable[[], None], on_files: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(self.tr(
            "No class data yet. Collect your students' progress files (Progress → Export my "
            "progress) on a USB stick, then Import a folder… — or choose the files with "
            "Import progress files… Importing a file twice changes nothing."))
        self.text.setProperty("role", "empty")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setAccessibleName(self.tr("What to do first"))
        self.folder = QPushButton(self.tr("Import a &folder…"))
        self.folder.setProperty("role", "primary")
        self.folder.clicked.connect(on_folder)
        self.files = QPushButton(self.tr("Import progress &files…"))
        self.files.clicked.connect(on_files)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        for button in (self.folder, self.files):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class ReportTabs(QTabWidget):
    remove_requested = Signal(str, str)  # student id, name

    def __init__(self, taxonomy: Taxonomy, save_code: CodeSaver | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Class report"))
        self.students = StudentsModel(save_code, self)
        self.techniques = TechniquesModel(taxonomy, self)
        self.articles = ArticlesModel(self)
        self.confusion = ConfusionModel(taxonomy, self)
        self.notes = NotesModel(self)

        self.students_view = table_view(self.students, self.tr("Students"))
        self.remove_button = QPushButton(self.tr("&Remove student…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected student"))
        self.remove_button.clicked.connect(self._remove_selected)
        hint = QLabel(self.tr("Double-click a student code (or select it and press F2) to "
                              "type the ID your gradebook uses."))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        below = QWidget()
        row = QHBoxLayout(below)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(hint, 1)
        row.addWidget(self.remove_button)
        self.addTab(_page(self.students_view, below), self.tr("&Students"))

        self.techniques_view = table_view(self.techniques,
                                          self.tr("Mastery per student and technique"))
        legend = QLabel(self.tr("Mastery: key phrases of that technique found (a phrase "
                                "only partly marked does not count), with the number "
                                "met in brackets; stronger shading = higher mastery; “—” = not "
                                "enough yet (fewer than 3 key spans of that technique)."))
        legend.setWordWrap(True)
        legend.setProperty("role", "muted")
        self.addTab(_page(self.techniques_view, legend), self.tr("&Techniques"))

        self.articles_view = table_view(self.articles, self.tr("Articles, hardest first"))
        self.article_heatmap = HeatmapPanel(chooser=False, compact=True)
        self.article_heatmap.view.setAccessibleName(self.tr("Heatmap of the selected article"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.articles_view)
        split.addWidget(self.article_heatmap)
        split.setStretchFactor(1, 2)
        self.article_split = split
        split.setChildrenCollapsible(False)
        self.articles_view.selectionModel().selectionChanged.connect(self._article_selected)
        self.addTab(_page(split), self.tr("&Articles"))
        self._sized = False

        self.heatmap = HeatmapPanel(chooser=True)
        self.addTab(self.heatmap, self.tr("&Heatmap"))

        self.confusion_view = table_view(self.confusion, self.tr(
            "Confusion: key technique against the label given"), sortable=False)
        self.confusion_view.verticalHeader().show()
        note = QLabel(self.tr("Rows: the technique in the answer key. Columns: the label "
                              "students gave it. Bold = the right label (technique or its "
                              "family); “Missed” = nobody's mark touched it."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self.addTab(_page(self.confusion_view, note), self.tr("&Confusion"))

        self.notes_view = table_view(self.notes, self.tr("Students' “I disagree” notes"))
        self.notes_view.setWordWrap(True)
        self.addTab(_page(self.notes_view), self.tr("&Notes"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Once laid out: the passage under the Articles table gets two thirds of the height.
        if not self._sized:
            self._sized = True
            height = max(self.article_split.height(), 3)
            self.article_split.setSizes([height // 3, height - height // 3])

    def set_report(self, report: ClassReport) -> None:
        for model in (self.students, self.techniques, self.articles, self.confusion,
                      self.notes):
            model.set_report(report)
        self.heatmap.set_report(report)
        self.article_heatmap.report = report
        first = self.articles.key_of(0)
        if first is not None:
            self.articles_view.selectRow(0)
        self.article_heatmap.show_article(self._selected_article() or first)
        self.remove_button.setEnabled(self.students.rowCount() > 0)

    def _selected_article(self) -> tuple[str, str] | None:
        rows = self.articles_view.selectionModel().selectedRows()
        if not rows:
            return None
        key = rows[0].data(Qt.ItemDataRole.UserRole)
        return key if isinstance(key, tuple) else None

    def _article_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        key = self._selected_article()
        if key is not None:
            self.article_heatmap.show_article(key)
            self.heatmap.show_article(key)

    def _remove_selected(self) -> None:
        rows = self.students_view.selectionModel().selectedRows()
        if rows:
            self.remove_requested.emit(rows[0].data(Qt.ItemDataRole.UserRole),
                                       rows[0].data(Qt.ItemDataRole.DisplayRole))
