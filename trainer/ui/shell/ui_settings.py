"""The UI settings (text size, theme, practice level) and how they are stored.

Kept apart from the settings dialog so that start-up can read them without loading the
dialog's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from trainer.ui.shell.theme import THEMES

MIN_TEXT_SIZE, MAX_TEXT_SIZE, DEFAULT_TEXT_SIZE = 10, 28, 13


class SettingsPart(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


class SettingsStore(Protocol):
    """What of trainer.storage.service.Store this needs: `store.settings`."""

    @property
    def settings(self) -> SettingsPart: ...


@dataclass(frozen=True)
class UiSettings:
    text_size: int = DEFAULT_TEXT_SIZE
    theme: str = "system"
    level: int | None = None  # None: every level

    @classmethod
    def load(cls, store: SettingsStore, profile_id: str | None) -> UiSettings:
        size = store.settings.get("ui.text_size", DEFAULT_TEXT_SIZE)
        theme = store.settings.get("ui.theme", "system")
        level = store.settings.get(f"profile.{profile_id}.level", None) if profile_id else None
        return cls(
            text_size=size if isinstance(size, int) and MIN_TEXT_SIZE <= size <= MAX_TEXT_SIZE
            else DEFAULT_TEXT_SIZE,
            theme=theme if theme in THEMES else "system",
            level=level if level in (1, 2, 3) else None,
        )

    def save(self, store: SettingsStore, profile_id: str | None) -> None:
        store.settings.set("ui.text_size", self.text_size)
        store.settings.set("ui.theme", self.theme)
        if profile_id:
            store.settings.set(f"profile.{profile_id}.level", self.level)
