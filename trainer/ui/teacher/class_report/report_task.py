"""The class report made off the GUI thread: store.classes.report scores every attempt again
(seconds for a whole term of a class), so the window asks for it here and shows it when it
arrives. Reports run one at a time on a lane of their own (reading does not wait for the
write lane); an answer to an older request is dropped by the window."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from trainer.core.class_report import ClassReport
from trainer.storage.errors import StoreError
from trainer.ui.teacher.class_report.store_types import ClassesPart

_lane: QThreadPool | None = None


def report_lane() -> QThreadPool:
    global _lane
    if _lane is None:
        _lane = QThreadPool()
        _lane.setMaxThreadCount(1)
    return _lane


@dataclass
class ReportAnswer:
    request: int
    empty: bool = True
    assignments: list[tuple[str, str]] = field(default_factory=list)
    report: ClassReport = field(default_factory=ClassReport)
    error: str | None = None


class ReportSignals(QObject):
    finished = Signal(object)  # ReportAnswer


class ReportTask(QRunnable):
    def __init__(self, classes: ClassesPart, assignment: str | None, request: int) -> None:
        super().__init__()
        self.classes = classes
        self.assignment = assignment
        self.request = request
        self.signals = ReportSignals()
        self.setAutoDelete(False)  # the window keeps it (and its signals) until finished

    def run(self) -> None:
        answer = ReportAnswer(self.request)
        try:
            answer.empty = self.classes.is_empty()
            answer.assignments = self.classes.assignment_ids()
            if not answer.empty:
                answer.report = self.classes.report(self.assignment)
        except StoreError as exc:
            answer.error = exc.message
        except Exception as exc:  # a worker must report, never crash the thread pool
            answer.error = str(exc) or type(exc).__name__
        self.signals.finished.emit(answer)
