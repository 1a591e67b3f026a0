"""Settings dialog values and background tasks off the GUI thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from trainer.ui import tasks
from trainer.ui.settings_dialog import SettingsDialog, UiSettings


class MemorySettings:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.values[key] = value


def test_settings_round_trip_and_reject_bad_values(qtbot: QtBot, tmp_path: Path) -> None:
    store = MemorySettings()
    dialog = SettingsDialog(UiSettings(), tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == str(tmp_path)
    dialog.text_size.setValue(18)
    dialog.theme.setCurrentIndex(3)
    dialog.level.setCurrentIndex(2)
    chosen = dialog.values()
    assert chosen == UiSettings(18, "high-contrast", 2)
    chosen.save(store, "p1")
    assert UiSettings.load(store, "p1") == chosen
    store.values.update({"ui.text_size": 400, "ui.theme": "neon"})
    assert UiSettings.load(store, "p1") == UiSettings(level=2)


def test_task_runs_off_the_gui_thread_and_reports(qtbot: QtBot) -> None:
    seen: list[tuple[int, int]] = []

    def work(progress: tasks.ProgressFn) -> str:
        for done in range(5):
            progress(done, 5)
        return "ok"

    task = tasks.Task(work)
    task.signals.progress.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(task.signals.succeeded, timeout=5000) as blocker:
        tasks.write_lane().start(task)
    assert blocker.args == ["ok"]
    assert task.worker_thread is not None
    assert task.worker_thread != threading.get_ident()
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert seen == [(d, 5) for d in range(5)]


def test_cancelled_task_reports_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()

    def work(progress: tasks.ProgressFn) -> None:
        started.set()
        for done in range(200):
            if not progress(done, 200):
                raise RuntimeError("stopped")
            time.sleep(0.01)

    task = tasks.start(work)
    assert started.wait(5)
    with qtbot.waitSignal(task.signals.cancelled, timeout=5000):
        task.cancel()
    assert task.is_cancelled
