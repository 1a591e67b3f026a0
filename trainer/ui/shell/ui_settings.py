"""The UI settings (text size, theme, practice level) and how they are stored.

Kept apart from the settings dialog so that start-up can read them without loading the
dialog's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from trainer.ui.shell.theme import THEMES

MIN_TEXT_SIZE, MAX_TEXT_SIZE, DEFAULT_TEXT_SIZE = 10, 28, 13


class SettingsStore(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...
    def set_setting(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class UiSettings:
    text_size: int = DEFAULT_TEXT_SIZE
    theme: str = "system"
    level: int | None = None  # None: every level

    @classmethod
    def load(cls, store: SettingsStore, profile_id: str | None) -> UiSettings:
        size = store.get_setting("ui.text_size", DEFAULT_TEXT_SIZE)
        theme = store.get_setting("ui.theme", "system")
        level = store.get_setting(f"profile.{profile_id}.level", None) if profile_id else None
        return cls(
            text_size=size if isinstance(size, int) and MIN_TEXT_SIZE <= size <= MAX_TEXT_SIZE
            else DEFAULT_TEXT_SIZE,
            theme=theme if theme in THEMES else "system",
            level=level if level in (1, 2, 3) else None,
        )

    def save(self, store: SettingsStore, profile_id: str | None) -> None:
        store.set_setting("ui.text_size", self.text_size)
        store.set_setting("ui.theme", self.theme)
        if profile_id:
            store.set_setting(f"profile.{profile_id}.level", self.level)
