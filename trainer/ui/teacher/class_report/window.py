"""Teacher → Class report…: the class's progress files imported from a USB stick or a folder,
and the report over them in tabs, with an assignment filter, a problems strip and exports.

Imports run on the write lane (import_task), the report on a lane of its own (report_task):
the window stays responsive while a term of a class is scored again. The report is asked for
again after every import, filter change or removal; a code edit is saved at once and patched
into the report in hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, QTime, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trainer.core.class_report import ClassReport
from trainer.core.errors import InvalidInput, Problem
from trainer.core.taxonomy import Taxonomy
from trainer.storage.errors import StoreError
from trainer.ui.teacher.class_report import exports, words
from trainer.ui.teacher.class_report.import_task import ClassImporter, ClassImportOutcome
from trainer.ui.teacher.class_report.problems import ImportProblem, ProblemsStrip, merge_import
from trainer.ui.teacher.class_report.report_task import ReportAnswer, ReportTask, report_lane
from trainer.ui.teacher.class_report.store_types import ClassesPart, StoreProvider
from trainer.ui.teacher.class_report.student_models import CodeRefused
from trainer.ui.teacher.class_report.tabs import EmptyPage, ReportTabs


class ClassReportWindow(QMainWindow):
    report_ready = Signal()  # a report arrived and is shown
    imported = Signal(object)  # ClassImportOutcome, once the report after it is shown

    def __init__(self, store_provider: StoreProvider, taxonomy: Taxonomy,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.store_provider = store_provider
        self.setWindowTitle(self.tr("Class report"))
        self.setAccessibleName(self.windowTitle())
        # Never larger than the screen: a 1024×600 netbook must see every control.
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1180, screen.width()) if screen else 1180,
                    min(760, screen.height()) if screen else 760)
        self.report = ClassReport()
        # Problems of every import since this window opened, newest first (problems.py).
        self.failed: list[ImportProblem] = []
        self.requests = 0  # the newest report asked for; older answers are dropped
        self.report_task: ReportTask | None = None
        self.after_import: ClassImportOutcome | None = None
        self._close_when_done = False
        self.importer = ClassImporter(self, self.classes)
        self.importer.finished.connect(self._imported)

        self.import_files_action = self._action(self.tr("&Import progress files…"), "Ctrl+I",
                                                self.importer.choose_files)
        self.import_folder_action = self._action(self.tr("Import a &folder…"), "Ctrl+Shift+I",
                                                 self.importer.choose_folder)
        self.csv_action = self._action(self.tr("Save &CSV for gradebook…"), "Ctrl+S",
                                       lambda: exports.save_csv(self, self.report))
        self.xapi_action = self._action(self.tr("Save &xAPI…"), "Ctrl+Shift+S",
                                        lambda: exports.save_xapi(self, self.report))
        self.pdf_action = self._action(
            self.tr("Save &PDF…"), "Ctrl+P",
            lambda: exports.save_pdf(self, self.report, self.tabs.heatmap.key))
        self.export_actions = (self.csv_action, self.xapi_action, self.pdf_action)
        close = self._action(self.tr("&Close"), QKeySequence.StandardKey.Close, self.close)
        # The menu holds every action too, so the keyboard reaches them all (Alt+C).
        menu = self.menuBar().addMenu(self.tr("&Class"))
        menu.addActions([self.import_files_action, self.import_folder_action])
        menu.addSeparator()
        menu.addActions(list(self.export_actions))
        menu.addSeparator()
        menu.addAction(close)
        self.assignment = QComboBox()
        self.assignment.setAccessibleName(self.tr("Assignment filter"))
        self.assignment.setToolTip(self.tr("Show all attempts, or only one assignment's"))
        self.assignment.addItem(self.tr("All attempts"), None)
        self.assignment.currentIndexChanged.connect(lambda _row: self.refresh())
        self.addToolBar(self._toolbar())

        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Class summary"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Last import"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.problems = ProblemsStrip()
        self.problems.clear_requested.connect(self.clear_import_problems)
        self.tabs = ReportTabs(taxonomy, self._save_code)
        self.tabs.remove_requested.connect(self.remove_student)
        self.tabs.students.code_rejected.connect(
            lambda message: self._tell(self.tr("Student code"), message, error=True))
        self.stack = QStackedWidget()
        self.empty = EmptyPage(self.importer.choose_folder, self.importer.choose_files)
        self.stack.addWidget(self.empty)
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

    def _toolbar(self) -> QToolBar:
        toolbar = QToolBar(self.tr("Class report tools"))
        toolbar.setAccessibleName(toolbar.windowTitle())
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.import_files_action, self.import_folder_action])
        toolbar.addSeparator()
        label = QLabel(self.tr("&Assignment:"))
        label.setBuddy(self.assignment)
        toolbar.addWidget(label)
        toolbar.addWidget(self.assignment)
        toolbar.addSeparator()
        toolbar.addActions(list(self.export_actions))
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None and action.text():
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        return toolbar

    # --- the report ----------------------------------------------------------------------
    def classes(self) -> ClassesPart | None:
        store = self.store_provider()
        return store.classes if store is not None else None

    def refresh(self) -> None:
        """Ask for the report again, for the chosen assignment; it is shown when it comes."""
        classes = self.classes()
        if classes is None:
            self.summary.setText(self.tr("The progress database is not open."))
            return
        self.requests += 1
        task = ReportTask(classes, self.assignment.currentData(), self.requests)
        task.signals.finished.connect(self._report_arrived)
        self.report_task = task
        self.summary.setText(self.tr("Making the report…"))
        for action in self.export_actions:
            action.setEnabled(False)
        report_lane().start(task)

    @Slot(object)
    def _report_arrived(self, answer: ReportAnswer) -> None:
        if answer.request != self.requests:
            return  # a newer request is on its way
        self.report_task = None
        if self._close_when_done:
            self.close()
            return
        if answer.error is not None:
            self.summary.setText(self.tr("The class data could not be read: %1")
                                 .replace("%1", answer.error))
            return
        self.report = answer.report
        self._fill_assignments(answer.assignments)
        self.stack.setCurrentIndex(0 if answer.empty else 1)
        self.tabs.set_report(self.report)
        self.problems.set_problems(self.failed, self.report)
        for action in self.export_actions:
            action.setEnabled(bool(self.report.attempts))
        students, attempts = len(self.report.students), len(self.report.attempts)
        articles = len(self.report.articles)
        # One literal per English form (lupdate reads both); %n puts the number in.
        self.summary.setText("" if answer.empty else " · ".join((
            self.tr("%n student", "", students) if students == 1
            else self.tr("%n students", "", students),
            self.tr("%n attempt counted", "", attempts) if attempts == 1
            else self.tr("%n attempts counted", "", attempts),
            self.tr("%n article", "", articles) if articles == 1
            else self.tr("%n articles", "", articles))))
        self.report_ready.emit()
        if self.after_import is not None:
            outcome, self.after_import = self.after_import, None
            self.imported.emit(outcome)

    def _fill_assignments(self, ids: list[tuple[str, str]]) -> None:
        current = self.assignment.currentData()
        self.assignment.blockSignals(True)
        self.assignment.clear()
        self.assignment.addItem(self.tr("All attempts"), None)
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
            saved = next((s.code for s in classes.students() if s.id == student_id), code)
        except InvalidInput as exc:
            raise CodeRefused("; ".join(p.message for p in exc.problems)) from exc
        except StoreError as exc:
            raise CodeRefused(exc.message) from exc
        # The exports read the report in hand: give it the new code without scoring again.
        report = self.report
        report.students = [replace(s, student_code=saved) if s.student_id == student_id
                           else s for s in report.students]
        report.attempts = [replace(a, student_code=saved) if a.student_id == student_id
                           else a for a in report.attempts]
        return saved

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
    def import_paths(self, paths: list[Path]) -> bool:
        """Import files or folders (as the dialogs do); False if one runs already."""
        return self.importer.import_paths(paths) is not None

    @Slot(object)
    def _imported(self, outcome: ClassImportOutcome) -> None:
        found: list[Problem] = list(outcome.failure)
        if outcome.result is not None:
            found += [*outcome.result.problems, *outcome.result.warnings]
        when = QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        # A cancelled import may not have reached a file again: what was said of it stays.
        self.failed = merge_import(self.failed, [ImportProblem(p, when) for p in found],
                                   [] if outcome.cancelled else outcome.paths)
        self.status.setText(words.import_summary(outcome))
        if self._close_when_done:
            self.close()
            return
        self.after_import = outcome
        self.refresh()

    def clear_import_problems(self) -> None:
        """Forget this session's import problems; the report's own findings stay."""
        self.failed = []
        self.problems.set_problems(self.failed, self.report)

    # --- the window ----------------------------------------------------------------------
    def reopen(self) -> None:
        """Teacher → Class report… again: show this window (it may be hidden, closing)."""
        self._close_when_done = False
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A running import finishes its current file (its own transaction), a report its
        # query; the window hides now and closes when they are done.
        if self.importer.task is not None or self.report_task is not None:
            self.importer.cancel()
            self._close_when_done = True
            event.ignore()
            self.hide()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.tabs.techniques.layoutChanged.emit()  # shading follows the theme
        super().changeEvent(event)

    def _tell(self, title: str, text: str, error: bool = False) -> None:
        exports.tell(self, title, text, error)
