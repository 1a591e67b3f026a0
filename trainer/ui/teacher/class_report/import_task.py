"""Class import off the GUI thread: store.classes.import_files on the one write lane
(trainer.ui.widgets.tasks), with progress and Cancel (checked between files; each file is
stored in its own transaction, so a cancelled import keeps what it finished and nothing half).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from trainer.core.errors import InvalidInput, Problem
from trainer.ui.teacher.class_report.store_types import ClassesPart, ImportResultLike


@dataclass
class ClassImportOutcome:
    result: ImportResultLike | None = None
    failure: list[Problem] = field(default_factory=list)  # when the import itself failed
    cancelled: bool = False


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
        self.setAutoDelete(False)  # the window keeps it (and its signals) until finished

    def run(self) -> None:
        outcome = ClassImportOutcome()
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
