"""Long work off the GUI thread: a one-lane pool for database writes and a progress dialog.

Writes are serialised through one worker thread (SQLite has a single writer anyway); the GUI
thread only shows progress and stays responsive. A task's work function receives a
`progress(done, total) -> bool` callback; it returns False once the user asked to cancel,
which the storage layer's import treats as "roll back, write nothing".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from trainer.core.errors import InvalidInput

ProgressFn = Callable[[int, int], bool]
WorkFn = Callable[[ProgressFn], Any]

_lane: QThreadPool | None = None
_running: set[Task] = set()


def write_lane() -> QThreadPool:
    global _lane
    if _lane is None:
        _lane = QThreadPool()
        _lane.setMaxThreadCount(1)
    return _lane


def error_text(exc: BaseException) -> str:
    if isinstance(exc, InvalidInput):
        lines = [p.format() for p in exc.problems[:20]]
        more = len(exc.problems) - len(lines)
        if more > 0:
            lines.append(QCoreApplication.translate("Tasks", "… and {n} more problems.")
                         .format(n=more))
        return "\n".join(lines)
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return QCoreApplication.translate(
        "Tasks", "Something went wrong ({kind}: {text}). Nothing was changed.").format(
        kind=type(exc).__name__, text=exc)


class TaskSignals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()  # after any of the three above


class Task(QRunnable):
    def __init__(self, work: WorkFn) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.worker_thread: int | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        self.worker_thread = threading.get_ident()
        try:
            result = self.work(self._progress)
        except Exception as exc:  # shown to the user as a message, never as a traceback
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(error_text(exc))
        else:
            # Finished work is committed even if Cancel came too late to stop it: say so.
            self.signals.succeeded.emit(result)
        self.signals.done.emit()


def start(work: WorkFn, pool: QThreadPool | None = None) -> Task:
    task = Task(work)
    _running.add(task)
    task.signals.done.connect(lambda: _running.discard(task))
    (pool or write_lane()).start(task)
    return task


def start_with_progress(parent: QWidget | None, label: str, work: WorkFn) -> Task:
    """Run `work` on the write lane behind a cancellable, window-modal progress dialog."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Tasks", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Tasks", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    task = Task(work)
    _running.add(task)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def on_done() -> None:
        _running.discard(task)
        dialog.close()
        dialog.deleteLater()

    task.signals.progress.connect(on_progress)
    task.signals.done.connect(on_done)
    dialog.canceled.connect(task.cancel)
    task.progress_dialog = dialog  # type: ignore[attr-defined]
    write_lane().start(task)
    return task
