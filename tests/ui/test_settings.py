"""Settings dialog values and background tasks off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from trainer.ui.shell.settings_dialog import SettingsDialog, UiSettings


class MemorySettings:
    """Stands in for a Store: only its `settings` part."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.settings = self

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any) -> None:
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
