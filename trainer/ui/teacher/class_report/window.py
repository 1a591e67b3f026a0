"""Teacher → Class report…: the class's progress files imported from a USB stick or a folder,
and the report over them in tabs, with an assignment filter, a problems strip and exports.

Imports run on the write lane with a progress dialog and Cancel; the report is made again
from the store after every import, code edit or filter change (store.classes.report).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trainer.core.class_report import ClassReport
from trainer.core.errors import InvalidInput, Problem
from trainer.core.taxonomy import Taxonomy
from trainer.storage.errors import StoreError
from trainer.ui.teacher.class_report import exports
from trainer.ui.teacher.class_report.import_task import ClassImportOutcome, ClassImportTask
from trainer.ui.teacher.class_report.problems import ProblemsStrip
from trainer.ui.teacher.class_report.store_types import ClassesPart, StoreProvider
from trainer.ui.teacher.class_report.student_models import CodeRefused
from trainer.ui.teacher.class_report.tabs import ReportTabs
from trainer.ui.widgets.tasks import write_lane

ALL = None  # the assignment filter's "All attempts"


class ClassReportWindow(QMainWindow):
    imported = Signal(object)  # ClassImportOutcome, after the report was made again

    def __init__(self, store_provider: StoreProvider, taxonomy: Taxonomy,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.store_provider = store_provider
        self.setWindowTitle(self.tr("Class report"))
        self.setAccessibleName(self.windowTitle())
        self.resize(1180, 760)
        self.report = ClassReport()
        self.failed: list[Problem] = []  # problems of this window's last import
        self.task: ClassImportTask | None = None
        self.progress: QProgressDialog | None = None
        self._close_when_done = False

        self.import_files_action = self._action(self.tr("&Import progress files…"), "Ctrl+I",
                                                self.choose_files)
        self.import_folder_action = self._action(self.tr("Import a &folder…"), "Ctrl+Shift+I",
                                                 self.choose_folder)
        self.csv_action = self._action(self.tr("Save &CSV for gradebook…"), "Ctrl+S",
                                       lambda: exports.save_csv(self, self.report))
        self.xapi_action = self._action(self.tr("Save &xAPI…"), "Ctrl+Shift+S",
                                        lambda: exports.save_xapi(self, self.report))
        close = self._action(self.tr("&Close"), QKeySequence.StandardKey.Close, self.close)
        # The menu holds every action too, so the keyboard reaches them all (Alt+C).
        menu = self.menuBar().addMenu(self.tr("&Class"))
        menu.addActions([self.import_files_action, self.import_folder_action])
        menu.addSeparator()
        menu.addActions([self.csv_action, self.xapi_action])
        menu.addSeparator()
        menu.addAction(close)
        self.assignment = QComboBox()
        self.assignment.setAccessibleName(self.tr("Assignment filter"))
        self.assignment.setToolTip(self.tr("Show all attempts, or only one assignment's"))
        self.assignment.currentIndexChanged.connect(lambda _row: self.refresh())
        toolbar = QToolBar(self.tr("Class report tools"))
        toolbar.setAccessibleName(toolbar.windowTitle())
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.import_files_action, self.import_folder_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        label = QLabel(self.tr("&Assignment:"))
        label.setBuddy(self.assignment)
        toolbar.addWidget(label)
        toolbar.addWidget(self.assignment)
        toolbar.addSeparator()
        for action in (self.csv_action, self.xapi_action):
            toolbar.addAction(action)
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None and action.text():
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.addToolBar(toolbar)

        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Class summary"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Last import"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.problems = ProblemsStrip()
        self.tabs = ReportTabs(taxonomy, self._save_code)
        self.tabs.remove_requested.connect(self.remove_student)
        self.tabs.students.code_rejected.connect(
            lambda message: self._tell(self.tr("Student code"), message, error=True))
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_page())
        self.stack.addWidget(self.tabs)
        central = QWidget()
        central.setObjectName("screen")
        layout = QVBoxLayout(central)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.refresh()

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _empty_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(self.tr(
            "No class data yet. Collect your students' progress files (Progress → Export my "
            "progress) on a USB stick, then Import a folder… — or choose the files with "
            "Import progress files…. Importing a file twice changes nothing."))
        text.setProperty("role", "empty")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setAccessibleName(self.tr("What to do first"))
        self.empty_folder = QPushButton(self.tr("Import a &folder…"))
        self.empty_folder.setProperty("role", "primary")
        self.empty_folder.clicked.connect(self.choose_folder)
        self.empty_files = QPushButton(self.tr("Import progress &files…"))
        self.empty_files.clicked.connect(self.choose_files)
        for button in (self.empty_folder, self.empty_files):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(text)
        for button in (self.empty_folder, self.empty_files):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    # --- the store -----------------------------------------------------------------------
    def classes(self) -> ClassesPart | None:
        store = self.store_provider()
        return store.classes if store is not None else None

    def refresh(self) -> None:
        """Make the report again from the store, for the chosen assignment."""
        classes = self.classes()
        if classes is None:
            self.summary.setText(self.tr("The progress database is not open."))
            return
        try:
            empty = classes.is_empty()
            self._fill_assignments(classes.assignment_ids())
            self.report = ClassReport() if empty else classes.report(
                self.assignment.currentData())
        except StoreError as exc:
            self.summary.setText(self.tr("The class data could not be read: %1")
                                 .replace("%1", exc.message))
            return
        self.stack.setCurrentIndex(0 if empty else 1)
        self.tabs.set_report(self.report)
        self.problems.set_problems(self.failed, self.report)
        for action in (self.csv_action, self.xapi_action):
            action.setEnabled(bool(self.report.attempts))
        self.summary.setText("" if empty else self.tr(
            "%1 student(s) · %2 attempt(s) counted · %3 article(s)")
            .replace("%1", str(len(self.report.students)))
            .replace("%2", str(len(self.report.attempts)))
            .replace("%3", str(len(self.report.articles))))

    def _fill_assignments(self, ids: Sequence[tuple[str, str]]) -> None:
        current = self.assignment.currentData()
        self.assignment.blockSignals(True)
        self.assignment.clear()
        self.assignment.addItem(self.tr("All attempts"), ALL)
        for assignment_id, title in ids:
            self.assignment.addItem(f"{title} ({assignment_id})" if title else assignment_id,
                                    assignment_id)
        row = self.assignment.findData(current) if current is not None else 0
        self.assignment.setCurrentIndex(max(row, 0))
        self.assignment.blockSignals(False)

    def _save_code(self, student_id: str, code: str | None) -> str | None:
        classes = self.classes()
        if classes is None:
            raise CodeRefused(self.tr("The progress database is not open."))
        try:
            classes.set_student_code(student_id, code)
            return next((s.code for s in classes.students() if s.id == student_id), code)
        except InvalidInput as exc:
            raise CodeRefused("; ".join(p.message for p in exc.problems)) from exc
        except StoreError as exc:
            raise CodeRefused(exc.message) from exc

    @Slot(str, str)
    def remove_student(self, student_id: str, name: str) -> None:
        answer = QMessageBox.question(self, self.tr("Remove student"), self.tr(
            "Remove %1 and every attempt imported from their files? Importing their file "
            "again brings them back.").replace("%1", name))
        classes = self.classes()
        if answer != QMessageBox.StandardButton.Yes or classes is None:
            return
        try:
            classes.remove_student(student_id)
        except StoreError as exc:
            self._tell(self.tr("Remove student"), exc.message, error=True)
        self.refresh()

    # --- import --------------------------------------------------------------------------
    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Import progress files"), "",
                                                self.tr("Progress files (*.mltprogress "
                                                        "*.json);;All files (*)"))
        if names:
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(
            self, self.tr("Import the progress files in a folder (a USB stick)"))
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: Sequence[Path]) -> ClassImportTask | None:
        classes = self.classes()
        if classes is None or self.task is not None:
            self._tell(self.tr("Import"), self.tr("An import is already running.")
                       if classes is not None else self.tr("The progress database is not open."))
            return None
        task = ClassImportTask(classes, paths)
        progress = QProgressDialog(self.tr("Reading the progress files…"), self.tr("Cancel"),
                                   0, 0, self)
        progress.setWindowTitle(self.tr("Importing"))
        progress.setAccessibleName(self.tr("Import progress"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel.set)
        task.signals.progress.connect(self._show_progress)
        task.signals.finished.connect(self._finished)
        self.task, self.progress = task, progress
        for action in (self.import_files_action, self.import_folder_action):
            action.setEnabled(False)
        write_lane().start(task)
        return task

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is not None:
            progress.setLabelText(self.tr("Read %1 of %2 files…").replace(
                "%1", str(done)).replace("%2", str(total)))
            progress.setMaximum(max(total, 1))
            # Last: a modal dialog's setValue processes events, and the import's end may
            # be among them.
            progress.setValue(done)

    @Slot(object)
    def _finished(self, outcome: ClassImportOutcome) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.task, self.progress = None, None
        for action in (self.import_files_action, self.import_folder_action):
            action.setEnabled(True)
        result = outcome.result
        self.failed = list(outcome.failure)
        if result is not None:
            self.failed += [*result.problems, *result.warnings]
            failed_files = len({p.file for p in result.problems})
            text = (self.tr("Imported %1 file(s): %2 attempt(s) added, %3 already there, "
                            "%4 new student(s).")
                    .replace("%1", str(result.files_read))
                    .replace("%2", str(result.attempts_added))
                    .replace("%3", str(result.attempts_already_there))
                    .replace("%4", str(result.students_added)))
            if failed_files:
                text += " " + self.tr("%1 file(s) could not be imported: see Problems.").replace(
                    "%1", str(failed_files))
        else:
            text = self.tr("The import failed: see Problems. Nothing was changed.")
        if outcome.cancelled:
            text = self.tr("Import cancelled; the files read before it stopped were kept.") \
                + " " + text
        self.status.setText(text)
        if self._close_when_done:
            self.close()
            return
        self.refresh()
        self.imported.emit(outcome)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A running import finishes its current file (its own transaction) first.
        if self.task is not None:
            self.task.cancel.set()
            self._close_when_done = True
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.tabs.techniques.layoutChanged.emit()  # shading follows the theme
        super().changeEvent(event)

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
                          title, text, QMessageBox.StandardButton.Ok, self)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
