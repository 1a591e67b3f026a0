"""Class import off the GUI thread: store.classes.import_files on the one write lane
(trainer.ui.widgets.tasks), with a progress dialog and Cancel (checked between files; each file
is stored in its own transaction, so a cancelled import keeps what it finished and nothing
half)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from trainer.core.errors import InvalidInput, Problem
from trainer.ui.teacher.class_report.store_types import ClassesPart, ImportResultLike
from trainer.ui.widgets import file_dialogs
from trainer.ui.widgets.tasks import write_lane


@dataclass
class ClassImportOutcome:
    result: ImportResultLike | None = None
    failure: list[Problem] = field(default_factory=list)  # when the import itself failed
    cancelled: bool = False
    paths: list[Path] = field(default_factory=list)  # the files and folders it was given


class ClassImportSignals(QObject):
    progress = Signal(int, int)  # files done, files in all
    finished = Signal(object)  # ClassImportOutcome


class ClassImportTask(QRunnable):
    def __init__(self, classes: ClassesPart, paths: Sequence[Path]) -> None:
        super().__init__()
        self.classes = classes
        self.paths = list(paths)
        self.cancel = threading.Event()
        self.signals = ClassImportSignals()
        self.setAutoDelete(False)  # the controller keeps it (and its signals) until finished

    def run(self) -> None:
        outcome = ClassImportOutcome(paths=list(self.paths))
        try:
            outcome.result = self.classes.import_files(
                self.paths, lambda done, total: self.signals.progress.emit(done, total),
                self.cancel.is_set)
        except InvalidInput as exc:
            outcome.failure = list(exc.problems)
        except Exception as exc:  # a worker must report, never crash the thread pool
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            outcome.failure = [Problem(", ".join(p.name for p in self.paths[:3]), message)]
        outcome.cancelled = self.cancel.is_set()
        self.signals.finished.emit(outcome)


class ClassImporter(QObject):
    """The file dialogs, the running import and its progress dialog, for one window."""

    finished = Signal(object)  # ClassImportOutcome

    def __init__(self, parent: QWidget, classes: Callable[[], ClassesPart | None]) -> None:
        super().__init__(parent)
        self.window = parent
        self.classes = classes
        self.task: ClassImportTask | None = None
        self.progress: QProgressDialog | None = None

    def choose_files(self) -> None:
        paths = file_dialogs.open_files(
            self.window, file_dialogs.PROGRESS, self.tr("Import progress files"),
            self.tr("Progress files (*.mltprogress *.json);;All files (*)"))
        if paths:
            self.import_paths(paths)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self.window, file_dialogs.PROGRESS,
            self.tr("Import the progress files in a folder (a USB stick)"))
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: Sequence[Path]) -> ClassImportTask | None:
        """Start importing; None when an import runs already or the store is not open."""
        classes = self.classes()
        if classes is None or self.task is not None:
            return None
        task = ClassImportTask(classes, paths)
        progress = QProgressDialog(self.tr("Reading the progress files…"), self.tr("Cancel"),
                                   0, 0, self.window)
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
        write_lane().start(task)
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel.set()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is not None:
            read = (self.tr("Read %1 of %n file…", "", total) if total == 1
                    else self.tr("Read %1 of %n files…", "", total))
            progress.setLabelText(read.replace("%1", str(done)))
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
        self.finished.emit(outcome)
